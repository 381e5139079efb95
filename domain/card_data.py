"""Bank-card numbers (PANs) in typed or scanned text: found, refused, and masked for logs.

A PAN is 13–19 digits that pass Luhn (ISO/IEC 7812). People and card readers group them
with spaces or dashes, so digit groups joined by those count as one number, and any run of
whole neighbouring groups is tried on its own ("order 12 4111 1111 1111 1111" holds one).
Any other character (a letter, `=`, `^`, a sentinel) ends a number: that is how track data
sent without sentinels (`4111…1111=2912…`, `B4111…1111^NAME^…`) still shows its PAN.
Digits of any script count (full-width ４ is 4). Our own 13-digit member card numbers pass
Luhn too; which fields may hold them is decided per field (docs/till.md, "Card data").
Nothing here puts the digits it found into an error.
"""

from __future__ import annotations

import re

from domain.cards import luhn_valid
from domain.errors import ValidationError

PAN_LENGTHS = range(13, 20)
# Digit groups joined by whitespace or a dash (ASCII, Unicode hyphens, full-width minus).
_RUN = re.compile(r"\d+(?:[\s\-\u2010-\u2015\uff0d]+\d+)*")
_GROUP = re.compile(r"\d+")


def find(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of `text` holding a 13–19-digit Luhn-valid number, in order."""
    if len(text) < PAN_LENGTHS.start:
        return []  # too short to hold one: most cells of an imported file, most names
    found = []
    for run in _RUN.finditer(text):
        groups = [(g.start() + run.start(), g.end() + run.start(), g.group())
                  for g in _GROUP.finditer(run.group())]
        found += _spans_in(groups)
    return found


def _spans_in(groups: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The first card number starting at each group, skipping groups inside one found."""
    spans = []
    start = 0
    while start < len(groups):
        end = _number_from(groups, start)
        if end is None:
            start += 1
            continue
        spans.append((groups[start][0], groups[end][1]))
        start = end + 1
    return spans


def _number_from(groups: list[tuple[int, int, str]], start: int) -> int | None:
    """Index of the last group of the longest card number starting at `start`, if any."""
    digits, best = "", None
    for index in range(start, len(groups)):
        digits += "".join(str(int(ch)) for ch in groups[index][2])  # any script -> ASCII
        if len(digits) > PAN_LENGTHS.stop - 1:
            break
        if len(digits) in PAN_LENGTHS and luhn_valid(digits):
            best = index
    return best


def holds_card_number(text: str) -> bool:
    """Whether `text` holds a 13–19-digit Luhn-valid number anywhere."""
    return bool(find(text))


def check_text(field: str, text: str) -> str:
    """`text` unchanged, or ValidationError card.number_in_text naming `field` (no digits).

    For free text where no card number belongs: tender references, notes, reasons, names.
    """
    if find(text):
        raise ValidationError("card.number_in_text", field=field)
    return text


def mask(text: str) -> str:
    """`text` with every card number replaced by `[card ****1111]` (its last four digits, as
    PCI DSS allows a number to be shown truncated): for logs and error parameters."""
    out, at = [], 0
    for start, end in find(text):
        tail = "".join(str(int(ch)) for ch in text[start:end] if ch.isdecimal())[-4:]
        out += [text[at:start], f"[card ****{tail}]"]
        at = end
    return "".join([*out, text[at:]])
