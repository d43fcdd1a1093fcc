"""Warm the explorer right after ``regiograph serve`` starts, before anyone opens it.

``serve`` starts this as a small detached process next to Streamlit (enabled with
``server.scriptHealthCheckEnabled``): it waits until the server answers, then asks for one
headless script run (``/_stcore/script-health-check``).  That run opens the store, fills the
overview's tables and starts ``app.py``'s background warm-up of every other page, so the
first visitor does not pay for the cold caches.  Cost: one script run (~1 s at national
size) plus the background warm-up (~3-4 s of one core).

Run:  python -m regiograph_pages.warm_start http://127.0.0.1:8501 [--wait 120]
"""

from __future__ import annotations

import sys
import time
import urllib.request

__all__ = ["warm_start", "main"]


def warm_start(url: str, wait_s: float = 120.0) -> bool:
    """Answer whether one headless run of the app at ``url`` succeeded, after waiting up to
    ``wait_s`` seconds for the server to come up."""
    base = url.rstrip("/")
    deadline = time.monotonic() + wait_s
    while True:
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read()
            break
        except OSError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.2)
    try:
        urllib.request.urlopen(f"{base}/_stcore/script-health-check", timeout=wait_s).read()
    except OSError:  # the run failed (e.g. no store): the visitor sees the message
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Command line: ``URL [--wait SECONDS]``; exit status 0 when the run succeeded."""
    args = list(sys.argv[1:] if argv is None else argv)
    wait_s = 120.0
    if "--wait" in args:
        i = args.index("--wait")
        wait_s = float(args[i + 1])
        del args[i:i + 2]
    return 0 if warm_start(args[0], wait_s) else 1


if __name__ == "__main__":
    sys.exit(main())
