"""Column layout for fixed-pitch devices (receipt printers, pole displays) with Chinese text.

In Chinese mode a printer prints every non-ASCII character as one double-byte glyph, two
columns wide; that includes ￥, ·, × and full-width punctuation, whose Unicode East Asian
width is sometimes "ambiguous". So the rule here is by code point, not by
`unicodedata.east_asian_width`: ASCII counts one column, anything else two, and marks that
combine with the previous character (or control characters) count nothing.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


def char_width(ch: str) -> int:
    if ch < "\x80":
        return 1 if ch.isprintable() else 0
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc"):
        return 0
    return 2


def text_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def normalize(text: str) -> str:
    """Half-width ¥ is not in GBK and prints as garbage: always use the full-width ￥."""
    return text.replace("\u00a5", "\uffe5").replace("\t", " ")


def wrap(text: str, columns: int) -> list[str]:
    """Break text into lines of at most `columns` columns; explicit newlines are kept.

    Chinese breaks anywhere; a run of Latin letters and digits moves to the next line
    whole when it fits there, so "6901234567892" or "Coca-Cola" is not split.
    """
    if columns < 2:
        raise ValueError("a line needs at least two columns")
    lines: list[str] = []
    for paragraph in normalize(text).split("\n"):
        lines.extend(_wrap_paragraph(paragraph, columns))
    return lines


def _wrap_paragraph(paragraph: str, columns: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for ch in paragraph:
        if text_width(current) + char_width(ch) <= columns:
            current += ch
            continue
        current, carried = _split_word(current, ch, columns)
        lines.append(current.rstrip(" "))
        current = carried.lstrip(" ")
    lines.append(current.rstrip(" "))
    return lines


def _split_word(current: str, ch: str, columns: int) -> tuple[str, str]:
    """Where to break `current` when `ch` no longer fits: before a trailing Latin word."""
    if not _is_word_char(ch):
        return current, ch
    start = len(current)
    while start > 0 and _is_word_char(current[start - 1]):
        start -= 1
    word = current[start:] + ch
    if start == 0 or text_width(word) > columns:
        return current, ch
    return current[:start], word


def _is_word_char(ch: str) -> bool:
    return ch < "\x80" and (ch.isalnum() or ch in "-.,:/%")


def pad(text: str, columns: int, align: Align = Align.LEFT) -> str:
    """Fill a line to `columns` with spaces on the side the alignment asks for."""
    space = max(columns - text_width(text), 0)
    if align is Align.RIGHT:
        return " " * space + text
    if align is Align.CENTER:
        return " " * (space // 2) + text + " " * (space - space // 2)
    return text + " " * space


def two_columns(left: str, right: str, columns: int) -> list[str]:
    """Left text and a right-aligned value (an amount) on one line when they fit.

    A long left text wraps; the value goes at the end of its last line, or on a line of
    its own when there is no room left beside it.
    """
    left, right = normalize(left), normalize(right)
    right_width = text_width(right)
    room = columns - right_width - 1
    if room >= 1 and text_width(left) <= room:
        return [left + " " * (columns - text_width(left) - right_width) + right]
    lines = wrap(left, columns) if left else []
    if lines and text_width(lines[-1]) <= room:
        last = lines.pop()
        lines.append(last + " " * (columns - text_width(last) - right_width) + right)
        return lines
    return lines + [pad(line, columns, Align.RIGHT) for line in wrap(right, columns)]


def rule(char: str, columns: int) -> str:
    width = max(char_width(char), 1)
    return char * (columns // width)
