"""Alliance trade entries and their settlement: who owes whom, and each merchant's statement."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from domain.alliance import Agreement
from domain.errors import ValidationError

SOURCE_MAX = 80  # a sale, ledger entry or coupon id, with a prefix
_PERIOD = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


class EntryKind(StrEnum):
    """What happened between the two merchants of an entry (`issuer`, `partner`)."""

    POINTS_ISSUED_BY_PARTNER = "points_issued_by_partner"  # partner owes issuer
    POINTS_SPENT_AT_PARTNER = "points_spent_at_partner"  # issuer owes partner
    COUPON_FUNDED_REDEEMED = "coupon_funded_redeemed"  # issuer (funder) owes partner
    COMMISSION = "commission"  # partner owes issuer


# The kinds in which the partner pays the issuer; in the others the issuer pays the partner.
PARTNER_PAYS = frozenset({EntryKind.POINTS_ISSUED_BY_PARTNER, EntryKind.COMMISSION})
POINTS_KINDS = frozenset({EntryKind.POINTS_ISSUED_BY_PARTNER, EntryKind.POINTS_SPENT_AT_PARTNER})


@dataclass(frozen=True, slots=True)
class Entry:
    """One settled fact. `amount_fen` is what the debtor owes the creditor for it; negative
    for a correction (a return at the partner gives back earned points: negative points and
    amount). `source` names the sale or ledger entry it came from."""

    id: str
    kind: EntryKind
    issuer: str
    partner: str
    period: str
    amount_fen: int
    points: int
    source: str

    @property
    def debtor(self) -> str:
        return self.partner if self.kind in PARTNER_PAYS else self.issuer

    @property
    def creditor(self) -> str:
        return self.issuer if self.kind in PARTNER_PAYS else self.partner


@dataclass(frozen=True, slots=True)
class Line:
    """An entry as one merchant sees it: + they are owed, − they owe."""

    entry_id: str
    kind: str
    counterparty: str
    source: str
    points: int
    amount_fen: int


@dataclass(frozen=True, slots=True)
class PairBalance:
    """What one merchant of a pair owes the other for a period, all lines netted."""

    debtor: str
    creditor: str
    amount_fen: int
    entry_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Statement:
    """One merchant's period: lines, what it is owed, what it owes, and the net per partner."""

    merchant: str
    period: str
    lines: tuple[Line, ...]
    by_counterparty: tuple[tuple[str, int], ...]

    @property
    def receivable_fen(self) -> int:
        return sum(amount for _, amount in self.by_counterparty if amount > 0)

    @property
    def payable_fen(self) -> int:
        return -sum(amount for _, amount in self.by_counterparty if amount < 0)

    @property
    def net_fen(self) -> int:
        return sum(amount for _, amount in self.by_counterparty)


def check_entry(entry: Entry) -> Entry:
    """Refuses an entry between a merchant and itself, in no period, or without a source."""
    if entry.issuer == entry.partner:
        raise ValidationError("alliance.same_merchant", field="partner")
    check_period(entry.period)
    if not entry.source.strip():
        raise ValidationError("alliance.source_missing", field="source")
    if len(entry.source) > SOURCE_MAX:
        raise ValidationError("alliance.source_too_long", field="source", max=SOURCE_MAX)
    if entry.kind not in POINTS_KINDS and entry.points != 0:
        raise ValidationError("alliance.points_on_money_entry", field="points")
    return entry


def check_period(text: str, field: str = "period") -> str:
    """`YYYY-MM`, or ValidationError alliance.bad_period naming the field."""
    if not isinstance(text, str) or not _PERIOD.fullmatch(text):
        raise ValidationError("alliance.bad_period", field=field, value=text)
    return text


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def next_period(period: str) -> str:
    year, month = (int(part) for part in check_period(period).split("-"))
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def first_day(period: str) -> date:
    year, month = (int(part) for part in check_period(period).split("-"))
    return date(year, month, 1)


