"""The console's alliance pages against a real head-office process on PostgreSQL: agreements
from an uploaded file (checked whole, every problem by its JSON path), a period closed once
and audited, statements on screen and as CSV and PDF, the activity report, and who may do
what (head office's administrators set up; a merchant's staff read only their own)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader

from headoffice import alliance
from headoffice.console import alliance_text, ops_text, text
from tests.headoffice.alliance_console_helpers import (
    CAFE,
    FASHION,
    SALON,
    agreements_toml,
    last_month,
    set_up,
    trade,
)
from tests.headoffice.console_helpers import actions, csrf_of, logged_in
from tests.sync.harness import PgDatabases, Server

pytestmark = pytest.mark.postgres


@pytest.fixture
def ho(pg: PgDatabases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    made = Server(pg.fresh(), tmp_path_factory.mktemp("alliance")).start()
    made.add_stores("S001", "S002")
    set_up(made)
    yield made
    made.stop()


def _upload(client: httpx.Client, name: str, body: bytes) -> httpx.Response:
    page = client.get("/console/alliances/A1")
    return client.post("/console/alliances/A1/agreements", data={"csrf": csrf_of(page)},
                       files={"file": (name, body, "application/octet-stream")})


def _close(client: httpx.Client, period: str) -> httpx.Response:
    page = client.get("/console/alliances/A1")
    return client.post("/console/alliances/A1/close", data={"csrf": csrf_of(page),
                                                            "period": period})


def _audit_login(client: httpx.Client) -> str:
    page = client.get("/console/audit").text
    found = re.search(r"<td>(admin\d+)</td>", page)
    assert found is not None
    return found.group(1)


def test_an_admin_adds_agreements_closes_a_month_and_downloads_statements(ho: Server) -> None:
    period, first = last_month()
    admin = logged_in(ho, "admin")
    added = _upload(admin, "a.toml", agreements_toml(first).encode())
    assert added.status_code == 303 and "done=added&n=2" in added.headers["location"]
    page = admin.get(added.headers["location"]).text
    assert "已添加 2 份协议" in page and 'id="agreements"' in page
    assert "10%" in page and "5%" in page  # the café's 9折 and its 5 % commission
    trade(ho, first)
    closed = _close(admin, period)
    assert closed.status_code == 303
    page = admin.get(closed.headers["location"]).text
    assert f"{period} 已结算" in page
    row = re.search(rf'<tr id="period-{period}">.*?</tr>', page, re.S)
    assert row is not None and "-19.81" in row.group(0) and "20.00" in row.group(0)
    login = _audit_login(admin)
    assert actions(ho, login)[-2:] == ["alliance.agreements_added", "alliance.period_closed"]
    again = _close(admin, period)
    assert again.status_code == 400 and "该期间已经结算过" in again.text

    screen = admin.get(f"/console/alliances/A1/statements/{FASHION}/{period}")
    assert screen.status_code == 200
    assert re.search(r'id="net">-19.81<', screen.text) and "sale-c1" in screen.text
    assert "已结算" in screen.text
    got = admin.get(f"/console/alliances/A1/statements/{FASHION}/{period}?format=csv")
    assert got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert rows[-1] == ["net", "", "", "", "", "", "-1981", "-￥19.81"]
    pdf = admin.get(f"/console/alliances/A1/statements/{FASHION}/{period}?format=pdf&lang=en")
    assert pdf.content.startswith(b"%PDF")
    words = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Alliance statement" in words and "-￥19.81" in words


def test_a_bad_file_names_every_problem_by_its_path_and_stores_nothing(ho: Server) -> None:
    _, first = last_month()
    admin = logged_in(ho, "admin")
    bad = (b'{"agreements": [{"issuer": "M001", "partner": "M002", "starts_on": "'
           + first.isoformat().encode() + b'", "commission_bp": -5},'
           b' {"issuer": "M002", "partner": "M002", "comission_bp": 1}]}')
    refused = _upload(admin, "bad.json", bad)
    assert refused.status_code == 400
    assert "文件 bad.json 没有保存" in refused.text
    assert "$.agreements[0].commission_bp: 超出范围" in refused.text
    assert "$.agreements[1].comission_bp: 不是协议的字段。" in refused.text
    assert "$.agreements[1].starts_on: 缺少这个字段。" in refused.text
    assert _upload(admin, "a.toml", agreements_toml(first).encode()).status_code == 303
    overlap = _upload(admin, "again.toml", agreements_toml(first).encode())
    assert overlap.status_code == 400
    assert "$.agreements[0].starts_on: 同一发卡商户与合作商户在这些日期已有协议。" in overlap.text
    english = admin.post("/console/alliances/A1/agreements?lang=en",
                         data={"csrf": csrf_of(admin.get("/console/alliances/A1"))},
                         files={"file": ("b.json", b"\xff\xfe", "application/json")})
    assert english.status_code == 400 and "input.not_utf8" in english.text
    assert "Nothing from b.json was stored" in english.text
    huge = _upload(admin, "huge.json", b" " * (400 * 1024))
    assert huge.status_code == 413 and "The file is too large (at most 300 KB)" in huge.text
    with ho.engine.connect() as conn:
        assert len(alliance.list_agreements(conn, "A1")) == 2


def test_an_agreement_ends_from_today_on_and_a_month_not_over_stays_open(ho: Server) -> None:
    _, first = last_month()
    admin = logged_in(ho, "admin")
    _upload(admin, "a.toml", agreements_toml(first).encode())
    with ho.engine.connect() as conn:
        agreement = alliance.list_agreements(conn, "A1")[0]["id"]
    page = admin.get("/console/alliances/A1")
    yesterday = (datetime.now(UTC) - timedelta(days=2)).date().isoformat()
    refused = admin.post(f"/console/alliances/A1/agreements/{agreement}/end",
                         data={"csrf": csrf_of(page), "on": yesterday})
    assert refused.status_code == 400 and "协议只能截止于今天或以后" in refused.text
    later = (datetime.now(UTC) + timedelta(days=40)).date().isoformat()
    ended = admin.post(f"/console/alliances/A1/agreements/{agreement}/end",
                       data={"csrf": csrf_of(page), "on": later})
    assert ended.status_code == 303
    with ho.engine.connect() as conn:
        assert alliance.list_agreements(conn, "A1")[0]["ends_on"] == later
    this_month = datetime.now(UTC).strftime("%Y-%m")
    assert "该月份还没有结束" in _close(admin, this_month).text


def test_who_may_do_what(ho: Server) -> None:
    period, first = last_month()
    head_office = logged_in(ho, "admin")
    _upload(head_office, "a.toml", agreements_toml(first).encode())
    trade(ho, first)
    auditor = logged_in(ho, "auditor")
    page = auditor.get("/console/alliances/A1")
    assert page.status_code == 200 and 'type="file"' not in page.text
    assert "协议与结算由总部管理员办理" in page.text
    assert _close(auditor, period).status_code == 403  # the role may not close
    cafe_admin = logged_in(ho, "admin", merchant=CAFE)
    assert _close(cafe_admin, period).status_code == 403  # one merchant's admin may not
    assert "只能由总部管理员办理" in _close(cafe_admin, period).text
    no_csrf = head_office.post("/console/alliances/A1/close", data={"period": period})
    assert no_csrf.status_code == 403
    assert logged_in(ho, "marketing").get("/console/alliances").status_code == 403

    salon_auditor = logged_in(ho, "auditor", merchant=SALON)
    own = salon_auditor.get(f"/console/alliances/A1/statements/{SALON}/{period}")
    assert own.status_code == 200 and 'id="receivable">20.00<' in own.text
    other = salon_auditor.get(f"/console/alliances/A1/statements/{FASHION}/{period}")
    assert other.status_code == 404
    overview = salon_auditor.get("/console/alliances/A1").text
    # The salon sees its own agreement (salon → fashion), not fashion → café, and its net only.
    assert overview.count('id="agreement-') == 1 and "-19.81" not in overview
    activity = salon_auditor.get(f"/console/alliances/A1/activity?merchant={FASHION}").text
    assert 'id="ours_at_partners"' in activity and "M001" in activity
    assert "sale-" not in activity and f"{SALON} 店" not in activity


def test_the_activity_report_on_screen_and_as_csv(ho: Server) -> None:
    period, first = last_month()
    admin = logged_in(ho, "admin")
    _upload(admin, "a.toml", agreements_toml(first).encode())
    trade(ho, first)
    page = admin.get(f"/console/alliances/A1/activity?merchant={FASHION}")
    assert page.status_code == 200  # last month by default
    ours = re.search(r'<table id="ours_at_partners">.*?</table>', page.text, re.S)
    assert ours is not None
    cells = re.findall(r'<td class="num">([^<]*)</td>', ours.group(0).split("total")[0])
    # At the café: 1 sale of ¥86.50, 86 points earned, paid once with 500, commission 4.33.
    assert cells == ["1", "0", "86.50", "86", "1", "500", "4.33", "0", "0.00"]
    got = admin.get(f"/console/alliances/A1/activity?merchant={CAFE}&format=csv")
    rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["alliance", "A1", "merchant", CAFE]
    assert rows[2] == ["ours_at_partners", "total", "", *["0"] * 9]  # the café's members: none
    assert rows[3] == ["partners_here", FASHION, "M001", "1", "0", "8650", "86", "1", "500",
                       "433", "0", "0"]
    backwards = admin.get("/console/alliances/A1/activity?since=2026-11-10&until=2026-11-01")
    assert backwards.status_code == 400 and "截止日早于起始日" in backwards.text
    assert period  # the default range is that month


def test_the_alliance_pages_words_take_no_key_of_the_console_catalogue() -> None:
    """Merged into the console's catalogue, they must not change another page's words."""
    source = Path(text.__file__).read_text(encoding="utf-8").split("\nTERMS:")[0]
    own = set(re.findall(r'^\s+"([a-z_.]+)":', source, flags=re.M))
    own |= set(ops_text.OPS_TEXT)  # the work pages' words, merged in the same way
    assert len(own) > 50 and not own & set(alliance_text.ALLIANCE_TEXT)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_word_of_the_pages_is_in_the_catalogue(ho: Server, lang: str) -> None:
    """No page shows a catalogue key in place of its words (a key missing shows as itself)."""
    period, first = last_month()
    admin = logged_in(ho, "admin")
    _upload(admin, "a.toml", agreements_toml(first).encode())
    trade(ho, first)
    keys = "|".join(re.escape(k) for k in alliance_text.ALLIANCE_TEXT)
    for path in ("/console/alliances", "/console/alliances/A1",
                 f"/console/alliances/A1/statements/{FASHION}/{period}",
                 "/console/alliances/A1/activity"):
        page = admin.get(f"{path}?lang={lang}")
        assert page.status_code == 200, path
        shown = re.sub(r"<[^>]*>", " ", page.text)  # the words, not ids or attributes
        assert not re.search(rf"(?<![\w.])({keys})(?![\w.])", shown), path
