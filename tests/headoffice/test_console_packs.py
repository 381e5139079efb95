"""Rule packs and catalogue from the console, against a real head office on PostgreSQL and a
real till: a file is checked (problems with their JSON paths), its changes shown in words,
published today (the till pulls it) or from a later day (released on that day), by whom."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from domain.clock import FixedClock
from headoffice.console import packwork
from headoffice.console_tables import pack_drafts
from headoffice.engine import make_engine
from headoffice.tables import catalog_items, merchants
from tests.headoffice.console_helpers import csrf_of, logged_in
from tests.sync.fixtures import TILL_START
from tests.sync.harness import PgDatabases, Server, Till, _now

pytestmark = pytest.mark.postgres
FASHION = (Path(__file__).resolve().parents[2] / "resources" / "rulepacks" / "fashion.toml"
           ).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ho(pg: PgDatabases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    made = Server(pg.fresh(), tmp_path_factory.mktemp("packs")).start()
    made.add_stores("S001")
    made.add_stores("S101", merchant="M101")
    yield made
    made.stop()


def upload(client: httpx.Client, body: object, name: str = "spring.json") -> httpx.Response:
    page = client.get("/console/packs")
    data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    return client.post("/console/packs/check", data={"csrf": csrf_of(page)},
                       files={"file": (name, data, "application/json")})


def spring(price_fen: int = 29900) -> dict[str, object]:
    return {"rulepack": {"name": "spring", "toml": FASHION.replace(
                'name = "fashion"', 'name = "spring"').replace(
                'expiry = "year_plus_one"', 'expiry = "never"')},
            "prices": [{"sku": "COAT", "price_fen": price_fen}]}


def _status(ho: Server, draft_id: str) -> str:
    with ho.engine.connect() as conn:
        return str(conn.scalar(sa.select(pack_drafts.c.status)
                               .where(pack_drafts.c.id == draft_id)))


def test_marketing_checks_a_file_sees_its_changes_and_publishes_it_to_the_tills(
        ho: Server, tmp_path: Path) -> None:
    till = Till(tmp_path / "till.sqlite3", FixedClock(TILL_START))
    till.enroll(ho, "S001")
    till.sync()
    client = logged_in(ho, "marketing", merchant="M001")

    checked = upload(client, spring())

    assert checked.status_code == 303
    draft = client.get(checked.headers["location"])
    assert "points.expiry" in draft.text and "year_plus_one" in draft.text
    assert "never" in draft.text and "￥299.00" in draft.text  # the coat's new price, in yuan
    # The pack's renaming is one row, not one from each side of the comparison.
    assert draft.text.count("<td>name</td>") == draft.text.count("<td>fashion</td>") == 1
    draft_id = checked.headers["location"].rsplit("/", 1)[1]
    done = client.post(f"/console/packs/{draft_id}/publish",
                       data={"csrf": csrf_of(draft), "effective_on": ""})
    assert done.status_code == 303
    assert "已发布" in client.get(done.headers["location"]).text
    assert _status(ho, draft_id) == "published"
    till.sync()
    with till.app.store.reader() as uow:
        assert uow.products.get("COAT").price_fen == 29900
        assert uow.settings.get().rulepack.endswith("spring.toml")
    again = client.post(f"/console/packs/{draft_id}/publish",
                        data={"csrf": csrf_of(draft), "effective_on": ""})
    assert again.status_code == 422  # published once, never twice
    till.close()


def test_a_bad_file_is_refused_naming_the_json_path_and_nothing_is_kept(ho: Server) -> None:
    client = logged_in(ho, "admin", merchant="M001")
    with ho.engine.connect() as conn:
        before = conn.scalar(sa.select(sa.func.count()).select_from(pack_drafts))

    bad = upload(client, {"products": [{"sku": "HAT", "name": "帽", "price_fen": -1}]})
    broken_pack = upload(client, {"rulepack": {"name": "x", "toml": "name = 'x'"}})
    not_json = upload(client, b"\xff\xfe", "bad.json")

    assert bad.status_code == 422 and "spring.json: $.products[0].price_fen:" in bad.text
    assert broken_pack.status_code == 422 and "$.rulepack.toml" in broken_pack.text
    assert not_json.status_code == 422 and "bad.json" in not_json.text
    other = upload(client, {"merchant": "M101", "prices": []})
    assert other.status_code == 422 and "$.merchant" in other.text
    with ho.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(pack_drafts)) == before


def test_a_later_effective_day_waits_until_that_day(ho: Server) -> None:
    client = logged_in(ho, "marketing", merchant="M001")
    checked = upload(client, {"prices": [{"sku": "SOCKS", "price_fen": 1234}]})
    draft_id = checked.headers["location"].rsplit("/", 1)[1]
    draft = client.get(checked.headers["location"])
    tomorrow = packwork.today(_now()) + timedelta(days=1)
    past = client.post(f"/console/packs/{draft_id}/publish",
                       data={"csrf": csrf_of(draft), "effective_on": "2020-01-01"})
    assert past.status_code == 422 and _status(ho, draft_id) == "draft"

    done = client.post(f"/console/packs/{draft_id}/publish",
                       data={"csrf": csrf_of(draft), "effective_on": tomorrow.isoformat()})

    assert "已排期" in client.get(done.headers["location"]).text
    assert packwork.release_due(ho.engine, _now()) == 0
    assert _status(ho, draft_id) == "scheduled"
    assert packwork.release_due(ho.engine, _now() + timedelta(days=1)) == 1
    assert _status(ho, draft_id) == "published"
    with ho.engine.connect() as conn:
        socks = conn.scalar(sa.select(catalog_items.c.data).where(
            catalog_items.c.entity == "product", catalog_items.c.entity_id == "SOCKS",
            catalog_items.c.merchant_id == sa.select(merchants.c.id).where(
                merchants.c.code == "M001").scalar_subquery()))
    assert socks["price_fen"] == 1234


def test_member_service_may_not_publish_and_an_auditor_only_reads(ho: Server) -> None:
    assert logged_in(ho, "member_service").get("/console/packs").status_code == 403
    auditor = logged_in(ho, "auditor")
    page = auditor.get("/console/packs")
    assert page.status_code == 200 and 'name="file"' not in page.text
    refused = auditor.post("/console/packs/check", data={"csrf": csrf_of(page)},
                           files={"file": ("x.json", b"{}", "application/json")})
    assert refused.status_code == 403
    marketing = logged_in(ho, "marketing")
    assert marketing.post("/console/packs/check", data={"csrf": "forged"},
                          files={"file": ("x.json", b"{}", "application/json")}
                          ).status_code == 403


def _closed_port() -> int:
    with socket.socket() as probe:  # a port just freed: nothing listens there
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_database_away_is_logged_in_full_once_then_hourly_then_when_back(
        ho: Server, caplog: pytest.LogCaptureFixture) -> None:
    client = logged_in(ho, "marketing", merchant="M001")
    draft_id = upload(client, spring(31900)).headers["location"].rsplit("/", 1)[1]
    draft = client.get(f"/console/packs/{draft_id}")
    tomorrow = _now() + timedelta(days=1)
    scheduled = client.post(f"/console/packs/{draft_id}/publish", data={
        "csrf": csrf_of(draft), "effective_on": packwork.today(tomorrow).isoformat()})
    assert scheduled.status_code == 303 and _status(ho, draft_id) == "scheduled"
    away = make_engine(f"postgresql://kaika@127.0.0.1:{_closed_port()}/kaika", pool_size=1)
    at = [tomorrow]
    releaser = packwork.Releaser(away, lambda: at[0], warn_every=timedelta(hours=1))
    caplog.set_level(logging.INFO, logger=packwork.log.name)

    for minute in range(150):  # two and a half hours of rounds, one a minute
        at[0] = tomorrow + timedelta(minutes=minute)
        releaser.step()

    said = [(r.levelname, r.exc_info is not None) for r in caplog.records]
    assert said == [("ERROR", True), ("WARNING", False), ("WARNING", False)]
    warning = caplog.records[1].getMessage()
    assert "OperationalError" in warning and "\n" not in warning
    assert _status(ho, draft_id) == "scheduled"
    caplog.clear()
    releaser.engine = ho.engine
    releaser.step()
    releaser.step()
    assert [r.levelname for r in caplog.records] == ["INFO"]
    assert "works again" in caplog.records[0].getMessage()
    assert _status(ho, draft_id) == "published"
