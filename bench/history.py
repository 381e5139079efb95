"""A member's points and wallet history, simulated so that ledgers, lots and balances agree.

Every row is a tuple in the column order of the INSERTs in bench/generate.py. The rules are the
engine's own (pack expiry, wallet bonus tiers, proportional wallet draw, soonest-expiring lot
spent first), so `kaika verify` finds the generated store sound.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain import points as points_rules
from domain import wallet as wallet_rules
from domain.rulepack import RulePack

# Points are earned on a sale, spent as cash at a sale or on a gift, or given as a bonus.
BONUSES = (("review", 10), ("share", 10), ("referral", 20), ("event", 50))
GIFT_PRICES = (300, 900)  # the demo gifts' points prices (帆布包, 丝巾礼盒)
TOPUPS = ((20000, 20), (50000, 25), (100000, 30), (200000, 10), (500000, 10), (1000000, 5))
TOPUP_TENDERS = ("cash", "mobile", "bank_card")
# Shares of a member's ledger rows by kind (the rest are sales earning points).
WALLET_SHARE = 0.14
SPEND_SHARE = 0.10
BONUS_SHARE = 0.06
OPENING = time(10, 0)
CLOSING = time(22, 0)


def uuid7(rng: random.Random, at_ms: int) -> str:
    """A UUIDv7 string for a record born at `at_ms`, its random bits from the seeded `rng`."""
    value = (at_ms << 80 | 0x7 << 76 | rng.getrandbits(12) << 64 | 0b10 << 62
             | rng.getrandbits(62))
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def utc_text_ms(at_ms: int) -> str:
    """The stored form of a UTC instant (db.types.utc_text), from Unix milliseconds."""
    at = datetime.fromtimestamp(at_ms / 1000, UTC)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


class StoreHours:
    """Random moments inside opening hours; sales then fall on their own business date."""

    def __init__(self, tz: str, day_close: time) -> None:
        self._zone = ZoneInfo(tz)
        # Opening at or after the day-close hour keeps the calendar and business dates equal.
        self._open_s = max(_seconds(OPENING), _seconds(day_close) + 3600)
        self._span_s = _seconds(CLOSING) - self._open_s
        self._midnight_ms: dict[int, int] = {}

    def moment(self, rng: random.Random, day: int) -> int:
        """Unix ms of a random second on the proleptic ordinal `day`, in opening hours."""
        base = self._midnight_ms.get(day)
        if base is None:
            # Local noon minus 12 h: no zone changes its offset between 10:00 and 22:00.
            noon = datetime.combine(date.fromordinal(day), time(12), tzinfo=self._zone)
            base = int(noon.timestamp() * 1000) - 12 * 3600 * 1000
            self._midnight_ms[day] = base
        return base + (self._open_s + rng.randrange(self._span_s)) * 1000


def _seconds(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


@dataclass(slots=True)
class Lot:
    """A points lot while it is being spent down; `row()` is its INSERT parameters."""

    id: str
    member_id: str
    earned_on: str
    expires_on: str | None
    points: int
    remaining: int
    source: str
    sale_id: str | None

    def row(self) -> tuple[object, ...]:
        return (self.id, self.member_id, self.earned_on, self.expires_on, self.points,
                self.remaining, self.source, self.sale_id)


@dataclass(slots=True)
class History:
    """One member's rows and the balances they add up to."""

    points_rows: list[tuple[object, ...]] = field(default_factory=list)
    lots: list[Lot] = field(default_factory=list)
    wallet_rows: list[tuple[object, ...]] = field(default_factory=list)
    points: int = 0
    principal_fen: int = 0
    bonus_fen: int = 0


