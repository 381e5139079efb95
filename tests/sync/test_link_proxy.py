"""The till's sync link goes through the proxy the environment names (HTTP_PROXY, NO_PROXY), as
httpx did before sync/link.py replaced it: a store behind a proxy keeps syncing."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

from tests.sync.harness import Server, Till

_HOP = frozenset({"proxy-authorization", "connection", "host", "keep-alive"})


class _Forward(BaseHTTPRequestHandler):
    """A forward proxy for plain http: the request line names the server (absolute form)."""

    protocol_version = "HTTP/1.1"
    seen: ClassVar[list[tuple[str, str, str | None]]] = []

    def _relay(self) -> None:
        self.seen.append((self.command, self.path, self.headers.get("Proxy-Authorization")))
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        upstream = http.client.HTTPConnection(url.hostname or "", url.port, timeout=30)
        try:
            upstream.request(self.command, url.path + (f"?{url.query}" if url.query else ""),
                             body=body, headers={k: v for k, v in self.headers.items()
                                                 if k.lower() not in _HOP})
            answer = upstream.getresponse()
            data = answer.read()
        finally:
            upstream.close()
        self.send_response_only(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in {"transfer-encoding", "connection", "content-length"}:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _relay

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def proxy() -> Iterator[str]:
    _Forward.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Forward)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://kaika:s%40fe@127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_till_behind_a_proxy_syncs_through_it_and_no_proxy_skips_it(
        make_server: Callable[..., Server], make_till: Callable[..., Till], proxy: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    server = make_server("sqlite", stores=("S001",))
    till = make_till()
    till.enroll(server, "S001")
    till.register("王芳", "13900139000")
    for name in ("HTTPS_PROXY", "ALL_PROXY", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", proxy)
    monkeypatch.setenv("NO_PROXY", "")
    till.connect(server.url)

    result = till.sync()

    assert set(result.pushed) == {"applied"} and result.unsynced == 0
    host = urlsplit(server.url).netloc
    assert ("POST", f"http://{host}/v1/sync/push", "Basic a2Fpa2E6c0BmZQ==") in _Forward.seen
    assert any(path.startswith(f"http://{host}/v1/sync/pull?") for _, path, _ in _Forward.seen)

    _Forward.seen.clear()
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    till.connect(server.url)
    till.register("李雷", "13900139001")
    again = till.sync()
    assert set(again.pushed) == {"applied"} and again.unsynced == 0
    assert _Forward.seen == []
