"""The till's HTTP/1.1 connection to head office, on the standard library's http.client.

One connection is kept alive between requests and opened afresh when head office closed it
while idle (it is readable before a request is sent: an end of file or a close). TLS is
checked against certifi's CA bundle, and a proxy named by HTTPS_PROXY / HTTP_PROXY / ALL_PROXY
(NO_PROXY excepted) is used, as httpx did before this module replaced it (httpx and the
command-line tools it imports took a third of `kaika sync --once`'s start).
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import select
import socket
import threading
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit

# Where to connect instead of the server URL's host and port: a test's server standing in for
# a head office on the shop's network (tests/sync/test_answer_keys.py).
Transport = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    target: str  # path and query string, exactly as sent (and signed: sync/signing.py)
    content: bytes
    headers: dict[str, str]


@dataclass(frozen=True, slots=True)
class Answer:
    status_code: int
    headers: Message  # names are case-insensitive
    content: bytes

    def json(self) -> Any:
        """The body as JSON; ValueError when it is not."""
        return json.loads(self.content)


class LinkError(Exception):
    """No answer: not connected, timed out, or the connection broke (`kind` says which)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class Link:
    def __init__(self, base_url: str, timeout_s: float, transport: Transport | None,
                 headers: dict[str, str]) -> None:
        parts = urlsplit(base_url)
        self._scheme = parts.scheme
        self._host = parts.hostname or ""
        self._port = parts.port
        self._prefix = parts.path.rstrip("/")
        self._timeout = timeout_s
        self._transport = transport
        self._headers = headers
        self._conn: http.client.HTTPConnection | None = None
        self._via = ""  # "http://host:port" when plain http goes through a proxy
        self._via_headers: dict[str, str] = {}
        self._lock = threading.Lock()  # one request at a time on the one connection

    def request(self, method: str, path: str, content: bytes, *,
                params: dict[str, Any] | None = None,
                headers: dict[str, str] | None = None) -> Request:
        query = f"?{urlencode(params)}" if params else ""
        return Request(method, f"{self._prefix}{path}{query}", content,
                       {**self._headers, **(headers or {})})

    def send(self, request: Request) -> Answer:
        with self._lock:
            conn = self._connection()
            try:
                conn.request(request.method, self._via + request.target,
                             body=request.content, headers={**request.headers,
                                                            **self._via_headers})
                response = conn.getresponse()
                content = response.read()
            except (OSError, http.client.HTTPException) as err:
                self._close()
                raise LinkError(_kind(err)) from None
            if response.will_close:
                self._close()
            return Answer(response.status, response.headers, content)

    def close(self) -> None:
        with self._lock:
            self._close()

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is not None and _closed_by_peer(self._conn):
            self._close()
        if self._conn is None:
            if self._scheme not in ("http", "https") or not self._host:
                raise LinkError("UnsupportedProtocol")
            conn = self._new()
            try:
                conn.connect()
            except OSError as err:
                conn.close()
                raise LinkError("ConnectTimeout" if isinstance(err, TimeoutError)
                                else "ConnectError") from None
            self._conn = conn
        return self._conn

    def _new(self) -> http.client.HTTPConnection:
        proxy = None if self._transport else _proxy(self._scheme, self._host)
        host, port = proxy[:2] if proxy else self._transport or (self._host, self._port)
        if self._scheme == "http":
            if proxy:  # the request line names head office; the target signed stays the path
                self._via = f"http://{self._host}:{self._port or 80}"
                self._via_headers = {"Proxy-Authorization": proxy[2]} if proxy[2] else {}
            return http.client.HTTPConnection(host, port, timeout=self._timeout)
        import ssl

        import certifi

        context = ssl.create_default_context(cafile=certifi.where())
        conn = http.client.HTTPSConnection(host, port, timeout=self._timeout, context=context)
        if proxy:  # a CONNECT tunnel: TLS runs end to end with head office through it
            conn.set_tunnel(self._host, self._port or 443,
                            headers={"Proxy-Authorization": proxy[2]} if proxy[2] else None)
        return conn

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _closed_by_peer(conn: http.client.HTTPConnection) -> bool:
    """An idle kept-alive connection with something to read has been closed by head office."""
    sock = conn.sock
    if not isinstance(sock, socket.socket):
        return True
    try:
        return bool(select.select([sock], [], [], 0)[0])
    except (OSError, ValueError):
        return True


def _proxy(scheme: str, host: str) -> tuple[str, int, str] | None:
    """(host, port, Proxy-Authorization or "") of the proxy the environment names for
    `scheme`; None when it names none or NO_PROXY covers `host`."""
    if not any(name.lower().endswith("_proxy") for name in os.environ):
        return None  # the usual case, without importing urllib.request
    import urllib.request

    proxies = urllib.request.getproxies_environment()
    url = proxies.get(scheme) or proxies.get("all")
    if not url or urllib.request.proxy_bypass(host):  # NO_PROXY, as the environment has one
        return None
    parts = urlsplit(url if "://" in url else f"http://{url}")
    auth = ""
    if parts.username:
        pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
        auth = "Basic " + base64.b64encode(pair).decode("ascii")
    return parts.hostname or "", parts.port or 80, auth


def _kind(err: BaseException) -> str:
    if isinstance(err, TimeoutError):
        return "ReadTimeout"
    return type(err).__name__
