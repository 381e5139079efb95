"""The member page (mobile-first H5 on head office): log-in with the mobile and a one-time
code, the card with its dynamic QR, points, tier, coupons and purchases; self sign-up from a
store's recruitment link (headoffice/member_web/join.py). Server-rendered; one small script
refreshes the QR (static/qr-refresh.js), and the page works without it."""

# No `from __future__ import annotations`: FastAPI must evaluate the routes' annotations.
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine

from domain.errors import DomainError, NotFound, ValidationError
from domain.forms import mask_mobile, normalize_mobile
from headoffice.console.web import client_of, form, lang_of, same
from headoffice.keys import AnswerKeys
from headoffice.member_web import card, codes, qr, sessions
from headoffice.member_web.sender import CodeSender
from headoffice.member_web.text import translator
from headoffice.member_web.web import (
    PRE_COOKIE,
    SESSION_COOKIE,
    fragment,
    render,
    script,
    set_cookie,
)
from headoffice.packs import PackBook
from headoffice.tables import members, stores


@dataclass(frozen=True)
class MemberWeb:
    engine: Engine
    clock: Callable[[], datetime]
    keys: AnswerKeys
    packs: PackBook
    sender: CodeSender

    def merchant(self, code: str) -> Any:
        """The merchant of a page's address; NotFound merchant.unknown (shown as a page)."""
        try:
            with self.engine.connect() as conn:
                return card.merchant_by_code(conn, code)
        except NotFound as err:
            raise PageNotFound(err.code) from None

    def session(self, request: Request, merchant_id: str) -> sessions.MemberSession | None:
        found = sessions.session_for(self.engine, request.cookies.get(SESSION_COOKIE, ""),
                                     self.clock())
        return found if found is not None and found.merchant_id == merchant_id else None


def install(app: FastAPI, engine: Engine, clock: Callable[[], datetime], keys: AnswerKeys,
            packs: PackBook, sender: CodeSender) -> None:
    web = MemberWeb(engine, clock, keys, packs, sender)

    @app.exception_handler(PageNotFound)
    async def page_not_found(request: Request, err: PageNotFound) -> Response:
        return not_found(request, err.code)

    _login_routes(app, web)
    _card_routes(app, web)
    from headoffice.member_web import join  # it builds on MemberWeb, defined here

    join.install(app, web)


def login_form(request: Request, merchant: str, status: int = 200, message: str = "",
               error: bool = False, mobile: str = "", sent: bool = False) -> Response:
    """The form with a fresh CSRF token, also set as a cookie (double submit)."""
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", status, title_key="login.title", csrf=token,
                      merchant=merchant, mobile=mobile, sent=sent, message=message, error=error)
    set_cookie(request, response, PRE_COOKIE, token, max_age=3600)
    return response


def _login_routes(app: FastAPI, web: MemberWeb) -> None:
    @app.get("/m/{merchant}/login", include_in_schema=False)
    def login_page(request: Request, merchant: str, expired: str = "",
                   mobile: str = "", joined: str = "") -> Response:
        found = web.merchant(merchant)
        if web.session(request, found.id) is not None:
            return RedirectResponse(f"/m/{merchant}/card", status_code=303)
        t = translator(lang_of(request))
        note = t("login.expired") if expired else t("join.done") if joined else ""
        return login_form(request, merchant, message=note, mobile=mobile[:20])

    @app.post("/m/{merchant}/login", include_in_schema=False)
    async def login(request: Request, merchant: str) -> Response:
        found = await run_in_threadpool(web.merchant, merchant)
        fields = await form(request)
        t = translator(lang_of(request))
        if not same(fields.get("csrf", ""), request.cookies.get(PRE_COOKIE, "")):
            return login_form(request, merchant, 403, t("form.expired"), True)
        typed = fields.get("mobile", "")[:20]
        try:
            mobile = normalize_mobile(typed)
        except ValidationError:
            return login_form(request, merchant, 422, t("login.bad_mobile"), True, typed)
        if fields.get("action") == "send":
            return await run_in_threadpool(_send, request, web, found, mobile)
        return await run_in_threadpool(_log_in, request, web, found, mobile,
                                       fields.get("code", ""))

    @app.post("/m/{merchant}/logout", include_in_schema=False)
    async def logout(request: Request, merchant: str) -> Response:
        found = await run_in_threadpool(web.merchant, merchant)
        session = await run_in_threadpool(web.session, request, found.id)
        fields = await form(request)
        if session is not None and same(fields.get("csrf", ""), session.csrf):
            await run_in_threadpool(sessions.end_session, web.engine,
                                    request.cookies.get(SESSION_COOKIE, ""))
        response = RedirectResponse(f"/m/{merchant}/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/m")
        return response


def _send(request: Request, web: MemberWeb, merchant: Any, mobile: str) -> Response:
    t = translator(lang_of(request))
    try:
        codes.request_code(web.engine, merchant.id, mobile, client_of(request), web.clock(),
                           web.sender, lang_of(request))
    except ValidationError as err:  # member_code.throttled
        return login_form(request, merchant.code, 429, t("login.throttled", **err.params), True,
                          mobile)
    except DomainError:  # member_code.send_failed
        return login_form(request, merchant.code, 503, t("login.send_failed"), True, mobile)
    return login_form(request, merchant.code, message=t(
        "login.sent", mobile=mask_mobile(mobile), minutes=codes.CODE_MINUTES),
        mobile=mobile, sent=True)


