"""Self sign-up from a store's recruitment QR (/m/join/<store code>, ?ref=<member> from a
member's invitation link): the mobile proved by a one-time code, the front desk's form rules
(domain/forms.py), then the member is made (signup.py) and logged in."""

# No `from __future__ import annotations`: FastAPI must evaluate the routes' annotations.
import secrets
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from domain import forms
from domain.errors import DomainError, NotFound, ValidationError
from domain.forms import mask_mobile
from headoffice.console.web import client_of, form, lang_of, same
from headoffice.member_web import MemberWeb, PageNotFound, codes, sessions, signup
from headoffice.member_web.text import field_error, translator
from headoffice.member_web.web import PRE_COOKIE, SESSION_COOKIE, render, set_cookie
from headoffice.tables import merchants

# What the page's form sends on to domain/forms.py (the rest of DOMAIN §3's fields are the
# front desk's: ID number, occupation, address... are not asked of someone on a phone).
FORM_FIELDS = ("name", "mobile", "gender", "birthday", "email", "consent_marketing",
               "privacy_accepted")


def install(app: FastAPI, web: MemberWeb) -> None:
    @app.get("/m/join/{store_code}", include_in_schema=False)
    def join_page(request: Request, store_code: str, ref: str = "") -> Response:
        store, _merchant, referrer = _where(web, store_code, ref)
        return _form(request, store, referrer, {}, {})

    @app.post("/m/join/{store_code}", include_in_schema=False)
    async def join(request: Request, store_code: str) -> Response:
        fields = await form(request)
        store, merchant, referrer = await run_in_threadpool(_where, web, store_code,
                                                            fields.get("ref", ""))
        t = translator(lang_of(request))
        typed = {k: fields.get(k, "") for k in FORM_FIELDS}
        if not same(fields.get("csrf", ""), request.cookies.get(PRE_COOKIE, "")):
            return _form(request, store, referrer, typed, {}, 403, t("form.expired"))
        if fields.get("action") == "send":
            return await run_in_threadpool(_send, request, web, store, referrer, typed)
        return await run_in_threadpool(_join, request, web, store, merchant, referrer, typed,
                                       fields.get("code", ""))


def _where(web: MemberWeb, store_code: str, ref: str) -> tuple[Any, Any, Any]:
    """The store of the link, its merchant, and the inviting member (None when not valid)."""
    try:
        with web.engine.connect() as conn:
            store = signup.store_of(conn, store_code[:16])
            merchant = conn.execute(merchants.select().where(
                merchants.c.id == store.merchant_id)).first()
            referrer = signup.referrer_of(conn, store.merchant_id, ref)
    except NotFound as err:
        raise PageNotFound(err.code) from None
    return {"code": store_code, "name": store.name, "merchant_id": store.merchant_id,
            "row": store}, merchant, referrer


def _form(request: Request, store: dict[str, Any], referrer: Any, typed: dict[str, str],
          errors: dict[str, str], status: int = 200, message: str = "", error: bool = True,
          sent: bool = False) -> Response:
    lang = lang_of(request)
    token = secrets.token_urlsafe(32)
    shown = {field: field_error(lang, code) for field, code in errors.items()}
    response = render(request, "join.html", status, title_key="join.title", csrf=token,
                      store=store, typed=typed, errors=shown, sent=sent,
                      ref=referrer.id if referrer else "",
                      referrer_name=forms.mask_name((referrer.profile or {}).get("name", ""))
                      if referrer else "", message=message, error=error and bool(message))
    set_cookie(request, response, PRE_COOKIE, token, max_age=3600)
    return response


def _send(request: Request, web: MemberWeb, store: dict[str, Any], referrer: Any,
          typed: dict[str, str]) -> Response:
    t, lang = translator(lang_of(request)), lang_of(request)
    try:
        mobile = forms.normalize_mobile(typed["mobile"])
        codes.request_code(web.engine, store["merchant_id"], mobile, client_of(request),
                           web.clock(), web.sender, lang)
    except ValidationError as err:
        if err.code == "member_code.throttled":
            return _form(request, store, referrer, typed, {}, 429,
                         t("login.throttled", **err.params))
        return _form(request, store, referrer, typed, {"mobile": err.code}, 422,
                     t("join.error"))
    except DomainError:
        return _form(request, store, referrer, typed, {}, 503, t("login.send_failed"))
    return _form(request, store, referrer, typed, {}, message=t(
        "login.sent", mobile=mask_mobile(mobile), minutes=codes.CODE_MINUTES), error=False,
        sent=True)


def _join(request: Request, web: MemberWeb, store: dict[str, Any], merchant: Any,
          referrer: Any, typed: dict[str, str], code: str) -> Response:
    t = translator(lang_of(request))
    now = web.clock()
    try:  # the form first, so a typing slip does not spend the code
        form_ = forms.validate_member_form(typed, signup.today_at(store["row"], now))
    except forms.FormErrors as err:
        return _form(request, store, referrer, typed, err.by_field(), 422, t("join.error"))
    if not codes.check_code(web.engine, store["merchant_id"], form_.mobile, code, now):
        return _form(request, store, referrer, typed, {"code": "member_code.wrong"}, 401,
                     t("join.error"))
    try:
        joined = signup.sign_up(web.engine, web.packs, store["code"], typed,
                                referrer.id if referrer else "", now)
    except forms.FormErrors as err:
        return _form(request, store, referrer, typed, err.by_field(), 422, t("join.error"))
    # The code proved the mobile: the new (or existing) member is logged in at once.
    session = sessions.open_session(web.engine, joined.member_id, store["merchant_id"], now)
    response = RedirectResponse(f"/m/{merchant.code}/card", status_code=303)
    set_cookie(request, response, SESSION_COOKIE, session.token,
               max_age=int(sessions.LIFETIME.total_seconds()))
    response.delete_cookie(PRE_COOKIE, path="/m")
    return response
