"""Column layout with Chinese characters counting two columns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hardware.layout import Align, char_width, normalize, pad, rule, text_width, two_columns, wrap


def test_ascii_counts_one_column_and_everything_printed_double_byte_counts_two() -> None:
    assert text_width("Total") == 5
    assert text_width("合计：") == 6
    assert text_width("￥12.50") == 7
    # East Asian width calls · and × "ambiguous"; a GB printer prints them double-width.
    assert char_width("·") == 2
    assert char_width("×") == 2
    assert char_width("\u0301") == 0


def test_half_width_yen_becomes_the_full_width_sign() -> None:
    assert normalize("¥12.50") == "￥12.50"


def test_wrap_breaks_chinese_anywhere_within_the_width() -> None:
    assert wrap("会员积分兑换礼品活动说明", 10) == ["会员积分兑", "换礼品活动", "说明"]


def test_wrap_moves_a_latin_word_to_the_next_line_whole() -> None:
    assert wrap("可口可乐 Coca-Cola 330ml", 16) == ["可口可乐", "Coca-Cola 330ml"]
    assert wrap("商品6901234567892", 16) == ["商品", "6901234567892"]


def test_wrap_keeps_explicit_newlines() -> None:
    assert wrap("第一行\n第二行", 32) == ["第一行", "第二行"]


def test_two_columns_on_one_line_when_they_fit() -> None:
    line = two_columns("合计", "￥1,234.50", 32)
    assert line == ["合计" + " " * 18 + "￥1,234.50"]
    assert text_width(line[0]) == 32


def test_two_columns_puts_the_value_after_the_wrapped_label() -> None:
    lines = two_columns("羊毛混纺修身西装外套（藏青色）", "￥1,580.00", 32)
    assert lines == ["羊毛混纺修身西装外套（藏青色）", " " * 22 + "￥1,580.00"]
    lines = two_columns("羊毛混纺修身西装外套藏青色加长款", "￥9.90", 32)
    assert lines == ["羊毛混纺修身西装外套藏青色加长款", " " * 26 + "￥9.90"]


def test_pad_and_rule() -> None:
    assert pad("测试", 10, Align.CENTER) == "   测试   "
    assert pad("12", 5, Align.RIGHT) == "   12"
    assert rule("-", 32) == "-" * 32
    assert rule("═", 32) == "═" * 16


@given(st.text(alphabet=st.sampled_from("会员积分ab c12-.￥·"), max_size=80),
       st.integers(min_value=2, max_value=48))
def test_wrapped_lines_never_exceed_the_width(text: str, columns: int) -> None:
    lines = wrap(text, columns)
    assert all(text_width(line) <= columns for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(st.text(alphabet=st.sampled_from("会员积分ab c12"), max_size=60),
       st.integers(min_value=0, max_value=10**9))
def test_two_columns_fill_exactly_the_width_and_end_with_the_value(label: str, fen: int) -> None:
    value = f"￥{fen // 100:,}.{fen % 100:02d}"
    lines = two_columns(label, value, 32)
    assert lines[-1].endswith(value)
    assert text_width(lines[-1]) == 32
    assert all(text_width(line) <= 32 for line in lines)
