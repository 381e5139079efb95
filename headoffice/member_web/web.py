"""The member page's plumbing: its templates, cookies (path /m) and headers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from headoffice.console.text import LANGS
from headoffice.console.web import LANG_COOKIE, lang_of, secure, yuan
from headoffice.member_web.text import translator

SESSION_COOKIE = "kaika_member"
PRE_COOKIE = "kaika_member_pre"  # the log-in and sign-up forms' CSRF token, before a session
PATH = "/m"

# Own templates first, then the layout shared with the console (headoffice/templates).
_env = Environment(loader=FileSystemLoader([Path(__file__).resolve().parent / "templates",
                                            Path(__file__).resolve().parents[1] / "templates"]),
                   autoescape=select_autoescape(default=True, default_for_string=True))
_env.filters["yuan"] = yuan

# As the console's; the one script is the QR's refresher, served from here (no inline script).
_HEADERS = {"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'self'; style-src 'unsafe-inline'; "
                                       "script-src 'self'; frame-ancestors 'none'; "
                                       "form-action 'self'",
            "Referrer-Policy": "same-origin", "Cache-Control": "no-store"}


def render(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    lang = lang_of(request)
    values.setdefault("message", "")
    values.setdefault("error", False)
    values.setdefault("logout", "")
    html = _env.get_template(name).render(t=translator(lang), lang=lang, **values)
    response = HTMLResponse(html, status_code=status, headers=_HEADERS)
    if request.query_params.get("lang") in LANGS:
        set_cookie(request, response, LANG_COOKIE, lang, max_age=365 * 86400, http_only=False)
    return response


def fragment(html: str, status: int = 200) -> HTMLResponse:
    """A piece of a page (the refreshed QR), with the pages' headers."""
    return HTMLResponse(html, status_code=status, headers=_HEADERS)


def script(name: str) -> Response:
    text = (Path(__file__).resolve().parent / "static" / name).read_text(encoding="utf-8")
    return Response(text, media_type="text/javascript",
                    headers={**_HEADERS, "Cache-Control": "public, max-age=3600"})


def set_cookie(request: Request, response: Response, name: str, value: str,
               max_age: int | None = None, http_only: bool = True) -> None:
    # Lax, not Strict: a member opens the page from a chat's link, which Strict would send
    # without the cookie; every POST carries a CSRF token all the same.
    response.set_cookie(name, value, max_age=max_age, path=PATH, secure=secure(request),
                        httponly=http_only, samesite="lax")
