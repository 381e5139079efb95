"""The `kaika` command line: a table of commands, each loaded only when it runs.

`kaika --help` lists every command from the table below without importing any of them;
`kaika COMMAND ...` imports only the module that registers COMMAND, so a command does not
pay for Qt, the printer drivers, OpenCV or the sync client it never uses."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from domain.errors import DomainError, RulePackError

# (module that registers the commands, its register function, {command: help}) in the
# order `kaika --help` lists them; the helps must match the ones the modules register.
COMMANDS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("desktop.cli_store", "register", {
        "init": "create or upgrade a store database",
        "simulate": "replay a scenario and print JSON",
        "verify": "integrity check and balances from ledgers",
        "demo": "the demo store: ring one sale in the terminal, or render the till's screens "
                "to pictures",
    }),
    ("desktop.launch", "add_run_command", {"run": "open the till (the cashier's window)"}),
    ("desktop.cli_backup", "register", {
        "backup": "copy the store database and its key, while the till runs",
        "restore": "put a backup back after checking it",
        "support-bundle": "a zip for support: logs, versions, device settings, verify (no "
                          "personal data, no keys)",
    }),
    ("hardware.cli", "register", {"hardware": "check and try the store's devices"}),
    ("sync.cli", "register", {
        "enroll": "enrol this till with head office (one-time code)",
        "sync": "sync with head office (until Ctrl-C, or --once)",
    }),
    ("desktop.report_cli", "register", {
        "report": "print or save the manager's reports",
        "import": "import members from an old system",
        "export": "export members for messaging",
    }),
)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = _parser(_command_in(args_list))
    args = parser.parse_args(args_list)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except RulePackError as err:  # a pack file handed in (`init --rulepack FILE`) is wrong
        print(f"kaika: {err}", file=sys.stderr)
        return 2
    except DomainError as err:
        from desktop.cli_errors import say

        print(say(err), file=sys.stderr)
        return 1


def _command_in(argv: Sequence[str]) -> str | None:
    """The command named: `kaika` itself takes no option but -h, so it is the first word."""
    first = next((word for word in argv if not word.startswith("-")), None)
    return first if any(first in helps for _, _, helps in COMMANDS) else None


def _parser(command: str | None) -> argparse.ArgumentParser:
    """The full parser of `command`'s module; every other command is its name and help only."""
    parser = argparse.ArgumentParser(prog="kaika", description="Kaika point of sale")
    sub = parser.add_subparsers(metavar="COMMAND")
    for module, function, helps in COMMANDS:
        if command in helps:
            getattr(importlib.import_module(module), function)(sub)
            continue
        for name, text in helps.items():
            sub.add_parser(name, help=text, add_help=False)
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
