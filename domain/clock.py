"""Clocks (injected, never datetime.now() in rules) and the store's business date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Shanghai"
DEFAULT_DAY_CLOSE = time(4, 0)


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware UTC datetime."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock tests and the scenario runner set by hand."""

    def __init__(self, at: datetime) -> None:
        self._at = require_aware(at)

    def now(self) -> datetime:
        return self._at

    def set(self, at: datetime) -> None:
        self._at = require_aware(at)

    def advance(self, delta: timedelta) -> None:
        self._at += delta


def require_aware(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"naive datetime {at!r}: times must carry a zone")
    return at.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class BusinessDay:
    """The store's calendar: local zone and the hour at which the business day turns."""

    tz: str = DEFAULT_TZ
    day_close: time = DEFAULT_DAY_CLOSE

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    def local(self, at: datetime) -> datetime:
        return require_aware(at).astimezone(self.zone)

    def date_of(self, at: datetime) -> date:
        """Business date: sales before the day-close hour belong to the previous day."""
        local = self.local(at)
        shifted = local - timedelta(hours=self.day_close.hour, minutes=self.day_close.minute)
        return shifted.date()

    def calendar_date(self, at: datetime) -> date:
        """The local calendar date (birthdays, expiry at the end of 31 December)."""
        return self.local(at).date()

    def start_of(self, day: date) -> datetime:
        """The UTC instant at which a business date begins."""
        local = datetime.combine(day, self.day_close, tzinfo=self.zone)
        return local.astimezone(UTC)
