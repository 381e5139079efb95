"""No input gives head office a 500: schemathesis sends what the OpenAPI document allows and
what it does not (NUL bytes, long ids, odd dates, broken bodies) to a real process on
PostgreSQL, as an enrolled till (every request signed) with the admin token.

Bounded and repeatable: a fixed number of examples per operation, derandomized, no example
database; a failure prints the request to replay.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings

from domain.ids import new_id_str
from headoffice.cli import openapi_document
from sync import signing
from sync.signing import KeyPair
from tests.sync.harness import ADMIN_TOKEN, PgDatabases, Server

EXAMPLES = 25  # per operation: about 250 requests in all, about a minute


class _TillSigner(requests.auth.AuthBase):
    """Signs every request as the enrolled till would (sync/http.py)."""

    def __init__(self, keys: KeyPair, terminal_id: str) -> None:
        self.keys, self.terminal_id = keys, terminal_id

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body = request.body or b""
        raw = body.encode() if isinstance(body, str) else body
        stamp, nonce = int(time.time() * 1000), new_id_str()
        request.headers.update({
            signing.HEADER_TERMINAL: self.terminal_id,
            signing.HEADER_TIMESTAMP: str(stamp), signing.HEADER_NONCE: nonce,
            signing.HEADER_SIGNATURE: self.keys.sign(str(request.method), request.path_url,
                                                     stamp, nonce, bytes(raw))})
        return request


@pytest.fixture(scope="module")
def fuzzed(pg: PgDatabases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = Server(pg.fresh(), Path(tmp_path_factory.mktemp("fuzz"))).start()
    server.add_stores("F001", merchant="MF01")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def session(fuzzed: Server) -> Iterator[requests.Session]:
    keys, terminal_id = KeyPair.generate(), new_id_str()
    enrolled = requests.post(fuzzed.url + "/v1/terminals/enroll", timeout=10, json={
        "code": fuzzed.code_for("F001"), "public_key": keys.public_text(),
        "terminal_id": terminal_id})
    assert enrolled.status_code == 200, enrolled.text
    with requests.Session() as made:
        made.auth = _TillSigner(keys, terminal_id)
        yield made


# The document of this code (headoffice/openapi.json is checked against it elsewhere).
schema = schemathesis.openapi.from_dict(openapi_document())


@pytest.mark.postgres
@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_no_input_gives_a_server_error_or_an_answer_off_the_document(
        case: Any, fuzzed: Server, session: requests.Session) -> None:
    case.call_and_validate(base_url=fuzzed.url, session=session,
                           headers={"authorization": f"Bearer {ADMIN_TOKEN}"})
