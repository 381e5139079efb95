"""The head-office console: staff log in at /console/login and manage stores and terminals.

Server-rendered pages (Jinja2, plain forms, no script). Every route names a permission and one
dependency checks it against the staff member's role (headoffice/staff.py PERMISSIONS); every
form POST carries the session's CSRF token, checked in that same dependency.
"""

# No `from __future__ import annotations`: FastAPI must evaluate the routes' Depends(...)
# annotations, which name local values.
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine

from domain.errors import NotFound, ValidationError
from headoffice import staff
from headoffice.auth import TerminalCache
from headoffice.console import corrections, members, terminals
from headoffice.console.text import translator
from headoffice.console.web import (
    PRE_COOKIE,
    SESSION_COOKIE,
    client_of,
    form,
    lang_of,
    render,
    same,
    set_cookie,
)
from headoffice.packs import PackBook
from headoffice.replica import Reads
from headoffice.staff import Session
from headoffice.tenancy import DEFAULT_CODE_MINUTES


class NotSignedIn(Exception):
    """No live session: the browser goes to the log-in page."""


class Forbidden(Exception):
    def __init__(self, reason: str, role: str = "") -> None:
        super().__init__(reason)
        self.reason, self.role = reason, role


@dataclass(frozen=True)
class Posted:
    session: Session
    fields: dict[str, str]


@dataclass(frozen=True)
class Console:
    engine: Engine
    clock: Callable[[], datetime]
    cache: TerminalCache
    packs: PackBook
    reads: Reads

    def signed_in(self, permission: str | None) -> Callable[[Request], Session]:
        """The dependency: a live session whose role holds `permission`."""
        def check(request: Request) -> Session:
            session = staff.session_for(self.engine, request.cookies.get(SESSION_COOKIE, ""),
                                        self.clock())
            if session is None:
                raise NotSignedIn
            if permission is not None and not staff.may(session.member.role, permission):
                raise Forbidden("role", session.member.role)
            return session
        return check

    def posted(self, permission: str | None) -> Callable[[Request], Awaitable[Posted]]:
        """The dependency for a form POST: the session as above, and its CSRF token given."""
        check = self.signed_in(permission)

        async def checked(request: Request) -> Posted:
            session = await run_in_threadpool(check, request)
            fields = await form(request)
            if not same(fields.get("csrf", ""), session.csrf):
                raise Forbidden("csrf", session.member.role)
            return Posted(session, fields)
        return checked


def install(app: FastAPI, engine: Engine, clock: Callable[[], datetime], cache: TerminalCache,
            packs: PackBook, reads: Reads | None = None) -> None:
    console = Console(engine, clock, cache, packs, reads or Reads(engine, None, 0.0))
    _handlers(app)
    _login_routes(app, console)
    _terminal_routes(app, console)
    _audit_routes(app, console)
    _member_routes(app, console)
    # The work pages' routes live in their own modules, imported here: they need Console.
    from headoffice.console import (
        case_pages,
        correction_pages,
        coupon_pages,
        pack_pages,
        report_pages,
    )
    case_pages.install(app, console)
    correction_pages.install(app, console)
    pack_pages.install(app, console)
    report_pages.install(app, console)
    coupon_pages.install(app, console)
    # Imported here: the alliance pages use this module's Console, Posted and Forbidden.
    from headoffice.console import alliance_pages
    alliance_pages.install(app, console)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, _err: NotSignedIn) -> Response:
        expired = "?expired=1" if request.cookies.get(SESSION_COOKIE) else ""
        return RedirectResponse("/console/login" + expired, status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, err: Forbidden) -> Response:
        t = translator(lang_of(request))
        text = t("forbidden.role", role=t(f"role.{err.role}")) if err.reason == "role" \
            else t("forbidden.csrf")
        return render(request, "message.html", 403, title_key="forbidden.title",
                      message=text, error=True)


