"""Head office's answer-signing keys: the key file made, extended for a rotation, read and
refused; an answer that failed inside head office still signed."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from domain.errors import DomainError
from headoffice import keys
from headoffice.app import Settings, create_app
from headoffice.engine import make_engine
from sync import answers
from sync.answers import Answered
from sync.signing import KeyPair


def test_a_key_file_is_made_secret_extended_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "answer-keys"
    first = keys.new_key_file(path)
    assert path.stat().st_mode & 0o777 == 0o600
    path.write_text(path.read_text().rstrip("\n"))  # hand-edited: no newline at the end
    second = keys.add_key(path)
    assert keys.read_file(path).public == [first, second]
    with pytest.raises(DomainError) as caught:
        keys.new_key_file(path)  # never over an existing file
    assert caught.value.code == "answer_keys.file_exists"


def test_a_line_that_is_not_a_key_is_named_and_an_empty_file_refused(tmp_path: Path) -> None:
    good = KeyPair.generate().private_text()
    with pytest.raises(DomainError) as caught:
        keys.parse(f"# keys\n{good}\nnot-a-key\n", "answer-keys")
    assert (caught.value.code, caught.value.params["line"]) == ("answer_keys.invalid", 3)
    with pytest.raises(DomainError) as empty:
        keys.parse("# nothing yet\n\n", "answer-keys")
    assert empty.value.code == "answer_keys.empty"


def test_keys_come_from_the_option_the_file_variable_or_the_keys_variable(
        tmp_path: Path) -> None:
    path = tmp_path / "answer-keys"
    public = keys.new_key_file(path)
    pairs = [KeyPair.generate() for _ in range(2)]
    listed = ",".join(p.private_text() for p in pairs)
    assert keys.configured(str(path), {}).public == [public]
    assert keys.configured(None, {keys.KEY_FILE_ENV: str(path)}).public == [public]
    assert keys.configured(None, {keys.KEYS_ENV: listed}).public == [
        p.public_text() for p in pairs]
    with pytest.raises(DomainError) as caught:
        keys.configured(None, {})
    assert caught.value.code == "answer_keys.not_configured"
    path.chmod(0o640)
    with pytest.raises(DomainError) as exposed:
        keys.configured(str(path), {})
    assert exposed.value.code == "answer_keys.exposed"


def test_an_answer_that_failed_inside_head_office_is_still_signed(tmp_path: Path) -> None:
    """A 500 (here: a database that is not there) is answered signed, never bare."""
    pair = KeyPair.generate()
    app = create_app(make_engine(f"sqlite:///{tmp_path}/missing/ho.sqlite3"),
                     Settings(answer_keys=keys.AnswerKeys((pair,))))

    async def ask() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://ho") as client:
            return await client.get("/metrics", headers={"X-Kaika-Nonce": "n-1"})

    failed = asyncio.run(ask())
    assert (failed.status_code, failed.json()) == (500, {"code": "server.error", "params": {}})
    text = answers.answer_text(Answered("GET", "/metrics", "", "n-1"), 500,
                               failed.headers["X-Kaika-Server-Time"], failed.content)
    assert answers.signed_by(failed.headers[answers.HEADER_ANSWER_SIGNATURE],
                             [pair.public_text()], text) == pair.public_text()
