"""The till's HTTP link to head office: signed requests, signed answers, clock correction.

Requests are signed with the head-office time as the till best knows it (its clock plus the
offset learnt from every authenticated answer's `X-Kaika-Server-Time`), so a till whose clock
is a day wrong is refused once (`auth.clock_skew`, with the server's time), corrects itself and
goes on. Every answer must be signed by one of head office's keys for this very request
(`sync/answers.py`) before anything in it is believed: an unsigned one is
`sync.answer_unsigned`, an altered, forged or replayed one `sync.answer_forged`; neither moves
the offset, and the caller applies and acknowledges nothing.

The link is the standard library's http.client (sync/link.py), not httpx: importing httpx
took a third of `kaika sync --once`'s start (docs/performance.md, "start fast").
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from domain.clock import Clock
from domain.ids import new_id_str
from sync import answers, signing
from sync.answers import Answered
from sync.credentials import Credentials
from sync.link import Answer, Link, LinkError, Request, Transport
from sync.protocol import HEADER_APP_VERSION, HEADER_PROTOCOL, PROTOCOL_VERSION

__all__ = ["HeadOffice", "SyncError", "Transport"]

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
        """Worth sending again after a pause (network, overload, a server being restarted, an
        answer that failed its check: whoever altered it may be gone next time)."""
        if self.code == "sync.reenrol_needed":
            return False  # nothing is sent until the till is enrolled again
        return self.status == 0 or self.status >= 500 or self.status == 429


class HeadOffice:
    def __init__(self, creds: Credentials, clock: Clock, offset_ms: int = 0,
                 timeout_s: float = 30.0, transport: Transport | None = None,
                 on_offset: Callable[[int], None] | None = None) -> None:
        self.creds = creds
        self.clock = clock
        self.offset_ms = offset_ms
        self._keys = creds.keys
        self._on_offset = on_offset
        self._http = Link(creds.server, timeout_s, transport,
                          {HEADER_PROTOCOL: str(PROTOCOL_VERSION),
                           HEADER_APP_VERSION: APP_VERSION})

    def close(self) -> None:
        self._http.close()

    def local_ms(self) -> int:
        return int(self.clock.now().timestamp() * 1000)

    def now_ms(self) -> int:
        """Head office's time as this till estimates it."""
        return self.local_ms() + self.offset_ms

    def trust(self, server_keys: list[str]) -> None:
        """Head office's keys from now on (from an answer already verified with the old ones)."""
        self.creds = replace(self.creds, server_keys=tuple(server_keys))

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

    def enrol(self, path: str, body: Any, code: str) -> dict[str, Any]:
        """Enrolment: the one-time code is the credential, and the answer must prove that head
        office knew it (the HMAC) and holds the keys it lists (their signatures)."""
        nonce = new_id_str()
        request = self._http.request("POST", path, json.dumps(body, ensure_ascii=False).encode(),
                                     headers={"content-type": "application/json",
                                              signing.HEADER_NONCE: nonce})
        response, _ = self._send(request)
        text = _answer_text(Answered("POST", request.target, "", nonce), response)
        proof = response.headers.get(answers.HEADER_ENROL_PROOF, "")
        if not proof:
            raise _unsigned(response)
        if not answers.proof_holds(proof, code, text):
            raise SyncError("sync.answer_forged", 0, answer_status=response.status_code)
        data = self._handle(response)
        listed = data.get("server_keys")
        signature = response.headers.get(answers.HEADER_ANSWER_SIGNATURE, "")
        if not isinstance(listed, list) or answers.signed_by(signature, listed, text) is None:
            raise SyncError("sync.answer_forged", 0, answer_status=response.status_code)
        return data

    def _once(self, method: str, path: str, content: bytes,
              params: dict[str, Any] | None) -> dict[str, Any]:
        if not self.creds.server_keys:
            # Enrolled before head office signed its answers: nothing it says can be checked.
            raise SyncError("sync.reenrol_needed")
        request = self._http.request(method, path, content, params=params,
                                     headers={"content-type": "application/json"})
        stamp, local = self.now_ms(), self.local_ms()
        nonce = new_id_str()
        target = request.target
        request.headers[signing.HEADER_TERMINAL] = self.creds.terminal_id
        request.headers[signing.HEADER_TIMESTAMP] = str(stamp)
        request.headers[signing.HEADER_NONCE] = nonce
        request.headers[signing.HEADER_TILL_TIME] = str(local)
        request.headers[signing.HEADER_SIGNATURE] = self._keys.sign(method, target, stamp, nonce,
                                                                    content, local)
        response, elapsed_s = self._send(request)
        self._verify(Answered(method, target, self.creds.terminal_id, nonce), response)
        self._learn_time(response, elapsed_s)
        return self._handle(response)

    def _send(self, request: Request) -> tuple[Answer, float]:
        sent = time.monotonic()
        try:
            response = self._http.send(request)
        except LinkError as err:
            raise SyncError("sync.unreachable", 0, detail=err.kind) from None
        return response, time.monotonic() - sent

    def _verify(self, to: Answered, response: Answer) -> None:
        """Signed by a key this till trusts, for this request, unchanged; else SyncError."""
        signature = response.headers.get(answers.HEADER_ANSWER_SIGNATURE, "")
        if not signature:
            raise _unsigned(response)
        if answers.signed_by(signature, self.creds.server_keys,
                             _answer_text(to, response)) is None:
            raise SyncError("sync.answer_forged", 0, answer_status=response.status_code)

    def _learn_time(self, response: Answer, elapsed_s: float) -> None:
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
    def _handle(response: Answer) -> dict[str, Any]:
        """An authenticated answer's body, or its refusal as SyncError."""
        if response.status_code < 400:
            data: dict[str, Any] = response.json()
            return data
        try:
            body = response.json()
            code, params = str(body.get("code", "sync.server_error")), body.get("params", {})
        except ValueError:
            code, params = "sync.server_error", {}
        raise SyncError(code, response.status_code, **(params if isinstance(params, dict) else {}))


def _answer_text(to: Answered, response: Answer) -> bytes:
    return answers.answer_text(to, response.status_code,
                               response.headers.get(signing.HEADER_SERVER_TIME, ""),
                               response.content)


def _unsigned(response: Answer) -> SyncError:
    """No signature at all: a load balancer's own 502/503/429 while head office is away is
    "unreachable" (tried again later, believed in nothing); anything else is refused."""
    if response.status_code >= 500 or response.status_code == 429:
        return SyncError("sync.unreachable", 0, detail=f"unsigned {response.status_code}")
    return SyncError("sync.answer_unsigned", 0, answer_status=response.status_code)
