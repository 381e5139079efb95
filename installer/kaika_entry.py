"""The bundle's `kaika` program: the same command line as the wheel's `kaika` entry point."""

from desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