def _login_routes(app: FastAPI, console: Console) -> None:
    engine, clock = console.engine, console.clock

    @app.get("/console/login", include_in_schema=False)
    def login_page(request: Request, expired: str = "", out: str = "") -> Response:
        token = request.cookies.get(SESSION_COOKIE, "")
        if token and staff.session_for(engine, token, clock()) is not None:
            return RedirectResponse("/console/", status_code=303)  # signed in already
        t = translator(lang_of(request))
        note = t("login.expired") if expired else t("login.logged_out") if out else ""
        return _login_form(request, note=note)

    @app.post("/console/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        fields = await form(request)
        if not same(fields.get("csrf", ""), request.cookies.get(PRE_COOKIE, "")):
            raise Forbidden("csrf")
        name, client = fields.get("login", "").strip()[:64], client_of(request)
        t = translator(lang_of(request))
        try:
            session = await run_in_threadpool(staff.log_in, engine, name,
                                              fields.get("password", ""), client, clock())
        except ValidationError as err:  # staff.throttled
            return _login_form(request, 429, t("login.throttled", **err.params), name)
        if session is None:
            return _login_form(request, 401, t("login.failed"), name)
        response = RedirectResponse("/console/", status_code=303)
        set_cookie(request, response, SESSION_COOKIE, session.token)
        response.delete_cookie(PRE_COOKIE, path="/console")
        return response

    @app.post("/console/logout", include_in_schema=False)
    async def logout(request: Request,
                     posted: Annotated[Posted, Depends(console.posted(None))]) -> Response:
        await run_in_threadpool(staff.log_out, engine, posted.session, client_of(request),
                                clock())
        response = RedirectResponse("/console/login?out=1", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/console")
        return response

    @app.get("/console/", include_in_schema=False)
    def home(request: Request,
             session: Annotated[Session, Depends(console.signed_in(None))]) -> Response:
        for permission, page in (("terminals.view", "terminals"), ("members.view", "members"),
                                 ("packs.view", "packs")):
            if staff.may(session.member.role, permission):
                return RedirectResponse(f"/console/{page}", status_code=303)
        t = translator(lang_of(request))
        return render(request, "message.html", title_key="home.title", message=t("home.nothing"),
                      member=session.member, csrf=session.csrf)


def _login_form(request: Request, status: int = 200, message: str = "", login: str = "",
                note: str = "") -> Response:
    """The form with a fresh CSRF token, also set as a cookie (double submit: a page of
    another site can neither read the cookie nor send it, SameSite=Strict)."""
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", status, title_key="login.title", csrf=token,
                      login=login, message=message or note, error=bool(message))
    set_cookie(request, response, PRE_COOKIE, token, max_age=3600)
    return response


def _terminal_routes(app: FastAPI, console: Console) -> None:
    engine, clock = console.engine, console.clock

    def page(request: Request, session: Session, **values: Any) -> Response:
        mine = session.member.merchant_id
        return render(request, "terminals.html", title_key="terminals.title",
                      rows=terminals.rows(engine, console.packs, clock(), mine),
                      stores=terminals.store_rows(engine, mine), member=session.member,
                      csrf=session.csrf,
                      can_revoke=staff.may(session.member.role, "terminals.revoke"),
                      can_enrol=staff.may(session.member.role, "stores.enrol"), **values)

    @app.get("/console/terminals", include_in_schema=False)
    def terminal_page(request: Request,
                      session: Annotated[Session, Depends(console.signed_in("terminals.view"))],
                      done: str = "", code: str = "") -> Response:
        t = translator(lang_of(request))
        message = t(f"done.{done}", code=code[:40]) if done in ("revoked", "restored") else ""
        return page(request, session, message=message)

    @app.post("/console/stores/{store_code}/enrol-code", include_in_schema=False)
    async def enrol(request: Request, store_code: str,
                    posted: Annotated[Posted, Depends(console.posted("stores.enrol"))]
                    ) -> Response:
        # Shown in this answer only: a redirect would put the code in a URL (history, logs).
        try:
            code = await run_in_threadpool(terminals.enrol_code, engine, store_code[:16],
                                           posted.session, client_of(request), clock())
        except NotFound:
            return _not_found(request, posted.session, store_code)
        return await run_in_threadpool(page, request, posted.session, enrol_store=store_code,
                                       enrol_code=code, minutes=DEFAULT_CODE_MINUTES)

    async def change(request: Request, terminal_id: str, posted: Posted,
                     revoked: bool) -> Response:
        try:
            code = await run_in_threadpool(terminals.set_revoked, engine, terminal_id[:36],
                                           posted.session, client_of(request), clock(),
                                           revoked=revoked)
        except NotFound:
            return _not_found(request, posted.session, terminal_id)
        console.cache.forget(terminal_id)  # this process refuses it at once; others in cache_s
        done = "revoked" if revoked else "restored"
        return RedirectResponse(f"/console/terminals?{urlencode({'done': done, 'code': code})}",
                                status_code=303)

    revoker = Depends(console.posted("terminals.revoke"))

    @app.post("/console/terminals/{terminal_id}/revoke", include_in_schema=False)
    async def revoke(request: Request, terminal_id: str,
                     posted: Annotated[Posted, revoker]) -> Response:
        return await change(request, terminal_id, posted, True)

    @app.post("/console/terminals/{terminal_id}/restore", include_in_schema=False)
    async def restore(request: Request, terminal_id: str,
                      posted: Annotated[Posted, revoker]) -> Response:
        return await change(request, terminal_id, posted, False)


def _not_found(request: Request, session: Session, what: str) -> Response:
    t = translator(lang_of(request))
    return render(request, "message.html", 404, title_key="notfound.title",
                  message=t("notfound.text", what=what[:40]), error=True,
                  member=session.member, csrf=session.csrf)


def _audit_routes(app: FastAPI, console: Console) -> None:
    @app.get("/console/audit", include_in_schema=False)
    def audit_page(request: Request,
                   session: Annotated[Session, Depends(console.signed_in("audit.view"))],
                   login: str = "") -> Response:
        rows = staff.recent_audit(console.engine, session.member.merchant_id,
                                  login.strip()[:64])
        for row in rows:
            row["at"] = row["at"].astimezone(terminals.SHOWN_IN).strftime(  # type: ignore[attr-defined]
                "%Y-%m-%d %H:%M:%S")
        return render(request, "audit.html", title_key="audit.title", rows=rows,
                      login=login[:64], member=session.member, csrf=session.csrf)


def _member_routes(app: FastAPI, console: Console) -> None:
    viewer = Depends(console.signed_in("members.view"))

    @app.get("/console/members", include_in_schema=False)
    def member_search(request: Request, session: Annotated[Session, viewer],
                      q: str = "") -> Response:
        query = q.strip()[:40]
        found: list[dict[str, Any]] = []
        if query:
            with console.reads.connect() as (conn, _where):
                found = members.search(conn, query, session.member.merchant_id,
                                       staff.may(session.member.role, "members.mobile"))
            members.audit_search(console.engine, session, query, len(found),
                                 client_of(request), console.clock())
        return render(request, "members.html", title_key="members.title", q=query,
                      kind=members.query_kind(query) if query else "", rows=found,
                      limit=members.FOUND_MAX, member=session.member, csrf=session.csrf)

    @app.get("/console/members/{member_id}", include_in_schema=False)
    def member_page(request: Request, member_id: str,
                    session: Annotated[Session, viewer], done: str = "") -> Response:
        return member_answer(console, request, session, member_id, done=done)


def member_answer(console: Console, request: Request, session: Session, member_id: str,
                  status: int = 200, done: str = "", **values: Any) -> Response:
    """A member's record (audited as seen), with the corrections form for those who may."""
    full = staff.may(session.member.role, "members.mobile")
    try:
        with console.reads.connect() as (conn, where):
            shown = members.picture(conn, member_id[:36], session.member.merchant_id, full)
    except NotFound:
        return _not_found(request, session, member_id)
    # Audited before it is shown: no record of a look, no look.
    members.audit_view(console.engine, session, shown["id"], client_of(request),
                       console.clock(), full)
    t = translator(lang_of(request))
    if done in corrections.DONE:
        values.setdefault("message", t(f"fix.done.{done}"))
    response = render(request, "member.html", status, title_key="member.title", m=shown,
                      lag=where.lag_seconds, member=session.member, csrf=session.csrf,
                      can_correct=staff.may(session.member.role, "members.correct"),
                      once=corrections.new_once(), **values)
    response.headers.update(where.headers())  # which database answered, how far behind
    return response
