"""A man in the middle between a till and head office, at the HTTP level: what an attacker on
the network (or a compromised proxy) can do to head office's answers.

It relays each request to head office and each answer back, keeping every exchange it saw
(`seen`). A test sets `rule`, a function of the request and a `forward()` that sends it on and
returns head office's genuine answer; what the rule returns goes to the till. So a rule can
rewrite an answer, strip or alter its headers, answer without forwarding at all, or hand back
an answer recorded earlier for another request.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from tests.sync.proxy import _complete_response


@dataclass(frozen=True)
class Http:
    """One HTTP/1.1 message: its first line, headers in order, and body."""

    first: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    @property
    def target(self) -> str:
        """A request's method and path: "POST /v1/sync/push"."""
        method, path, _ = self.first.split(" ", 2)
        return f"{method} {path.split('?')[0]}"

    @property
    def status(self) -> int:
        return int(self.first.split(" ", 2)[1])

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def with_header(self, name: str, value: str | None) -> Http:
        """The header replaced (or removed, for None)."""
        kept = [(k, v) for k, v in self.headers if k.lower() != name.lower()]
        return replace(self, headers=kept if value is None else [*kept, (name, value)])

    def json(self) -> Any:
        return json.loads(self.body)

    def with_json(self, data: Any) -> Http:
        body = json.dumps(data, ensure_ascii=False).encode()
        return replace(self.with_header("content-length", str(len(body))), body=body)

    def with_status(self, status: int) -> Http:
        return replace(self, first=f"HTTP/1.1 {status} X")

    def encode(self) -> bytes:
        head = "\r\n".join([self.first, *(f"{k}: {v}" for k, v in self.headers)])
        return head.encode("latin-1") + b"\r\n\r\n" + self.body

    @staticmethod
    def decode(raw: bytes) -> Http:
        head, _, body = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = [(k.strip(), v.strip()) for k, _, v in (line.partition(":")
                                                          for line in lines[1:])]
        return Http(lines[0], headers, body)


Forward = Callable[[], Http]
Rule = Callable[[Http, Forward], Http]


def relay(request: Http, forward: Forward) -> Http:
    """The honest proxy: head office's answer, unchanged."""
    return forward()


class Meddler:
    def __init__(self, upstream_port: int, rule: Rule = relay) -> None:
        self.upstream_port = upstream_port
        self.rule = rule
        self.seen: list[tuple[Http, Http]] = []  # genuine exchanges: (request, answer)
        self.forwarded = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def recorded(self, target: str) -> list[tuple[Http, Http]]:
        """Genuine exchanges for "METHOD /path", oldest first."""
        return [(q, a) for q, a in self.seen if q.target == target]

    def close(self) -> None:
        self._closed = True
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        buffer = b""
        try:
            while True:
                raw = _complete_request(buffer)
                if raw is None:
                    data = client.recv(65536)
                    if not data:
                        return
                    buffer += data
                    continue
                buffer = buffer[len(raw):]
                request = Http.decode(raw)
                client.sendall(self.rule(request, lambda r=request: self._forward(r)).encode())
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                client.close()

    def _forward(self, request: Http) -> Http:
        """Send the request to head office on a connection of its own; its whole answer."""
        with socket.create_connection(("127.0.0.1", self.upstream_port)) as upstream:
            upstream.sendall(request.encode())
            buffer = b""
            while (raw := _complete_response(buffer)) is None:
                data = upstream.recv(65536)
                if not data:
                    raise OSError("head office closed the connection")
                buffer += data
        answer = Http.decode(raw)
        self.forwarded += 1
        self.seen.append((request, answer))
        return answer


def _complete_request(buffer: bytes) -> bytes | None:
    """One whole request at the start of `buffer` (Content-Length framing, as httpx sends)."""
    return _complete_response(buffer)
