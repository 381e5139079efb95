"""Head office's answer keys: learnt at enrolment from an answer bound to the one-time code,
kept with the till's credentials, rotated through allowance grants; plain http refused; a till
enrolled before answers were signed told to enrol again. Real head-office processes."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from domain.errors import DomainError
from headoffice.keys import KEY_FILE_ENV
from sync import answers, credentials
from sync.answers import Answered
from sync.enroll import check_server, enroll
from sync.http import SyncError, Transport
from sync.signing import KeyPair
from tests.sync.fixtures import Tenant
from tests.sync.harness import BIN, Server, Till
from tests.sync.meddler import Forward, Http, Meddler

ENROL = "POST /v1/terminals/enroll"


@pytest.fixture(scope="module")
def backend() -> str:
    return "postgres"


@pytest.fixture
def meddler(server: Server) -> Iterator[Meddler]:
    made = Meddler(server.port)
    yield made
    made.close()


def _enrolled(till: Till) -> bool:
    with till.app.store.reader() as uow:
        state = uow.session.execute(sa.text("SELECT count(*) FROM sync_state")).scalar()
    return bool(state) or credentials.path_for(till.app.store.path).exists()


def _substitute_keys(attacker: KeyPair, keep_proof: bool) -> Callable[[Http, Forward], Http]:
    """A man in the middle who cannot read the code: it swaps head office's keys for its own
    and signs the answer with its key, as the till would check it."""
    def rule(request: Http, forward: Forward) -> Http:
        answer = forward()
        if request.target != ENROL:
            return answer
        body = {**answer.json(), "server_keys": [attacker.public_text()]}
        forged = answer.with_json(body)
        text = answers.answer_text(
            Answered("POST", "/v1/terminals/enroll", "", request.header("X-Kaika-Nonce") or ""),
            forged.status, forged.header("X-Kaika-Server-Time") or "", forged.body)
        forged = forged.with_header(answers.HEADER_ANSWER_SIGNATURE,
                                    answers.sign([attacker], text))
        return forged if keep_proof else forged.with_header(answers.HEADER_ENROL_PROOF, None)
    return rule


@pytest.mark.parametrize(("keep_proof", "code"), [(True, "sync.answer_forged"),
                                                  (False, "sync.answer_unsigned")])
def test_an_enrolment_answer_with_keys_substituted_is_refused(
        server: Server, tenant: Tenant, make_till: Callable[..., Till], meddler: Meddler,
        keep_proof: bool, code: str) -> None:
    till = make_till()
    meddler.rule = _substitute_keys(KeyPair.generate(), keep_proof)
    with pytest.raises(SyncError) as caught:
        enroll(till.app.store, meddler.url, server.code_for(tenant.a), till.clock)
    assert caught.value.code == code
    assert not _enrolled(till)  # no credentials, no head office keys, no identity taken
    with till.app.store.reader() as uow:
        assert uow.settings.get().store_code != tenant.a


def test_the_till_keeps_head_offices_key_with_its_credentials(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    path = credentials.path_for(till.app.store.path)
    assert credentials.load(path).server_keys == (server.public_key,)
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"


def test_a_till_enrolled_before_answers_were_signed_must_enrol_again(
        server: Server, tenant: Tenant, make_till: Callable[..., Till], meddler: Meddler) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    till.sale(None, ("SOCKS", 1))
    path = credentials.path_for(till.app.store.path)
    old = json.loads(path.read_text(encoding="utf-8"))
    old.pop("server_keys")  # the file as a till of the last version wrote it
    path.write_text(json.dumps(old), encoding="utf-8")
    till.connect(meddler.url)
    with pytest.raises(SyncError) as caught:
        till.sync()
    assert caught.value.code == "sync.reenrol_needed" and not caught.value.retryable
    assert meddler.forwarded == 0  # nothing was sent, so nothing unsigned was believed
    assert till.client is not None and till.client.status().last_error == "sync.reenrol_needed"

    plain = server.code_for(tenant.a)  # a code for a new till cannot re-key this one
    with pytest.raises(SyncError) as known:
        enroll(till.app.store, server.url, plain, till.clock)
    assert known.value.code == "enroll.terminal_known"
    mine = server.code_for(tenant.a, terminal_id=till.app.settings.terminal_id)
    again = enroll(till.app.store, server.url, mine, till.clock)
    till.connect(server.url)
    result = till.sync()
    assert again.terminal_code == "T01" and result.unsynced == 0  # same till, outbox kept
    assert result.pushed["applied"] > 0


@pytest.mark.parametrize(("url", "insecure", "refused"), [
    ("https://ho.example.cn", False, None),
    ("http://127.0.0.1:8600", False, None),
    ("http://localhost:8600", False, None),
    ("http://[::1]:8600", False, None),
    ("http://ho.example.cn:8600", False, "sync.insecure_server"),
    ("http://192.168.1.20:8600", False, "sync.insecure_server"),
    ("http://192.168.1.20:8600", True, None),
    ("ftp://ho.example.cn", True, "sync.server_invalid"),
    ("ho.example.cn", False, "sync.server_invalid"),
])
def test_plain_http_enrolment_is_refused_except_to_this_machine(
        url: str, insecure: bool, refused: str | None) -> None:
    if refused is None:
        check_server(url, insecure)
        return
    with pytest.raises(DomainError) as caught:
        check_server(url, insecure)
    assert caught.value.code == refused


def _to_server(port: int) -> Transport:
    """A LAN head office at http://ho.lan:8600: every request goes to the test's server."""
    return ("127.0.0.1", port)


