"""The console's reports page and its CSV downloads (each download audited)."""

# No `from __future__ import annotations`: FastAPI evaluates the routes' Depends(...).
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response

from domain.errors import ValidationError
from headoffice import staff
from headoffice.console import Console, reportwork
from headoffice.console.text import translator
from headoffice.console.web import _HEADERS, client_of, lang_of, render
from headoffice.staff import Session


def install(app: FastAPI, console: Console) -> None:
    reader = Depends(console.signed_in("reports.view"))

    @app.get("/console/reports", include_in_schema=False)
    def report_page(request: Request, session: Annotated[Session, reader], report: str = "",
                    start: str = "", end: str = "", merchant: str = "") -> Response:
        own = session.member.merchant_id
        t = translator(lang_of(request))
        with console.reads.connect() as (conn, _where):
            codes = reportwork.merchant_codes(conn, own)
            try:
                a = reportwork.asked(conn, report, start[:10], end[:10], merchant[:16], own,
                                     console.clock())
            except ValidationError as err:
                return render(request, "reports.html", 422, title_key="reports.title",
                              kinds=reportwork.KINDS, kind=report, start=start[:10],
                              end=end[:10], merchants=codes, chosen=merchant[:16], table=None,
                              message=t(f"err.{err.code}", **err.params), error=True,
                              member=session.member, csrf=session.csrf)
            shown = reportwork.table(conn, a, console.packs)
        return render(request, "reports.html", title_key="reports.title",
                      kinds=reportwork.KINDS, kind=a.kind, start=a.start.isoformat(),
                      end=a.end.isoformat(), merchants=codes, chosen=a.merchant_code,
                      table=shown, member=session.member, csrf=session.csrf)

    @app.get("/console/reports.csv", include_in_schema=False)
    def report_csv(request: Request, session: Annotated[Session, reader], report: str = "",
                   start: str = "", end: str = "", merchant: str = "") -> Response:
        t = translator(lang_of(request))
        try:
            with console.reads.connect() as (conn, _where):
                a = reportwork.asked(conn, report, start[:10], end[:10], merchant[:16],
                                     session.member.merchant_id, console.clock())
                shown = reportwork.table(conn, a, console.packs)
        except ValidationError as err:
            return render(request, "message.html", 422, title_key="reports.title",
                          message=t(f"err.{err.code}", **err.params), error=True,
                          member=session.member, csrf=session.csrf)
        body = reportwork.csv_bytes(shown, [t(f"rep.{c}") for c in shown.columns])
        with console.engine.begin() as conn:  # what left head office, and to whom
            staff.audit(conn, console.clock(), client_of(request), "report.exported",
                        login=session.member.login, staff_id=session.member.id,
                        target=f"{a.kind} {a.merchant_code}",
                        detail=f"{a.start.isoformat()}..{a.end.isoformat()}")
        name = f"kaika-{a.kind}-{a.merchant_code}-{a.start:%Y%m%d}-{a.end:%Y%m%d}.csv"
        return Response(body, media_type="text/csv; charset=utf-8", headers={
            **_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})