class HistoryMaker:
    """Simulates members' ledgers with one seeded random source."""

    def __init__(self, rng: random.Random, pack: RulePack, hours: StoreHours,
                 cashier_id: str) -> None:
        self._rng = rng
        self._pack = pack
        self._hours = hours
        self._cashier = cashier_id

    def member(self, member_id: str, first_day: int, last_day: int, rows: int) -> History:
        """`rows` ledger rows on days in [first_day, last_day] (ordinals), oldest first."""
        rng = self._rng
        history = History()
        days = sorted(rng.randint(first_day, last_day) for _ in range(rows))
        for day in days:
            at_ms = self._hours.moment(rng, day)
            draw = rng.random()
            if draw < WALLET_SHARE:
                self._wallet(history, member_id, day, at_ms)
            elif draw < WALLET_SHARE + SPEND_SHARE and history.points >= min(GIFT_PRICES):
                self._spend(history, member_id, day, at_ms)
            elif draw < WALLET_SHARE + SPEND_SHARE + BONUS_SHARE:
                reason, points = rng.choice(BONUSES)
                self._credit(history, member_id, day, at_ms, "bonus", points, reason)
            else:
                self._credit(history, member_id, day, at_ms, "earn", self._sale_points(), "")
        return history

    def _sale_points(self) -> int:
        """Points of one sale: 1 per yuan, doubled from ￥200 and tripled from ￥1,000."""
        yuan = max(1, int(self._rng.lognormvariate(5.6, 0.8)))  # median about ￥270
        return yuan * (3 if yuan >= 1000 else 2 if yuan >= 200 else 1)

    def _credit(self, h: History, member_id: str, day: int, at_ms: int, kind: str,
                points: int, reason: str) -> None:
        earned_on = date.fromordinal(day)
        sale_id = uuid7(self._rng, at_ms) if kind == "earn" else None
        expires = points_rules.expires_on(earned_on, self._pack)
        h.lots.append(Lot(uuid7(self._rng, at_ms), member_id, earned_on.isoformat(),
                          None if expires is None else expires.isoformat(), points, points,
                          kind, sale_id))
        self._points_row(h, member_id, day, at_ms, kind, points, reason, sale_id)

    def _spend(self, h: History, member_id: str, day: int, at_ms: int) -> None:
        """Points as cash at a sale (steps of 100) or a gift; oldest lots are spent first."""
        rng = self._rng
        if rng.random() < 0.7 and h.points >= 100:
            points = 100 * rng.randint(1, min(h.points // 100, 30))
            kind, reason, sale_id = "spend", "", uuid7(rng, at_ms)
        else:
            points = max(p for p in GIFT_PRICES if p <= h.points)
            kind, reason, sale_id = "gift", "GIFT-BAG" if points == 300 else "GIFT-SCARF", None
        owed = points
        for lot in h.lots:  # created in time order, so the soonest expiry comes first
            if owed == 0:
                break
            taken = min(lot.remaining, owed)
            lot.remaining -= taken
            owed -= taken
        self._points_row(h, member_id, day, at_ms, kind, -points, reason, sale_id)

    def _points_row(self, h: History, member_id: str, day: int, at_ms: int, kind: str,
                    points: int, reason: str, sale_id: str | None) -> None:
        h.points_rows.append((uuid7(self._rng, at_ms), member_id, kind, points,
                              utc_text_ms(at_ms), date.fromordinal(day).isoformat(), reason,
                              sale_id, self._cashier))
        h.points += points

    def _wallet(self, h: History, member_id: str, day: int, at_ms: int) -> None:
        """A top-up with the pack's bonus, or a payment drawn in proportion to the balances."""
        rng = self._rng
        balance = h.principal_fen + h.bonus_fen
        if balance == 0 or rng.random() < 0.4:
            amount = rng.choices([a for a, _ in TOPUPS], weights=[w for _, w in TOPUPS])[0]
            principal, bonus = wallet_rules.topup(amount, self._pack.wallet)
            tender = rng.choice(TOPUP_TENDERS)
            reference = "" if tender == "cash" else f"{rng.getrandbits(60):018d}"
            self._wallet_row(h, member_id, day, at_ms, "topup", principal, bonus, None,
                             tender, reference)
            return
        amount = min(balance, 100 * max(1, int(rng.lognormvariate(5.3, 0.7))))
        principal, bonus = wallet_rules.draw(h.principal_fen, h.bonus_fen, amount)
        self._wallet_row(h, member_id, day, at_ms, "payment", -principal, -bonus,
                         uuid7(rng, at_ms), "", "")

    def _wallet_row(self, h: History, member_id: str, day: int, at_ms: int, kind: str,
                    principal: int, bonus: int, sale_id: str | None, tender: str,
                    reference: str) -> None:
        h.wallet_rows.append((uuid7(self._rng, at_ms), member_id, kind, principal, bonus,
                              utc_text_ms(at_ms), date.fromordinal(day).isoformat(), sale_id,
                              self._cashier, reference, tender))
        h.principal_fen += principal
        h.bonus_fen += bonus


def window_days(today: date, pack: RulePack) -> tuple[int, int]:
    """First and last day (ordinals) of the generated history, up to yesterday.

    It starts when no lot of it can have expired yet — 1 January of last year when points
    last to the end of next year, 1 January of this year when they are cleared at year end —
    because a store that closes its days holds no unexpired lapsed points.
    """
    back = 0 if pack.points.expiry == "year_end" else 1
    last = max(today - timedelta(days=1), date(today.year, 1, 1))
    return date(today.year - back, 1, 1).toordinal(), last.toordinal()
