"""Magnetic stripe tracks (ISO 7811/7813, track 3 ISO 4909) as readers send them.

A reader sends `%<track 1>?;<track 2>?;<track 3>?` (some use `+` for track 3), optionally
each followed by its LRC character, `E` in place of an unreadable track's data, and a CR.
Parsing never puts track data into an error: a bank card must not end up in a log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hardware.errors import DeviceError

_TRACK1_CHARS = frozenset(chr(c) for c in range(0x20, 0x60)) - {"%", "?"}
_NUMERIC_CHARS = frozenset("0123456789:<=>")  # 5-bit set minus the ; and ? sentinels
_STARTS = {"%": 1, ";": 2, "+": 3}
_TERMINATORS = "\r\n"
LRC_MODES = ("auto", "yes", "no")


@dataclass(frozen=True, slots=True)
class Tracks:
    """Track contents without sentinels; None when absent. `unreadable` lists `E` tracks."""

    track1: str | None = None
    track2: str | None = None
    track3: str | None = None
    unreadable: frozenset[int] = field(default_factory=frozenset)

    def get(self, number: int) -> str | None:
        return (self.track1, self.track2, self.track3)[number - 1]

    @property
    def is_empty(self) -> bool:
        return self.track1 is None and self.track2 is None and self.track3 is None


def lrc(number: int, body: str) -> str:
    """The LRC character of a track: XOR of the character values of SS, data and ES.

    Track 1 characters are 6-bit (value = code - 0x20), tracks 2 and 3 4-bit (code - 0x30).
    MagTek's worked example: track 1 `%AT3?` has LRC `<`.
    """
    offset, start = (0x20, "%") if number == 1 else (0x30, ";")
    value = 0
    for ch in start + body + "?":
        value ^= ord(ch) - offset
    return chr(value + offset)


def is_valid_body(number: int, body: str) -> bool:
    allowed = _TRACK1_CHARS if number == 1 else _NUMERIC_CHARS
    return all(ch in allowed for ch in body)


def parse_tracks(raw: str, lrc_mode: str = "auto") -> Tracks:
    """Tracks from one swipe (a wedge burst or a serial reader's line).

    lrc_mode: "yes" when the reader sends an LRC after every end sentinel, "no" when it
    never does, "auto" to take a character after `?` as LRC unless it starts a track.

    Raises:
        DeviceError: card.garbage (a character that is no track's), card.truncated (a
            track without its end sentinel), card.lrc_mismatch, card.no_data.
    """
    found: dict[int, str | None] = {}
    pos = 0
    while pos < len(raw):
        ch = raw[pos]
        if ch in _TERMINATORS:
            pos += 1
            continue
        number = _track_number(ch, found, pos)
        pos = _read_track(raw, pos, number, lrc_mode, found)
    if not found:
        raise DeviceError("card.no_data")
    unreadable = frozenset(n for n, body in found.items() if body is None)
    return Tracks(found.get(1), found.get(2), found.get(3), unreadable)


def _track_number(ch: str, found: dict[int, str | None], pos: int) -> int:
    number = _STARTS.get(ch)
    if number is None:
        raise DeviceError("card.garbage", position=pos)
    if number == 2 and (2 in found or 3 in found):
        return 3  # the second `;` track of a swipe is track 3
    if number in found:
        raise DeviceError("card.garbage", position=pos)
    return number


def _read_track(raw: str, pos: int, number: int, lrc_mode: str,
                found: dict[int, str | None]) -> int:
    end = raw.find("?", pos + 1)
    if end < 0:
        raise DeviceError("card.truncated", track=number)
    body = raw[pos + 1:end]
    after = end + 1
    sent_lrc = _lrc_char(raw, after, lrc_mode, number)
    if sent_lrc is not None:
        after += 1
    if body == "E":
        found[number] = None
        return after
    if not is_valid_body(number, body):
        raise DeviceError("card.garbage", track=number)
    if sent_lrc is not None and sent_lrc != lrc(number, body):
        raise DeviceError("card.lrc_mismatch", track=number)
    found[number] = body
    return after


def _lrc_char(raw: str, pos: int, lrc_mode: str, number: int) -> str | None:
    if lrc_mode == "no":
        return None
    if pos >= len(raw) or raw[pos] in _TERMINATORS:
        if lrc_mode == "yes":
            raise DeviceError("card.truncated", track=number)
        return None
    if lrc_mode == "auto" and raw[pos] in _STARTS:
        return None
    return raw[pos]


def swipe_text(tracks: Tracks, with_lrc: bool = False) -> str:
    """What a reader sends for these tracks (without the CR): the inverse of parse_tracks."""
    parts = []
    # Without a track 2, a `;` track would read as track 2: readers then mark track 3 `+`.
    third = ";" if tracks.track2 is not None or 2 in tracks.unreadable else "+"
    for number, start in ((1, "%"), (2, ";"), (3, third)):
        body = tracks.get(number)
        if number in tracks.unreadable:
            parts.append(f"{start}E?")
        elif body is not None:
            parts.append(start + body + "?" + (lrc(number, body) if with_lrc else ""))
    return "".join(parts)


def mask(body: str) -> str:
    """Show a track without its secrets: the first and last four digits of the number, the
    expiry, and stars for everything else (names and verification codes included)."""
    number, sep, rest = body.partition("=") if "=" in body else body.partition("^")
    head = number[:4] + "*" * max(len(number) - 8, 0) + number[-4:] if len(number) > 8 else number
    if not sep:
        return head
    if sep == "=":
        return head + "=" + rest[:4] + "*" * len(rest[4:])
    return head + "^" + "*" * len(rest)
