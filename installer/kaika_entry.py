"""The bundle's `kaika` program: the same command line as the wheel's `kaika` entry point."""

import multiprocessing

from desktop.cli import main

if __name__ == "__main__":
    # A frozen program started as the import's worker process (desktop/workers.py) runs the
    # worker here instead of the command line.
    multiprocessing.freeze_support()
    raise SystemExit(main())