def test_insecure_lets_a_lan_head_office_over_http_and_nothing_else_does(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    code = server.code_for(tenant.a)
    with pytest.raises(DomainError) as caught:
        enroll(till.app.store, "http://ho.lan:8600", code, till.clock,
               transport=_to_server(server.port))
    assert caught.value.code == "sync.insecure_server" and not _enrolled(till)
    answer = enroll(till.app.store, "http://ho.lan:8600", code, till.clock,
                    transport=_to_server(server.port), insecure=True)
    assert answer.server_keys == [server.public_key]


def test_kaika_enroll_over_plain_http_says_why_and_what_to_do(tmp_path: Path) -> None:
    db = tmp_path / "till.sqlite3"
    subprocess.run([str(BIN / "kaika"), "init", "--db", str(db)], check=True,
                   capture_output=True, timeout=120)
    done = subprocess.run([str(BIN / "kaika"), "enroll", "--db", str(db), "--server",
                           "http://192.0.2.10:8600", "--code", "ABCD-EFGH-JKMN"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "https://" in done.stderr and "--insecure" in done.stderr
    assert "Traceback" not in done.stderr
    assert not credentials.path_for(db).exists()


def test_every_answer_is_signed_refusals_and_unknown_paths_too(server: Server) -> None:
    with httpx.Client(base_url=server.url) as http:
        got = [http.post("/v1/allowances/renew", content=b"{}",
                         headers={"X-Kaika-Nonce": "n-1"}),
               http.get("/v1/nowhere"), http.get("/v1/health"),
               http.post("/v1/terminals/enroll", json={"code": "x"})]
    assert [r.status_code for r in got] == [401, 404, 200, 422]
    for response in got:
        target = response.request.url.raw_path.decode()
        nonce = response.request.headers.get("X-Kaika-Nonce", "")
        text = answers.answer_text(Answered(response.request.method, target, "", nonce),
                                   response.status_code,
                                   response.headers["X-Kaika-Server-Time"], response.content)
        assert answers.signed_by(response.headers[answers.HEADER_ANSWER_SIGNATURE],
                                 [server.public_key], text) == server.public_key


def _serve(server: Server) -> None:
    server.kill()
    server.start()


def test_a_new_key_is_learnt_from_a_grant_before_head_office_signs_with_it_alone(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server = make_server("sqlite", stores=("S001",))
    early, away = make_till("A"), make_till("B")
    early.enroll(server, "S001")
    away.enroll(server, "S001")
    old_key = server.public_key
    added = subprocess.run([str(BIN / "kaika-headoffice"), "keygen", "--add",
                            str(server.key_file)], capture_output=True, text=True, check=True)
    new_key = added.stdout.split("new answer key ")[1].split()[0]
    _serve(server)  # both keys sign now
    assert early.client is not None
    early.client.renew()  # the grant lists both: the till trusts both
    assert set(credentials.load(credentials.path_for(early.app.store.path)).server_keys) == {
        old_key, new_key}
    lines = server.key_file.read_text(encoding="utf-8").splitlines()
    server.key_file.write_text("\n".join(lines[:1] + lines[2:]) + "\n", encoding="utf-8")
    _serve(server)  # the old key removed: answers are signed by the new key alone
    early.connect(server.url)
    early.sale(None, ("SOCKS", 1))
    assert early.sync().unsynced == 0
    assert early.client is not None
    early.client.renew()
    assert early.client.ho.creds.server_keys == (new_key,)  # the retired key is dropped too
    with pytest.raises(SyncError) as caught:  # a till that never renewed must enrol again
        away.sync()
    assert caught.value.code == "sync.answer_forged"


def test_head_office_will_not_serve_without_a_key_or_with_one_others_can_read(
        tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != KEY_FILE_ENV}
    db = f"sqlite:///{tmp_path}/ho.sqlite3"
    bare = subprocess.run([str(BIN / "kaika-headoffice"), "serve", "--db", db, "--port", "0"],
                          capture_output=True, text=True, timeout=60, env=env)
    assert bare.returncode == 2 and "keygen" in bare.stderr and "Traceback" not in bare.stderr
    key_file = tmp_path / "keys"
    subprocess.run([str(BIN / "kaika-headoffice"), "keygen", "--out", str(key_file)],
                   check=True, capture_output=True)
    assert oct(os.stat(key_file).st_mode & 0o777) == "0o600"
    key_file.chmod(0o644)
    exposed = subprocess.run([str(BIN / "kaika-headoffice"), "serve", "--db", db, "--port",
                              "0", "--answer-key-file", str(key_file)],
                             capture_output=True, text=True, timeout=60, env=env)
    assert exposed.returncode == 2 and "answer_keys.exposed" in exposed.stderr
