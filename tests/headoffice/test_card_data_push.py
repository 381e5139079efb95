"""A till of an older Kaika (or a tampered one) sends card numbers in free text: a real
head-office process applies its events but keeps none of the digits (issue 8)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlalchemy as sa

from domain.records import TenderKind
from domain.services import wallet
from domain.services.cart import TenderRequest
from headoffice.tables import metadata
from tests.sync.fixtures import Tenant
from tests.sync.harness import Server, Till

PAN = "6212345678901234569"
GROUPED = "6212 3456 7890 1234 569"


def everything_kept(server: Server) -> str:
    """Every row of every head-office table, as text."""
    with server.engine.connect() as conn:
        return "\n".join(repr(tuple(row)) for table in metadata.sorted_tables
                         for row in conn.execute(sa.select(table)))


def as_an_older_till_sent_it(till: Till, slip: str, card_text: str) -> None:
    """What the till would have written before it refused card numbers."""
    with sqlite3.connect(till.app.store.path) as raw:
        changed = raw.execute("UPDATE outbox SET payload = replace(payload, ?, ?)",
                              (slip, card_text)).rowcount
    assert changed > 0


def test_card_numbers_in_references_reasons_and_notes_are_not_kept_at_head_office(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    member = till.register("张三", "13800138000")
    till.sale(member, ("COAT", 1), tenders=(TenderRequest(TenderKind.BANK_CARD,
                                                          reference="SLIP-A-0001"),))
    wallet.top_up(till.ctx, member, 100000, till.desk, TenderKind.BANK_CARD, "SLIP-B-0002")
    till.patch(member, {"notes": "NOTE-C-0003", "tags": ["vip", "TAG-D-0004"]},
               "1746500000000-00000-till-a")
    with till.app.store.uow() as uow:  # one head office cannot apply: kept for support
        uow.outbox.append("points.entry", {"member_id": member, "reason": f"refund {PAN}"},
                          member_id=member, occurred_at_iso=till.clock.now().isoformat())
        uow.commit()
    as_an_older_till_sent_it(till, "SLIP-A-0001", PAN)
    as_an_older_till_sent_it(till, "SLIP-B-0002", f"pos {GROUPED}")
    as_an_older_till_sent_it(till, "NOTE-C-0003", f"paid by {PAN}")
    as_an_older_till_sent_it(till, "TAG-D-0004", PAN)

    done = till.sync()

    assert done.unsynced == 0 and done.pushed.get("quarantined", 0) == 1
    kept = everything_kept(server)
    assert PAN not in kept and GROUPED not in kept
    # The sale's tender, the top-up, the note, the tag, the quarantined event: last four only.
    assert kept.count("[card ****4569]") >= 5
