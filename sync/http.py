"""The till's HTTP link to head office: signed requests, clock correction, error codes.

Requests are signed with the head-office time as the till best knows it (its clock plus the
offset learnt from every response's `X-Kaika-Server-Time`), so a till whose clock is a day
wrong is refused once (`auth.clock_skew`, with the server's time), corrects itself and goes on.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx

from domain.clock import Clock
from domain.ids import new_id_str
from sync import signing
from sync.credentials import Credentials
from sync.schema import HEADER_APP_VERSION, HEADER_PROTOCOL, PROTOCOL_VERSION

APP_VERSION = "0.1.0"


class SyncError(Exception):
    """A failed exchange: head office's error code, or `sync.unreachable` / `sync.server_error`."""

    def __init__(self, code: str, status: int = 0, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.params = params

    def __str__(self) -> str:
        return f"{self.code} ({self.status}) {self.params}" if self.params else self.code

    @property
    def retryable(self) -> bool:
        """Worth sending again after a pause (network, overload, a server being restarted)."""
        return self.status == 0 or self.status >= 500 or self.status == 429


class HeadOffice:
    def __init__(self, creds: Credentials, clock: Clock, offset_ms: int = 0,
                 timeout_s: float = 30.0, transport: httpx.BaseTransport | None = None,
                 on_offset: Callable[[int], None] | None = None) -> None:
        self.creds = creds
        self.clock = clock
        self.offset_ms = offset_ms
        self._keys = creds.keys
        self._on_offset = on_offset
        self._http = httpx.Client(base_url=creds.server, timeout=timeout_s, transport=transport,
                                  headers={HEADER_PROTOCOL: str(PROTOCOL_VERSION),
                                           HEADER_APP_VERSION: APP_VERSION})

    def close(self) -> None:
        self._http.close()

    def now_ms(self) -> int:
        """Head office's time as this till estimates it."""
        return int(self.clock.now().timestamp() * 1000) + self.offset_ms

    def call(self, method: str, path: str, body: Any = None,
             params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A signed request; one retry after learning the server's clock."""
        content = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
        return self.call_bytes(method, path, content, params)

    def call_bytes(self, method: str, path: str, content: bytes,
                   params: dict[str, Any] | None = None) -> dict[str, Any]:
        """`call` with a body already encoded (a batch is encoded once, however often sent)."""
        for attempt in (1, 2):
            try:
                return self._once(method, path, content, params)
            except SyncError as err:
                if err.code != "auth.clock_skew" or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def post_unsigned(self, path: str, body: Any) -> dict[str, Any]:
        """Enrolment: the one-time code is the credential."""
        return self._handle(self._send(self._http.build_request("POST", path, json=body)))

    def _once(self, method: str, path: str, content: bytes,
              params: dict[str, Any] | None) -> dict[str, Any]:
        request = self._http.build_request(method, path, content=content, params=params,
                                           headers={"content-type": "application/json"})
        stamp = self.now_ms()
        nonce = new_id_str()
        target = request.url.raw_path.decode("ascii")
        request.headers[signing.HEADER_TERMINAL] = self.creds.terminal_id
        request.headers[signing.HEADER_TIMESTAMP] = str(stamp)
        request.headers[signing.HEADER_NONCE] = nonce
        request.headers[signing.HEADER_SIGNATURE] = self._keys.sign(method, target, stamp, nonce,
                                                                    content)
        return self._handle(self._send(request))

    def _send(self, request: httpx.Request) -> httpx.Response:
        sent = time.monotonic()
        try:
            response = self._http.send(request)
        except httpx.HTTPError as err:
            raise SyncError("sync.unreachable", 0, detail=type(err).__name__) from None
        self._learn_time(response, time.monotonic() - sent)
        return response

    def _learn_time(self, response: httpx.Response, elapsed_s: float) -> None:
        server = response.headers.get(signing.HEADER_SERVER_TIME)
        if not server:
            return
        local = int(self.clock.now().timestamp() * 1000) - int(elapsed_s * 500)
        offset = int(server) - local
        # Loopback or LAN jitter of a few hundred ms is not worth a write each time.
        if abs(offset - self.offset_ms) > 1000:
            self.offset_ms = offset
            if self._on_offset:
                self._on_offset(offset)

    @staticmethod
    def _handle(response: httpx.Response) -> dict[str, Any]:
        if response.status_code < 400:
            data: dict[str, Any] = response.json()
            return data
        try:
            body = response.json()
            code, params = str(body.get("code", "sync.server_error")), body.get("params", {})
        except ValueError:
            code, params = "sync.server_error", {}
        raise SyncError(code, response.status_code, **(params if isinstance(params, dict) else {}))
