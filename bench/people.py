"""Generated members with their cards: Chinese names, unique mobiles, 13-digit Luhn numbers."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from bench.history import StoreHours, utc_text_ms, uuid7
from bench.vocab import (
    INCOME_BANDS,
    OCCUPATIONS,
    REGIONS,
    SOURCES,
    chinese_name,
    weighted,
)
from domain.cards import MAX_SERIAL, card_expiry, make_card_number
from domain.rulepack import RulePack

# Members joined over the last four years, so every card (valid five years) is still good.
JOIN_YEARS = 4
# Share of members at each tier above the sign-up tier, highest last (the rest stay at sign-up).
TIER_SHARES = (0.18, 0.07, 0.03)
CARD_KINDS = (("stripe", 70), ("qr", 20), ("barcode", 10))
HOME_STORES = 40

MEMBER_COLUMNS = (
    "id", "name", "mobile", "joined_on", "tier", "tier_since", "status", "gender",
    "birth_year", "birth_month", "birth_day", "occupation", "income_band", "address", "email",
    "referrer_id", "source", "consent_marketing", "consent_marketing_at",
    "privacy_accepted_at", "tags", "notes", "home_store", "created_at",
)
CARD_COLUMNS = ("number", "member_id", "state", "expiry", "kind", "is_staff", "issued_at")

_SOURCES, _SOURCE_CUM = weighted(SOURCES)
_KINDS, _KIND_CUM = weighted(CARD_KINDS)


def max_members() -> int:
    """Serials are five digits per region, so the regions bound the number of cards."""
    return len(REGIONS) * MAX_SERIAL


@dataclass(frozen=True, slots=True)
class Joined:
    """A member as generated: the row, the card row, and when their history may start."""

    member: tuple[object, ...]
    card: tuple[object, ...]
    member_id: str
    first_day: int  # ordinal: no ledger row before the member joined


class MemberMaker:
    """Members in the order they joined (their UUIDv7 ids then ascend, like a real store's)."""

    def __init__(self, rng: random.Random, pack: RulePack, hours: StoreHours,
                 today: date) -> None:
        self._rng = rng
        self._pack = pack
        self._hours = hours
        self._today = today
        self._tiers = [t.name for t in pack.tiers]
        self._ids: list[str] = []  # earlier members, for referrers

    def join_days(self, count: int) -> list[int]:
        """Sorted join days (ordinals) spread over the last JOIN_YEARS years."""
        last = self._today - timedelta(days=1)
        first = last.replace(year=last.year - JOIN_YEARS) + timedelta(days=1)
        rng = self._rng
        return sorted(rng.randint(first.toordinal(), last.toordinal()) for _ in range(count))

    def make(self, index: int, day: int, mobile: str) -> Joined:
        rng = self._rng
        at_ms = self._hours.moment(rng, day)
        member_id = uuid7(rng, at_ms)
        joined = date.fromordinal(day)
        tier, since = self._tier(joined)
        source = str(rng.choices(_SOURCES, cum_weights=_SOURCE_CUM)[0])
        referrer = rng.choice(self._ids) if source == "referral" and self._ids else None
        consent = rng.random() < 0.6
        stamp = utc_text_ms(at_ms)
        birth_year = rng.randint(1955, 2006) if rng.random() < 0.85 else None
        has_birthday = birth_year is not None or rng.random() < 0.5
        member = (
            member_id, chinese_name(rng), mobile, joined.isoformat(), tier, since.isoformat(),
            "active", rng.choice(("male", "female", "female", "")), birth_year,
            rng.randint(1, 12) if has_birthday else None,
            rng.randint(1, 28) if has_birthday else None,
            rng.choice(OCCUPATIONS), rng.choice(INCOME_BANDS), "", "", referrer, source,
            int(consent), stamp if consent else None, stamp, "[]", "",
            f"S{1 + index % HOME_STORES:03d}", stamp,
        )
        self._ids.append(member_id)
        return Joined(member, self._card(index, member_id, joined, stamp), member_id, day)

    def _tier(self, joined: date) -> tuple[str, date]:
        """Most members stay at sign-up; the others reached their tier within the last year,
        so no anniversary review is due yet (the store's day close would have run it)."""
        draw = self._rng.random()
        for name, share in zip(reversed(self._tiers[1:]), reversed(TIER_SHARES), strict=False):
            if draw < share:
                start = max(joined, self._today - timedelta(days=364))
                end = self._today - timedelta(days=1)
                since = start + timedelta(days=self._rng.randint(0, (end - start).days))
                return name, since
            draw -= share
        return self._tiers[0], joined

    def _card(self, index: int, member_id: str, joined: date, stamp: str) -> tuple[object, ...]:
        """Regions take turns, so every region's serials stay below the five-digit limit."""
        cards = self._pack.cards
        region = REGIONS[index % len(REGIONS)]
        number = make_card_number(cards.brand, cards.level, region, 1 + index // len(REGIONS))
        kind = self._rng.choices(_KINDS, cum_weights=_KIND_CUM)[0]
        return (number, member_id, "active", card_expiry(joined, cards), kind, 0, stamp)
