"""Helpers for the member page's tests: a head office whose console sender writes codes to a
file, and a phone's httpx client that asks for a code, reads it there and logs in."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from unittest import mock

import httpx

from tests.sync.harness import Server


def start_with_outbox(server: Server, outbox: Path) -> Server:
    """Start `server` with the console sender writing codes to `outbox`."""
    with mock.patch.dict(os.environ, {"KAIKA_HO_SMS_OUTBOX": str(outbox)}):
        return server.start()


def csrf_of(page: httpx.Response) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found is not None, page.text
    return found.group(1)


def codes_sent(outbox: Path, mobile: str) -> list[str]:
    if not outbox.exists():
        return []
    lines = [json.loads(line) for line in outbox.read_text(encoding="utf-8").splitlines()]
    return [line["code"] for line in lines if line["mobile"] == mobile]


def ask_code(client: httpx.Client, merchant: str, mobile: str) -> httpx.Response:
    form = client.get(f"/m/{merchant}/login")
    return client.post(f"/m/{merchant}/login", data={"csrf": csrf_of(form), "mobile": mobile,
                                                      "action": "send"})


def log_in(client: httpx.Client, merchant: str, mobile: str, code: str) -> httpx.Response:
    form = client.get(f"/m/{merchant}/login")
    return client.post(f"/m/{merchant}/login", data={"csrf": csrf_of(form), "mobile": mobile,
                                                      "code": code, "action": "login"})


def phone_logged_in(server: Server, outbox: Path, merchant: str, mobile: str) -> httpx.Client:
    client = httpx.Client(base_url=server.url, timeout=10)
    assert ask_code(client, merchant, mobile).status_code == 200
    answer = log_in(client, merchant, mobile, codes_sent(outbox, mobile)[-1])
    assert answer.status_code == 303, answer.text
    return client
