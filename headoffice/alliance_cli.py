"""`kaika-headoffice alliance ...`: create an alliance, add merchants, add, end and list agreements,
record entries, close a period, list periods, print a merchant's statement (text, CSV, JSON or
PDF) and its activity report."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from domain.alliance import AgreementError
from domain.alliance_settlement import EntryKind, check_period, period_days
from domain.inputs import InputError, read_bytes
from headoffice import alliance, alliance_activity, alliance_roster, alliance_settlement
from headoffice import alliance_activity_formats as activity_formats
from headoffice.alliance_file import agreements_from
from headoffice.alliance_report import as_csv, as_text, statement_doc
from headoffice.messages import SENTENCES
from reporting.document import as_pdf

EngineOf = Callable[[argparse.Namespace], Engine]
Clock = Callable[[], datetime]


def add_commands(sub: Any, common: argparse.ArgumentParser, engine_of: EngineOf,
                 clock: Clock) -> None:
    """The `alliance` command and its actions, run on `engine_of(args)` at `clock()`."""
    actions = sub.add_parser("alliance", help="alliances of merchants: agreements, settlement"
                             ).add_subparsers(metavar="ACTION")

    def action(name: str, run: Callable[..., int], help_text: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = actions.add_parser(name, parents=[common],
                                                             help=help_text)
        parser.set_defaults(func=lambda args: run(args, engine_of(args), clock()))
        return parser

    create = action("create", _create, "a new alliance")
    create.add_argument("--code", required=True)
    create.add_argument("--name", default="")
    join = action("add-merchant", _add_merchant, "a merchant joins an alliance")
    join.add_argument("--alliance", required=True)
    join.add_argument("--merchant", required=True)
    agree = action("add-agreements", _add_agreements,
                   "agreements from a TOML or JSON file ([[agreements]])")
    agree.add_argument("--alliance", required=True)
    agree.add_argument("file", type=Path)
    end = action("end-agreement", _end_agreement, "set an agreement's last day (today or later)")
    end.add_argument("--alliance", required=True)
    end.add_argument("--id", required=True, help="the agreement's id (see `agreements`)")
    end.add_argument("--on", type=date.fromisoformat, required=True, metavar="YYYY-MM-DD",
                     help="its last day in force")
    action("agreements", _list_agreements, "list the agreements").add_argument(
        "--alliance", required=True)
    action("rosters", _rosters, "bring the partners' rosters of consenting members' cards up "
           "to date (daily: ended agreements void them)").add_argument("--alliance",
                                                                     required=True)
    _record_parser(action("record", _record, "record one trade entry (tests, demo, fixes)"))
    close = action("close", _close, "close a month: statements made, never rewritten")
    close.add_argument("--alliance", required=True)
    close.add_argument("--period", required=True, metavar="YYYY-MM")
    close.add_argument("--by", required=True, help="who closes it")
    pay = action("settlement", _settlement, "who pays whom for a month, pair by pair")
    pay.add_argument("--alliance", required=True)
    pay.add_argument("--period", required=True, metavar="YYYY-MM")
    action("periods", _periods, "periods: closed or not, entries, each merchant's net"
           ).add_argument("--alliance", required=True)
    show = action("statement", _statement, "a merchant's statement for a month")
    show.add_argument("--alliance", required=True)
    show.add_argument("--merchant", required=True)
    show.add_argument("--period", required=True, metavar="YYYY-MM")
    show.add_argument("--format", choices=("text", "csv", "json", "pdf"), default="text")
    show.add_argument("--lang", choices=("zh", "en"), default="zh")
    show.add_argument("--out", type=Path, default=None, help="write to this file")
    _activity_parser(action("activity", _activity,
                            "a merchant's members at partners and partners' members at its "
                            "stores (rule 5)"))


def _activity_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--alliance", required=True)
    parser.add_argument("--merchant", required=True)
    days = parser.add_mutually_exclusive_group(required=True)
    days.add_argument("--period", metavar="YYYY-MM", help="a whole month")
    days.add_argument("--from", dest="since", type=date.fromisoformat, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="until", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="the last day (with --from; default: the same day)")
    parser.add_argument("--format", choices=("text", "csv", "json"), default="text")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--out", type=Path, default=None, help="write to this file")


def _record_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--alliance", required=True)
    parser.add_argument("--kind", required=True, choices=[k.value for k in EntryKind])
    parser.add_argument("--issuer", required=True,
                        help="the card's merchant (for a coupon: the merchant who funded it)")
    parser.add_argument("--partner", required=True,
                        help="the honouring merchant (for a coupon: where it was redeemed)")
    parser.add_argument("--date", type=date.fromisoformat, required=True)
    parser.add_argument("--source", required=True, help="the sale or ledger entry id")
    parser.add_argument("--points", type=int, default=0)
    parser.add_argument("--sale-fen", type=int, default=0, help="commission: the sale amount")
    parser.add_argument("--amount-fen", type=int, default=0, help="coupon: its face value")
    parser.add_argument("--note", default="")


def _print(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _create(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    with engine.begin() as conn:
        alliance_id = alliance.create_alliance(conn, args.code, args.name, now)
    _print({"alliance": args.code, "id": alliance_id})
    return 0


def _add_merchant(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    with engine.begin() as conn:
        added = alliance.add_merchant(conn, args.alliance, args.merchant, now)
    _print({"alliance": args.alliance, "merchant": args.merchant, "added": added})
    return 0


def _add_agreements(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    """The file is checked whole before anything is stored: each problem with its JSON path,
    exit 2."""
    name = str(args.file)
    try:
        found = agreements_from(read_bytes(args.file), name)
    except InputError as err:
        print(f"kaika-headoffice: {err.message}", file=sys.stderr)
        return 2
    except AgreementError as err:
        for problem in err.problems:
            sentence = SENTENCES.get(problem.code, "Not allowed here.")
            print(f"kaika-headoffice: {name}: {problem.path}: {sentence} [{problem.code}]",
                  file=sys.stderr)
        return 2
    with engine.begin() as conn:
        ids = alliance.add_agreements(conn, args.alliance, found, now)
    _print({"alliance": args.alliance, "added": ids})
    return 0


def _end_agreement(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    with engine.begin() as conn:
        _print(alliance.end_agreement(conn, args.alliance, args.id, args.on, now))
    return 0


def _list_agreements(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    with engine.connect() as conn:
        _print(alliance.list_agreements(conn, args.alliance))
    return 0


def _rosters(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    with engine.begin() as conn:
        _print({"published": alliance_roster.refresh_alliance(conn, args.alliance, now)})
    return 0


def _record(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    new = alliance_settlement.NewEntry(
        kind=args.kind, issuer=args.issuer, partner=args.partner, occurred_on=args.date,
        source=args.source, points=args.points, sale_fen=args.sale_fen,
        amount_fen=args.amount_fen, note=args.note)
    with engine.begin() as conn:
        _print(alliance_settlement.record_entry(conn, args.alliance, new, now))
    return 0


def _close(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    with engine.begin() as conn:
        _print(alliance_settlement.close_period(conn, args.alliance, args.period, args.by, now))
    return 0


def _settlement(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    with engine.connect() as conn:
        _print(alliance_settlement.settlement(conn, args.alliance, args.period))
    return 0


def _periods(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    with engine.connect() as conn:
        _print(alliance_settlement.periods(conn, args.alliance))
    return 0


def _statement(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    with engine.connect() as conn:
        found = alliance_settlement.statement(conn, args.alliance, args.merchant, args.period)
    if args.format == "pdf":
        _emit(args.out, as_pdf(statement_doc(found, args.lang)))
        return 0
    if args.format == "json":
        text = json.dumps(found, ensure_ascii=False, indent=2, default=str) + "\n"
    else:
        text = as_csv(found) if args.format == "csv" else as_text(found, args.lang)
    _emit(args.out, text.encode("utf-8"))
    return 0


def _emit(out: Path | None, data: bytes) -> None:
    """To the file, else to standard output (a PDF as its bytes)."""
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        out.write_bytes(data)


def _activity(args: argparse.Namespace, engine: Engine, now: datetime) -> int:
    if args.period is not None:
        since, until = period_days(check_period(args.period))
    else:
        since, until = args.since, args.until or args.since
    with engine.connect() as conn:
        found = alliance_activity.activity(conn, args.alliance, args.merchant, since, until)
    if args.format == "json":
        text = json.dumps(found, ensure_ascii=False, indent=2) + "\n"
    else:
        text = (activity_formats.as_csv(found) if args.format == "csv"
                else activity_formats.as_text(found, args.lang))
    _emit(args.out, text.encode("utf-8"))
    return 0
