"""Head office's answer-signing keys: made by `kaika-headoffice keygen`, read at start from a
file or the environment, never from the command line (where `ps` would show them to anyone).

A key file holds one Ed25519 private key per line (base64url of the raw 32 bytes; `#` starts
a comment). Head office signs every answer with every key in it and lists their public halves
at enrolment and in each allowance grant, so a new key is added beside the old one, learnt by
the tills, and only then is the old one removed (docs/headoffice.md, "Head office's keys").
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from domain.errors import DomainError
from sync.signing import KeyPair

KEY_FILE_ENV = "KAIKA_HO_ANSWER_KEY_FILE"  # a path to a key file
KEYS_ENV = "KAIKA_HO_ANSWER_KEYS"  # the keys themselves (e.g. from a secret store)
_HEADER = ("# Kaika head office answer-signing keys: every line signs; keep this file secret "
           "(mode 0600).\n")


@dataclass(frozen=True, slots=True)
class AnswerKeys:
    """The keys head office signs its answers with (each answer with all of them)."""

    pairs: tuple[KeyPair, ...]

    @property
    def public(self) -> list[str]:
        return [pair.public_text() for pair in self.pairs]


def parse(text: str, source: str) -> AnswerKeys:
    """Keys from a key file's text; a line that is not a key is refused with its number."""
    pairs = []
    for number, line in enumerate(text.splitlines(), 1):
        value = line.split("#", 1)[0].strip()
        if not value:
            continue
        try:
            pairs.append(KeyPair.from_private_text(value))
        except ValueError:
            raise DomainError("answer_keys.invalid", source=source, line=number) from None
    if not pairs:
        raise DomainError("answer_keys.empty", source=source)
    return AnswerKeys(tuple(pairs))


def read_file(path: Path) -> AnswerKeys:
    if not path.exists():
        raise DomainError("answer_keys.missing", path=str(path))
    mode = stat.S_IMODE(path.stat().st_mode)
    if os.name == "posix" and mode & 0o077:
        # Readable by others: whoever read it can sign as head office. Refuse to use it.
        raise DomainError("answer_keys.exposed", path=str(path), mode=oct(mode))
    return parse(path.read_text(encoding="utf-8"), str(path))


def configured(path: str | None, env: Mapping[str, str] = os.environ) -> AnswerKeys:
    """`--answer-key-file`, else $KAIKA_HO_ANSWER_KEY_FILE, else $KAIKA_HO_ANSWER_KEYS."""
    chosen = path or env.get(KEY_FILE_ENV)
    if chosen:
        return read_file(Path(chosen))
    if env.get(KEYS_ENV):
        return parse(env[KEYS_ENV].replace(",", "\n"), KEYS_ENV)
    raise DomainError("answer_keys.not_configured", env=KEY_FILE_ENV)


def new_key_file(path: Path) -> str:
    """Create a key file with one new key (never over an existing one); its public half."""
    pair = KeyPair.generate()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise DomainError("answer_keys.file_exists", path=str(path)) from None
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(_HEADER + pair.private_text() + "\n")
    return pair.public_text()


def add_key(path: Path) -> str:
    """Append a new key to an existing key file (the start of a rotation); its public half."""
    read_file(path)  # a missing, exposed or broken file is refused before it is changed
    pair = KeyPair.generate()
    ends_line = path.read_bytes().endswith(b"\n")
    with path.open("a", encoding="utf-8") as out:
        out.write(("" if ends_line else "\n") + pair.private_text() + "\n")
    return pair.public_text()
