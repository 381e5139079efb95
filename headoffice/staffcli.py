"""`kaika-headoffice staff add|list|password|disable`: console accounts (the first admin is made
here). A password comes from a prompt or a file, never from argv, where `ps` would show it."""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from domain.errors import ValidationError
from domain.inputs import InputError, read_bytes, utf8_text
from headoffice import staff


def add_commands(sub: Any, common: argparse.ArgumentParser,
                 engine: Callable[[argparse.Namespace], Engine]) -> None:
    group = sub.add_parser("staff", help="head-office console accounts").add_subparsers(
        metavar="ACTION")
    add = group.add_parser("add", parents=[common], help="add a console account")
    add.add_argument("--login", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=staff.ROLES)
    add.add_argument("--password-file", type=Path, default=None,
                     help="a file holding the password (default: asked twice at a prompt)")
    add.add_argument("--merchant", default=None,
                     help="a merchant's staff: its stores and tills only (default: every "
                          "merchant, the head-office operator's staff)")
    add.set_defaults(func=lambda args: _add(args, engine(args)))
    shown = group.add_parser("list", parents=[common], help="accounts and their roles")
    shown.set_defaults(func=lambda args: _list(engine(args)))
    reset = group.add_parser("password", parents=[common],
                             help="set a new password (the account's sessions end)")
    reset.add_argument("--login", required=True)
    reset.add_argument("--password-file", type=Path, default=None)
    reset.set_defaults(func=lambda args: _reset(args, engine(args)))
    off = group.add_parser("disable", parents=[common], help="no more log-ins; sessions end")
    off.add_argument("--login", required=True)
    off.set_defaults(func=lambda args: _disable(args, engine(args)))


def _add(args: argparse.Namespace, engine: Engine) -> int:
    password = _password(args.password_file)
    staff.add(engine, args.login, args.name, args.role, password, datetime.now(UTC),
              merchant=args.merchant)
    print(f"kaika-headoffice: staff {args.login} added ({args.role})")
    return 0


def _list(engine: Engine) -> int:
    for row in staff.listed(engine):
        state = f"disabled {row['disabled_at']:%Y-%m-%d}" if row["disabled_at"] else "active"
        print(f"{row['login']:<20} {row['role']:<15} {state:<20} {row['name']}")
    return 0


def _reset(args: argparse.Namespace, engine: Engine) -> int:
    staff.set_password(engine, args.login, _password(args.password_file), datetime.now(UTC))
    print(f"kaika-headoffice: staff {args.login} has a new password; their sessions ended")
    return 0


def _disable(args: argparse.Namespace, engine: Engine) -> int:
    staff.disable(engine, args.login, datetime.now(UTC))
    print(f"kaika-headoffice: staff {args.login} disabled; their sessions ended")
    return 0


def _password(path: Path | None) -> str:
    if path is not None:
        try:
            return utf8_text(read_bytes(path), str(path)).rstrip("\r\n")
        except InputError:
            raise ValidationError("staff.password_file_unreadable", field="password-file",
                                  path=str(path)) from None
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise ValidationError("staff.password_mismatch", field="password")
    return first
