"""What an operator watches, against a real head-office process: /v1/health, Prometheus metrics
at /metrics, and JSON log lines naming the request, terminal and store."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from prometheus_client.parser import text_string_to_metric_families

from headoffice import keys
from headoffice.app import Settings, create_app
from headoffice.engine import make_engine
from headoffice.migrate import head
from sync.signing import KeyPair
from tests.sync.fixtures import Tenant
from tests.sync.harness import Server, Till


def _samples(server: Server) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    answer = httpx.get(server.url + "/metrics", timeout=10)
    assert answer.status_code == 200
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(answer.text) for s in family.samples}


def _value(samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str,
           **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def _log_lines(server: Server) -> list[dict[str, object]]:
    text = (server.workdir / "server.log").read_text(encoding="utf-8")
    # The last line may be half-written while the server is still logging it.
    return [json.loads(line) for line in text.splitlines()
            if line.startswith("{") and line.endswith("}")]


def _log_lines_once(server: Server, request_id: str) -> list[dict[str, object]]:
    """The log once the access line (the one with a status) of `request_id` is in it.

    The access line is written after the answer went out, so a reader that looks at once can
    be ahead of the writer (this test failed that way once on a busy machine).
    """
    for _ in range(200):
        lines = _log_lines(server)
        if any(line.get("request_id") == request_id and "status" in line for line in lines):
            return lines
        threading.Event().wait(0.05)
    return _log_lines(server)


def test_health_says_the_database_answers_at_the_expected_schema(server: Server) -> None:
    answer = httpx.get(server.url + "/v1/health", timeout=10)
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": "ok", "schema": head(),
                             "expected": head(), "schema_current": True}


def test_health_is_503_on_a_schema_behind_the_code(
        make_server: Callable[..., Server]) -> None:
    server = make_server("postgres", stores=())
    with server.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = 'h0001'"))
    answer = httpx.get(server.url + "/v1/health", timeout=10)
    assert answer.status_code == 503
    assert answer.json()["schema"] == "h0001" and answer.json()["schema_current"] is False


def test_health_is_503_naming_an_unreachable_database(tmp_path: Path) -> None:
    # Port 1 on the loopback: nothing listens, the connection is refused at once.
    app = create_app(make_engine("postgresql://nobody@127.0.0.1:1/kaika"),
                     Settings(answer_keys=keys.AnswerKeys((KeyPair.generate(),))))

    async def ask() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://ho") as client:
            return await client.get("/v1/health")

    answer = asyncio.run(ask())
    assert answer.status_code == 503
    assert answer.json()["database"] == "unreachable"


def test_metrics_count_pushes_events_by_result_terminals_and_grants(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    before = _samples(server)
    till = make_till()
    till.enroll(server, tenant.a)
    member = till.register("张三", "13800138000")
    till.sale(member, ("COAT", 1))
    till.sync()
    assert till.client is not None
    till.client.renew()

    after = _samples(server)
    grew = {key: after[key] - before.get(key, 0.0) for key in after}
    assert grew[("kaika_ho_sync_requests_total",
                 frozenset({("op", "push"), ("status", "200")}))] >= 1
    assert grew[("kaika_ho_sync_requests_total",
                 frozenset({("op", "pull"), ("status", "200")}))] >= 1
    assert grew[("kaika_ho_events_total",
                 frozenset({("type", "sale.completed"), ("result", "applied")}))] == 1
    assert grew[("kaika_ho_events_total",
                 frozenset({("type", "member.created"), ("result", "applied")}))] == 1
    assert grew[("kaika_ho_allowance_grants_total", frozenset())] >= 1
    pushes = _value(after, "kaika_ho_request_seconds_count", method="POST",
                    route="/v1/sync/push", status="200")
    assert pushes >= 1
    assert _value(after, "kaika_ho_terminals", last_seen="5m") >= 1


def test_an_unknown_event_type_is_counted_as_other(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    with till.app.store.uow() as uow:
        uow.outbox.append("made.up.kind", {"x": 1}, member_id=None,
                          occurred_at_iso=till.clock.now().isoformat())
        uow.commit()
    before = _samples(server)
    till.sync()
    after = _samples(server)
    key = ("kaika_ho_events_total", frozenset({("type", "other"), ("result", "quarantined")}))
    assert after.get(key, 0.0) - before.get(key, 0.0) == 1
    assert not any(name == "kaika_ho_events_total" and ("type", "made.up.kind") in labels
                   for name, labels in after)


def test_every_log_line_is_json_naming_request_terminal_and_store(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    till.register("李四", "13900139000")
    till.sync()
    asked = httpx.get(server.url + "/v1/health", headers={"X-Request-Id": "probe-42"},
                      timeout=10)
    assert asked.headers["x-request-id"] == "probe-42"

    lines = _log_lines_once(server, "probe-42")
    assert {"time", "level", "logger", "message"} <= set(lines[-1])
    with server.engine.connect() as conn:
        store_id = conn.scalar(sa.text("SELECT id FROM stores WHERE code = :c"),
                               {"c": tenant.a})
    pushes = [line for line in lines if line.get("path") == "/v1/sync/push"
              and line.get("store") == store_id]
    assert pushes and all(line["terminal"] and line["request_id"] for line in pushes)
    assert len({line["request_id"] for line in pushes}) == len(pushes)
    probe = [line for line in lines if line.get("request_id") == "probe-42" and "status" in line]
    assert probe and probe[-1]["status"] == 200 and probe[-1]["path"] == "/v1/health"


@pytest.mark.parametrize("given", ["two words", "x" * 65, "evil\u2028line"])
def test_a_request_id_that_is_not_a_plain_token_is_replaced(server: Server, given: str) -> None:
    answer = httpx.get(server.url + "/v1/health",
                       headers={"X-Request-Id": given.encode("utf-8")}, timeout=10)
    assert answer.headers["x-request-id"] != given
    assert len(answer.headers["x-request-id"]) == 32
