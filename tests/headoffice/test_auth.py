"""Enrolment and signed requests against a real head-office process."""

from __future__ import annotations

import os
import stat
import subprocess
import time
from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest
import sqlalchemy as sa

from domain.clock import FixedClock
from domain.errors import DomainError
from domain.records import TenderKind
from domain.services.cart import TenderRequest
from headoffice import tenancy
from headoffice.auth import TerminalCache
from headoffice.tables import events
from sync import credentials, signing
from sync.enroll import enroll
from sync.http import HeadOffice, SyncError
from tests.sync.fixtures import Tenant
from tests.sync.harness import BIN, Server, Till, _now


def test_a_code_enrols_one_till_once_and_the_key_stays_out_of_the_database(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    code = server.code_for(tenant.a)
    first, second = make_till("A"), make_till("B")
    answer = enroll(first.app.store, server.url, code, first.clock)
    with pytest.raises(SyncError) as refused:
        enroll(second.app.store, server.url, code, second.clock)

    assert (refused.value.status, refused.value.code) == (409, "enroll.code_used")
    assert (answer.store.store_code, answer.terminal_code) == (tenant.a, "T01")
    assert answer.terminal_id == first.app.settings.terminal_id  # the till keeps its own id
    path = credentials.path_for(first.app.store.path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    key = credentials.load(path).private_key
    assert key.encode() not in first.path.read_bytes()
    with first.app.store.reader() as uow:
        assert uow.settings.get().store_code == tenant.a


def test_an_expired_or_unknown_code_is_refused(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    stale = tenancy.new_enrol_code(server.engine, tenant.a, _now(), minutes=-1)
    with pytest.raises(SyncError) as expired:
        enroll(till.app.store, server.url, stale, till.clock)
    with pytest.raises(SyncError) as unknown:
        enroll(till.app.store, server.url, "AAAA-BBBB-CCCC", till.clock)
    assert (expired.value.code, unknown.value.code) == ("enroll.code_expired",
                                                        "enroll.code_unknown")
    assert not credentials.path_for(till.app.store.path).exists()


def _signed(till: Till, method: str, path: str, body: bytes = b"",
            stamp_ms: int | None = None, nonce: str = "n-1") -> httpx.Request:
    creds = credentials.load(credentials.path_for(till.app.store.path))
    assert till.client is not None
    stamp = till.client.ho.now_ms() if stamp_ms is None else stamp_ms
    request = httpx.Request(method, till.client.ho.creds.server + path, content=body)
    request.headers[signing.HEADER_TERMINAL] = creds.terminal_id
    request.headers[signing.HEADER_TIMESTAMP] = str(stamp)
    request.headers[signing.HEADER_NONCE] = nonce
    request.headers[signing.HEADER_SIGNATURE] = creds.keys.sign(method, path, stamp, nonce, body)
    return request


def test_replayed_stale_forged_and_unsigned_requests_are_refused(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    with httpx.Client() as http:
        first = http.send(_signed(till, "POST", "/v1/allowances/renew", b"{}"))
        replay = http.send(_signed(till, "POST", "/v1/allowances/renew", b"{}"))
        stale = http.send(_signed(till, "POST", "/v1/allowances/renew", b"{}",
                                  stamp_ms=till.client.ho.now_ms() - 6 * 60_000, nonce="n-2"))
        forged = _signed(till, "POST", "/v1/allowances/renew", b"{}", nonce="n-3")
        forged.headers[signing.HEADER_SIGNATURE] = forged.headers[signing.HEADER_SIGNATURE][
            ::-1]
        bad = http.send(forged)
        bare = http.post(server.url + "/v1/allowances/renew", content=b"{}")
    assert first.status_code == 200
    assert [(r.status_code, r.json()["code"]) for r in (replay, stale, bad, bare)] == [
        (409, "auth.replayed"), (401, "auth.clock_skew"), (401, "auth.bad_signature"),
        (401, "auth.missing")]


def test_a_till_whose_clock_is_a_day_wrong_corrects_itself_and_is_let_in(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    creds = credentials.load(credentials.path_for(till.app.store.path))
    wrong = FixedClock(_now() + timedelta(days=1))
    link = HeadOffice(creds, wrong, offset_ms=0)
    try:
        grant = link.call("POST", "/v1/allowances/renew", {})
    finally:
        link.close()
    assert grant["terminal_id"] == creds.terminal_id
    assert abs(link.offset_ms + 86_400_000) < 60_000  # learnt from the refusal: one day behind


def test_events_claiming_another_store_are_quarantined(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = make_till("A"), make_till("B")
    a.enroll(server, tenant.a)
    b.enroll(server, tenant.b)
    a.sale(None, ("SOCKS", 1))
    assert a.client is not None
    with a.app.store.reader() as uow:
        settings, pending = uow.settings.get(), uow.outbox.pending(500)
    with b.app.store.reader() as uow:
        other_store = uow.settings.get().store_id
    request = a.client.batch(settings, pending)
    for event in request.events:
        event.store_id = other_store
    answer = a.client.ho.call("POST", "/v1/sync/push", request.model_dump(mode="json"))
    assert {(r["status"], r["code"]) for r in answer["results"]} == {
        ("quarantined", "event.wrong_store")}
    with server.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(events).where(
            events.c.terminal_id == settings.terminal_id,
            events.c.status == "applied")) == 0


def test_a_revoked_till_is_refused_within_the_cache_time_and_stops_spending_offline(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    member = till.register("周九", "13300133000")
    till.sale(member, ("COAT", 1))
    till.sync()
    subprocess.run([str(BIN / "kaika-headoffice"), "revoke", "--db", server.db_url,
                    "--terminal", till.app.settings.terminal_id], check=True,
                   capture_output=True)
    revoked_at = time.monotonic()  # how soon is TerminalCache's test, on a stepped clock
    till.sale(None, ("SOCKS", 1))
    refused = None
    while time.monotonic() - revoked_at < 60:
        try:
            till.sync()
        except SyncError as err:
            refused = err
            break
        time.sleep(0.2)
    assert refused is not None and (refused.status, refused.code) == (
        403, "auth.terminal_revoked")
    assert till.client is not None and till.client.status().revoked
    till.advance(minutes=2)
    with pytest.raises(DomainError) as caught:
        till.sale(member, ("SCARF", 1), tenders=(
            TenderRequest(TenderKind.POINTS, points=500), TenderRequest(TenderKind.CASH)))
    assert caught.value.code == "offline.terminal_revoked"


def test_the_terminal_cache_sees_a_revocation_once_its_time_is_up(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    """Within `cache_s` a cached terminal is served from memory; at `cache_s` it is read
    again and the revocation is seen (a stepped clock: no waiting, no timed assertion)."""
    till = make_till()
    till.enroll(server, tenant.a)
    terminal_id = till.app.settings.terminal_id
    now = [1000.0]
    cache = TerminalCache(cache_s=15.0, monotonic=lambda: now[0])
    before = cache.get(server.engine, terminal_id)
    assert before is not None and not before.revoked
    subprocess.run([str(BIN / "kaika-headoffice"), "revoke", "--db", server.db_url,
                    "--terminal", terminal_id], check=True, capture_output=True)
    now[0] += 14.9
    cached = cache.get(server.engine, terminal_id)
    assert cached is not None and not cached.revoked
    now[0] += 0.1
    after = cache.get(server.engine, terminal_id)
    assert after is not None and after.revoked
