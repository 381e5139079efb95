"""The console's plumbing: templates, the language, cookies and their flags, form bodies."""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from headoffice.console.text import DEFAULT, LANGS, term_of, translator

SESSION_COOKIE = "kaika_console"
PRE_COOKIE = "kaika_console_pre"  # the log-in form's CSRF token, before there is a session
LANG_COOKIE = "kaika_lang"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-forwarded-proto", "x-real-ip")
_MAX_FORM_BYTES = 16 * 1024

# Own templates first, then the layout shared with the member pages (headoffice/templates).
_env = Environment(loader=FileSystemLoader([Path(__file__).resolve().parent / "templates",
                                            Path(__file__).resolve().parents[1] / "templates"]),
                   autoescape=select_autoescape(default=True, default_for_string=True))


def yuan(fen: int) -> str:
    """Integer fen as yuan with two decimals (-1.05), no float in between."""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


_env.filters["yuan"] = yuan


def lang_of(request: Request) -> str:
    """`?lang=` first, then the cookie, then zh_CN."""
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE, "")
    return asked if asked in LANGS else DEFAULT


def render(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    lang = lang_of(request)
    values.setdefault("member", None)
    values.setdefault("message", "")
    values.setdefault("error", False)
    html = _env.get_template(name).render(t=translator(lang), term=term_of(lang), lang=lang,
                                           **values)
    response = HTMLResponse(html, status_code=status, headers=_HEADERS)
    if request.query_params.get("lang") in LANGS:
        set_cookie(request, response, LANG_COOKIE, lang, max_age=365 * 86400, http_only=False)
    return response


# No framing (clickjacking), no sniffing, nothing from elsewhere, and nothing cached.
_HEADERS = {"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'self'; style-src 'unsafe-inline'; "
                                       "frame-ancestors 'none'; form-action 'self'",
            "Referrer-Policy": "same-origin", "Cache-Control": "no-store"}


def secure(request: Request) -> bool:
    """Secure cookies, except on plain http to the loopback address with no proxy between
    (the demo). A proxy on this machine that passes no Host still says it is there."""
    proxied = any(name in request.headers for name in _PROXY_HEADERS)
    return proxied or not (request.url.scheme == "http" and request.url.hostname in _LOOPBACK)


def set_cookie(request: Request, response: Response, name: str, value: str,
               max_age: int | None = None, http_only: bool = True) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/console", secure=secure(request),
                        httponly=http_only, samesite="strict")


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def form(request: Request) -> dict[str, str]:
    """An url-encoded form's fields (the first of each); a body too large or not text: {}."""
    body = await request.body()
    if len(body) > _MAX_FORM_BYTES:
        return {}
    try:
        fields = parse_qs(body.decode("ascii"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        return {}
    return {key: values[0] for key, values in fields.items()}


def same(given: str, expected: str) -> bool:
    """A CSRF token matches (constant time; an empty one never does)."""
    return bool(given and expected) and hmac.compare_digest(given.encode(), expected.encode())
