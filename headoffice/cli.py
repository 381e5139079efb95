"""`kaika-headoffice`: serve the API, migrate, add stores, enrol and revoke tills, make the
answer-signing keys, keep the monthly partitions, publish the catalogue, register pre-printed
cards, print reports, run checks, resolve reconciliation cases and settle alliances."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from domain.errors import DomainError
from domain.inputs import InputError, read_bytes
from headoffice import (
    alliance_cli,
    cardblocks,
    cases,
    checks,
    demo,
    keys,
    partitions,
    reports,
    staffcli,
    tenancy,
)
from headoffice.engine import DB_ENV, is_sqlite, make_engine
from headoffice.messages import say
from headoffice.migrate import current, head, require_head, upgrade
from headoffice.packs import PackBook
from headoffice.publish import checked, publish
from headoffice.serve import ADMIN_TOKEN_ENV, add_options, engine_for, run, settings_from

__all__ = ["ADMIN_TOKEN_ENV", "main"]
OPENAPI = Path(__file__).resolve().parent / "openapi.json"


def now() -> datetime:
    return datetime.now(UTC)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except DomainError as err:
        print(say(err), file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=None,
                        help=f"database URL (default: ${DB_ENV} or a SQLite file)")
    parser = argparse.ArgumentParser(prog="kaika-headoffice", description="Kaika head office")
    sub = parser.add_subparsers(metavar="COMMAND")
    serve = sub.add_parser("serve", parents=[common], help="run the HTTP API")
    add_options(serve)
    serve.set_defaults(func=run)
    migrate = sub.add_parser("migrate", parents=[common], help="upgrade the schema")
    migrate.add_argument("--check", action="store_true",
                         help="only say whether the schema is at head (exit 1 if not); "
                              "change nothing")
    migrate.set_defaults(func=_migrate)
    keygen = sub.add_parser("keygen", help="make head office's answer-signing key file")
    where = keygen.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, help="a new key file (mode 0600) with one key")
    where.add_argument("--add", type=Path, help="add a new key to a key file (rotation)")
    keygen.set_defaults(func=_keygen)
    _store_commands(sub, common)
    enroll = sub.add_parser("enroll", parents=[common], help="one-time code for a new till")
    enroll.add_argument("--store", required=True)
    enroll.add_argument("--valid-minutes", type=int, default=tenancy.DEFAULT_CODE_MINUTES)
    enroll.add_argument("--terminal", default=None,
                        help="re-enrol this known terminal (a reinstalled till keeps its id)")
    enroll.set_defaults(func=_enroll)
    revoke = sub.add_parser("revoke", parents=[common], help="refuse a lost or stolen till")
    revoke.add_argument("--terminal", required=True)
    revoke.add_argument("--restore", action="store_true", help="undo a revocation")
    revoke.set_defaults(func=_revoke)
    terms = sub.add_parser("terminals", parents=[common],
                            help="list enrolled tills: last seen, clock skew (flagged)")
    terms.add_argument("--store", default=None)
    terms.set_defaults(func=_terminals)
    pub = sub.add_parser("publish", parents=[common], help="send catalogue, packs, staff")
    pub.add_argument("file", type=Path)
    pub.add_argument("--merchant", default=None)
    pub.set_defaults(func=_publish)
    _report_commands(sub, common)
    upkeep = sub.add_parser("maintain", parents=[common],
                            help="PostgreSQL: make the coming months' partitions, detach old")
    upkeep.add_argument("--ahead", type=int, default=partitions.AHEAD,
                        help="months ahead to have partitions for (default %(default)s)")
    upkeep.add_argument("--detach-before", default=None, metavar="YYYY-MM",
                        help="detach the partitions of months before this one, for archive")
    upkeep.set_defaults(func=_maintain)
    _card_commands(sub, common)
    alliance_cli.add_commands(sub, common, _engine, now)
    staffcli.add_commands(sub, common, _engine)
    demo.add_command(sub)
    spec = sub.add_parser("openapi", help="print the API description (OpenAPI 3 JSON)")
    spec.add_argument("--out", type=Path, default=None, help=f"write it (e.g. {OPENAPI})")
    spec.set_defaults(func=_openapi)
    return parser


def _store_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    store = sub.add_parser("store", help="stores").add_subparsers(metavar="ACTION")
    add = store.add_parser("add", parents=[common], help="add a store")
    add.add_argument("--code", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--merchant", default="M001")
    add.add_argument("--merchant-name", default="")
    add.add_argument("--region", default="3101")
    add.add_argument("--tz", default="Asia/Shanghai")
    add.add_argument("--day-close", default="04:00")
    add.add_argument("--rulepack", default="fashion")
    add.add_argument("--brand", default=None,
                     help="the new merchant's card brand, two digits (default: head office's)")
    add.set_defaults(func=_store_add)
    store.add_parser("list", parents=[common], help="list stores").set_defaults(
        func=_store_list)


def _report_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    report = sub.add_parser("report", help="reports across stores").add_subparsers(
        metavar="REPORT")
    liab = report.add_parser("liability", parents=[common], help="points and wallet owed")
    liab.add_argument("--merchant", default="M001")
    liab.set_defaults(func=_liability)
    daily = report.add_parser("points-daily", parents=[common], help="daily points report")
    daily.add_argument("--date", type=date.fromisoformat, required=True)
    daily.add_argument("--store", default=None, help="a store code; default: every store")
    daily.set_defaults(func=_points_daily)
    case = sub.add_parser("cases", help="reconciliation cases").add_subparsers(metavar="ACTION")
    listing = case.add_parser("list", parents=[common])
    listing.add_argument("--all", action="store_true", help="resolved ones too")
    listing.set_defaults(func=_cases_list)
    resolve = case.add_parser("resolve", parents=[common])
    resolve.add_argument("case_id")
    resolve.add_argument("--by", required=True)
    resolve.add_argument("--note", default="")
    resolve.set_defaults(func=_cases_resolve)


def _card_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    card = sub.add_parser("cards", help="card numbers: pre-printed stock, blocks").add_subparsers(
        metavar="ACTION")
    reg = card.add_parser("register", parents=[common],
                          help="register pre-printed cards to a store")
    reg.add_argument("--store", required=True)
    reg.add_argument("--from", dest="first", required=True, help="the first card number")
    reg.add_argument("--to", dest="last", required=True, help="the last card number")
    reg.set_defaults(func=_cards_register)
    listing = card.add_parser("list", parents=[common], help="serial blocks and stock")
    listing.add_argument("--store", default=None)
    listing.set_defaults(func=_cards_list)
    check = sub.add_parser("check", parents=[common],
                           help="consistency checks (card numbers of two members); exit 1 "
                                "when something is found")
    check.add_argument("--only", choices=sorted(checks.CHECKS), default=None)
    check.set_defaults(func=_check)


def _engine(args: argparse.Namespace, *, migrating: bool = True) -> Any:
    """The database of `--db`, else of the settings ($KAIKA_HO_DB, $KAIKA_HO_DB_POOLER...)."""
    settings = settings_from(args)
    if settings is None:
        raise SystemExit(2)
    engine = engine_for(settings)
    if migrating and is_sqlite(engine):
        upgrade(engine)  # the embedded head office of one shop sets itself up
    return engine


def _print(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _migrate(args: argparse.Namespace) -> int:
    engine = _engine(args, migrating=False)
    if args.check:
        at, expected = current(engine), head()
        if at == expected:
            print(f"kaika-headoffice: schema is at head ({expected})")
            return 0
        print(f"kaika-headoffice: schema is at {at or 'nothing'}, this code expects {expected}; "
              "run `kaika-headoffice migrate`", file=sys.stderr)
        return 1
    upgrade(engine)
    print("kaika-headoffice: schema is current")
    return 0


def _maintain(args: argparse.Namespace) -> int:
    engine = _engine(args)
    if is_sqlite(engine):
        print("kaika-headoffice: a SQLite head office has no partitions; nothing to do")
        return 0
    require_head(engine)  # the tables are partitioned from h0009 on
    try:
        detach = partitions.parse_month(args.detach_before) if args.detach_before else None
        with engine.begin() as conn:
            done = partitions.maintain(conn, now().date(), max(args.ahead, 0), detach)
    except ValueError as err:
        print(f"kaika-headoffice: {err}", file=sys.stderr)
        return 2
    print(partitions.report(done))
    return 0


def _keygen(args: argparse.Namespace) -> int:
    public = keys.new_key_file(args.out) if args.out else keys.add_key(args.add)
    print(f"kaika-headoffice: new answer key {public} in {args.out or args.add}")
    return 0


def _store_add(args: argparse.Namespace) -> int:
    info = tenancy.add_store(_engine(args), tenancy.NewStore(
        merchant_code=args.merchant, code=args.code, name=args.name, region_code=args.region,
        tz=args.tz, day_close=args.day_close, rulepack=args.rulepack,
        merchant_name=args.merchant_name, brand=args.brand), now())
    _print(info.model_dump())
    return 0


def _store_list(args: argparse.Namespace) -> int:
    _print([s.model_dump() for s in tenancy.list_stores(_engine(args))])
    return 0


def _enroll(args: argparse.Namespace) -> int:
    code = tenancy.new_enrol_code(_engine(args), args.store, now(), args.valid_minutes,
                                  terminal_id=args.terminal)
    print(code)
    return 0


def _revoke(args: argparse.Namespace) -> int:
    tenancy.revoke(_engine(args), args.terminal, now(), restore=args.restore)
    print(f"kaika-headoffice: terminal {args.terminal} "
          f"{'restored' if args.restore else 'revoked'}")
    return 0


def _terminals(args: argparse.Namespace) -> int:
    _print(tenancy.list_terminals(_engine(args), args.store, PackBook()))
    return 0


def _publish(args: argparse.Namespace) -> int:
    """The publication file is checked whole before anything is stored: each problem with its
    JSON path and what is allowed, exit 2."""
    try:
        doc, problems = checked(read_bytes(args.file), str(args.file))
    except InputError as err:
        doc, problems = None, [err.message]
    if doc is None:
        for problem in problems:
            print(f"kaika-headoffice: {problem}", file=sys.stderr)
        return 2
    _print(publish(_engine(args), doc, args.merchant, now()))
    return 0


def _liability(args: argparse.Namespace) -> int:
    with _engine(args).connect() as conn:
        _print(reports.liability(conn, args.merchant, PackBook()))
    return 0


def _points_daily(args: argparse.Namespace) -> int:
    packs = PackBook()
    with _engine(args).connect() as conn:
        codes = [args.store] if args.store else reports.store_codes(conn)
        out = [reports.points_daily(conn, args.date, code, packs) for code in codes]
        if not args.store:
            out.append(reports.points_daily(conn, args.date, None, packs))
    _print(out)
    return 0


def _cards_register(args: argparse.Namespace) -> int:
    with _engine(args).begin() as conn:
        stock = cardblocks.register_stock(conn, args.store, args.first, args.last, now())
    _print(dataclasses.asdict(stock))
    return 0


def _cards_list(args: argparse.Namespace) -> int:
    with _engine(args).connect() as conn:
        _print(cardblocks.listing(conn, args.store))
    return 0


def _check(args: argparse.Namespace) -> int:
    """Findings as JSON; cases opened for new ones are committed with the check."""
    with _engine(args).begin() as conn:
        findings = checks.run(conn, now(), args.only)
    _print(findings)
    return 1 if findings else 0


def _cases_list(args: argparse.Namespace) -> int:
    with _engine(args).connect() as conn:
        _print(cases.list_cases(conn, None if args.all else "open"))
    return 0


def _cases_resolve(args: argparse.Namespace) -> int:
    cases.resolve(_engine(args), args.case_id, args.by, args.note, now())
    print(f"kaika-headoffice: case {args.case_id} resolved")
    return 0


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document of this code (no database is touched)."""
    from headoffice.app import Settings, create_app
    from sync.signing import KeyPair

    # A key made for the occasion: the document is built, nothing is ever answered with it.
    settings = Settings(answer_keys=keys.AnswerKeys((KeyPair.generate(),)))
    spec: dict[str, Any] = create_app(make_engine("sqlite://"), settings).openapi()
    return spec


def _openapi(args: argparse.Namespace) -> int:
    text = json.dumps(openapi_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
