"""`kaika-headoffice demo`: one command gives a head office whose console a person can log in
to with what the command printed; a second run keeps the same database, stores and password."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.headoffice.console_helpers import try_login

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def demo(folder: Path) -> Iterator[tuple[str, str]]:
    """The running demo's address and the first line it printed about the console."""
    port = _free_port()
    proc = subprocess.Popen([str(BIN / "kaika-headoffice"), "demo", "--folder", str(folder),
                             "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(2)]
        console = next(line for line in lines if "/console/login" in line)
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
