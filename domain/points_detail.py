"""Per-member detail of a day's points: opening, each movement with its reason and sale, closing.

It answers a manager's "why does this member have N points": the daily points report lists,
for every member with a movement that day, the balance at open, each entry and the balance
at close (which is the opening plus the entries, by construction of the ledger).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain import reasons
from domain.records import PointsEntry


@dataclass(frozen=True, slots=True)
class Movement:
    kind: str  # a ledger kind (domain.reasons.POINTS_KINDS)
    reason: str  # bonus: a bonus reason code; adjust: the manager's words; else a code or ""
    receipt_no: str  # the sale or return it belongs to, "" when none
    points: int


@dataclass(frozen=True, slots=True)
class MemberDay:
    member_id: str
    name: str  # masked by the caller
    mobile: str  # masked by the caller
    opening: int
    movements: tuple[Movement, ...]

    @property
    def closing(self) -> int:
        return self.opening + sum(m.points for m in self.movements)


def member_days(entries: Sequence[PointsEntry], openings: Mapping[str, int],
                shown: Mapping[str, tuple[str, str]],
                receipts: Mapping[str, str]) -> tuple[MemberDay, ...]:
    """One MemberDay per member with an entry, in the order of `shown` (then by id).

    Args:
        openings: member id -> balance at the end of the day before.
        shown: member id -> (name, mobile) as the report may print them.
        receipts: sale id -> receipt number.
    """
    mine: dict[str, list[PointsEntry]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: (e.at, e.id)):
        mine[entry.member_id].append(entry)
    order = sorted(mine, key=lambda m: (shown.get(m, ("", ""))[1], m))
    return tuple(MemberDay(member_id, *shown.get(member_id, ("", "")),
                           opening=openings.get(member_id, 0),
                           movements=tuple(_movement(e, receipts) for e in mine[member_id]))
                 for member_id in order)


def _movement(entry: PointsEntry, receipts: Mapping[str, str]) -> Movement:
    reason = reasons.head(entry.reason) if entry.kind == "bonus" else entry.reason
    return Movement(entry.kind, reason, receipts.get(entry.sale_id or "", ""), entry.points)
