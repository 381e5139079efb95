"""Alliance trade at head office: entries recorded in the period they settle in, periods
closed once with every member's statement kept, who pays whom, statements."""

# Entries are recorded by `record_entry` (event ingest will call it for partner sales; the CLI
# and the tests call it now). A period is closed once: its statements are kept as made and
# later entries for its days go into the next open period (docs/alliance.md).

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from domain.alliance_settlement import (
    POINTS_KINDS,
    Entry,
    EntryKind,
    check_entry,
    check_period,
    entry_amount,
    first_day,
    next_period,
    period_of,
    settle,
    statements,
)
from domain.errors import ValidationError
from domain.ids import new_id_str
from headoffice.alliance import (
    ALLIANCE_TZ,
    NAME_MAX,
    agreements_of,
    alliance_id_of,
    lock_alliance,
    member_codes,
    member_merchant_id,
)
from headoffice.alliance_tables import (
    alliance_entries,
    alliance_periods,
    alliance_statements,
    alliances,
)
from headoffice.sql import insert_ignore


@dataclass(frozen=True, slots=True)
class NewEntry:
    """A settled fact as ingest or an operator states it; the amount follows the agreement
    for points (points × value) and commission (on `sale_fen`), a coupon gives `amount_fen`."""

    kind: str
    issuer: str  # merchant codes
    partner: str
    occurred_on: date
    source: str
    points: int = 0
    sale_fen: int = 0
    amount_fen: int = 0
    note: str = ""


def record_entry(conn: Connection, alliance_code: str, new: NewEntry,
                 now: datetime) -> dict[str, Any]:
    """Record one fact in the period it settles in; the same (kind, source) twice is kept once
    (an event sent again, even by two sessions at once): the stored entry is returned with
    `repeated` (other figures under that source are refused)."""
    alliance_id = lock_alliance(conn, alliance_code, share=True)
    kind = _kind(new.kind)
    members = member_codes(conn, alliance_id)
    source = new.source.strip()
    if (known := _stored_entry(conn, alliance_id, kind, source)) is not None:
        _same_fact(known, new, members)
        return {**_entry_view(known), "repeated": True}
    agreement_id, amount = _amount(conn, alliance_id, kind, new)
    period = _open_period(conn, alliance_id, period_of(new.occurred_on))
    entry = check_entry(Entry(id=new_id_str(), kind=kind, issuer=new.issuer,
                              partner=new.partner, period=period, amount_fen=amount,
                              points=new.points, source=source))
    row = {"id": entry.id, "alliance_id": alliance_id, "period": period, "kind": kind.value,
           "issuer_id": member_merchant_id(members, new.issuer, "issuer", alliance_code),
           "partner_id": member_merchant_id(members, new.partner, "partner", alliance_code),
           "amount_fen": amount, "points": new.points, "source": source,
           "sale_fen": new.sale_fen if kind is EntryKind.COMMISSION else 0,
           "occurred_on": new.occurred_on, "agreement_id": agreement_id,
           "recorded_at": now, "note": new.note[:200]}
    if insert_ignore(conn, alliance_entries, [row], returning=alliance_entries.c.id):
        return {**_entry_view(row), "repeated": False}
    known = _stored_entry(conn, alliance_id, kind, source)  # another session recorded it first
    _same_fact(known, new, members)
    return {**_entry_view(known), "repeated": True}


def _stored_entry(conn: Connection, alliance_id: str, kind: EntryKind, source: str) -> Any:
    return conn.execute(sa.select(alliance_entries).where(
        alliance_entries.c.alliance_id == alliance_id, alliance_entries.c.kind == kind.value,
        alliance_entries.c.source == source)).mappings().first()


def _same_fact(stored: Any, new: NewEntry, members: dict[str, str]) -> None:
    """A source sent again must say the same thing; other figures under a used source are a
    mistake to show, not to drop silently."""
    said = (members.get(new.issuer), members.get(new.partner), new.points, new.occurred_on)
    if said != (stored["issuer_id"], stored["partner_id"], stored["points"],
                stored["occurred_on"]) or (
            new.kind == EntryKind.COUPON_FUNDED_REDEEMED
            and new.amount_fen != stored["amount_fen"]) or (
            # A commission's sale, kept since h0012 (an entry from before keeps 0: unknown).
            new.kind == EntryKind.COMMISSION and stored["sale_fen"]
            and new.sale_fen != stored["sale_fen"]):
        raise ValidationError("alliance.source_reused", field="source", source=new.source,
                              entry=stored["id"])


