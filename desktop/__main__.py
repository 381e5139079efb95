"""`python -m desktop`: the till, as `kaika run` (same options: --demo, --db, --lang, ...)."""

from __future__ import annotations

import sys

from desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["run", *sys.argv[1:]]))
