"""An enrolment code cannot take over an enrolled till; a reinstall needs a code for its id."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import httpx
import sqlalchemy as sa

from headoffice import tenancy
from headoffice.tables import terminals
from sync.signing import KeyPair
from tests.sync.fixtures import Tenant
from tests.sync.harness import BIN, Server, Till, _now


def _enroll(server: Server, code: str, terminal_id: str | None) -> httpx.Response:
    return httpx.post(server.url + "/v1/terminals/enroll", timeout=10, json={
        "code": code, "public_key": KeyPair.generate().public_text(),
        "terminal_id": terminal_id})


def _key(server: Server, terminal_id: str) -> str:
    with server.engine.connect() as conn:
        return str(conn.scalar(sa.select(terminals.c.public_key).where(
            terminals.c.id == terminal_id)))


def test_a_code_for_the_store_cannot_rekey_an_enrolled_till(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    real = till.app.settings.terminal_id
    key = _key(server, real)

    taken = _enroll(server, server.code_for(tenant.a), real)

    assert taken.status_code == 409
    assert taken.json() == {"code": "enroll.terminal_known", "params": {"terminal_id": real}}
    assert _key(server, real) == key
    till.sale(None, ("SOCKS", 1))
    assert till.sync().unsynced == 0  # the real till still signs with its own key


def test_a_reinstalled_till_reenrols_with_a_code_made_for_its_id(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    real = till.app.settings.terminal_id
    made = subprocess.run([str(BIN / "kaika-headoffice"), "enroll", "--store", tenant.a,
                           "--terminal", real, "--db", server.db_url],
                          capture_output=True, text=True, check=True)
    code = made.stdout.strip()

    elsewhere = _enroll(server, code, None)  # a new till cannot use it
    again = _enroll(server, code, real)

    assert (elsewhere.status_code, elsewhere.json()["code"]) == (
        409, "enroll.code_for_other_terminal")
    assert again.status_code == 200, again.text
    assert again.json()["terminal_id"] == real and again.json()["terminal_code"] == "T01"
    assert _key(server, real) != ""


def test_a_reinstall_code_is_only_made_for_a_terminal_of_that_store(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    real = till.app.settings.terminal_id
    refused = subprocess.run([str(BIN / "kaika-headoffice"), "enroll", "--store", tenant.b,
                              "--terminal", real, "--db", server.db_url],
                             capture_output=True, text=True)
    assert refused.returncode == 1 and "enroll.terminal_taken" in refused.stderr
    try:
        tenancy.new_enrol_code(server.engine, tenant.a, _now(), terminal_id="no-such-id")
    except tenancy.NotFound as unknown:
        assert unknown.code == "terminal.unknown"
    else:
        raise AssertionError("a code for an unknown terminal was made")


def test_a_terminal_id_longer_than_a_uuid_is_a_clear_422(server: Server, tenant: Tenant) -> None:
    answer = _enroll(server, server.code_for(tenant.a), "x" * 37)
    assert answer.status_code == 422
    assert answer.json()["code"] == "request.invalid"
    assert answer.json()["params"]["field"] == "body.terminal_id"
