"""Pinyin initials of product names, so a cashier finds 外套 by typing "wt"."""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

_WORD = re.compile(r"[A-Za-z]+|[0-9]+")


def pinyin_initials(name: str) -> str:
    """Lower-case initials: one letter per Chinese character, the first letter of each Latin
    word, digit runs kept whole ("Nike运动鞋 42码" → "nydx42m"); everything else is dropped.

    Characters with several readings take pypinyin's phrase-aware choice; where it guesses
    wrong the catalogue can set the initials by hand (they are only computed when empty).
    """
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
