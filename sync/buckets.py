"""A member's unspent points grouped by last valid day, and how ledger entries move them.

Head office keeps these buckets to know what expires when; a till rebuilds its points lots
from head office's buckets plus its own not-yet-acknowledged entries, with the same code, so
both sides agree. Invariant: the buckets add up to max(balance, 0) — points taken back after
being spent make the balance negative and leave no buckets (DOMAIN §7).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Points that never expire are kept under this day (it sorts after every real one).
NEVER = date(9999, 12, 31)


@dataclass
class Buckets:
    """Unspent points by last valid day, and the balance they belong to."""

    balance: int = 0
    by_day: dict[date, int] = field(default_factory=dict)

    def total(self) -> int:
        return sum(self.by_day.values())

    def credit(self, points: int, last_day: date | None) -> None:
        """Points earned: a negative balance is repaid first, the rest is a new bucket."""
        lot = points if self.balance >= 0 else max(0, points + self.balance)
        self.balance += points
        if lot > 0:
            day = last_day or NEVER
            self.by_day[day] = self.by_day.get(day, 0) + lot

    def debit(self, points: int, first: date | None = None) -> int:
        """Points spent or taken back, soonest-expiring first (from the bucket of `first`
        before any other: a return takes back its sale's own points); returns what the buckets
        lacked (that part of the debit made the balance go below zero)."""
        self.balance -= points
        left = points
        order = sorted(self.by_day)
        if first is not None and first in self.by_day:
            order = [first, *(day for day in order if day != first)]
        for day in order:
            take = min(left, self.by_day[day])
            self.by_day[day] -= take
            left -= take
            if not self.by_day[day]:
                del self.by_day[day]
            if left == 0:
                break
        return left

    def expire(self, on: date) -> int:
        """Remove every bucket whose last valid day is before `on`; returns the points."""
        gone = [day for day in self.by_day if day < on]
        total = sum(self.by_day.pop(day) for day in gone)
        self.balance -= total
        return total

    def apply(self, kind: str, points: int, last_day: date | None, on: date) -> int:
        """One ledger entry; an `expire` entry is recomputed from the buckets, so expiring the
        same points at two tills takes them once. `last_day`: where a credit goes, or the
        bucket a debit takes from first. Returns the points actually moved."""
        if kind == "expire":
            return -self.expire(on)
        if points >= 0:
            self.credit(points, last_day)
        else:
            self.debit(-points, last_day)
        return points

    def as_list(self) -> list[list[str | int]]:
        return [[day.isoformat(), n] for day, n in sorted(self.by_day.items()) if n]

    @classmethod
    def from_list(cls, balance: int, items: list[list[str | int]]) -> Buckets:
        return cls(balance, {date.fromisoformat(str(d)): int(n) for d, n in items if int(n)})
