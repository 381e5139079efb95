"""Finding members at the front desk: initials with every reading, mobile endings, cards —
the same answers on a new store and on one upgraded from revision 0005 with members in it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from sqlalchemy import inspect, text

from db.engine import make_engine
from db.member_terms import TERM_MAX
from db.migrate import alembic_config, current, head
from db.pinyin import initials_variants
from desktop.bootstrap import App, open_app
from desktop.demo_data import load_demo
from domain.clock import FixedClock
from domain.services import lookup
from domain.services.members import register
from sync.apply import Applier
from sync.schema import Change
from tests.staffing import desk as front_desk

PEOPLE = (("单田芳", "13611112222"), ("Tom Lee", "13611113333"))


def names(app: App, text: str) -> list[str]:
    return [hit.member.name for hit in lookup.search(app.ctx, text)]


def _downgrade_to_0005(path: Path) -> None:
    """What a store of revision 0005 holds: the members, and no search terms or index."""
    engine = make_engine(path)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0005")
    with engine.connect() as conn:
        assert "member_search_terms" not in inspect(conn).get_table_names()
    assert current(engine) == "0005"
    engine.dispose()


@pytest.fixture(params=["new", "upgraded"])
def desk(request: pytest.FixtureRequest, tmp_path: Path,
         clock: FixedClock) -> Iterator[tuple[App, list[str]]]:
    """The demo members and PEOPLE, on a new store or one reopened (and so upgraded) after
    being taken back to revision 0005."""
    path = tmp_path / "store.sqlite3"
    app = open_app(path, clock=clock)
    cards = load_demo(app.ctx)
    for name, mobile in PEOPLE:
        register(app.ctx, {"name": name, "mobile": mobile, "privacy_accepted": True},
                 front_desk(app.ctx))
    if request.param == "upgraded":
        app.close()
        _downgrade_to_0005(path)
        app = open_app(path, clock=clock)
        assert current(app.store.engine) == head()
    yield app, cards
    app.close()


def test_initials_mobile_and_card_find_the_member(desk: tuple[App, list[str]]) -> None:
    app, cards = desk
    assert names(app, "zs") == ["张三"]
    assert names(app, "dtf") == names(app, "stf") == ["单田芳"]  # 单: dān or shàn
    assert names(app, "DTF") == ["单田芳"]
    assert names(app, "tom") == ["Tom Lee"]  # a Latin name by its letters
    assert names(app, "m L") == names(app, "LEE") == ["Tom Lee"]  # any case, inner spaces
    assert names(app, "2222") == ["单田芳"]  # the last digits of the mobile
    assert names(app, "222") == []  # fewer than four: not an ending
    assert names(app, "1361111") == ["Tom Lee", "单田芳"]  # a mobile's first digits
    assert names(app, cards[1]) == ["李四"]
    assert "李四" in names(app, cards[1][:-1])  # the start of a card number
    assert names(app, "田") == names(app, "田芳") == ["单田芳"]
    assert names(app, "%") == names(app, "_") == []  # LIKE wildcards are searched as typed
    assert len(names(app, "")) == 5  # nothing typed: the latest to join


def test_a_hit_carries_balances_and_the_current_card(app: App) -> None:
    cards = load_demo(app.ctx)
    (hit,) = lookup.search(app.ctx, "张三")
    assert hit.card_number == cards[0]
    assert hit.balances.wallet_principal_fen == 100000


def _member_id(app: App, mobile: str) -> str:
    with app.ctx.reader() as uow:
        member = uow.members.by_mobile(mobile)
    assert member is not None
    return member.id


def test_a_new_name_or_mobile_is_found_and_the_old_one_is_not(app: App) -> None:
    register(app.ctx, {"name": "单田芳", "mobile": "13611112222", "privacy_accepted": True},
             front_desk(app.ctx))
    member_id = _member_id(app, "13611112222")
    with app.ctx.uow() as uow:
        member = uow.members.get(member_id)
        assert member is not None
        uow.members.save(replace(member, name="王五", mobile="13799998888"))
        uow.commit()
    assert names(app, "ww") == names(app, "王") == names(app, "8888") == ["王五"]
    assert names(app, "dtf") == names(app, "田") == names(app, "2222") == []


def _merge(app: App, alias: str, canonical: str) -> None:
    """Apply head office's "alias → canonical" change as a pull page would (sync/apply.py)."""
    settings, now = app.settings, app.ctx.clock.now()
    with app.store.uow() as uow:
        Applier(uow, 0, now, now.date(), ZoneInfo(settings.tz), app.ctx.pack,
                settings.terminal_id).apply([Change(
                    entity="member_alias", id=alias, version=1,
                    data={"alias_id": alias, "canonical_id": canonical})])
        uow.commit()


def test_terms_follow_a_member_merged_by_head_office(app: App) -> None:
    """A member made here takes head office's id (renamed), or is folded into another."""
    for name, mobile in PEOPLE:
        register(app.ctx, {"name": name, "mobile": mobile, "privacy_accepted": True},
                 front_desk(app.ctx))
    shan, tom = _member_id(app, "13611112222"), _member_id(app, "13611113333")
    canonical = "0190a1b2-0000-7000-8000-0000000000cc"
    _merge(app, shan, canonical)
    assert [h.member.id for h in lookup.search(app.ctx, "dtf")] == [canonical]
    _merge(app, tom, canonical)  # both here now: Tom's rows join 单田芳's
    assert names(app, "tom") == names(app, "3333") == []
    with app.ctx.reader() as uow:
        left = uow.session.execute(text(
            "SELECT count(*) FROM member_search_terms WHERE member_id IN (:a, :t)"),
            {"a": shan, "t": tom}).scalar()
    assert left == 0


def test_a_long_name_is_found_past_the_indexed_length(app: App) -> None:
    register(app.ctx, {"name": "欧阳" + "某" * 28, "mobile": "13611114444",
                       "privacy_accepted": True}, front_desk(app.ctx))
    assert names(app, "某" * 27) == names(app, "oy" + "m" * 26) == ["欧阳" + "某" * 28]
    assert names(app, "某" * 29) == names(app, "oy" + "m" * 29) == []
    assert len("oy" + "m" * 26) > TERM_MAX


def test_a_member_with_many_matching_terms_counts_once(app: App) -> None:
    """张张长 has several readings and two endings that start with 张: three members still
    fill three places of a list of three."""
    for i in range(4):
        register(app.ctx, {"name": "张张长", "mobile": f"1361111500{i}",
                           "privacy_accepted": True}, front_desk(app.ctx))
    for query in ("z", "zz", "张"):
        hits = lookup.search(app.ctx, query, limit=3)
        assert len({h.member.id for h in hits}) == 3, query


def test_each_reading_of_each_character_is_a_spelling() -> None:
    assert initials_variants("单田芳", 16, TERM_MAX) >= {"dtf", "stf"}
    assert initials_variants("Tom Lee", 16, TERM_MAX) == {"tomlee"}
    assert initials_variants("张·三", 16, TERM_MAX) == {"z"}  # stops where nothing is typed
    assert max(len(v) for v in initials_variants("某" * 40, 16, TERM_MAX)) == TERM_MAX
    assert len(initials_variants("单解朴查单解朴查", 16, TERM_MAX)) <= 16
