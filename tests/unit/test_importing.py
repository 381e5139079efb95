"""Reading an old system's member file: mapping, each bad row with row, column and reason."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import importing
from domain.errors import ValidationError
from domain.money import format_yuan

TODAY = date(2025, 5, 6)
TIERS = ("普通会员", "银卡", "金卡", "钻石卡")
GOOD_ID = "11010519491231002X"


def table(text: str) -> importing.Table:
    return importing.parse_csv(text.encode("utf-8"))


def check(text: str, mapping: str = "") -> importing.Checked:
    t = table(text)
    resolved = importing.resolve_mapping(t.header, importing.parse_mapping(mapping))
    return importing.check_rows(t, resolved, TODAY, TIERS)


def problems(checked: importing.Checked) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.code) for e in checked.errors]


def test_known_chinese_headers_map_themselves() -> None:
    checked = check("姓名,手机号,生日,积分,储值余额,卡号,会员等级\n"
                    "张三,138 0013 8000,1990-03-08,\"1,200\",\"￥1,234.50\",1304401000125,银卡\n")
    (row,) = checked.rows
    assert (row.row, row.form.name, row.form.mobile, row.form.birth_month) == (
        2, "张三", "13800138000", 3)
    assert (row.points, row.wallet_fen, row.card, row.tier) == (1200, 123450, "1304401000125",
                                                                 "银卡")
    assert row.form.privacy_accepted and not row.form.consent_marketing
    assert checked.errors == ()


def test_every_bad_row_is_listed_with_its_row_column_and_reason() -> None:
    checked = check(
        "会员,电话,证件,分\n"
        "张三,13800138000,,100\n"
        "李四,12345,,100\n"                       # row 3: bad mobile
        f"王五,13900139000,{GOOD_ID[:-1]}1,100\n"  # row 4: wrong ID check character
        "赵六,13800138000,,50\n"                   # row 5: same mobile as row 2
        "\n"                                       # row 6: blank, skipped
        "孙七,13700137000,,12.5\n"                 # row 7: malformed points
        "周八,13600136000,,abc\n",                 # row 8: malformed points
        "会员=name,电话=mobile,证件=id_number,分=points")
    assert problems(checked) == [
        (2, "电话", "import.mobile_duplicate_in_file"),
        (3, "电话", "form.mobile_invalid"),
        (4, "证件", "form.id_number_checksum"),
        (5, "电话", "import.mobile_duplicate_in_file"),
        (7, "分", "import.points_invalid"),
        (8, "分", "import.points_invalid")]
    assert checked.errors[0].params == {"rows": [5]}
    assert checked.rows == () and checked.bad_rows == (2, 3, 4, 5, 7, 8)


def test_one_row_can_have_several_problems() -> None:
    checked = check("name,mobile,wallet,tier,joined_on\n,abc,-5,黑卡,2025-13-01\n")
    assert sorted((e.field, e.code) for e in checked.errors) == [
        ("joined_on", "import.date_invalid"), ("mobile", "form.mobile_invalid"),
        ("name", "form.required"), ("tier", "import.tier_unknown"),
        ("wallet", "import.money_invalid")]


def test_conflicts_with_the_database_refuse_the_row() -> None:
    checked = check("name,mobile,card\n张三,13800138000,1304401000125\n李四,13900139000,\n")
    found = importing.conflicts(checked, {"13900139000": "m9"}, ["1304401000125"])
    assert [(e.row, e.code, dict(e.params)) for e in found] == [
        (2, "import.card_exists", {}), (3, "import.mobile_exists", {"member_id": "m9"})]
    assert checked.without(found).rows == ()


def test_gb18030_files_from_chinese_excel_are_read() -> None:
    data = "姓名;手机\n张三;13800138000\n".encode("gb18030")
    t = importing.parse_csv(data)
    assert t.header == ("姓名", "手机") and t.rows == (("张三", "13800138000"),)


@pytest.mark.parametrize(("mapping", "code"), [
    ("姓名=nickname", "import.field_unknown"),
    ("nope", "import.map_invalid"),
])
def test_a_bad_mapping_is_refused(mapping: str, code: str) -> None:
    with pytest.raises(ValidationError) as err:
        importing.parse_mapping(mapping)
    assert err.value.code == code


def test_the_mapping_must_name_a_mobile_and_known_columns() -> None:
    with pytest.raises(ValidationError) as err:
        importing.resolve_mapping(("姓名", "电话号"), {})
    assert (err.value.code, err.value.params["value"]) == ("import.field_unmapped", "mobile")
    with pytest.raises(ValidationError) as unknown:
        importing.resolve_mapping(("姓名",), {"手机": "mobile"})
    assert unknown.value.code == "import.column_unknown"


def test_money_is_parsed_exactly_to_the_fen() -> None:
    assert [importing.parse_money(t) for t in ("0.1", "1,234.56", "￥7", "¥7.05")] == [
        10, 123456, 700, 705]
    for bad in ("1.234", "-1", "1e3"):
        with pytest.raises(ValidationError):
            importing.parse_money(bad)


def test_exported_csv_opens_in_excel() -> None:
    text = importing.to_csv(("name", "points"), [("张三", 10), ("李四", None)])
    assert text == "\ufeffname,points\r\n张三,10\r\n李四,\r\n"


@given(st.integers(0, 10**12))
def test_money_written_as_receipts_show_it_reads_back_exactly(fen: int) -> None:
    assert importing.parse_money(format_yuan(fen)) == fen
    assert importing.parse_money(f"{fen // 100}.{fen % 100:02d}") == fen


def test_a_control_character_in_a_cell_is_refused_naming_row_and_column() -> None:
    checked = check("姓名,手机号,地址\n张三,13800138000,上海\n李\x00四,13900139000,北京\n")
    assert [r.row for r in checked.rows] == [2]
    assert problems(checked) == [(3, "姓名", "form.control_char")]
