"""UUIDv7 ids made where a record is born (stdlib only; uuid.uuid7 needs Python 3.14)."""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_last_rand = 0


def new_id(now_ms: int | None = None) -> uuid.UUID:
    """A UUIDv7 (RFC 9562): 48-bit Unix ms, then random bits; monotonic within a process.

    Within one millisecond the 74 random bits are incremented instead of redrawn, so ids
    made in a row sort in creation order (RFC 9562 §6.2, method 2).
    """
    return uuid.UUID(int=_next(now_ms))


def new_id_str() -> str:
    """`str(new_id())`, formatted straight from the number (an import makes millions)."""
    h = f"{_next(None):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _next(now_ms: int | None) -> int:
    global _last_ms, _last_rand
    with _lock:
        ms = time.time_ns() // 1_000_000 if now_ms is None else now_ms
        if ms <= _last_ms:
            ms = _last_ms
            rand = (_last_rand + 1) & ((1 << 74) - 1)
        else:
            rand = int.from_bytes(os.urandom(10), "big") >> 6
        _last_ms, _last_rand = ms, rand
    rand_a = rand >> 62
    rand_b = rand & ((1 << 62) - 1)
    return (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b


def id_time_ms(value: uuid.UUID) -> int:
    """The creation time (Unix ms) carried in a UUIDv7."""
    return value.int >> 80
