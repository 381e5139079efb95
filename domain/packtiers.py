"""A rule pack's `[[tiers]]` read and checked (DOMAIN §5): names unique, figures rising."""

from __future__ import annotations

from collections.abc import Sequence

from domain.packfields import opt_int, opt_rate
from domain.packparse import Table
from domain.rulepack import TierRule


def read_tiers(root: Table) -> tuple[TierRule, ...]:
    """The pack's tiers, lowest first: their order in the file is their rank."""
    tables = list(root.tables("tiers", required=True))
    if not tables:
        raise root.fail("tiers", "empty")
    tiers = tuple(_tier(t, rank) for rank, t in enumerate(tables))
    _check_tier_names(root, tiers)
    for attr in ("entry_single_fen", "entry_window_fen"):
        _check_rising(root, tiers, attr, strict=True)
    for attr in ("retain_spend_fen", "retain_days"):
        _check_rising(root, tiers, attr, strict=False)
    return tiers


def _tier(t: Table, rank: int) -> TierRule:
    retain = t.int("retain_spend_fen", minimum=0) if t.has("retain_spend_fen") else None
    tier = TierRule(
        name=t.str("name"),
        rank=rank,
        entry_on_signup=t.bool("entry_on_signup", False),
        entry_any_purchase=t.bool("entry_any_purchase", False),
        entry_single_fen=opt_int(t, "entry_single_fen", 1),
        entry_window_fen=opt_int(t, "entry_window_fen", 1),
        entry_window_months=t.int("entry_window_months", 12, minimum=1),
        retain_spend_fen=retain,
        retain_days=t.int("retain_days", 0, minimum=0),
        discount_rate=opt_rate(t, "discount_rate"),
        birthday_rate=opt_rate(t, "birthday_rate"),
        points_multiplier=t.decimal("points_multiplier", "1", low="0"),
        free_spins_per_day=t.int("free_spins_per_day", 0, minimum=0),
    )
    if retain is None and tier.retain_days:
        raise t.fail("retain_days", "needs_retain_spend_fen")
    t.finish()
    return tier


def _check_tier_names(root: Table, tiers: Sequence[TierRule]) -> None:
    seen: set[str] = set()
    for tier in tiers:
        if tier.name in seen:
            raise root.fail(f"tiers[{tier.rank}].name", "duplicate", value=tier.name)
        seen.add(tier.name)
    if sum(t.entry_on_signup for t in tiers) > 1:
        raise root.fail("tiers", "several_signup_tiers")


def _check_rising(root: Table, tiers: Sequence[TierRule], attr: str, *, strict: bool) -> None:
    """Higher tiers must ask for more: a figure set on a tier must exceed (or equal) the
    same figure on every lower tier that sets it."""
    last: tuple[int, int] | None = None  # (rank, value)
    for tier in tiers:
        value = getattr(tier, attr)
        if value is None:
            continue
        if last is not None and (value <= last[1] if strict else value < last[1]):
            raise root.fail(f"tiers[{tier.rank}].{attr}", "not_ascending", value=value,
                            previous=last[1])
        last = (tier.rank, value)
