"""The membership form: mobiles, ID numbers, every error named at once, masking (DOMAIN §3)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import forms
from domain.errors import ValidationError

TODAY = date(2025, 3, 8)
ID_1949 = "11010519491231002X"  # the GB 11643 textbook example, born 1949-12-31
CARD = "1303306000081"
BORN_2030 = "11010520300101001" + forms.id_check_char("11010520300101001")  # born in the future


@pytest.mark.parametrize(("typed", "normal"), [
    ("13800138000", "13800138000"),
    ("138-0013-8000", "13800138000"),
    (" 138 0013 8000 ", "13800138000"),
    ("+86 138 0013 8000", "13800138000"),
    ("0086 13800138000", "13800138000"),
    ("8613800138000", "13800138000"),
    ("(+86) 19912345678", "19912345678"),
    ("１３８００１３８０００", "13800138000"),  # full-width digits from a Chinese IME
    ("+852 9123 4567", "+85291234567"),
    ("00852-91234567", "+85291234567"),
    ("+1 415 555 2671", "+14155552671"),
])
def test_normalize_mobile(typed: str, normal: str) -> None:
    assert forms.normalize_mobile(typed) == normal


@pytest.mark.parametrize("typed", [
    "12800138000", "1380013800", "138001380001", "+86 10 6552 9988", "+0123456789",
    "abc", "", "+8613800138000x",
])
def test_normalize_mobile_refuses(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        forms.normalize_mobile(typed)
    assert caught.value.to_dict() == {"code": "form.mobile_invalid", "params": {"field": "mobile"}}


def test_id_number_with_a_correct_check_character() -> None:
    assert forms.check_id_number(ID_1949) == ID_1949
    assert forms.check_id_number(" 11010519491231002x ") == ID_1949
    assert forms.id_check_char("11010519491231002") == "X"
    assert forms.id_number_birthday(ID_1949) == date(1949, 12, 31)
    # Worked by hand: the weighted digit sum of 31010119900101123 is 140; 140 mod 11 = 8,
    # and position 8 of "10X98765432" is "4".
    assert forms.id_check_char("31010119900101123") == "4"
    assert forms.check_id_number("310101199001011234") == "310101199001011234"


@pytest.mark.parametrize(("text", "code", "reason"), [
    ("110105194912310021", "form.id_number_checksum", None),
    ("110105194912310028", "form.id_number_checksum", None),
    ("11010519491231002", "form.id_number_invalid", "shape"),
    ("1101051949123100211", "form.id_number_invalid", "shape"),
    ("1101051949123100X2", "form.id_number_invalid", "shape"),
    ("990105194912310021", "form.id_number_invalid", "shape"),  # no province 99
    ("110105194913310021", "form.id_number_invalid", "birth_date"),  # month 13
    ("110105194902300021", "form.id_number_invalid", "birth_date"),  # 30 February
    ("110105189912310021", "form.id_number_invalid", "birth_date"),  # before 1900
])
def test_id_number_refusals(text: str, code: str, reason: str | None) -> None:
    with pytest.raises(ValidationError) as caught:
        forms.check_id_number(text)
    assert caught.value.code == code
    assert caught.value.params["field"] == "id_number"
    assert caught.value.params.get("reason") == reason


@given(st.integers(0, 16), st.integers(1, 9))
def test_any_single_wrong_digit_in_an_id_number_is_caught(position: int, shift: int) -> None:
    wrong = str((int(ID_1949[position]) + shift) % 10)
    typo = ID_1949[:position] + wrong + ID_1949[position + 1:]
    with pytest.raises(ValidationError):
        forms.check_id_number(typo)


def good(**changes: object) -> dict[str, object]:
    raw: dict[str, object] = {"name": " 张三 ", "mobile": "138 0013 8000",
                              "privacy_accepted": True}
    raw.update(changes)
    return raw


def test_minimal_form() -> None:
    assert forms.validate_member_form(good(), TODAY) == forms.MemberForm(
        name="张三", mobile="13800138000", privacy_accepted=True)


def test_full_form_is_normalised() -> None:
    raw = good(gender="女", birthday="1949-12-31", id_number="11010519491231002x",
               occupation="教师", income_band="10-20k", address="北京市朝阳区",
               email="Zhang.San+vip@QQ.COM", referrer="139-1234-5678", source="WeChat",
               consent_marketing="1", tags="VIP，老客、VIP", notes="喜欢红色")
    assert forms.validate_member_form(raw, TODAY) == forms.MemberForm(
        name="张三", mobile="13800138000", gender="female", birth_year=1949, birth_month=12,
        birth_day=31, id_number=ID_1949, occupation="教师", income_band="10-20k",
        address="北京市朝阳区", email="Zhang.San+vip@qq.com", referrer="13912345678",
        source="wechat", consent_marketing=True, privacy_accepted=True, tags=("VIP", "老客"),
        notes="喜欢红色")


@pytest.mark.parametrize(("raw", "birthday"), [
    ({"birthday": "03-08"}, (None, 3, 8)),
    ({"birthday": "1990-03-08"}, (1990, 3, 8)),
    ({"birthday": "1990/3/8"}, (1990, 3, 8)),
    ({"birthday": "1990年3月8日"}, (1990, 3, 8)),
    ({"birthday": "3月8日"}, (None, 3, 8)),
    ({"birthday": "19900308"}, (1990, 3, 8)),
    ({"birthday": "02-29"}, (None, 2, 29)),
    ({"birth_month": "3", "birth_day": 8}, (None, 3, 8)),
    ({"birth_year": 1990, "birth_month": 3, "birth_day": "08"}, (1990, 3, 8)),
    ({"id_number": ID_1949}, (1949, 12, 31)),  # left empty: taken from the ID number
    ({"id_number": ID_1949, "birthday": "12-31"}, (1949, 12, 31)),
    ({}, (None, None, None)),
])
def test_birthday_forms(raw: dict[str, object], birthday: tuple[int | None, ...]) -> None:
    form = forms.validate_member_form(good(**raw), TODAY)
    assert (form.birth_year, form.birth_month, form.birth_day) == birthday


def errors_of(raw: dict[str, object]) -> dict[str, str]:
    with pytest.raises(forms.FormErrors) as caught:
        forms.validate_member_form(raw, TODAY)
    assert caught.value.code == "form.invalid"
    return caught.value.by_field()


def test_every_bad_field_is_named_at_once() -> None:
    raw: dict[str, object] = {
        "name": "", "mobile": "12345", "gender": "x", "birthday": "1990-02-30",
        "id_number": "110105194912310021", "occupation": 7, "income_band": "x" * 21,
        "email": "zhang@", "referrer": "hello", "source": "tv", "consent_marketing": "maybe",
        "privacy_accepted": False, "tags": ["ok", 3], "notes": "n" * 501, "colour": "red"}
    assert errors_of(raw) == {
        "colour": "form.unknown_field", "mobile": "form.mobile_invalid",
        "id_number": "form.id_number_checksum", "birthday": "form.birthday_invalid",
        "name": "form.required", "gender": "form.gender_invalid",
        "occupation": "form.not_text", "income_band": "form.too_long",
        "email": "form.email_invalid", "referrer": "form.referrer_invalid",
        "source": "form.source_invalid", "consent_marketing": "form.flag_invalid",
        "privacy_accepted": "form.privacy_required", "tags": "form.not_text",
        "notes": "form.too_long"}


def test_form_errors_carry_one_validation_error_per_field_with_params() -> None:
    with pytest.raises(forms.FormErrors) as caught:
        forms.validate_member_form({"name": "x" * 41, "source": "tv",
                                    "privacy_accepted": "yes"}, TODAY)
    errors = caught.value.errors
    assert [e.to_dict() for e in errors] == [
        {"code": "form.required", "params": {"field": "mobile"}},
        {"code": "form.too_long", "params": {"field": "name", "max": 40}},
        {"code": "form.source_invalid",
         "params": {"field": "source",
                    "allowed": ["store", "poster", "wechat", "referral", "partner"]}},
    ]
    assert caught.value.params == {"fields": ["mobile", "name", "source"]}


@pytest.mark.parametrize(("raw", "field", "code"), [
    ({"birthday": "2030-01-01"}, "birthday", "form.birthday_future"),
    ({"birthday": "2025-03-09"}, "birthday", "form.birthday_future"),
    ({"birthday": "1899-12-31"}, "birthday", "form.birthday_invalid"),
    ({"birthday": "13-01"}, "birthday", "form.birthday_invalid"),
    ({"birthday": "1990-02-29"}, "birthday", "form.birthday_invalid"),
    ({"birthday": "soon"}, "birthday", "form.birthday_invalid"),
    ({"birth_year": 1990}, "birthday", "form.birthday_invalid"),
    ({"birth_month": 3}, "birthday", "form.birthday_invalid"),
    ({"birth_month": "三", "birth_day": 8}, "birthday", "form.birthday_invalid"),
    ({"birthday": "1950-12-31", "id_number": ID_1949}, "birthday", "form.birthday_mismatch"),
    ({"birthday": "12-30", "id_number": ID_1949}, "birthday", "form.birthday_mismatch"),
    ({"id_number": BORN_2030}, "id_number", "form.id_number_invalid"),
    ({"mobile": ""}, "mobile", "form.required"),
    ({"mobile": None}, "mobile", "form.required"),
    ({"name": "   "}, "name", "form.required"),
    ({"email": "zhang san@qq.com"}, "email", "form.email_invalid"),
    ({"email": "zhang@qq"}, "email", "form.email_invalid"),
    ({"referrer": "13800138000"}, "referrer", "form.referrer_self"),
    ({"referrer": "1303306000082"}, "referrer", "form.referrer_invalid"),
    ({"tags": "x" * 21}, "tags", "form.too_long"),
    ({"tags": 5}, "tags", "form.not_text"),
    ({"privacy_accepted": None}, "privacy_accepted", "form.privacy_required"),
    ({"privacy_accepted": "no"}, "privacy_accepted", "form.privacy_required"),
    ({"address": "路" * 201}, "address", "form.too_long"),
])
def test_each_error_is_named(raw: dict[str, object], field: str, code: str) -> None:
    assert errors_of(good(**raw)) == {field: code}


def test_the_typed_values_are_left_untouched() -> None:
    raw = good(email="bad@", birthday="1990-02-30")
    before = dict(raw)
    errors_of(raw)
    assert raw == before


def test_optional_fields_and_referrer_by_card() -> None:
    form = forms.validate_member_form(
        good(referrer=f" {CARD} ", source="", consent_marketing="on", email="zhang＠QQ.com",
             gender="M", tags=[" a ", "", "b"]), TODAY)
    assert (form.referrer, form.source, form.consent_marketing, form.gender, form.tags,
            form.email) == (CARD, "store", True, "male", ("a", "b"), "zhang@qq.com")


def test_masks() -> None:
    assert forms.mask_name("张三") == "张*"
    assert forms.mask_name("张三丰") == "张*丰"
    assert forms.mask_name("欧阳娜娜") == "欧**娜"
    assert forms.mask_name("李") == "*"
    assert forms.mask_name("") == ""
    assert forms.mask_mobile("13800138000") == "138****8000"
    assert forms.mask_mobile("+85291234567") == "+85*****4567"
    assert forms.mask_id_number("110105194912311234") == "1101**********1234"
    assert forms.mask_id_number(ID_1949) == "1101**********002X"


@pytest.mark.parametrize("field", ["name", "occupation", "income_band", "email", "referrer",
                                   "address", "notes"])
def test_a_nul_is_refused_in_every_text_field_naming_it(field: str) -> None:
    with pytest.raises(forms.FormErrors) as refused:
        forms.validate_member_form(good(**{field: "张\x00三"}), TODAY)
    (error,) = refused.value.errors
    assert (error.code, error.params["field"], error.params["position"]) == (
        "form.control_char", field, 2)


@pytest.mark.parametrize("text", ["张\n三", "张\t三", "张\x1b三", "张\x85三", "张\ud800三"])
def test_control_characters_and_line_breaks_are_refused_in_a_name(text: str) -> None:
    assert errors_of(good(name=text)) == {"name": "form.control_char"}


def test_address_and_notes_keep_their_line_breaks_but_not_other_controls() -> None:
    form = forms.validate_member_form(good(address="上海市\n南京路1号", notes="a\r\nb"), TODAY)
    assert (form.address, form.notes) == ("上海市\n南京路1号", "a\r\nb")
    assert errors_of(good(notes="a\tb")) == {"notes": "form.control_char"}


def test_a_control_character_in_a_tag_is_refused() -> None:
    assert errors_of(good(tags=["ok", "b\x07ad"])) == {"tags": "form.control_char"}