def _log_in(request: Request, web: MemberWeb, merchant: Any, mobile: str, code: str) -> Response:
    t = translator(lang_of(request))
    if not codes.check_code(web.engine, merchant.id, mobile, code, web.clock()):
        return login_form(request, merchant.code, 401, t("login.wrong"), True, mobile, True)
    with web.engine.connect() as conn:
        member_id = card.member_by_mobile(conn, merchant.id, mobile)
    if member_id is None:  # told only after the code: the form does not say who is a member
        return login_form(request, merchant.code, 404, t("login.no_member"), True, mobile)
    session = sessions.open_session(web.engine, member_id, merchant.id, web.clock())
    response = RedirectResponse(f"/m/{merchant.code}/card", status_code=303)
    set_cookie(request, response, SESSION_COOKIE, session.token,
               max_age=int(sessions.LIFETIME.total_seconds()))
    response.delete_cookie(PRE_COOKIE, path="/m")
    return response


def _card_routes(app: FastAPI, web: MemberWeb) -> None:
    @app.get("/m/{merchant}/card", include_in_schema=False)
    def card_page(request: Request, merchant: str) -> Response:
        found = web.merchant(merchant)
        session = web.session(request, found.id)
        if session is None:
            token = request.cookies.get(SESSION_COOKIE, "")
            # "Ended" only for a session that did end, not for another merchant's live one.
            ended = token and sessions.session_for(web.engine, token, web.clock()) is None
            expired = "?expired=1" if ended else ""
            return RedirectResponse(f"/m/{merchant}/login{expired}", status_code=303)
        return _card(request, web, found, session)

    @app.get("/m/{merchant}/qr", include_in_schema=False)
    def qr_now(request: Request, merchant: str) -> Response:
        found = web.merchant(merchant)
        session = web.session(request, found.id)
        if session is None:
            return fragment("", 401)
        return _qr_now(web, request, found, session)

    @app.get("/m/static/qr-refresh.js", include_in_schema=False)
    def refresher() -> Response:
        return script("qr-refresh.js")


def _card(request: Request, web: MemberWeb, merchant: Any,
          session: sessions.MemberSession) -> Response:
    t = translator(lang_of(request))
    now = web.clock()
    with web.engine.connect() as conn:
        pack = web.packs.for_merchant(conn, merchant.id)
        page = card.page(conn, session.member_id, pack, now.astimezone(card.SHOWN_IN).date())
        home = _share_store(conn, session.member_id, merchant.id)
    ttl = pack.cards.dynamic_qr_ttl_s
    shown = None
    if page["card"]:
        shown = qr.svg(qr.member_payload(web.keys, merchant.id, page["card"], now),
                       t("card.qr_label", number=page["card"]))
    coupons = [{**c, "qr": qr.svg(c["code"], t("coupons.qr_label", code=c["code"]))}
               for c in page["coupons"]]
    share = (f"{request.base_url}m/join/{home}?ref={session.member_id}" if home else "")
    return render(request, "card.html", title_key="card.title", page=page, qr=shown, ttl=ttl,
                  coupons=coupons, merchant=merchant.code, csrf=session.csrf,
                  logout=f"/m/{merchant.code}/logout",
                  refresh_s=refresh_s(ttl), scripted=shown is not None,
                  share=share, referral_points=pack.points.referral_bonus)


def refresh_s(ttl_s: int) -> int:
    """How often the page fetches a new code: at half its life, well before it lapses even
    when the phone's and the till's clocks differ by the allowed skew."""
    return max(ttl_s // 2, 15)


def _qr_now(web: MemberWeb, request: Request, merchant: Any,
            session: sessions.MemberSession) -> Response:
    """The QR alone, freshly signed: what the page's script puts in place of the old one."""
    t = translator(lang_of(request))
    with web.engine.connect() as conn:
        number = card.usable_card(conn, session.member_id)
    if number is None:
        return fragment("", 404)
    payload = qr.member_payload(web.keys, merchant.id, number, web.clock())
    return fragment(str(qr.svg(payload, t("card.qr_label", number=number))))


def _share_store(conn: Any, member_id: str, merchant_id: str) -> str | None:
    """The store a member's invitation link signs friends up at: their home store, else the
    merchant's first."""
    home = conn.scalar(sa.select(stores.c.code).join(
        members, members.c.home_store_id == stores.c.id).where(members.c.id == member_id))
    first = conn.scalar(sa.select(stores.c.code).where(
        stores.c.merchant_id == merchant_id).order_by(stores.c.code).limit(1))
    return str(home or first) if (home or first) else None


class PageNotFound(Exception):
    """A member page's merchant or store that does not exist: a page saying so, not JSON."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def not_found(request: Request, code: str) -> Response:
    t = translator(lang_of(request))
    key = "notfound.store" if code == "store.unknown" else "notfound.title"
    return render(request, "message.html", 404, title_key="notfound.title", message=t(key),
                  error=True)
