"""The console's alliance pages: alliances, agreements (upload, end), periods (close), a
merchant's statement (screen, CSV, PDF) and the activity report (screen, CSV).

Reading needs `alliance.view`; setting up and closing need `alliance.manage` and head office's
own account (console/alliance.may_manage). Every change is audited with who did it.
"""

# No `from __future__ import annotations`: FastAPI evaluates the routes' annotations.
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from domain.alliance import AgreementError
from domain.alliance_settlement import check_period, period_days
from domain.errors import DomainError, NotFound
from domain.inputs import InputError
from headoffice import alliance_activity, alliance_report
from headoffice import alliance_activity_formats as activity_formats
from headoffice.alliance_file import agreements_from
from headoffice.console import alliance as data
from headoffice.console.alliance_upload import MAX_UPLOAD, multipart
from headoffice.console.terminals import SHOWN_IN
from headoffice.console.text import translator
from headoffice.console.web import client_of, lang_of, render, same
from headoffice.messages import SENTENCES
from headoffice.staff import Session
from reporting.document import as_pdf

if TYPE_CHECKING:
    from headoffice.console import Console


def say(t: Callable[..., str], code: str) -> str:
    """A refusal in the page's language; else head office's English sentence."""
    key = f"err.{code}"
    text = t(key)
    return SENTENCES.get(code, code) if text == key else text


def report_lang(request: Request) -> str:
    return "en" if lang_of(request) == "en" else "zh"


def last_month(today: date) -> str:
    return (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")


def _download(body: bytes, media: str, name: str) -> Response:
    return Response(body, media_type=media, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})


def install(app: FastAPI, console: "Console") -> None:
    _list_routes(app, console)
    _change_routes(app, console)
    _report_routes(app, console)


def _page(console: "Console", request: Request, session: Session, code: str,
          status: int = 200, **values: Any) -> Response:
    """The alliance's page, with a notice or the refusals of the last action."""
    with console.engine.connect() as conn:
        found = data.overview(conn, code, data.scope(conn, session.member))
    today = console.clock().astimezone(SHOWN_IN).date()
    return render(request, "alliance.html", status, title_key="alliances.title", a=found,
                  manage=data.may_manage(session.member), last_month=last_month(today),
                  today=today.isoformat(), member=session.member, csrf=session.csrf,
                  **values)


def _missing(request: Request, session: Session, what: str) -> Response:
    t = translator(lang_of(request))
    return render(request, "message.html", 404, title_key="notfound.title",
                  message=t("notfound.text", what=what[:40]), error=True,
                  member=session.member, csrf=session.csrf)


def _list_routes(app: FastAPI, console: "Console") -> None:
    viewer = Depends(console.signed_in("alliance.view"))

    @app.get("/console/alliances", include_in_schema=False)
    def alliance_list(request: Request, session: Annotated[Session, viewer]) -> Response:
        with console.engine.connect() as conn:
            rows = data.listed(conn, data.scope(conn, session.member))
        return render(request, "alliances.html", title_key="alliances.title", rows=rows,
                      member=session.member, csrf=session.csrf)

    @app.get("/console/alliances/{code}", include_in_schema=False)
    def alliance_page(request: Request, code: str, session: Annotated[Session, viewer],
                      done: str = "", n: int = 0, period: str = "") -> Response:
        t = translator(lang_of(request))
        notes = {"added": t("done.added", n=n), "ended": t("done.ended"),
                 "closed": t("done.closed", period=period[:7])}
        try:
            return _page(console, request, session, code[:16], message=notes.get(done, ""))
        except NotFound:
            return _missing(request, session, code)


def _refused(console: "Console", request: Request, session: Session, code: str,
             status: int, problems: list[str], heading: str = "") -> Response:
    try:
        return _page(console, request, session, code, status, problems=problems,
                     problems_heading=heading)
    except NotFound:
        return _missing(request, session, code)


def _head_office_only(request: Request, session: Session) -> Response:
    t = translator(lang_of(request))
    return render(request, "message.html", 403, title_key="forbidden.title",
                  message=t("alliance.head_office_only"), error=True, member=session.member,
                  csrf=session.csrf)


