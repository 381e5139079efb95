"""The Windows bundle's `kaika-till` program: the till window (`kaika run`) without a console."""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    # Started as the import's worker process (desktop/workers.py): be that, not a second till.
    multiprocessing.freeze_support()
    raise SystemExit(main(["run", *sys.argv[1:]]))
