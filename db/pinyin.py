"""Pinyin initials: of product names (a cashier finds 外套 by typing "wt") and of members'
names with every reading (the desk finds 单田芳 by "dtf" or "stf")."""

from __future__ import annotations

import re
from functools import lru_cache

# pypinyin loads its phrase dictionary on import (over a second of CPU): imported on first
# use, so a command that never writes a name (sync, verify, reports) does not pay for it.

_WORD = re.compile(r"[A-Za-z]+|[0-9]+")


def pinyin_initials(name: str) -> str:
    """Lower-case initials: one letter per Chinese character, the first letter of each Latin
    word, digit runs kept whole ("Nike运动鞋 42码" → "nydx42m"); everything else is dropped.

    Characters with several readings take pypinyin's phrase-aware choice; where it guesses
    wrong the catalogue can set the initials by hand (they are only computed when empty).
    """
    from pypinyin import Style, lazy_pinyin

    parts: list[str] = []
    for chunk in lazy_pinyin(name, style=Style.FIRST_LETTER):
        if _is_han_initial(chunk):
            parts.append(chunk.lower())
            continue
        for word in _WORD.findall(chunk):
            parts.append(word if word.isdigit() else word[0].lower())
    return "".join(parts)


def _is_han_initial(chunk: str) -> bool:
    # lazy_pinyin returns a Chinese character as its one-letter initial and leaves other
    # runs of text untouched; a single letter is ambiguous but yields the same result.
    return len(chunk) == 1 and chunk.isalpha() and chunk.isascii()


@lru_cache(maxsize=30000)
def char_initials(char: str) -> tuple[str, ...]:
    """Every initial a character may be typed by, the commonest reading first: 单 → ('d', 's').

    A Latin letter or digit is itself (lower case); punctuation and spaces have none.
    """
    if char.isascii():
        return (char.lower(),) if char.isalnum() else ()
    from pypinyin import Style, pinyin

    readings = pinyin(char, style=Style.FIRST_LETTER, heteronym=True, errors="ignore")
    found = (r[0].lower() for r in (readings[0] if readings else []) if r)
    return tuple(dict.fromkeys(found))


def initials_variants(name: str, most: int, length: int) -> set[str]:
    """The name's initials with each reading of each character, at most `most` of them and
    each cut to `length` letters: 单田芳 → {'dtf', 'stf'}.

    Spaces are skipped and the initials stop at the first character that has none (a query
    cannot be typed past it). Once `most` spellings exist, later characters keep only their
    commonest reading, so an odd long name cannot blow up the index.
    """
    variants = [""]
    for char in name:
        if not char.strip():
            continue
        if len(variants[0]) >= length:
            break
        readings = char_initials(char)
        if not readings:
            break
        if len(variants) * len(readings) > most:
            readings = readings[:1]
        variants = [v + r for v in variants for r in readings]
    return {v for v in variants if v}
