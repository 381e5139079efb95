"""`kaika report points|z`, `kaika import members` and `kaika export segment`; the store and
the services load inside each command, so `kaika report --help` answers at once."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.store_path import DB_ENV, default_db_path
from desktop import report_formats
from domain import importing
from domain.errors import DomainError
from reporting import document

if TYPE_CHECKING:  # the store and the services load when a command runs, not for --help
    from desktop import bootstrap
    from domain.importing import Checked

Command = Callable[[argparse.Namespace], int]
PIN_ENV = "KAIKA_PIN"  # a staff PIN for scripted imports and exports (else it is asked for)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `report`, `import` and `export` to the `kaika` command line."""
    report = subparsers.add_parser("report", help="print or save the manager's reports")
    kinds = report.add_subparsers(dest="report_kind", metavar="REPORT", required=True)
    for name, text in (("points", "the daily points report"), ("z", "the Z-report (day close)")):
        p = kinds.add_parser(name, help=text)
        p.add_argument("--date", type=date.fromisoformat, help="business date (default: today)")
        p.add_argument("--format", choices=report_formats.FORMATS, default="text")
        p.add_argument("--printer", metavar="URL", help="print on this receipt printer (escpos)")
        p.add_argument("--width", choices=("58", "80"), default="80", help="paper width, mm")
        p.add_argument("--lang", choices=tuple(report_formats.LABELS), default="zh")
        p.add_argument("--out", type=Path, help="write to this file (default: standard output)")
        _db_option(p)
        p.set_defaults(func=_guarded(_report))
    imp = subparsers.add_parser("import", help="import members from an old system")
    what = imp.add_subparsers(dest="import_kind", metavar="WHAT", required=True)
    members = what.add_parser("members", help="members with points and wallet balances")
    members.add_argument("file", type=Path, help="a CSV (UTF-8 or GB18030) or XLSX file")
    members.add_argument("--map", default="", metavar="COLUMN=FIELD,...",
                         help=f"columns to fields; fields: {', '.join(importing.FIELDS)}")
    members.add_argument("--dry-run", action="store_true", help="check every row, import none")
    members.add_argument("--leave-bad-rows-out", action="store_true",
                         help="import the good rows of a file with bad ones (else none)")
    _staff_option(members)
    _db_option(members)
    members.set_defaults(func=_guarded(_import_members))
    exp = subparsers.add_parser("export", help="export members for messaging")
    what = exp.add_subparsers(dest="export_kind", metavar="WHAT", required=True)
    segment = what.add_parser("segment", help="a member segment as CSV")
    segment.add_argument("name", help="key, light, never, active, dormant, lost, top20, birthdays")
    segment.add_argument("--out", type=Path, required=True)
    segment.add_argument("--days", type=int, help="birthdays: days ahead; dormant: days idle")
    segment.add_argument("--all", action="store_true",
                         help="include members without marketing consent")
    _staff_option(segment)
    _db_option(segment)
    segment.set_defaults(func=_guarded(_export_segment))


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=None,
                        help=f"store database (default: ${DB_ENV} or the data folder)")


def _staff_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--staff", metavar="NUMBER", default="",
                        help=f"the manager doing it (their PIN is asked for, or read from "
                             f"${PIN_ENV})")


def _log_in(app: bootstrap.App, args: argparse.Namespace) -> str:
    """The manager at the keyboard logs in like at the till; the service checks their role."""
    if not args.staff:
        raise DomainError("staff.actor_required")
    from domain.services.staff import login

    pin = os.environ.get(PIN_ENV) or getpass.getpass(f"PIN of staff {args.staff}: ")
    return login(app.ctx, args.staff, pin).id


def _guarded(command: Command) -> Command:
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except DomainError as err:
            from desktop.cli_errors import say

            print(say(err), file=sys.stderr)
            return 1

    return run


def _open(args: argparse.Namespace) -> bootstrap.App:
    from desktop import bootstrap

    path = args.db or default_db_path()
    if not path.exists():
        raise DomainError("store.db_missing", path=str(path))
    app = bootstrap.open_app(path)
    app.ctx = replace(app.ctx, read_uow=app.store.reader)
    return app