def period_days(period: str) -> tuple[date, date]:
    """The first and the last day of a period."""
    return first_day(period), first_day(next_period(period)) - timedelta(days=1)


def entry_amount(agreement: Agreement, kind: EntryKind, points: int, sale_fen: int,
                 amount_fen: int) -> int:
    """The amount of an entry under its agreement: points at the agreed value, commission on
    the sale; a coupon's amount is its face value as redeemed (given)."""
    if kind is EntryKind.POINTS_ISSUED_BY_PARTNER:
        if agreement.points_per_yuan <= 0:
            raise ValidationError("alliance.points_not_earned_here", field="kind")
        return points * agreement.point_value_fen
    if kind is EntryKind.POINTS_SPENT_AT_PARTNER:
        if not agreement.points_spendable:
            raise ValidationError("alliance.points_not_spendable_here", field="kind")
        return points * agreement.point_value_fen
    if kind is EntryKind.COMMISSION:
        return agreement.commission_fen(sale_fen)
    return amount_fen


def trade_entries(points_earned: int, points_spent: int,
                  sale_fen: int) -> list[tuple[EntryKind, int, int]]:
    """(kind, points, sale_fen) of the entries one partner trade gives: points entries only
    where points moved; a commission entry for every sale and return, even under 0 %
    commission (a 0-fen entry), because it carries the amount bought that the activity
    report (rule 5) sums. Head office's ingest and `kaika simulate` both book by this."""
    found = [(EntryKind.POINTS_ISSUED_BY_PARTNER, points_earned, 0),
             (EntryKind.POINTS_SPENT_AT_PARTNER, points_spent, 0)]
    return [entry for entry in found if entry[1]] + [(EntryKind.COMMISSION, 0, sale_fen)]


def settle(period: str, entries: Iterable[Entry]) -> list[PairBalance]:
    """Every pair of merchants with trade in `period`: the net debtor, creditor and amount
    (a pair whose trade nets to nothing is listed with 0, its entries still traceable)."""
    by_pair: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.period == period:
            low, high = sorted((entry.debtor, entry.creditor))
            by_pair[(low, high)].append(entry)
    return [_balance(low, high, found) for (low, high), found in sorted(by_pair.items())]


def _balance(low: str, high: str, entries: list[Entry]) -> PairBalance:
    owed_by_low = sum(e.amount_fen if e.debtor == low else -e.amount_fen for e in entries)
    ids = tuple(e.id for e in entries)
    if owed_by_low >= 0:
        return PairBalance(low, high, owed_by_low, ids)
    return PairBalance(high, low, -owed_by_low, ids)


def statements(period: str, entries: Iterable[Entry]) -> dict[str, Statement]:
    """Each merchant with trade in `period`: its lines (one per entry it is party to) and the
    net with each counterparty. Every entry is + for one merchant and − for the other, so
    the statements of the whole alliance net to zero."""
    lines: dict[str, list[Line]] = defaultdict(list)
    for entry in sorted((e for e in entries if e.period == period), key=lambda e: e.id):
        lines[entry.creditor].append(_line(entry, entry.debtor, entry.amount_fen))
        lines[entry.debtor].append(_line(entry, entry.creditor, -entry.amount_fen))
    return {merchant: _statement(merchant, period, found)
            for merchant, found in sorted(lines.items())}


def _line(entry: Entry, counterparty: str, amount_fen: int) -> Line:
    return Line(entry_id=entry.id, kind=str(entry.kind), counterparty=counterparty,
                source=entry.source, points=entry.points, amount_fen=amount_fen)


def _statement(merchant: str, period: str, lines: list[Line]) -> Statement:
    totals: dict[str, int] = defaultdict(int)
    for line in lines:
        totals[line.counterparty] += line.amount_fen
    return Statement(merchant=merchant, period=period, lines=tuple(lines),
                     by_counterparty=tuple(sorted(totals.items())))
