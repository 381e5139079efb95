"""The head-office console's log-in, sessions, CSRF, roles and revoke, against a real
head-office process on 127.0.0.1 and PostgreSQL."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from headoffice.console_tables import console_audit, staff_sessions
from headoffice.tables import terminals
from sync.enroll import enroll
from sync.http import SyncError
from tests.headoffice.console_helpers import (
    PASSWORD,
    actions,
    csrf_of,
    logged_in,
    new_staff,
    try_login,
)
from tests.sync.harness import BIN, PgDatabases, Server, Till, _now

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def ho(pg: PgDatabases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    made = Server(pg.fresh(), tmp_path_factory.mktemp("console")).start()
    made.add_stores("S001", "S002")
    yield made
    made.stop()


def test_the_first_admin_comes_from_a_password_file_and_logs_in(
        ho: Server, tmp_path: Path) -> None:
    secret = tmp_path / "password"
    secret.write_text("a long enough secret\n", encoding="utf-8")
    made = subprocess.run(
        [str(BIN / "kaika-headoffice"), "staff", "add", "--db", ho.db_url, "--login", "boss",
         "--name", "王总", "--role", "admin", "--password-file", str(secret)],
        capture_output=True, text=True, timeout=60, check=False)
    assert made.returncode == 0, made.stderr
    client = httpx.Client(base_url=ho.url, timeout=10)

    answer = try_login(client, "boss", "a long enough secret")
    page = client.get("/console/terminals")

    assert (answer.status_code, answer.headers["location"]) == (303, "/console/")
    assert page.status_code == 200 and "门店与终端" in page.text and "王总" in page.text
    assert actions(ho, "boss") == ["staff.added", "login.ok"]
    assert client.get("/console/login").headers["location"] == "/console/"  # signed in


def test_a_short_password_is_refused_by_the_command_naming_it(ho: Server, tmp_path: Path) -> None:
    secret = tmp_path / "password"
    secret.write_text("short\n", encoding="utf-8")
    made = subprocess.run(
        [str(BIN / "kaika-headoffice"), "staff", "add", "--db", ho.db_url, "--login", "weak",
         "--name", "弱", "--role", "auditor", "--password-file", str(secret)],
        capture_output=True, text=True, timeout=60, check=False)
    assert made.returncode == 1
    assert "[staff.password_short]" in made.stderr and "Traceback" not in made.stderr


def test_a_wrong_password_or_an_unknown_account_is_refused_alike(ho: Server) -> None:
    login = new_staff(ho, "admin")
    client = httpx.Client(base_url=ho.url, timeout=10)

    wrong = try_login(client, login, "not the password")
    unknown = try_login(client, "nobody-here", PASSWORD)

    assert wrong.status_code == unknown.status_code == 401
    assert "账号或密码不正确" in wrong.text and "账号或密码不正确" in unknown.text
    assert "kaika_console=" not in wrong.headers.get("set-cookie", "")
    assert client.get("/console/terminals").status_code == 303  # still not signed in
    assert actions(ho, login) == ["staff.added", "login.failed"]


def test_five_failures_lock_the_account_even_against_the_right_password(ho: Server) -> None:
    login, other = new_staff(ho, "admin"), new_staff(ho, "auditor")
    client = httpx.Client(base_url=ho.url, timeout=10)
    for _ in range(5):
        assert try_login(client, login, "guess").status_code == 401

    locked = try_login(client, login, PASSWORD)

    assert locked.status_code == 429 and "15" in locked.text
    assert actions(ho, login)[-1] == "login.throttled"
    assert try_login(client, other).status_code == 303  # another account is not locked


def test_the_lock_ends_after_the_window(ho: Server) -> None:
    login = new_staff(ho, "admin")
    client = httpx.Client(base_url=ho.url, timeout=10)
    for _ in range(5):
        try_login(client, login, "guess")
    with ho.engine.begin() as conn:  # the failures as if made 16 minutes ago
        conn.execute(console_audit.update().where(console_audit.c.login == login).values(
            at=_now() - timedelta(minutes=16)))

    assert try_login(client, login).status_code == 303


def test_twenty_failures_from_one_address_lock_every_account_from_it(
        make_server: Callable[..., Server]) -> None:
    server = make_server("postgres", stores=())
    client = httpx.Client(base_url=server.url, timeout=10)
    for n in range(20):
        assert try_login(client, f"guess{n}", "guess").status_code == 401

    assert try_login(client, new_staff(server, "admin")).status_code == 429


def test_a_post_without_the_csrf_token_is_refused(ho: Server, make_till: Callable[..., Till]
                                                  ) -> None:
    till = make_till("C", store_code="S001")
    till.enroll(ho, "S001")
    terminal = till.app.settings.terminal_id
    client = logged_in(ho, "admin")
    page = client.get("/console/terminals")

    no_login_token = httpx.post(ho.url + "/console/login",
                                data={"login": "x", "password": PASSWORD})
    missing = client.post(f"/console/terminals/{terminal}/revoke", data={})
    wrong = client.post(f"/console/terminals/{terminal}/revoke",
                        data={"csrf": csrf_of(page)[:-2] + "xx"})

    unknown = client.post("/console/terminals/no-such-till/revoke",
                          data={"csrf": csrf_of(page)})
    assert no_login_token.status_code == missing.status_code == wrong.status_code == 403
    assert unknown.status_code == 404 and "no-such-till" in unknown.text  # a page, not JSON
    assert "表单已失效" in missing.text
    assert _revoked_at(ho, terminal) is None


def test_an_auditor_sees_the_terminals_but_cannot_revoke(
        ho: Server, make_till: Callable[..., Till]) -> None:
    till = make_till("D", store_code="S002")
    till.enroll(ho, "S002")
    terminal = till.app.settings.terminal_id
    auditor = logged_in(ho, "auditor")
    page = auditor.get("/console/terminals")

    refused = auditor.post(f"/console/terminals/{terminal}/revoke",
                           data={"csrf": csrf_of(page)})

    assert page.status_code == 200 and f"terminal-{terminal}" in page.text
    assert "/revoke" not in page.text
    assert refused.status_code == 403 and "审计" in refused.text
    assert _revoked_at(ho, terminal) is None
    till.sync()  # still accepted
    assert logged_in(ho, "marketing").get("/console/terminals").status_code == 403


def test_an_admin_revokes_a_till_and_its_next_sync_is_refused(
        ho: Server, make_till: Callable[..., Till]) -> None:
    till = make_till("E", store_code="S001")
    till.enroll(ho, "S001")
    till.sale(None, ("SOCKS", 1))
    till.sync()
    terminal = till.app.settings.terminal_id
    admin = logged_in(ho, "admin")
    before = admin.get("/console/terminals")
    assert "在线" in before.text

    done = admin.post(f"/console/terminals/{terminal}/revoke", data={"csrf": csrf_of(before)})
    after = admin.get(done.headers["location"])

    assert done.status_code == 303 and "已停用" in after.text
    with pytest.raises(SyncError) as refused:
        till.sync()
    assert (refused.value.status, refused.value.code) == (403, "auth.terminal_revoked")
    with ho.engine.connect() as conn:
        row = conn.execute(sa.select(console_audit).where(
            console_audit.c.action == "terminal.revoked",
            console_audit.c.target == terminal)).one()
    assert row.staff_id is not None and row.client == "127.0.0.1"


def test_an_admin_makes_an_enrolment_code_a_new_till_enrols_with_and_an_auditor_cannot(
        ho: Server, make_till: Callable[..., Till]) -> None:
    admin, auditor = logged_in(ho, "admin"), logged_in(ho, "auditor")
    page = admin.get("/console/terminals")

    made = admin.post("/console/stores/S002/enrol-code", data={"csrf": csrf_of(page)})
    code = re.search(r'id="enrol-code"[^>]*>([^<]+)<', made.text)
    refused = auditor.post("/console/stores/S002/enrol-code",
                           data={"csrf": csrf_of(auditor.get("/console/terminals"))})

    assert made.status_code == 200 and code is not None
    till = make_till("F", store_code="S002")
    answer = enroll(till.app.store, ho.url, code.group(1), till.clock)
    assert answer.store.store_code == "S002"
    assert refused.status_code == 403 and "enrol-code" not in auditor.get(
        "/console/terminals").text
    with ho.engine.connect() as conn:
        audited = conn.execute(sa.select(console_audit).where(
            console_audit.c.action == "enrol_code.made")).one()
    assert audited.target == "S002" and code.group(1) not in audited.detail


def test_an_auditor_reads_the_audit_trail_and_member_service_may_not(ho: Server) -> None:
    login = new_staff(ho, "admin")
    client = httpx.Client(base_url=ho.url, timeout=10)
    try_login(client, login, "guess")
    try_login(client, login)
    auditor = logged_in(ho, "auditor")

    mine = auditor.get("/console/audit", params={"login": login})

    assert mine.status_code == 200
    assert [a for a in ("staff.added", "login.failed", "login.ok") if a in mine.text] == [
        "staff.added", "login.failed", "login.ok"]
    assert mine.text.count("<code>") == 3 and "127.0.0.1" in mine.text  # that account's only
    assert logged_in(ho, "member_service").get("/console/audit").status_code == 403


def test_a_merchants_admin_sees_and_changes_only_that_merchants_stores_and_tills(
        ho: Server, make_till: Callable[..., Till]) -> None:
    ho.add_stores("S101", merchant="M101")
    ours = make_till("G", store_code="S001")
    ours.enroll(ho, "S001")
    terminal = ours.app.settings.terminal_id
    theirs = logged_in(ho, "admin", merchant="M101")
    page = theirs.get("/console/terminals")
    token = {"csrf": csrf_of(page)}

    revoke = theirs.post(f"/console/terminals/{terminal}/revoke", data=token)
    code = theirs.post("/console/stores/S001/enrol-code", data=token)
    own_code = theirs.post("/console/stores/S101/enrol-code", data=token)

    assert "store-S101" in page.text and "store-S001" not in page.text
    assert f"terminal-{terminal}" not in page.text
    assert revoke.status_code == code.status_code == 404
    assert _revoked_at(ho, terminal) is None
    assert own_code.status_code == 200 and 'id="enrol-code"' in own_code.text
    assert f"terminal-{terminal}" in logged_in(ho, "auditor").get("/console/terminals").text
    operator = new_staff(ho, "admin")
    trail = theirs.get("/console/audit").text
    assert "enrol_code.made" in trail and f"<td>{operator}</td>" not in trail


def test_an_expired_session_sends_the_browser_back_to_the_log_in(ho: Server) -> None:
    client = logged_in(ho, "admin")
    assert client.get("/console/terminals").status_code == 200
    token = client.cookies["kaika_console"]
    with ho.engine.begin() as conn:
        conn.execute(staff_sessions.update().values(expires_at=_now() - timedelta(seconds=1))
                     .where(staff_sessions.c.token_hash == _sha(token)))

    answer = client.get("/console/terminals")

    assert (answer.status_code, answer.headers["location"]) == (303,
                                                                "/console/login?expired=1")


def test_log_out_ends_the_session_on_the_server(ho: Server) -> None:
    client = logged_in(ho, "admin")
    token = client.cookies["kaika_console"]
    page = client.get("/console/terminals")

    out = client.post("/console/logout", data={"csrf": csrf_of(page)})
    replayed = httpx.get(ho.url + "/console/terminals", cookies={"kaika_console": token})

    assert out.status_code == 303 and replayed.status_code == 303
    with ho.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(staff_sessions).where(
            staff_sessions.c.token_hash == _sha(token))) == 0


def test_the_session_cookie_is_http_only_strict_and_secure_off_the_loopback(ho: Server) -> None:
    client = httpx.Client(base_url=ho.url, timeout=10)
    login = new_staff(ho, "admin")
    answer = try_login(client, login)
    cookie = answer.headers["set-cookie"].lower()
    public = httpx.get(ho.url + "/console/login", headers={"host": "ho.example.cn"})
    proxied = httpx.get(ho.url + "/console/login", headers={"x-forwarded-for": "203.0.113.9"})

    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/console" in cookie
    assert "secure" not in cookie  # plain http on 127.0.0.1: the demo
    assert "; secure" in public.headers["set-cookie"].lower()
    assert "; secure" in proxied.headers["set-cookie"].lower()
    assert public.headers["x-frame-options"] == "DENY"


def test_english_on_request_and_remembered(ho: Server) -> None:
    client = logged_in(ho, "admin")

    english = client.get("/console/terminals?lang=en")
    again = client.get("/console/terminals")

    assert "Stores and terminals" in english.text and 'lang="en"' in english.text
    assert "Stores and terminals" in again.text


def _revoked_at(server: Server, terminal: str) -> object:
    with server.engine.connect() as conn:
        return conn.scalar(sa.select(terminals.c.revoked_at).where(terminals.c.id == terminal))


def _sha(token: str) -> str:
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()
