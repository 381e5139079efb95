"""Text people type or import: no control characters (U+0000 and the like), line breaks only
where a text is written in lines (an address, notes).

Control characters cannot be seen on a screen or a receipt, break searches and exports, and
PostgreSQL refuses U+0000 outright; a lone surrogate cannot even be encoded. They only come in
by accident (a paste, an old system's export) or on purpose, so they are refused, naming the
field, wherever text enters: forms, imports, staff, head office's API and event payloads.
"""

from __future__ import annotations

import re
from typing import Any

from domain.errors import ValidationError

# Cc (C0, DEL, C1) and lone surrogates; the multi-line form lets CR and LF through.
_REFUSED = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_REFUSED_IN_LINES = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# The same rule as a JSON Schema pattern, for API documents (OpenAPI): the characters
# themselves, not \u escapes, which some regex dialects read otherwise. (A lone surrogate
# cannot be written in a document at all; it is refused all the same.)
CLEAN_PATTERN = "^[^\x00-\x1f\x7f-\x9f]*$"
LINES_PATTERN = "^[^\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"


def bad_char(text: str, *, multiline: bool = False) -> int | None:
    """The position of the first refused character of `text`, or None."""
    found = (_REFUSED_IN_LINES if multiline else _REFUSED).search(text)
    return found.start() if found else None


def check_text(text: str, field: str, *, multiline: bool = False) -> str:
    """`text` unchanged, or ValidationError `form.control_char` naming the field and where
    (`position` counts from 1, as a person counts characters)."""
    at = bad_char(text, multiline=multiline)
    if at is not None:
        raise ValidationError("form.control_char", field=field, position=at + 1,
                              char=f"U+{ord(text[at]):04X}")
    return text


def bad_path(node: Any, path: str = "", *, multiline: bool = True) -> str | None:
    """The JSON path (dots; list items by index) of the first key or string in a JSON value
    holding a refused character, or None."""
    keys: list[str] = []
    texts: list[str] = []
    gather(node, keys, texts)
    if not refused_in(keys, texts, multiline=multiline):
        return None  # the usual case, found with two regex searches instead of one per node
    return _bad_path(node, path, multiline=multiline)


def gather(node: Any, keys: list[str], texts: list[str]) -> None:
    """Append every key (as text) and every string of a JSON value to `keys` and `texts`."""
    if isinstance(node, str):
        texts.append(node)
    elif isinstance(node, dict):
        keys.extend(map(str, node))
        for value in node.values():
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, dict | list):
                gather(value, keys, texts)
    elif isinstance(node, list):
        for value in node:
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, dict | list):
                gather(value, keys, texts)


def refused_in(keys: list[str], texts: list[str], *, multiline: bool = True) -> bool:
    """Whether a key or a string (as `gather` found them) holds a refused character; the
    separators joining them are characters the same rule lets through."""
    if keys and _REFUSED.search(" ".join(keys)):
        return True
    pattern = _REFUSED_IN_LINES if multiline else _REFUSED
    return bool(texts) and pattern.search(("\n" if multiline else " ").join(texts)) is not None


def _bad_path(node: Any, path: str = "", *, multiline: bool = True) -> str | None:
    if isinstance(node, str):
        return path if bad_char(node, multiline=multiline) is not None else None
    if isinstance(node, dict):
        for key, value in node.items():
            inner = f"{path}.{key}" if path else str(key)
            if bad_char(str(key)) is not None:
                return inner
            found = _bad_path(value, inner, multiline=multiline)
            if found is not None:
                return found
    elif isinstance(node, list):
        for n, value in enumerate(node):
            found = _bad_path(value, f"{path}.{n}" if path else str(n), multiline=multiline)
            if found is not None:
                return found
    return None