def _kind(text: str) -> EntryKind:
    try:
        return EntryKind(text)
    except ValueError:
        raise ValidationError("alliance.bad_kind", field="kind", kind=text) from None


def _amount(conn: Connection, alliance_id: str, kind: EntryKind,
            new: NewEntry) -> tuple[str | None, int]:
    """The agreement in force that day for issuer → partner, and the entry's amount under it
    (a coupon needs no agreement: its funder said what it is worth)."""
    if kind is EntryKind.COUPON_FUNDED_REDEEMED:
        return None, new.amount_fen
    if kind not in POINTS_KINDS and new.points:
        raise ValidationError("alliance.points_on_money_entry", field="points")
    for agreement_id, agreement in agreements_of(conn, alliance_id):
        if ((agreement.issuer, agreement.partner) == (new.issuer, new.partner)
                and agreement.in_force(new.occurred_on)):
            return agreement_id, entry_amount(agreement, kind, new.points, new.sale_fen, 0)
    raise ValidationError("alliance.no_agreement", field="occurred_on", issuer=new.issuer,
                          partner=new.partner, day=new.occurred_on.isoformat())


def _open_period(conn: Connection, alliance_id: str, period: str) -> str:
    """`period`, or the first one after it that is not closed."""
    closed = set(conn.execute(sa.select(alliance_periods.c.period).where(
        alliance_periods.c.alliance_id == alliance_id,
        alliance_periods.c.period >= period)).scalars())
    while period in closed:
        period = next_period(period)
    return period


def close_period(conn: Connection, alliance_code: str, period: str, by: str,
                 now: datetime) -> dict[str, Any]:
    """Close a month that is over: every member's statement is made and kept as it is."""
    check_period(period)
    if not by.strip() or len(by) > NAME_MAX:
        raise ValidationError("alliance.closer_required", field="by", max=NAME_MAX)
    alliance_id = lock_alliance(conn, alliance_code)
    if now.astimezone(ALLIANCE_TZ).date() < first_day(next_period(period)):
        raise ValidationError("alliance.period_not_over", field="period", period=period)
    if conn.execute(sa.select(alliance_periods.c.period).where(
            alliance_periods.c.alliance_id == alliance_id,
            alliance_periods.c.period == period)).first():
        raise ValidationError("alliance.period_closed", field="period", period=period)
    conn.execute(alliance_periods.insert().values(alliance_id=alliance_id, period=period,
                                                  closed_at=now, closed_by=by.strip()))
    conn.execute(alliances.update().where(alliances.c.id == alliance_id).values(
        version=alliances.c.version + 1))
    made = _statements(conn, alliance_id, period)
    conn.execute(alliance_statements.insert(), [
        {"alliance_id": alliance_id, "period": period, "merchant_id": merchant_id,
         "made_at": now, **figures} for merchant_id, figures in made.items()])
    return {"alliance": alliance_code, "period": period, "closed_at": now,
            "statements": {code: made[mid]["net_fen"]
                           for code, mid in member_codes(conn, alliance_id).items()}}


def _entries(conn: Connection, alliance_id: str, period: str) -> list[Entry]:
    """The period's entries, merchants by id."""
    rows = conn.execute(sa.select(alliance_entries).where(
        alliance_entries.c.alliance_id == alliance_id, alliance_entries.c.period == period))
    return [Entry(id=r.id, kind=EntryKind(r.kind), issuer=r.issuer_id, partner=r.partner_id,
                  period=r.period, amount_fen=r.amount_fen, points=r.points, source=r.source)
            for r in rows]