def _report(args: argparse.Namespace) -> int:
    from domain.services import reports as report_services

    app = _open(args)
    try:
        day = args.date or app.ctx.today()
        printed = app.ctx.calendar.local(app.ctx.now()).replace(tzinfo=None)
        if args.report_kind == "points":
            report: Any = report_services.daily_points_report(app.ctx, day)
            doc = report_formats.points_doc(report, printed, args.lang)
        else:
            report = report_services.z_report(app.ctx, day)
            if report.closed_at is not None:  # a closed day's Z: the paper printed at close
                printed = app.ctx.calendar.local(report.closed_at).replace(tzinfo=None)
            doc = report_formats.z_doc(report, printed, args.lang)
    finally:
        app.close()
    return _emit(args, report, doc)


def _emit(args: argparse.Namespace, report: Any, doc: document.Doc) -> int:
    if args.format == "escpos":
        receipt = report_formats.as_receipt(doc)
        if args.printer:
            from hardware.registry import build_printer

            build_printer({"url": args.printer, "width": args.width}).print_receipt(receipt)
            print(f"kaika: {doc.title} printed on {args.printer}", file=sys.stderr)
            return 0
        from hardware.escpos_render import render
        from hardware.profiles import BUILTIN

        return _write(args.out, render(receipt, BUILTIN[args.width]))
    writers: dict[str, Callable[[], str | bytes]] = {
        "text": lambda: report_formats.as_text(doc), "csv": lambda: document.as_csv(doc),
        "json": lambda: report_formats.as_json(report), "pdf": lambda: document.as_pdf(doc)}
    return _write(args.out, writers[args.format]())


def _write(out: Path | None, data: str | bytes) -> int:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
    else:
        out.write_bytes(raw)
        print(f"kaika: written to {out}", file=sys.stderr)
    return 0


def _import_members(args: argparse.Namespace) -> int:
    """A file that cannot be read, or a --map that does not fit it, is refused before the
    store is opened (exit 2). Bad rows are listed; with any, nothing is imported (exit 2)
    unless --leave-bad-rows-out says to import the good ones, as the screen's tick box does.
    Rows are committed in batches with progress on stderr; the same command after a crash
    or Ctrl+C continues after the last committed batch."""
    from desktop.cli_progress import TextProgress
    from desktop.sheets import read_table
    from domain.services import imports

    try:
        table = read_table(args.file)
        mapping = importing.parse_mapping(args.map)
        importing.resolve_mapping(table.header, mapping)
    except DomainError as err:
        print(f"kaika: {args.file}: {err}", file=sys.stderr)
        return 2
    app = _open(args)
    try:
        if args.dry_run:
            checked = imports.dry_run(app.ctx, table, mapping)
            _print_problems(checked)
            print(f"kaika: dry run: {len(checked.rows)} row(s) would be imported, "
                  f"{len(checked.bad_rows)} bad row(s); nothing was imported")
            return 1 if checked.errors else 0
        done = imports.import_members(app.ctx, table, mapping, _log_in(app, args),
                                      leave_bad_rows_out=args.leave_bad_rows_out,
                                      progress=TextProgress())
    except imports.BadRows as bad:
        _print_problems(bad.checked)
        print(f"kaika: {len(bad.checked.bad_rows)} bad row(s); nothing was imported (fix them, "
              "or pass --leave-bad-rows-out to import the good rows)", file=sys.stderr)
        return 2
    finally:
        app.close()
    _print_problems(done.checked)
    earlier = (f" (continuing an interrupted import of this file, which had imported "
               f"{done.earlier})" if done.earlier else "")
    print(f"kaika: imported {len(done.member_ids)} member(s) with {done.points:,} points and "
          f"wallets of {done.wallet_fen + done.wallet_bonus_fen} fen{earlier}; "
          f"{len(done.checked.bad_rows)} bad row(s) left out")
    return 0


def _print_problems(checked: Checked) -> None:
    for e in checked.errors:
        params = ", ".join(f"{k}={v}" for k, v in sorted(e.params.items()))
        column = e.column or f"({e.field})"
        print(f"row {e.row}, column {column}: {e.code}{f' ({params})' if params else ''}",
              file=sys.stderr)


def _export_segment(args: argparse.Namespace) -> int:
    from domain.services import imports

    app = _open(args)
    try:
        text, count = imports.export_segment(app.ctx, args.name, _log_in(app, args),
                                             days=args.days, consented_only=not args.all)
    finally:
        app.close()
    args.out.write_bytes(text.encode("utf-8"))
    print(f"kaika: {count} member(s) of segment {args.name} written to {args.out}")
    return 0