def _change_routes(app: FastAPI, console: "Console") -> None:
    engine, clock = console.engine, console.clock
    manager = console.signed_in("alliance.manage")
    # An upload is multipart: its CSRF token is read here, not by console.posted.
    from headoffice.console import Forbidden

    @app.post("/console/alliances/{code}/agreements", include_in_schema=False)
    async def upload(request: Request, code: str) -> Response:
        session = await run_in_threadpool(manager, request)
        form, t, code = await multipart(request), translator(lang_of(request)), code[:16]
        if form.too_large:  # refused unread, so its token is unknown: nothing changes anyway
            return await run_in_threadpool(_refused, console, request, session, code, 413,
                                           [t("err.upload.too_large", kb=MAX_UPLOAD // 1024)])
        if not same(form.fields.get("csrf", ""), session.csrf):
            raise Forbidden("csrf", session.member.role)
        if not data.may_manage(session.member):
            return _head_office_only(request, session)
        upload = form.file
        if upload is None or not upload[0]:
            return await run_in_threadpool(_refused, console, request, session, code, 400,
                                           [t("err.upload.missing")])
        name = upload[0].rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:100]
        try:
            found = agreements_from(upload[1], name)
            ids = await run_in_threadpool(data.add_agreements, engine, code, found, name,
                                          session, client_of(request), clock())
        except InputError as err:
            problems = [err.message]
        except AgreementError as err:
            problems = [f"{p.path}: {say(t, p.code)}" for p in err.problems]
        except DomainError as err:  # against stored agreements: the row's path is the field
            where = err.params.get("field", "")
            problems = [f"{where}: {say(t, err.code)}" if where else say(t, err.code)]
        else:
            return RedirectResponse(f"/console/alliances/{quote(code)}?"
                                    + urlencode({"done": "added", "n": len(ids)}), 303)
        return await run_in_threadpool(_refused, console, request, session, code, 400,
                                       problems, t("alliance.problems", file=name))

    posted = Depends(console.posted("alliance.manage"))

    @app.post("/console/alliances/{code}/agreements/{agreement_id}/end",
              include_in_schema=False)
    def end(request: Request, code: str, agreement_id: str,
            posted: Annotated[Any, posted]) -> Response:
        session, t = posted.session, translator(lang_of(request))
        if not data.may_manage(session.member):
            return _head_office_only(request, session)
        try:
            last_day = date.fromisoformat(posted.fields.get("on", "").strip())
            data.end_agreement(engine, code[:16], agreement_id[:36], last_day, session,
                               client_of(request), clock())
        except ValueError:
            return _refused(console, request, session, code[:16], 400,
                            [say(t, "alliance.not_a_date")], t("alliance.refused"))
        except DomainError as err:
            return _refused(console, request, session, code[:16], 400, [say(t, err.code)],
                            t("alliance.refused"))
        return RedirectResponse(f"/console/alliances/{quote(code[:16])}?done=ended", 303)

    @app.post("/console/alliances/{code}/close", include_in_schema=False)
    def close(request: Request, code: str, posted: Annotated[Any, posted]) -> Response:
        session, t = posted.session, translator(lang_of(request))
        if not data.may_manage(session.member):
            return _head_office_only(request, session)
        period = posted.fields.get("period", "").strip()[:7]
        try:
            data.close_period(engine, code[:16], period, session, client_of(request), clock())
        except DomainError as err:
            return _refused(console, request, session, code[:16], 400, [say(t, err.code)],
                            t("alliance.refused"))
        return RedirectResponse(f"/console/alliances/{quote(code[:16])}?"
                                + urlencode({"done": "closed", "period": period}), 303)


def _report_routes(app: FastAPI, console: "Console") -> None:
    viewer = Depends(console.signed_in("alliance.view"))

    @app.get("/console/alliances/{code}/statements/{merchant}/{period}",
             include_in_schema=False)
    def statement(request: Request, code: str, merchant: str, period: str,
                  session: Annotated[Session, viewer], format: str = "") -> Response:
        lang, code, merchant = report_lang(request), code[:16], merchant[:16]
        try:
            with console.engine.connect() as conn:
                found = data.statement(conn, code, merchant, check_period(period[:7]),
                                       data.scope(conn, session.member))
        except DomainError:  # unknown, not a member, a bad period, another merchant's
            return _missing(request, session, f"{code} {merchant} {period[:7]}")
        name = f"alliance-{code}-{merchant}-{period}"
        if format == "csv":
            return _download(alliance_report.as_csv(found).encode("utf-8"),
                             "text/csv; charset=utf-8", f"{name}.csv")
        if format == "pdf":
            return _download(as_pdf(alliance_report.statement_doc(found, lang)),
                             "application/pdf", f"{name}.pdf")
        return render(request, "alliance_statement.html", title_key="statement.title",
                      st=found, closed_at=data.shown(found["closed_at"]),
                      closed_by=found["closed_by"],
                      by_partner=alliance_report.by_counterparty(found),
                      by_kind=alliance_report.by_kind(found), member=session.member,
                      csrf=session.csrf)

    @app.get("/console/alliances/{code}/activity", include_in_schema=False)
    def activity(request: Request, code: str, session: Annotated[Session, viewer],
                 merchant: str = "", since: str = "", until: str = "",
                 format: str = "") -> Response:
        code, t = code[:16], translator(lang_of(request))
        with console.engine.connect() as conn:
            mine = data.scope(conn, session.member)
            try:
                overview = data.overview(conn, code, mine)
            except NotFound:
                return _missing(request, session, code)
            codes = [m["code"] for m in overview["members"]]
            merchant = mine or merchant[:16] or (codes[0] if codes else "")
            first, last = period_days(last_month(console.clock().astimezone(SHOWN_IN).date()))
            try:
                since_day = date.fromisoformat(since) if since else first
                until_day = date.fromisoformat(until) if until else last
                found = alliance_activity.activity(conn, code, merchant, since_day, until_day)
            except ValueError:
                found, problem = None, say(t, "alliance.not_a_date")
            except DomainError as err:
                found, problem = None, say(t, err.code)
            else:
                problem = ""
        if found is not None and format == "csv":
            return _download(activity_formats.as_csv(found).encode("utf-8"),
                             "text/csv; charset=utf-8",
                             f"alliance-{code}-{merchant}-activity-{found['from']}-"
                             f"{found['to']}.csv")
        return render(request, "alliance_activity.html", 200 if found else 400,
                      title_key="activity.title", a=overview, report=found, mine=mine,
                      merchant=merchant, since=since or first.isoformat(),
                      until=until or last.isoformat(), problems=[problem] if problem else [],
                      figures=alliance_activity.FIGURES, member=session.member,
                      csrf=session.csrf)
