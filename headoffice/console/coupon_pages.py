"""The console's bulk coupons page: choose a segment and a template, see how many members it
reaches, then issue once (headoffice/console/bulkcoupons.py)."""

# No `from __future__ import annotations`: FastAPI evaluates the routes' Depends(...).
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Connection

from domain.errors import DomainError, ValidationError
from headoffice.console import Console, Posted, bulkcoupons, corrections
from headoffice.console.text import translator
from headoffice.console.web import client_of, lang_of, render
from headoffice.staff import Session
from headoffice.tables import merchants

FIELDS = ("merchant", "template", "tier", "store", "visited", "days", "consent")


def merchant_of(conn: Connection, own: str | None, code: str) -> tuple[str, str]:
    """The account's merchant, or for the operator's accounts the one chosen (or the first)."""
    stmt = sa.select(merchants.c.id, merchants.c.code).order_by(merchants.c.code).limit(1)
    stmt = stmt.where(merchants.c.id == own) if own is not None else \
        stmt.where(merchants.c.code == code) if code else stmt
    found = conn.execute(stmt).first()
    if found is None:
        raise ValidationError("report.merchant_unknown", field="merchant", code=code)
    return str(found[0]), str(found[1])


def install(app: FastAPI, console: Console) -> None:
    viewer = Depends(console.signed_in("coupons.bulk"))
    issuer = Depends(console.posted("coupons.bulk"))

    def page(request: Request, session: Session, fields: dict[str, str], status: int = 200,
             preview: bool = False, **values: Any) -> Response:
        t = translator(lang_of(request))
        own = session.member.merchant_id
        with console.engine.connect() as conn:
            merchant_id, code = merchant_of(conn, own, fields.get("merchant", "")[:16])
            choices = {"templates": bulkcoupons.templates(conn, merchant_id, console.packs),
                       "tiers": bulkcoupons.tiers(conn, merchant_id, console.packs),
                       "stores": bulkcoupons.store_codes(conn, merchant_id),
                       "merchants": [] if own is not None else list(conn.scalars(
                           sa.select(merchants.c.code).order_by(merchants.c.code))),
                       "batches": bulkcoupons.recent(conn, own)}
            found = None
            if preview and status == 200:
                try:
                    seg = bulkcoupons.segment_of(fields)
                    found = bulkcoupons.count(conn, merchant_id, seg, console.clock())
                except ValidationError as err:
                    status, values["message"] = 422, t(f"err.{err.code}", **err.params)
                    values["error"] = True
        return render(request, "coupons.html", status, title_key="coupons.title", f=fields,
                      chosen=code, found=found, once=corrections.new_once(),
                      member=session.member, csrf=session.csrf, **choices, **values)

    @app.get("/console/coupons", include_in_schema=False)
    def coupons_page(request: Request, session: Annotated[Session, viewer],
                     done: str = "", n: int = 0, again: str = "") -> Response:
        fields = {k: str(request.query_params.get(k, ""))[:40] for k in FIELDS}
        preview = "template" in request.query_params
        if not preview:
            fields["consent"] = "1"  # marketing consent: on unless unticked
        t = translator(lang_of(request))
        message = (t("coupons.again" if again else "coupons.done", n=n) if done else "")
        return page(request, session, fields, preview=preview, message=message)

    @app.post("/console/coupons/issue", include_in_schema=False)
    async def issue(request: Request, posted: Annotated[Posted, issuer]) -> Response:
        f = {k: posted.fields.get(k, "")[:40] for k in FIELDS}
        try:
            done = await run_in_threadpool(_issue, console, posted.session, f,
                                           posted.fields.get("once", ""), client_of(request))
        except DomainError as err:
            t = translator(lang_of(request))
            return await run_in_threadpool(page, request, posted.session, f, 422,
                                           message=t(f"err.{err.code}", **err.params),
                                           error=True)
        again = "&again=1" if done.repeated else ""
        return RedirectResponse(f"/console/coupons?done={done.batch_id}&n={done.issued}{again}",
                                status_code=303)


def _issue(console: Console, session: Session, f: dict[str, str], once: str,
           client: str) -> bulkcoupons.Issued:
    seg = bulkcoupons.segment_of(f)
    with console.engine.connect() as conn:
        merchant_id, _code = merchant_of(conn, session.member.merchant_id, f["merchant"])
    return bulkcoupons.issue(console.engine, console.packs, merchant_id, f["template"], seg,
                             once, session, client, console.clock())
