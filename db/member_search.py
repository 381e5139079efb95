"""Finding members at the front desk by card number, mobile, name or pinyin initials.

Every search is a range on an index, so it costs the same with a million members as with a
hundred: cards by number, mobiles by their start (the unique index), and the rest — initials,
part of the name, the mobile's last digits — on `member_search_terms` (db/member_terms.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy.orm import Session

from db.crypto import FieldCipher
from db.mapping_members import MEMBER_COLUMNS, member_from
from db.member_terms import INITIALS, MOBILE, NAME, TERM_MAX, fold
from db.pinyin import char_initials
from db.repos_driver import Named, fetch_all_named, select_sql
from domain.records import Member

_DIGITS = re.compile(r"[0-9]+")
_INITIALS = re.compile(r"[A-Za-z][A-Za-z0-9]*")
CARD_LENGTH = 13
# The last four digits of a mobile (手机尾号) are what a customer says most often.
SUFFIX_MIN = 4
# Above every character: `prefix + _TOP` bounds the range of terms that start with `prefix`.
_TOP = "\U0010ffff"

_BY_CARD = ("SELECT m." + ", m.".join(MEMBER_COLUMNS) + " FROM members m "
            "JOIN cards c ON c.member_id = m.id WHERE c.number >= ? AND c.number < ? "
            "ORDER BY c.number LIMIT ?")
# A range on the unique index rather than LIKE, which SQLite only indexes in special cases.
_BY_MOBILE_PREFIX = select_sql("members", MEMBER_COLUMNS, "mobile >= ? AND mobile < ?",
                               "mobile LIMIT ?")
_BY_TERM = ("SELECT m." + ", m.".join(MEMBER_COLUMNS) + " FROM member_search_terms t "
            "JOIN members m ON m.id = t.member_id "
            "WHERE t.kind = ? AND t.term >= ? AND t.term < ? "
            "ORDER BY t.term, t.member_id LIMIT ?")
# The index on joined_on gives the rows newest first; only each day's names are sorted.
_RECENT = select_sql("members", MEMBER_COLUMNS, "1", "joined_on DESC, name LIMIT ?")

Row = Named  # a members row by column name
Check = Callable[[Row], bool]


def search_members(session: Session, cipher: FieldCipher, text: str,
                   limit: int = 50) -> list[Member]:
    """Digits: card number prefix, mobile prefix, then mobile ending; Latin letters: pinyin
    initials of the name (zs → 张三) or part of it (Tom); anything else: part of the name.
    Every status. Nothing typed: the members who joined last, so the list is never empty."""
    needle = text.strip()
    if not needle:
        rows = fetch_all_named(session, _RECENT, (limit,))
    elif _DIGITS.fullmatch(needle):
        rows = _by_digits(session, needle, limit)
    elif _INITIALS.fullmatch(needle):
        rows = _by_initials(session, needle.lower(), limit)
        # A Latin name (Tom) is found by its letters too.
        rows += _by_name(session, needle, limit)
    else:
        rows = _by_name(session, needle, limit)
    return [member_from(row, cipher) for row in _distinct(rows, limit)]


def _by_digits(session: Session, digits: str, limit: int) -> list[Row]:
    upper = digits + ":"  # ':' sorts just after '9': the range holds every continuation
    found = fetch_all_named(session, _BY_CARD, (digits, upper, limit))
    if len(digits) < CARD_LENGTH:
        found += fetch_all_named(session, _BY_MOBILE_PREFIX, (digits, upper, limit))
        if len(digits) >= SUFFIX_MIN:
            found += _by_term(session, MOBILE, digits[::-1],
                              lambda row: str(row["mobile"]).endswith(digits), limit)
    return found


def _by_initials(session: Session, query: str, limit: int) -> list[Row]:
    return _by_term(session, INITIALS, query,
                    lambda row: initials_match(row["name"], query), limit)


def _by_name(session: Session, needle: str, limit: int) -> list[Row]:
    folded = fold(needle)
    return _by_term(session, NAME, folded, lambda row: folded in fold(str(row["name"])), limit)


def _by_term(session: Session, kind: str, prefix: str, check: Check, limit: int) -> list[Row]:
    """Members with a term of `kind` starting with `prefix`, each checked with `check`.

    A member may hold several matching terms (两 readings, 张张's two endings), and a term
    left behind by an edit made outside Kaika matches nobody: rows are read in pages that
    grow until `limit` distinct members pass or the range is used up.
    """
    start = prefix[:TERM_MAX]
    page = limit * 2
    while True:
        rows = fetch_all_named(session, _BY_TERM, (kind, start, start + _TOP, page))
        found = _distinct([row for row in rows if check(row)], limit)
        if len(found) >= limit or len(rows) < page:
            return found
        page *= 4


def _distinct(rows: list[Row], limit: int) -> list[Row]:
    """The first row of each member, at most `limit` of them."""
    unique: dict[str, Row] = {}
    for row in rows:
        unique.setdefault(row["id"], row)
    return list(unique.values())[:limit]


def initials_match(name: str | None, query: str) -> bool:
    """True when `query` is a prefix of the name's initials, any reading of each character
    counting (单 is d or s), so a surname read the rarer way is still found."""
    if not name:
        return False
    letters = [c for c in name if c.strip()]
    if len(letters) < len(query):
        return False
    return all(want in char_initials(have) for want, have in zip(query, letters, strict=False))
