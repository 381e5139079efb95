"""Head office's logs: JSON lines (or text) on stderr, each naming the request, terminal and store
it belongs to, and an access line per request written by `RequestLog`."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from headoffice.metrics import Metrics

REQUEST_ID_HEADER = b"x-request-id"
request_id: ContextVar[str | None] = ContextVar("kaika_request_id", default=None)
terminal: ContextVar[str | None] = ContextVar("kaika_terminal", default=None)
store: ContextVar[str | None] = ContextVar("kaika_store", default=None)
# A caller's id is kept only if it is a plain token: it is written into every line.
_GOOD_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_SYNC_OPS = {"/v1/sync/push": "push", "/v1/sync/pull": "pull"}
access = logging.getLogger("kaika.headoffice.access")
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonLines(logging.Formatter):
    """One JSON object per record: time, level, logger, message, the request's ids, extras."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(), "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id.get(), "terminal": terminal.get(), "store": store.get()}
        line.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class _Text(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        ids = " ".join(f"{k}={v.get()}" for k, v in
                       (("request", request_id), ("terminal", terminal), ("store", store))
                       if v.get())
        return f"{super().format(record)} {ids}".rstrip()


def configure(level: str, fmt: str) -> None:
    """Every logger (ours, uvicorn's, SQLAlchemy's) through one handler in the chosen format."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines() if fmt == "json" else _Text(
        "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # RequestLog writes the access line, with the request id, terminal and store.
    logging.getLogger("uvicorn.access").propagate = False


def identify(terminal_id: str, store_id: str, state: dict[str, Any]) -> None:
    """Called once a request is authenticated: later lines of the request name the till."""
    terminal.set(terminal_id)
    store.set(store_id)
    state["kaika_terminal"], state["kaika_store"] = terminal_id, store_id


class RequestLog:
    """Outermost ASGI layer: a request id for every request (the caller's X-Request-Id when it
    is a plain token), echoed in the answer, one access line, and the latency metrics."""

    def __init__(self, app: ASGIApp, metrics: Metrics | None, enabled: bool = True,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.app, self.metrics, self.enabled, self.clock = app, metrics, enabled, clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _request_id(scope)
        token = request_id.set(rid)
        started, status = self.clock(), [500]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                message["headers"] = [*message.get("headers", []),
                                      (REQUEST_ID_HEADER, rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            self._done(scope, status[0], self.clock() - started)
            request_id.reset(token)

    def _done(self, scope: Scope, status: int, seconds: float) -> None:
        route = _route(scope)
        if self.metrics is not None:
            self.metrics.requests.labels(scope["method"], route, str(status)).observe(seconds)
            if route in _SYNC_OPS:
                self.metrics.sync.labels(_SYNC_OPS[route], str(status)).inc()
        if self.enabled:
            state = scope.get("state", {})
            access.info("%s %s %d", scope["method"], scope["path"], status, extra={
                "method": scope["method"], "path": scope["path"], "status": status,
                "ms": round(seconds * 1000, 1), "terminal": state.get("kaika_terminal"),
                "store": state.get("kaika_store"),
                "client": (scope.get("client") or ("", 0))[0]})


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == REQUEST_ID_HEADER:
            given = value.decode("latin-1")
            if _GOOD_ID.fullmatch(given):
                return str(given)
    return uuid.uuid4().hex


def _route(scope: Scope) -> str:
    """The route's template (`/v1/admin/cases/{case_id}/resolve`), never the raw path: one
    label per route, whatever ids callers put in paths; `unmatched` for a 404 by path."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "unmatched"
