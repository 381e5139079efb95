"""What head office refuses at its door, before any route runs: a body over the size limit
(413, counted as it arrives, never buffered whole), control characters in the path or the
query (422 naming the parameter); and every refusal in one shape, `{code, params}`.

The limit is checked on the announced Content-Length first (refused before a byte of the body
is read, and before the request is authenticated), then on the bytes actually received, so a
chunked body is cut off as soon as it passes the limit.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.text import CLEAN_PATTERN, bad_char

DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024
# Codes for refusals Starlette makes itself (no route, a wrong method, an unreadable body).
_HTTP_CODES = {400: "request.body_unreadable", 404: "request.no_route",
               405: "request.method_not_allowed", 413: "request.too_large"}
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class BodyTooLarge(HTTPException):
    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, "request.too_large")
        self.max_bytes = max_bytes


class RequestLimits:
    """ASGI middleware: the body size limit and clean paths and queries."""

    def __init__(self, app: ASGIApp, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        counted = 0

        async def counting() -> Message:
            nonlocal counted
            message = await receive()
            if message["type"] == "http.request":
                counted += len(message.get("body", b""))
                if counted > self.max_body_bytes:
                    raise BodyTooLarge(self.max_body_bytes)
            return message

        await self.app(scope, counting, send)

    def _refusal(self, scope: Scope) -> JSONResponse | None:
        length = _content_length(scope)
        if length is not None and length > self.max_body_bytes:
            return refusal(413, "request.too_large", {"max_bytes": self.max_body_bytes})
        field = _unclean_parameter(scope)
        if field is not None:
            return refusal(422, "request.invalid", {"field": field,
                                                    "problem": "control_character"})
        return None


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else None
    return None


def _unclean_parameter(scope: Scope) -> str | None:
    if bad_char(scope.get("path", "")) is not None:
        return "path"
    query = scope.get("query_string", b"").decode("latin-1")
    for name, value in parse_qsl(query, keep_blank_values=True):
        if bad_char(name) is not None or bad_char(value) is not None:
            return f"query.{name}"
    return None


def refusal(status: int, code: str, params: dict[str, Any]) -> JSONResponse:
    """The one shape of every refusal (sync.schema.ErrorBody)."""
    safe = {k: v if isinstance(v, (str, int, float, bool, type(None), list, dict)) else str(v)
            for k, v in params.items()}
    return JSONResponse(status_code=status, content={"code": code, "params": safe})


def install(app: FastAPI, max_body_bytes: int) -> None:
    """The middleware, and Starlette's own refusals answered in the `{code, params}` shape."""
    app.add_middleware(RequestLimits, max_body_bytes=max_body_bytes)

    @app.exception_handler(HTTPException)
    async def http_refusal(_request: Request, err: HTTPException) -> JSONResponse:
        if isinstance(err, BodyTooLarge):
            return refusal(413, "request.too_large", {"max_bytes": err.max_bytes})
        answer = refusal(err.status_code, _HTTP_CODES.get(err.status_code, "request.refused"), {})
        answer.headers.update(err.headers or {})  # a 405 says which methods there are (Allow)
        return answer


def _iso_date(value: Any) -> Any:
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise PydanticCustomError("date_format", "a date as YYYY-MM-DD")


# A date in a query: YYYY-MM-DD only (pydantic alone takes `0` for 1970-01-01).
_DATE_DOC = {"format": "date", "pattern": f"^{_ISO_DATE.pattern}$"}
IsoDate = Annotated[date, BeforeValidator(_iso_date), Query(json_schema_extra=_DATE_DOC)]
# Text in a query or path: what the middleware refuses, said in the API document too.
CleanQuery = Annotated[str, Query(json_schema_extra={"pattern": CLEAN_PATTERN})]
CleanPath = Annotated[str, Path(json_schema_extra={"pattern": CLEAN_PATTERN})]
