"""Finding members at the front desk by card number, mobile, name or pinyin initials."""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, pinyin
from sqlalchemy.orm import Session

from db.crypto import FieldCipher
from db.mapping_plain import MEMBER_COLUMNS, member_from_plain
from db.repos_driver import driver, fetch_all, select_sql
from domain.records import Member

_DIGITS = re.compile(r"[0-9]+")
_INITIALS = re.compile(r"[A-Za-z][A-Za-z0-9]*")
CARD_LENGTH = 13
# The last four digits of a mobile (手机尾号) are what a customer says most often.
SUFFIX_MIN = 4

_BY_CARD = ("SELECT m." + ", m.".join(MEMBER_COLUMNS) + " FROM members m "
            "JOIN cards c ON c.member_id = m.id WHERE c.number >= ? AND c.number < ? "
            "ORDER BY c.number LIMIT ?")
# A range on the unique index rather than LIKE, which SQLite only indexes in special cases.
_BY_MOBILE_PREFIX = select_sql("members", MEMBER_COLUMNS, "mobile >= ? AND mobile < ?",
                               "mobile LIMIT ?")
_BY_MOBILE_SUFFIX = select_sql("members", MEMBER_COLUMNS, "mobile LIKE ? ESCAPE '\\'",
                               "mobile LIMIT ?")
_BY_NAME = select_sql("members", MEMBER_COLUMNS, "name LIKE ? ESCAPE '\\'", "name LIMIT ?")
_RECENT = select_sql("members", MEMBER_COLUMNS, "1", "joined_on DESC, name LIMIT ?")
_BY_INITIALS = select_sql("members", MEMBER_COLUMNS, "kaika_initials_match(name, ?)",
                          "name LIMIT ?")


def search_members(session: Session, cipher: FieldCipher, text: str,
                   limit: int = 50) -> list[Member]:
    """Digits: card number prefix, mobile prefix, then mobile ending; Latin letters: pinyin
    initials of the name (zs → 张三); anything else: part of the name. Every status.
    Nothing typed: the members who joined last, so the desk's list is never an empty page."""
    needle = text.strip()
    if not needle:
        return _rows(session, cipher, _RECENT, (limit,))
    if _DIGITS.fullmatch(needle):
        found = _by_digits(session, cipher, needle, limit)
    elif _INITIALS.fullmatch(needle):
        driver(session).create_function("kaika_initials_match", 2, initials_match,
                                        deterministic=True)
        found = _rows(session, cipher, _BY_INITIALS, (needle.lower(), limit))
        # A Latin name (Tom) is found by its letters too.
        found += _rows(session, cipher, _BY_NAME, (f"%{_escaped(needle)}%", limit))
    else:
        found = _rows(session, cipher, _BY_NAME, (f"%{_escaped(needle)}%", limit))
    return _distinct(found, limit)


def _by_digits(session: Session, cipher: FieldCipher, digits: str, limit: int) -> list[Member]:
    upper = digits + ":"  # ':' sorts just after '9': the range holds every continuation
    found = _rows(session, cipher, _BY_CARD, (digits, upper, limit))
    if len(digits) < CARD_LENGTH:
        found += _rows(session, cipher, _BY_MOBILE_PREFIX, (digits, upper, limit))
        if len(digits) >= SUFFIX_MIN:
            found += _rows(session, cipher, _BY_MOBILE_SUFFIX, (f"%{digits}", limit))
    return found


def _distinct(found: list[Member], limit: int) -> list[Member]:
    unique: dict[str, Member] = {}
    for member in found:
        unique.setdefault(member.id, member)
    return list(unique.values())[:limit]


def _rows(session: Session, cipher: FieldCipher, sql: str,
          params: tuple[str | int, ...]) -> list[Member]:
    return [member_from_plain(row, cipher) for row in fetch_all(session, sql, params)]


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def initials_match(name: str | None, query: str) -> int:
    """1 when `query` is a prefix of the name's initials, any reading of each character
    counting (单 is d or s), so a surname read the rarer way is still found."""
    if not name:
        return 0
    letters = [c for c in name if c.strip()]
    if len(letters) < len(query):
        return 0
    return int(all(want in char_initials(have) for want, have in zip(query, letters, strict=False)))


@lru_cache(maxsize=30000)
def char_initials(char: str) -> frozenset[str]:
    if char.isascii():
        return frozenset({char.lower()}) if char.isalnum() else frozenset()
    readings = pinyin(char, style=Style.FIRST_LETTER, heteronym=True, errors="ignore")
    return frozenset(r[0].lower() for r in (readings[0] if readings else []) if r)

