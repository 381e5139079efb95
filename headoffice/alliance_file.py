"""A file of alliance agreements (TOML `[[agreements]]` or JSON `{"agreements": [...]}`), read
whole before anything is stored: for the command line and the console's upload alike."""

from __future__ import annotations

import tomllib

from domain.alliance import Agreement, parse_agreements
from domain.inputs import InputError, parse_json, utf8_text

MAX_BYTES = 256 * 1024  # an alliance's agreements are a few dozen rows


def agreements_from(data: bytes, name: str) -> list[Agreement]:
    """The agreements of a file named `name` (TOML by its `.toml` suffix, else JSON).

    Raises:
        InputError: too large, not UTF-8, not TOML or JSON (`message` says where).
        AgreementError: every problem of every row, each with its JSON path.
    """
    if len(data) > MAX_BYTES:
        raise InputError("input.too_large", file=name,
                         detail=f"{len(data)} > {MAX_BYTES} bytes")
    text = utf8_text(data, name)
    if name.lower().endswith(".toml"):
        try:
            parsed = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise InputError("input.not_toml", file=name, detail=str(err)) from None
    else:
        parsed = parse_json(text, name)
    return parse_agreements(parsed)