def settlement(conn: Connection, alliance_code: str, period: str) -> list[dict[str, Any]]:
    """Who pays whom for a period, pair by pair (netted), with the entries of each. A closed
    period's entries never change, so this agrees with its kept statements."""
    check_period(period)
    alliance_id = alliance_id_of(conn, alliance_code)
    codes = {mid: code for code, mid in member_codes(conn, alliance_id).items()}
    return [{"debtor": codes[b.debtor], "creditor": codes[b.creditor],
             "amount_fen": b.amount_fen, "entries": list(b.entry_ids)}
            for b in settle(period, _entries(conn, alliance_id, period))]


def _statements(conn: Connection, alliance_id: str, period: str) -> dict[str, dict[str, Any]]:
    """Per member id: receivable, payable, net and the lines (counterparty by code)."""
    codes = {mid: code for code, mid in member_codes(conn, alliance_id).items()}
    found = statements(period, _entries(conn, alliance_id, period))
    out: dict[str, dict[str, Any]] = {}
    for merchant_id in codes:
        st = found.get(merchant_id)
        lines = [] if st is None else [
            {"entry_id": ln.entry_id, "kind": ln.kind, "counterparty": codes[ln.counterparty],
             "source": ln.source, "points": ln.points, "amount_fen": ln.amount_fen}
            for ln in st.lines]
        out[merchant_id] = {"receivable_fen": st.receivable_fen if st else 0,
                            "payable_fen": st.payable_fen if st else 0,
                            "net_fen": st.net_fen if st else 0, "lines": lines}
    return out


def periods(conn: Connection, alliance_code: str) -> list[dict[str, Any]]:
    """Every period with entries or closed: closed when and by whom, its entries and the net
    of each merchant (kept when closed, else as of now), newest first."""
    alliance_id = alliance_id_of(conn, alliance_code)
    closed = {r.period: r for r in conn.execute(sa.select(alliance_periods).where(
        alliance_periods.c.alliance_id == alliance_id))}
    counts: dict[str, int] = {r.period: r.n for r in conn.execute(
        sa.select(alliance_entries.c.period, sa.func.count().label("n")).where(
            alliance_entries.c.alliance_id == alliance_id).group_by(alliance_entries.c.period))}
    codes = {mid: code for code, mid in member_codes(conn, alliance_id).items()}
    out = []
    for period in sorted(set(closed) | set(counts), reverse=True):
        made = _statements(conn, alliance_id, period) if period not in closed else {
            r.merchant_id: {"net_fen": r.net_fen} for r in conn.execute(
                sa.select(alliance_statements).where(
                    alliance_statements.c.alliance_id == alliance_id,
                    alliance_statements.c.period == period))}
        row = closed.get(period)
        out.append({"period": period, "entries": counts.get(period, 0),
                    "closed_at": row.closed_at if row else None,
                    "closed_by": row.closed_by if row else None,
                    "net_fen": {codes.get(mid, mid): figures["net_fen"]
                                for mid, figures in sorted(made.items())}})
    return out


def statement(conn: Connection, alliance_code: str, merchant_code: str,
              period: str) -> dict[str, Any]:
    """A member's statement: as kept when its period closed (empty for a merchant that joined
    after), else provisional (as of now)."""
    check_period(period)
    alliance_id = alliance_id_of(conn, alliance_code)
    merchant_id = member_merchant_id(member_codes(conn, alliance_id), merchant_code, "merchant",
                          alliance_code)
    head = {"alliance": alliance_code, "merchant": merchant_code, "period": period}
    closed_at = conn.execute(sa.select(alliance_periods.c.closed_at).where(
        alliance_periods.c.alliance_id == alliance_id,
        alliance_periods.c.period == period)).scalar()
    if closed_at is None:
        return {**head, "closed_at": None, **_statements(conn, alliance_id, period)[merchant_id]}
    kept = conn.execute(sa.select(alliance_statements).where(
        alliance_statements.c.alliance_id == alliance_id,
        alliance_statements.c.period == period,
        alliance_statements.c.merchant_id == merchant_id)).mappings().first()
    figures = {key: kept[key] if kept else 0 for key in ("receivable_fen", "payable_fen",
                                                         "net_fen")}
    return {**head, "closed_at": closed_at, **figures, "lines": kept["lines"] if kept else []}


def _entry_view(row: Any) -> dict[str, Any]:
    return {key: row[key] for key in ("id", "period", "kind", "amount_fen", "points",
                                      "source", "occurred_on")}
