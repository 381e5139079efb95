"""The Windows bundle's `kaika-till` program: the till window (`kaika run`) without a console."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["run", *sys.argv[1:]]))
