#!/usr/bin/env bash
# One command from a fresh clone to the app: set up, import the bundled real DUO/CBS data plus
# the clearly labelled SYNTHETIC demo registry into the embedded FalkorDB store, open the app.
# Usage: scripts/app.sh [--port 8501]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/regiograph import --all --demo-registry
exec .venv/bin/regiograph serve "$@"
