"""Which settlement entries one partner trade gives (headoffice.alliance_ingest.trade_entries):
points entries where points moved, a commission entry always (its sale amount feeds rule 5)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.alliance_settlement import EntryKind
from domain.ids import new_id_str
from headoffice.alliance_ingest import trade_entries
from sync.payloads import AllianceTradeV1


def trade(sale_fen: int, earned: int, spent: int, original: str | None = None) -> AllianceTradeV1:
    return AllianceTradeV1(
        sale_id=new_id_str(), original_sale_id=original, issuer="M001",
        card_number="1100000000016", issuer_member_id=new_id_str(), agreement_id=new_id_str(),
        at=datetime(2026, 11, 3, 2, tzinfo=UTC), business_date=date(2026, 11, 3),
        sale_fen=sale_fen, points_earned=earned, points_spent=spent,
        earn_entry_id=new_id_str(), spend_entry_id=new_id_str())


def test_a_sale_without_points_still_gives_its_commission_entry_with_the_amount() -> None:
    assert trade_entries(trade(8650, 0, 0)) == [(EntryKind.COMMISSION, 0, 8650)]


def test_points_both_ways_and_the_commission() -> None:
    assert trade_entries(trade(8650, 81, 500)) == [
        (EntryKind.POINTS_ISSUED_BY_PARTNER, 81, 0), (EntryKind.POINTS_SPENT_AT_PARTNER, 500, 0),
        (EntryKind.COMMISSION, 0, 8650)]


def test_a_return_gives_the_mirror_entries() -> None:
    assert trade_entries(trade(-2000, -20, 0, original=new_id_str())) == [
        (EntryKind.POINTS_ISSUED_BY_PARTNER, -20, 0), (EntryKind.COMMISSION, 0, -2000)]
