"""Head office's door against a real process: body limits, the admin token's source, clean
parameters, and every refusal in the `{code, params}` shape."""

from __future__ import annotations

import select
import socket
import subprocess
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.sync.fixtures import Tenant
from tests.sync.harness import ADMIN_TOKEN, BIN, Server

MB = 1024 * 1024


def _answer(sock: socket.socket) -> bytes:
    """Everything the server said until it closed or paused."""
    data = b""
    while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def _send_until_answered(sock: socket.socket, chunk: bytes, most: int) -> int:
    """Send `chunk` again and again until the server answers (or `most` bytes went)."""
    sent = 0
    while sent < most:
        readable, _, _ = select.select([sock], [], [], 0)
        if readable:
            break
        try:
            sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            break
        sent += len(chunk)
    return sent


def test_a_200_mb_body_is_refused_with_413_before_it_is_read(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"POST /v1/sync/push HTTP/1.1\r\nHost: ho\r\n"
                     b"Content-Type: application/json\r\n"
                     b"Content-Length: " + str(200 * MB).encode() + b"\r\n\r\n")
        sock.sendall(b"{" + b" " * 65536)  # a sliver of the 200 MB; the rest never comes
        answer = _answer(sock)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert body == b'{"code":"request.too_large","params":{"max_bytes":8388608}}'


def test_a_chunked_body_is_cut_off_once_it_passes_the_limit(server: Server) -> None:
    piece = b" " * 65536
    chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"POST /v1/terminals/enroll HTTP/1.1\r\nHost: ho\r\n"
                     b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
        sent = _send_until_answered(sock, chunk, 200 * MB)
        answer = _answer(sock)
    assert answer.startswith(b"HTTP/1.1 413")
    assert b'"code":"request.too_large"' in answer
    assert sent < 200 * MB  # answered while the client was still sending


def test_the_limit_is_a_setting(make_server: Callable[..., Server]) -> None:
    server = make_server("sqlite", stores=(), extra_args=("--max-body-bytes", "1000"))
    small = httpx.post(server.url + "/v1/terminals/enroll", content=b"x" * 1001, timeout=10)
    assert (small.status_code, small.json()["params"]) == (413, {"max_bytes": 1000})


def test_the_admin_token_is_never_taken_from_the_command_line(tmp_path: Path) -> None:
    refused = subprocess.run(
        [str(BIN / "kaika-headoffice"), "serve", "--db", f"sqlite:///{tmp_path}/ho.sqlite3",
         "--admin-token", "secret"], capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2
    assert "never from the command line" in refused.stderr


def test_the_admin_token_comes_from_a_file(tmp_path: Path,
                                           make_server: Callable[..., Server]) -> None:
    secret = tmp_path / "admin-token"
    secret.write_text("from-a-file\n", encoding="utf-8")
    server = make_server("sqlite", stores=(), extra_args=("--admin-token-file", str(secret)))
    ok = httpx.get(server.url + "/v1/admin/cases", timeout=10,
                   headers={"authorization": "Bearer from-a-file"})
    env_token = httpx.get(server.url + "/v1/admin/cases", timeout=10,
                          headers={"authorization": f"Bearer {ADMIN_TOKEN}"})
    assert ok.status_code == 200
    assert (env_token.status_code, env_token.json()["code"]) == (401, "auth.admin_token")


@pytest.mark.parametrize(("path", "status", "body"), [
    ("/v1/admin/reports/points-daily?day=0", 422,
     {"code": "request.invalid", "params": {"field": "query.day", "problem": "date_format"}}),
    ("/v1/admin/reports/points-daily?day=2025-05-06&store=NOPE", 404,
     {"code": "store.unknown", "params": {"code": "NOPE"}}),
    ("/v1/admin/reports/liability?merchant=NOPE", 404,
     {"code": "merchant.unknown", "params": {"code": "NOPE"}}),
    ("/v1/admin/reports/liability?merchant=M%00", 422,
     {"code": "request.invalid", "params": {"field": "query.merchant",
                                            "problem": "control_character"}}),
    ("/v1/admin/cases/%00/resolve", 422,
     {"code": "request.invalid", "params": {"field": "path", "problem": "control_character"}}),
    ("/v1/no/such/route", 404, {"code": "request.no_route", "params": {}}),
])
def test_bad_parameters_get_a_clear_refusal_in_one_shape(
        server: Server, tenant: Tenant, path: str, status: int, body: dict[str, object]) -> None:
    method = "POST" if path.endswith("/resolve") else "GET"
    answer = server.admin(method, path, json={"by": "x"} if method == "POST" else None)
    assert (answer.status_code, answer.json()) == (status, body)


def test_an_unreadable_body_is_refused_in_the_same_shape(server: Server) -> None:
    answer = httpx.post(server.url + "/v1/terminals/enroll", content=b"{not json", timeout=10,
                        headers={"content-type": "application/json"})
    assert answer.status_code == 422
    assert answer.json()["code"] == "request.invalid"
