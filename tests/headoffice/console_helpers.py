"""Helpers for the console tests: a head-office process of their own, staff, a logged-in
httpx client (the log-in form's CSRF token read from the page, as a browser sends it)."""

from __future__ import annotations

import itertools
import re

import httpx
import sqlalchemy as sa

from headoffice import staff
from headoffice.console_tables import console_audit
from tests.sync.harness import Server, _now

PASSWORD = "correct horse battery"
_numbers = itertools.count(1)


def new_staff(server: Server, role: str, merchant: str | None = None) -> str:
    """A fresh account of `role` (its login), with PASSWORD."""
    login = f"{role}{next(_numbers)}"
    staff.add(server.engine, login, f"{role} 员工", role, PASSWORD, _now(), merchant=merchant)
    return login


def csrf_of(page: httpx.Response) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found is not None, page.text
    return found.group(1)


def try_login(client: httpx.Client, login: str, password: str = PASSWORD) -> httpx.Response:
    form = client.get("/console/login")
    return client.post("/console/login", data={"csrf": csrf_of(form), "login": login,
                                               "password": password})


def logged_in(server: Server, role: str, merchant: str | None = None) -> httpx.Client:
    client = httpx.Client(base_url=server.url, timeout=10)
    answer = try_login(client, new_staff(server, role, merchant))
    assert answer.status_code == 303, answer.text
    return client


def actions(server: Server, login: str) -> list[str]:
    with server.engine.connect() as conn:
        return list(conn.scalars(sa.select(console_audit.c.action).where(
            console_audit.c.login == login).order_by(console_audit.c.id)))
