"""`kaika-headoffice demo`: one command gives a head office whose console a person can log in
to with what the command printed; a second run keeps the same database, stores and password."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.headoffice.console_helpers import try_login
from tests.headoffice.member_helpers import csrf_of

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def demo(folder: Path) -> Iterator[tuple[str, str]]:
    """The running demo's address and the lines it printed about the console and the member
    page."""
    port = _free_port()
    proc = subprocess.Popen([str(BIN / "kaika-headoffice"), "demo", "--folder", str(folder),
                             "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(3)]
        console = "".join(line for line in lines if "/console/login" in line
                          or "member page" in line)
        for line in proc.stdout:  # its log, until the listener is up
            if "listening on" in line:
                break
        yield f"http://127.0.0.1:{port}", console
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_one_command_gives_a_console_to_log_in_to(tmp_path: Path) -> None:
    folder = tmp_path / "ho"
    with demo(folder) as (url, said):
        password = (folder / "admin-password.txt").read_text(encoding="utf-8").strip()
        assert f"admin / {password}" in said and f"{url}/console/login" in said
        with httpx.Client(base_url=url, timeout=10) as client:
            assert try_login(client, "admin", "wrong password").status_code != 303
            assert try_login(client, "admin", password).status_code == 303
            page = client.get("/console/terminals")
    assert page.status_code == 200
    assert "南京西路店" in page.text and "淮海中路店" in page.text
    assert oct((folder / "admin-password.txt").stat().st_mode & 0o777) == "0o600"

    with demo(folder) as (url, said):  # again: nothing made twice, the same password
        assert f"admin / {password}" in said
        with httpx.Client(base_url=url, timeout=10) as client:
            assert try_login(client, "admin", password).status_code == 303
            again = client.get("/console/terminals")
    assert again.text.count("南京西路店") == page.text.count("南京西路店")


def test_the_same_command_serves_the_member_page_with_codes_in_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "ho"
    with demo(folder) as (url, said):
        assert f"member page {url}/m/M01/login" in said and f"{url}/m/join/S001" in said
        codes = folder / "member-codes.jsonl"
        assert str(codes) in said
        with httpx.Client(base_url=url, timeout=10) as phone:
            page = phone.get("/m/join/S001")
            assert page.status_code == 200 and "南京西路店" in page.text
            sent = phone.post("/m/join/S001", data={
                "csrf": csrf_of(page), "name": "示范会员", "mobile": "13900001111",
                "privacy_accepted": "on", "action": "send"})
            assert sent.status_code == 200
            code = json.loads(codes.read_text(encoding="utf-8").splitlines()[-1])["code"]
            joined = phone.post("/m/join/S001", data={
                "csrf": csrf_of(sent), "name": "示范会员", "mobile": "13900001111",
                "privacy_accepted": "on", "code": code, "action": "join"})
            assert joined.status_code == 303
            card = phone.get(joined.headers["location"])
    assert card.status_code == 200 and "示范会员" in card.text and 'class="qr"' in card.text
