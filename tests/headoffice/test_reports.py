"""Reports across stores (liability, daily points, cases) and the OpenAPI document."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx

from domain.records import TenderKind
from domain.services.cart import TenderRequest
from headoffice.cli import OPENAPI, openapi_document
from tests.sync.fixtures import Tenant
from tests.sync.harness import Server, Till


def test_liability_and_the_daily_points_report_per_store_and_for_the_chain(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = make_till("A"), make_till("B")
    a.enroll(server, tenant.a)
    b.enroll(server, tenant.b)
    zhang = a.register("张三", "13800138000")
    a.sale(zhang, ("COAT", 1))  # 3,000 points at A
    a.topup(zhang, 100000)
    li = b.register("李四", "13900139000")
    b.sale(li, ("SHOES", 1))  # 1,000 points at B
    a.sync()
    assert b.client is not None and b.client.lookup(mobile="13800138000") == zhang
    b.sale(zhang, ("SHOES", 1), tenders=(TenderRequest(TenderKind.POINTS, points=1000),
                                        TenderRequest(TenderKind.CASH)))  # -1,000, +800
    b.sync()

    liability = server.admin("GET", "/v1/admin/reports/liability",
                             params={"merchant": tenant.merchant}).json()
    by_store = {row["store"]: row for row in liability["by_store"]}
    assert (by_store[tenant.a]["points"], by_store[tenant.a]["points_value_fen"],
            by_store[tenant.a]["wallet_principal_fen"], by_store[tenant.a]["wallet_bonus_fen"]
            ) == (2800, 28000, 100000, 5000)
    assert (by_store[tenant.b]["points"], by_store[tenant.b]["members"]) == (1000, 1)
    assert (liability["chain"]["points"], liability["chain"]["points_value_fen"]) == (
        3800, 38000)

    day = "2025-05-06"
    at_a = server.admin("GET", "/v1/admin/reports/points-daily",
                        params={"day": day, "store": tenant.a}).json()
    at_b = server.admin("GET", "/v1/admin/reports/points-daily",
                        params={"day": day, "store": tenant.b}).json()
    assert (at_a["outstanding_open"], at_a["earned"], at_a["outstanding_close"],
            at_a["members_served"], at_a["top_earners"]) == (
        0, 3000, 3000, 1, [{"member_id": zhang, "points": 3000}])
    assert (at_b["earned"], at_b["spent"]["cash"], at_b["outstanding_close"],
            at_b["close_value_fen"], at_b["members_served"]) == (1800, 1000, 800, 8000, 2)
    refused = httpx.get(server.url + "/v1/admin/cases", headers={"authorization": "Bearer no"})
    assert (refused.status_code, refused.json()["code"]) == (401, "auth.admin_token")


def test_the_openapi_document_shipped_is_the_one_the_code_serves(server: Server) -> None:
    shipped = json.loads(OPENAPI.read_text(encoding="utf-8"))
    assert shipped == openapi_document()
    served = server.admin("GET", "/openapi.json").json()
    assert served == shipped
    push = shipped["paths"]["/v1/sync/push"]["post"]
    assert {p["name"] for p in push["parameters"]} == {
        "x-kaika-terminal", "x-kaika-timestamp", "x-kaika-nonce", "x-kaika-signature",
        "x-kaika-till-time"}
    assert set(push["responses"]) >= {"200", "401", "403", "409", "413", "422"}
