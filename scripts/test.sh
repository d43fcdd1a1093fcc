#!/usr/bin/env bash
# One command from a fresh clone to the full test run: set up (incl. Debian's chromium for the
# real-browser test), then run every test.  The FalkorDB server is started by the test run;
# Neo4j tests run when NEO4J_URI is set and are skipped with a reason otherwise.
# Usage: scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
exec .venv/bin/python -m pytest -ra "$@"
