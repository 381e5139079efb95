"""Member import from an old system (dry run, then all good rows or nothing) and export."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from domain import analysis, importing
from domain.cards import card_expiry
from domain.errors import ValidationError
from domain.ids import new_id_str
from domain.importing import Checked, ImportRow, Table
from domain.ports import UnitOfWork
from domain.records import Card, CardState, Member, TierChange
from domain.services.context import ServiceContext, audit, emit, to_wire
from domain.services.guard import guard
from domain.services.ledger import Posting, credit_points, post_wallet
from domain.services.reports import segment_members

EXPORT_HEADER = ("name", "mobile", "card", "tier", "points", "last_purchase", "orders",
                 "revenue_yuan", "birthday", "consent_marketing")


class BadRows(ValidationError):
    """The file has bad rows and the import was told to take all rows or none."""

    def __init__(self, checked: Checked) -> None:
        super().__init__("import.bad_rows", field="file",
                         rows=", ".join(map(str, checked.bad_rows)))
        self.checked = checked


@dataclass(frozen=True, slots=True)
class Imported:
    checked: Checked  # the bad rows that were left out are still listed here
    member_ids: tuple[str, ...]
    points: int
    wallet_fen: int
    wallet_bonus_fen: int


def dry_run(ctx: ServiceContext, table: Table, mapping: Mapping[str, str]) -> Checked:
    """Every bad row with its row number, column and reason; nothing is written."""
    with ctx.reader() as uow:
        return _check(ctx, uow, table, mapping)


def import_members(ctx: ServiceContext, table: Table, mapping: Mapping[str, str],
                   staff_id: str, *, leave_bad_rows_out: bool = True) -> Imported:
    """Import every good row in one transaction, balances as opening ledger entries.

    The rows are checked again inside the write transaction, so a member signed up at the
    desk since the dry run is not made twice. Any failure leaves the store as it was.
    """
    with guard(ctx, "imports.import_members", staff_id), ctx.uow() as uow:
        checked = _check(ctx, uow, table, mapping)
        if checked.errors and not leave_bad_rows_out:
            raise BadRows(checked)
        ids = tuple(_add(ctx, uow, row, staff_id) for row in checked.rows)
        audit(ctx, uow, "members_imported", staff_id, target=str(len(ids)),
              rows=len(checked.rows), bad_rows=len(checked.bad_rows))
        uow.commit()
    return Imported(checked, ids, sum(r.points for r in checked.rows),
                    sum(r.wallet_fen for r in checked.rows),
                    sum(r.wallet_bonus_fen for r in checked.rows))


def _check(ctx: ServiceContext, uow: UnitOfWork, table: Table,
           mapping: Mapping[str, str]) -> Checked:
    resolved = importing.resolve_mapping(table.header, mapping)
    tiers = [t.name for t in ctx.pack.tiers]
    checked = importing.check_rows(table, resolved, ctx.local_date(), tiers)
    taken = uow.reports.mobiles_taken([r.form.mobile for r in checked.rows])
    cards = uow.reports.cards_taken([r.card for r in checked.rows if r.card])
    return checked.without(importing.conflicts(checked, taken, cards))


def _add(ctx: ServiceContext, uow: UnitOfWork, row: ImportRow, staff_id: str | None) -> str:
    member = _member(ctx, row)
    uow.members.add(member)
    public = {k: v for k, v in _wire(member).items() if k != "id_number"}
    emit(ctx, uow, "member.created", public, member_id=member.id)
    change = TierChange(id=new_id_str(), member_id=member.id, at=ctx.now(), from_tier="",
                        to_tier=member.tier, reason="import")
    uow.tiers.add_change(change)
    emit(ctx, uow, "tier.changed", change, member_id=member.id)
    opening = Posting(member.id, "import", staff_id, reason="opening balance")
    if row.points:
        credit_points(ctx, uow, opening, row.points, source="import")
    if row.wallet_fen or row.wallet_bonus_fen:
        post_wallet(ctx, uow, opening, row.wallet_fen, row.wallet_bonus_fen,
                    reference="opening balance")
    if row.card:
        card = Card(number=row.card, member_id=member.id, state=CardState.ACTIVE,
                    expiry=card_expiry(ctx.local_date(), ctx.pack.cards), kind="preprinted",
                    issued_at=ctx.now())
        uow.cards.add(card)
        emit(ctx, uow, "card.issued", card, member_id=member.id)
    return member.id


def _member(ctx: ServiceContext, row: ImportRow) -> Member:
    form, now, today = row.form, ctx.now(), ctx.today()
    return Member(
        id=new_id_str(), name=form.name, mobile=form.mobile, joined_on=row.joined_on or today,
        tier=row.tier or ctx.pack.signup_tier.name, tier_since=today, gender=form.gender,
        birth_year=form.birth_year, birth_month=form.birth_month, birth_day=form.birth_day,
        id_number=form.id_number, occupation=form.occupation, income_band=form.income_band,
        address=form.address, email=form.email, source=form.source,
        consent_marketing=form.consent_marketing,
        consent_marketing_at=now if form.consent_marketing else None,
        privacy_accepted_at=now if form.privacy_accepted else None, tags=form.tags,
        notes=form.notes, created_at=now)


def _wire(member: Member) -> dict[str, object]:
    wire = to_wire(member)
    assert isinstance(wire, dict)
    return wire


def export_segment(ctx: ServiceContext, name: str, staff_id: str, *,
                   days: int | None = None, consented_only: bool = True) -> tuple[str, int]:
    """A segment as CSV for messaging; returns (CSV text, members written).

    Only members who consented to marketing messages are written unless told otherwise,
    and every export is audited: full mobile numbers leave the till.
    """
    with guard(ctx, "imports.export_segment", staff_id):
        members = segment_members(ctx, name, days)
        if consented_only:
            members = [m for m in members if m.consent_marketing]
        text = importing.to_csv(EXPORT_HEADER, (_export_row(m) for m in members))
        with ctx.uow() as uow:
            audit(ctx, uow, "segment_exported", staff_id, target=name, count=len(members),
                  consented_only=consented_only)
            uow.commit()
    return text, len(members)


def _export_row(m: analysis.MemberFacts) -> tuple[object, ...]:
    birthday = f"{m.birth_month:02d}-{m.birth_day:02d}" if m.birth_month and m.birth_day else ""
    yuan, fen = divmod(abs(m.revenue_fen), 100)
    revenue = f"{'-' if m.revenue_fen < 0 else ''}{yuan}.{fen:02d}"
    return (m.name, m.mobile, m.card_number, m.tier, m.points,
            m.last_purchase.isoformat() if m.last_purchase else "", m.orders, revenue,
            birthday, "1" if m.consent_marketing else "0")
