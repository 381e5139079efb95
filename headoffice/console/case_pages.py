"""The console's cases pages: list (open, resolved or all), one case, and resolve with a note."""

# No `from __future__ import annotations`: FastAPI evaluates the routes' Depends(...).
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from domain.errors import DomainError, NotFound
from headoffice import staff
from headoffice.console import Console, Posted, casework
from headoffice.console.text import translator
from headoffice.console.web import client_of, lang_of, render
from headoffice.staff import Session


def install(app: FastAPI, console: Console) -> None:
    viewer = Depends(console.signed_in("cases.view"))
    resolver = Depends(console.posted("cases.resolve"))

    @app.get("/console/cases", include_in_schema=False)
    def case_list(request: Request, session: Annotated[Session, viewer],
                  status: str = "open") -> Response:
        status = status if status in casework.STATUSES else "open"
        with console.reads.connect() as (conn, _where):
            rows = casework.listing(conn, session.member.merchant_id, status)
        return render(request, "cases.html", title_key="cases.title", rows=rows, chosen=status,
                      statuses=casework.STATUSES, limit=casework.SHOWN_MAX,
                      member=session.member, csrf=session.csrf)

    def case_page(request: Request, session: Session, case_id: str, status: int = 200,
                  **values: Any) -> Response:
        try:
            with console.engine.connect() as conn:  # the primary: just resolved shows so
                case = casework.one(conn, case_id[:36], session.member.merchant_id)
        except NotFound:
            t = translator(lang_of(request))
            return render(request, "message.html", 404, title_key="notfound.title",
                          message=t("notfound.text", what=case_id[:40]), error=True,
                          member=session.member, csrf=session.csrf)
        return render(request, "case.html", status, title_key="case.title", c=case,
                      can_resolve=staff.may(session.member.role, "cases.resolve"),
                      member=session.member, csrf=session.csrf, **values)

    @app.get("/console/cases/{case_id}", include_in_schema=False)
    def case_show(request: Request, case_id: str, session: Annotated[Session, viewer],
                  done: str = "") -> Response:
        t = translator(lang_of(request))
        return case_page(request, session, case_id, message=t("case.done") if done else "")

    @app.post("/console/cases/{case_id}/resolve", include_in_schema=False)
    async def case_resolve(request: Request, case_id: str,
                           posted: Annotated[Posted, resolver]) -> Response:
        note = posted.fields.get("note", "")
        try:
            await run_in_threadpool(casework.resolve, console.engine, case_id[:36], note,
                                    posted.session, client_of(request), console.clock())
        except NotFound:
            return await run_in_threadpool(case_page, request, posted.session, case_id)
        except DomainError as err:
            t = translator(lang_of(request))
            return await run_in_threadpool(
                case_page, request, posted.session, case_id, 422,
                message=t(f"err.{err.code}", **err.params), error=True, note=note[:600])
        return RedirectResponse(f"/console/cases/{case_id[:36]}?done=1", status_code=303)
