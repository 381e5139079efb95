"""Staff accounts, passwords and sessions on a migrated SQLite head office, with an injected
clock: the idle limit, the absolute cap, the lock window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from domain.errors import ValidationError
from domain.pins import verify_pin
from headoffice import staff
from headoffice.cli import main
from headoffice.engine import make_engine
from headoffice.migrate import upgrade

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
PASSWORD = "a long enough secret"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    made = make_engine(f"sqlite:///{tmp_path}/ho.sqlite3")
    upgrade(made)
    return made


def test_a_password_hash_is_salted_and_carries_its_parameters() -> None:
    first, second = staff.hash_password(PASSWORD), staff.hash_password(PASSWORD)

    assert first != second  # another salt each time
    assert first.startswith(f"scrypt${2**15}$8$1$")
    assert verify_pin(PASSWORD, first) and not verify_pin(PASSWORD + "x", first)


@pytest.mark.parametrize(("login", "name", "role", "password", "field"), [
    ("has space", "名", "admin", PASSWORD, "login"),
    ("", "名", "admin", PASSWORD, "login"),
    ("ok", " ", "admin", PASSWORD, "name"),
    ("ok", "名", "cashier", PASSWORD, "role"),
    ("ok", "名", "admin", "short", "password"),
])
def test_a_bad_account_is_refused_naming_the_field(
        engine: Engine, login: str, name: str, role: str, password: str, field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        staff.add(engine, login, name, role, password, T0)
    assert refused.value.params["field"] == field


def test_a_login_is_taken_once(engine: Engine) -> None:
    staff.add(engine, "wang", "王", "admin", PASSWORD, T0)
    with pytest.raises(ValidationError) as refused:
        staff.add(engine, "wang", "王二", "auditor", PASSWORD, T0)
    assert refused.value.code == "staff.login_taken"


def test_a_session_ends_after_30_idle_minutes_and_after_8_hours_in_all(engine: Engine) -> None:
    staff.add(engine, "li", "李", "auditor", PASSWORD, T0)
    session = staff.log_in(engine, "li", PASSWORD, "10.0.0.1", T0)
    assert session is not None

    assert staff.session_for(engine, session.token, T0 + timedelta(minutes=31)) is None
    again = staff.log_in(engine, "li", PASSWORD, "10.0.0.1", T0)
    assert again is not None
    moment = T0
    for _ in range(20):  # busy all day: each request moves the idle limit on
        moment += timedelta(minutes=25)
        if moment - T0 >= staff.SESSION_MAX:
            break
        assert staff.session_for(engine, again.token, moment) is not None
    assert staff.session_for(engine, again.token, T0 + staff.SESSION_MAX) is None
    assert staff.session_for(engine, "not-a-token", T0) is None


def test_the_lock_lasts_the_window_and_a_success_resets_the_count(engine: Engine) -> None:
    staff.add(engine, "zhao", "赵", "admin", PASSWORD, T0)
    for n in range(4):
        assert staff.log_in(engine, "zhao", "guess", "10.0.0.2", T0 + timedelta(seconds=n)) is None
    assert staff.log_in(engine, "zhao", PASSWORD, "10.0.0.2", T0 + timedelta(seconds=5))
    for n in range(5):  # four before the success no longer count: five more are needed
        staff.log_in(engine, "zhao", "guess", "10.0.0.2", T0 + timedelta(seconds=10 + n))

    with pytest.raises(ValidationError):
        staff.log_in(engine, "zhao", PASSWORD, "10.0.0.2", T0 + timedelta(minutes=14))
    assert staff.log_in(engine, "zhao", PASSWORD, "10.0.0.2", T0 + timedelta(minutes=16))


def test_a_new_password_or_disabling_ends_the_accounts_sessions(engine: Engine) -> None:
    staff.add(engine, "qian", "钱", "admin", PASSWORD, T0)
    first = staff.log_in(engine, "qian", PASSWORD, "10.0.0.3", T0)
    assert first is not None

    staff.set_password(engine, "qian", "another long secret", T0)
    assert staff.session_for(engine, first.token, T0) is None
    assert staff.log_in(engine, "qian", PASSWORD, "10.0.0.3", T0) is None
    second = staff.log_in(engine, "qian", "another long secret", "10.0.0.3", T0)
    assert second is not None
    staff.disable(engine, "qian", T0)
    assert staff.session_for(engine, second.token, T0) is None
    assert staff.log_in(engine, "qian", "another long secret", "10.0.0.3", T0) is None
    with pytest.raises(ValidationError) as refused:
        staff.disable(engine, "nobody", T0)
    assert refused.value.code == "staff.unknown"


def test_the_staff_commands_list_reset_and_disable(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path}/cli.sqlite3"
    secret = tmp_path / "password"
    secret.write_text("first long secret\n", encoding="utf-8")
    base = ["--db", url, "--login", "sun"]

    assert main(["staff", "add", *base, "--name", "孙", "--role", "auditor",
                 "--password-file", str(secret)]) == 0
    secret.write_text("second long secret\n", encoding="utf-8")
    assert main(["staff", "password", *base, "--password-file", str(secret)]) == 0
    assert main(["staff", "disable", *base]) == 0
    assert main(["staff", "disable", "--db", url, "--login", "nobody"]) == 1
    assert main(["staff", "list", "--db", url]) == 0

    out, err = capsys.readouterr()
    assert "[staff.unknown]" in err
    listed = out.splitlines()[-1].split()
    assert listed[:3] == ["sun", "auditor", "disabled"] and listed[-1] == "孙"
