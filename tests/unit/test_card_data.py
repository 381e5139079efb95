"""Bank-card numbers in text: found however they are grouped, refused without the digits,
masked to their last four for logs (domain/card_data.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import card_data
from domain.cards import bare_swipe, luhn_check_digit
from domain.errors import ValidationError

VISA = "4111111111111111"
UNIONPAY = "6212345678901234569"  # 19 digits
AMEX = "378282246310005"
OURS = "1303306000081"  # one of our 13-digit member cards: Luhn-valid too


def test_the_test_numbers_are_luhn_valid() -> None:
    for pan in (VISA, UNIONPAY, AMEX, OURS):
        assert luhn_check_digit(pan[:-1]) == pan[-1]


@pytest.mark.parametrize("text", [
    VISA, "4111 1111 1111 1111", "4111-1111-1111-1111", "4111 - 1111-1111  1111",
    "４１１１１１１１１１１１１１１１",  # full-width digits, as a Chinese IME types them
    f"退款卡号{VISA}，已核对", f"card {AMEX} declined", UNIONPAY, OURS,
    f"order 12 {VISA}",  # the first group belongs to something else
    f"{VISA}=29121010000000000000",  # track 2 from a reader without sentinels
    f"B{VISA}^ZHANG/SAN^2912101000",  # track 1 likewise
    f"%B{VISA}^ZHANG/SAN^2912101?;{VISA}=2912101?",
])
def test_card_numbers_are_found_however_they_are_written(text: str) -> None:
    assert card_data.holds_card_number(text)
    with pytest.raises(ValidationError) as refused:
        card_data.check_text("notes", text)
    assert refused.value.code == "card.number_in_text"
    assert refused.value.params == {"field": "notes"}  # the field, never the digits
    assert "1111" not in str(refused.value) and "0005" not in str(refused.value)


@pytest.mark.parametrize("text", [
    "", "POS 889900", "13800138000", "+86 138 0013 8000", "4111111111111112",  # Luhn fails
    "411111111111",  # 12 digits
    "41111111111111110000",  # 20 digits in one run: no card number has that many
    "S001-T01-000123", "2025-05-06 10:00:00", "￥-12.50", "11010519491231002X",
])
def test_other_numbers_are_not_card_numbers(text: str) -> None:
    assert not card_data.holds_card_number(text)
    assert card_data.check_text("reference", text) == text


def test_mask_keeps_the_last_four_digits_and_the_text_around() -> None:
    assert card_data.mask(f"paid with {VISA}, slip 889900") == (
        "paid with [card ****1111], slip 889900")
    assert card_data.mask("4111 1111 1111 1111=2912") == "[card ****1111]=2912"
    assert card_data.mask("no numbers here 123") == "no numbers here 123"


groups = st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=6)


@given(body=st.text(alphabet="0123456789", min_size=12, max_size=18), sizes=groups,
       sep=st.sampled_from([" ", "-", "  ", " - "]),
       before=st.sampled_from(["", "卡号 ", "ref:", "x"]),
       after=st.sampled_from(["", " 已退", "=2912", "^"]))
def test_any_grouping_of_any_pan_is_found_and_masked(body: str, sizes: list[int], sep: str,
                                                     before: str, after: str) -> None:
    pan = body + luhn_check_digit(body)
    parts, at = [], 0
    for size in sizes:
        if at < len(pan):
            parts.append(pan[at:at + size])
            at += size
    if at < len(pan):
        parts.append(pan[at:])
    text = before + sep.join(parts) + after
    assert card_data.holds_card_number(text)
    masked = card_data.mask(text)
    assert pan not in "".join(ch for ch in masked if ch.isdigit())
    assert f"****{pan[-4:]}" in masked


def test_a_track_sent_without_sentinels_is_a_swipe() -> None:
    assert bare_swipe(f"{VISA}=29121010000000000000") == (None, f"{VISA}=29121010000000000000")
    assert bare_swipe(f" {OURS}=3003123 ") == (None, f"{OURS}=3003123")
    assert bare_swipe(f"B{VISA}^ZHANG/SAN^29121010") == (f"B{VISA}^ZHANG/SAN^29121010", None)
    for scan in (VISA, "6901234567892", "A1001", "KKQR1234", "a=b", "https://x.cn/?a=1"):
        assert bare_swipe(scan) is None
