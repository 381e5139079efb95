"""Editing a member's profile on a real store database: checks, audit, and the event for head
office (only what changed, stamped by the hybrid logical clock, the ID number kept here)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from desktop.bootstrap import App
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.forms import FormErrors
from domain.hlc import Stamp
from domain.records import MemberStatus
from domain.services import members
from domain.services.profiles import update_member
from tests.staffing import desk

ID_NUMBER = "11010519491231002X"  # born 1949-12-31


def _member(app: App, name: str = "张三", mobile: str = "13800138000") -> str:
    return members.register(app.ctx, {"name": name, "mobile": mobile,
                                      "privacy_accepted": True}, desk(app.ctx)).member.id


def _events(app: App, event_type: str) -> list[dict[str, Any]]:
    with app.store.reader() as uow:
        rows = uow.session.execute(text(
            "SELECT payload FROM outbox WHERE type = :t ORDER BY seq"), {"t": event_type})
        return [json.loads(r[0]) for r in rows]


def _refused(app: App, member_id: str, changes: dict[str, object]) -> dict[str, str]:
    with pytest.raises(FormErrors) as caught:
        update_member(app.ctx, member_id, changes, desk(app.ctx))
    return caught.value.by_field()


def test_an_edit_is_saved_audited_with_personal_data_masked_and_sent_field_by_field(
        app: App) -> None:
    member = _member(app)
    saved = update_member(app.ctx, member, {"name": "张三丰", "gender": "女",
                                            "address": "上海市静安区南京西路1号",
                                            "occupation": "教师", "notes": ""}, desk(app.ctx))

    assert (saved.name, saved.gender, saved.occupation) == ("张三丰", "female", "教师")
    with app.ctx.reader() as uow:
        assert uow.members.get(member) == saved
    patch = _events(app, "member.patched")[-1]
    assert patch["member_id"] == member
    assert patch["fields"] == {"name": "张三丰", "gender": "female",
                               "address": "上海市静安区南京西路1号", "occupation": "教师"}
    assert Stamp.parse(patch["hlc"]).node == app.settings.terminal_id
    audit = [e for e in _events(app, "audit.entry") if e["action"] == "member_updated"]
    assert audit[-1]["staff_id"] == desk(app.ctx) and audit[-1]["target"] == member
    assert audit[-1]["details"]["changes"] == {
        "name": ["张*", "张*丰"], "gender": ["", "female"], "occupation": ["", "教师"],
        "address": ["", "***"]}


def test_every_bad_field_is_named_at_once_and_nothing_is_kept(app: App) -> None:
    member = _member(app)
    assert _refused(app, member, {"birthday": "1990-13-40", "email": "x@", "mobile": "123",
                                  "address": "杭州"}) == {
        "birthday": "form.birthday_invalid", "email": "form.email_invalid",
        "mobile": "form.mobile_invalid"}
    assert _refused(app, member, {"nickname": "三哥", "referrer": "13900139000",
                                  "privacy_accepted": False}) == {
        "nickname": "form.unknown_field", "referrer": "profile.field_not_editable",
        "privacy_accepted": "profile.field_not_editable"}
    with app.ctx.reader() as uow:
        kept = uow.members.get(member)
    assert kept is not None and kept.address == "" and kept.email == ""
    assert _events(app, "member.patched") == []


def test_a_mobile_another_member_has_is_refused_on_the_mobile_field(app: App) -> None:
    member = _member(app)
    _member(app, "李四", "13900139000")
    assert _refused(app, member, {"mobile": "139 0013 9000"}) == {
        "mobile": "profile.mobile_taken"}
    moved = update_member(app.ctx, member, {"mobile": "+86 137 0013 7000"}, desk(app.ctx))
    assert moved.mobile == "13700137000"  # normalised like the application form
    with app.ctx.reader() as uow:
        assert uow.members.by_mobile("13700137000") == moved


def test_a_new_id_number_sets_the_birthday_and_never_leaves_the_till(app: App) -> None:
    member = _member(app)
    assert _refused(app, member, {"id_number": ID_NUMBER, "birthday": "1950-01-01"}) == {
        "birthday": "form.birthday_mismatch"}
    saved = update_member(app.ctx, member, {"id_number": ID_NUMBER.lower()}, desk(app.ctx))

    assert (saved.id_number, saved.birth_year, saved.birth_month, saved.birth_day) == (
        ID_NUMBER, 1949, 12, 31)
    patch = _events(app, "member.patched")[-1]
    assert patch["fields"] == {"birth_year": 1949, "birth_month": 12, "birth_day": 31}
    audit = [e for e in _events(app, "audit.entry") if e["action"] == "member_updated"][-1]
    assert audit["details"]["changes"]["id_number"] == [None, "1101**********002X"]
    assert ID_NUMBER not in str(_events(app, "audit.entry"))
    # Only the ID number: the birthday stays, nothing goes to head office.
    cleared = update_member(app.ctx, member, {"id_number": ""}, desk(app.ctx))
    assert (cleared.id_number, cleared.birth_month) == (None, 12)
    assert len(_events(app, "member.patched")) == 1


def test_opting_out_records_when_and_each_edit_is_stamped_after_the_last(
        app: App, clock: FixedClock) -> None:
    member = _member(app)
    update_member(app.ctx, member, {"consent_marketing": True}, desk(app.ctx))
    clock.advance(timedelta(minutes=3))
    out = update_member(app.ctx, member, {"consent_marketing": "否"}, desk(app.ctx))
    update_member(app.ctx, member, {"notes": "只要短信"}, desk(app.ctx))  # the same millisecond

    assert (out.consent_marketing, out.consent_marketing_at) == (False, clock.now())
    patches = _events(app, "member.patched")
    assert patches[1]["fields"] == {"consent_marketing": False,
                                    "consent_marketing_at": clock.now().isoformat()}
    stamps = [Stamp.parse(p["hlc"]) for p in patches]
    assert stamps == sorted(stamps) and len(set(stamps)) == 3
    assert stamps[2].ms == stamps[1].ms and stamps[2].counter == stamps[1].counter + 1


def test_no_change_writes_nothing_and_a_closed_membership_is_not_edited(app: App) -> None:
    member = _member(app)
    before = len(_events(app, "audit.entry"))
    same = update_member(app.ctx, member, {"name": " 张三 ", "mobile": "13800138000"},
                         desk(app.ctx))
    assert same.name == "张三" and len(_events(app, "audit.entry")) == before
    with app.ctx.uow() as uow:
        found = uow.members.get(member)
        assert found is not None
        uow.members.save(replace(found, status=MemberStatus.CLOSED))
        uow.commit()
    with pytest.raises(DomainError) as closed:
        update_member(app.ctx, member, {"notes": "x"}, desk(app.ctx))
    with pytest.raises(DomainError) as unknown:
        update_member(app.ctx, "no-such-member", {"notes": "x"}, desk(app.ctx))
    assert (closed.value.code, unknown.value.code) == ("member.closed", "member.unknown")


def test_an_old_record_with_a_bad_field_is_put_right_one_field_at_a_time(app: App) -> None:
    member = _member(app)
    with app.ctx.uow() as uow:
        found = uow.members.get(member)
        assert found is not None
        uow.members.save(replace(found, name="某" * 50))  # imported before names were checked
        uow.commit()
    saved = update_member(app.ctx, member, {"address": "北京市"}, desk(app.ctx))
    assert (saved.address, saved.name) == ("北京市", "某" * 50)
    assert _refused(app, member, {"name": "某" * 41}) == {"name": "form.too_long"}
    assert update_member(app.ctx, member, {"name": "王某"}, desk(app.ctx)).name == "王某"


def test_a_control_character_in_an_edit_is_refused_and_nothing_is_sent(app: App) -> None:
    member_id = _member(app)
    sent = len(_events(app, "member.patched"))

    assert _refused(app, member_id, {"name": "张\x00三", "notes": "ok\nfine"}) == {
        "name": "form.control_char"}
    assert len(_events(app, "member.patched")) == sent
