"""The front desk's member search, timed beside the same reads by hand (bench/raw.py).

What a desk types, taken from members drawn at random: the first two pinyin initials of a
name (zs), one character of the given name (伟 — the commonest characters match tens of
thousands of members), the last four digits of a mobile, and nothing at all (the page's first
list). Kaika's side is `lookup.search`, exactly what the Members page calls.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterator
from functools import partial
from typing import cast

from bench.raw import RawSearch
from db.pinyin import char_initials
from domain.services import lookup
from domain.services.context import ServiceContext

Thunk = Callable[[], object]
Round = tuple[Thunk, Thunk, Callable[[object, object], None]]
# (label, what is typed, given a member's name and mobile)
KINDS: tuple[tuple[str, Callable[[random.Random, str, str], str]], ...] = (
    ("pinyin initials, two letters (`zs`)",
     lambda rng, name, mobile: "".join(char_initials(c)[0] for c in name[:2])),
    ("part of the name, one character (`伟`)", lambda rng, name, mobile: rng.choice(name[1:])),
    ("mobile ending, four digits (`2222`)", lambda rng, name, mobile: mobile[-4:]),
    ("nothing typed (the latest to join)", lambda rng, name, mobile: ""),
)


def draw_people(conn: sqlite3.Connection, rng: random.Random, count: int) -> list[tuple[str, str]]:
    """Names and mobiles of `count` members picked by random rowid (Chinese names of two or
    more characters, as the generator makes them)."""
    top = conn.execute("SELECT max(rowid) FROM members").fetchone()[0] or 0
    people: list[tuple[str, str]] = []
    for rowid in rng.sample(range(1, top + 1), min(top, count * 2)):
        row = conn.execute("SELECT name, mobile FROM members WHERE rowid = ?",
                           (rowid,)).fetchone()
        if row is not None and len(row[0]) >= 2:
            people.append((row[0], row[1]))
            if len(people) == count:
                break
    return people


def search_rounds(ctx: ServiceContext, raw: RawSearch, typed: list[str]) -> Iterator[Round]:
    for text in typed:
        yield (partial(lookup.search, ctx, text), partial(raw.search, text), _same_members)


def typed_for(kind: Callable[[random.Random, str, str], str], rng: random.Random,
              people: list[tuple[str, str]]) -> list[str]:
    return [kind(rng, name, mobile) for name, mobile in people]


def _same_members(kaika: object, raw: object) -> None:
    found = {hit.member.id for hit in cast(list[lookup.MemberHit], kaika)}
    if found != raw:
        raise AssertionError(f"Kaika and raw found different members: {sorted(found)[:3]}…")
