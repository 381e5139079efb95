"""Reading the files a person hands Kaika: every failure is an `InputError` with a code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from domain.errors import ValidationError

MAX_FILE_BYTES = 20 * 1024 * 1024  # no scenario, pack, catalogue or member list is this big


class InputError(ValidationError):
    """A file that cannot be read as what it claims to be; `message` says why in one line."""

    @property
    def message(self) -> str:
        where = self.params.get("file", "")
        at = self.params.get("at")
        detail = self.params.get("detail")
        return (f"{where}{f':{at}' if at else ''}: {self.code}"
                f"{f' ({detail})' if detail else ''}")


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, refused when missing, unreadable or beyond `limit`."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError("input.too_large", file=str(path), detail=f"{size} > {limit} bytes")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("input.file_missing", file=str(path)) from None
    except IsADirectoryError:
        raise InputError("input.not_a_file", file=str(path)) from None
    except OSError as err:
        raise InputError("input.unreadable", file=str(path), detail=err.strerror) from None


def utf8_text(data: bytes, file: str) -> str:
    """UTF-8 text (a BOM is dropped); anything else is refused, naming the byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise InputError("input.not_utf8", file=file, at=f"line {line}",
                         detail=f"byte 0x{data[err.start]:02x} at offset {err.start}; "
                         "save the file as UTF-8") from None


def _no_constant(name: str) -> Any:
    # JSON has no NaN or Infinity; Python's reader takes them unless told otherwise.
    raise ValueError(f"{name} is not a JSON number")


def parse_json(text: str, file: str) -> Any:
    """JSON as the standard defines it: no NaN/Infinity, nesting a program can walk."""
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        raise InputError("input.not_json", file=file, at=f"{err.lineno}:{err.colno}",
                         detail=err.msg) from None
    except ValueError as err:  # NaN, Infinity, a number of thousands of digits
        raise InputError("input.not_json", file=file, detail=str(err)) from None
    except RecursionError:
        raise InputError("input.not_json", file=file, detail="nested too deeply") from None


def read_json(path: Path) -> Any:
    return parse_json(utf8_text(read_bytes(path), str(path)), str(path))
