"""Card numbers, track-2 stripes, bank-card refusal and the card life cycle (DOMAIN §4)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import cards
from domain.errors import DomainError, ValidationError
from domain.records import Card, CardState, Member
from domain.rulepack import CardRules

SECRET = b"kaika-test-secret"
BRANDS = ("13",)
OURS = "1303306000081"  # brand 13, level 0, region 3306 (绍兴), serial 8
AT = datetime(2025, 3, 10, 2, 0, tzinfo=UTC)


def bank_track1() -> str:
    return "%B4111111111111111^ZHANG/SAN^29121010000000000000000000000000?"


def test_seed_example_number_is_not_luhn_valid_its_check_digit_would_be_4() -> None:
    # Seed 003 prints 1305750000008 as a layout example, without a check digit rule.
    assert not cards.luhn_valid("1305750000008")
    assert cards.luhn_check_digit("130575000000") == "4"
    parsed = cards.parse_card_number("1305750000004")
    assert (parsed.brand, parsed.level, parsed.region, parsed.serial) == ("13", "0", "5750", 0)


def test_luhn_on_textbook_numbers() -> None:
    assert cards.luhn_valid("79927398713")
    assert not cards.luhn_valid("79927398710")
    assert cards.luhn_check_digit("7992739871") == "3"
    assert cards.luhn_valid("4111111111111111")
    assert not cards.luhn_valid("41111111111a1111")
    assert not cards.luhn_valid("0")


def test_make_card_number_lays_out_bb_l_rrrr_sssss_c() -> None:
    assert cards.make_card_number("13", "0", "3306", 8) == OURS
    # Worked by hand: the Luhn sum of 132110112345 is 28, so the check digit is 2.
    assert cards.make_card_number("13", "2", "1101", 12345) == "1321101123452"


@pytest.mark.parametrize(("args", "field"), [
    (("1", "0", "3306", 1), "brand"),
    (("13", "00", "3306", 1), "level"),
    (("13", "0", "33O6", 1), "region"),
    (("13", "0", "3306", 100_000), "serial"),
    (("13", "0", "3306", -1), "serial"),
])
def test_make_card_number_names_the_bad_part(args: tuple[str, str, str, int], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        cards.make_card_number(*args)
    assert (caught.value.code, caught.value.params["field"]) == ("card.bad_field", field)


@given(st.sampled_from(["13", "27", "99"]), st.integers(0, 9).map(str),
       st.integers(1000, 9999).map(str), st.integers(0, cards.MAX_SERIAL))
def test_numbers_made_parse_back_to_their_fields(brand: str, level: str, region: str,
                                                 serial: int) -> None:
    number = cards.make_card_number(brand, level, region, serial)
    parsed = cards.parse_card_number(number)
    assert (parsed.brand, parsed.level, parsed.region, parsed.serial) == (
        brand, level, region, serial)


@given(st.integers(0, 12), st.integers(1, 9))
def test_any_single_wrong_digit_is_caught(position: int, shift: int) -> None:
    wrong = str((int(OURS[position]) + shift) % 10)
    typo = OURS[:position] + wrong + OURS[position + 1:]
    assert not cards.luhn_valid(typo)


@pytest.mark.parametrize(("text", "reason"), [
    ("130330600008", "length"),
    ("13033060000811", "length"),
    ("13033O6000081", "digits"),
    ("1303306000082", "check"),
])
def test_parse_card_number_refuses_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        cards.parse_card_number(text)
    assert caught.value.code == "card.bad_number"
    assert caught.value.params == {"field": "card_number", "reason": reason}


def test_parse_card_number_ignores_grouping_spaces() -> None:
    assert cards.parse_card_number(" 13 0 3306 00008 1 ").number == OURS


def test_next_card_number_follows_the_highest_serial() -> None:
    assert cards.next_card_number("13", "0", "3306", 7) == OURS
    with pytest.raises(DomainError, match=r"card\.serials_exhausted"):
        cards.next_card_number("13", "0", "3306", cards.MAX_SERIAL)


def _spec_code(expiry: str) -> str:
    """The written rule: HMAC-SHA256(secret, "number=YYMM"), first 4 bytes mod 1000."""
    digest = hmac.new(SECRET, f"{OURS}={expiry}".encode(), hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:4], 'big') % 1000:03d}"


def test_verification_code_is_three_digits_of_hmac_sha256() -> None:
    expected = _spec_code("3003")
    assert cards.verification_code(OURS, "3003", SECRET) == expected
    assert cards.verification_code(OURS, "3103", SECRET) == _spec_code("3103")
    assert len(expected) == 3 and expected.isdigit()


def test_verification_code_needs_a_secret() -> None:
    with pytest.raises(DomainError, match=r"card\.secret_missing"):
        cards.verification_code(OURS, "3003", b"")


def test_track2_layout() -> None:
    vvv = cards.verification_code(OURS, "3003", SECRET)
    assert cards.track2_data(OURS, "3003", SECRET) == f";1303306000081=3003{vvv}?"
    with pytest.raises(ValidationError, match=r"card\.bad_expiry"):
        cards.track2_data(OURS, "3013", SECRET)


@pytest.mark.parametrize("strip", [False, True])
def test_our_swipe_is_read_with_or_without_sentinels(strip: bool) -> None:
    track2 = cards.track2_data(OURS, "3003", SECRET)
    if strip:
        track2 = track2.strip(";?")
    swipe = cards.classify_swipe(None, track2, SECRET, BRANDS, date(2025, 3, 10))
    assert swipe == cards.Swipe(card_number=OURS, expiry_yymm="3003")


def test_a_non_bank_track1_is_ignored() -> None:
    track2 = cards.track2_data(OURS, "3003", SECRET)
    swipe = cards.classify_swipe("%AKAIKA MEMBER?", track2, SECRET, BRANDS)
    assert swipe.card_number == OURS


def test_bank_track1_is_refused_and_the_error_carries_no_card_data() -> None:
    with pytest.raises(DomainError) as caught:
        cards.classify_swipe(bank_track1(), ";4111111111111111=29121010000000000000?", SECRET,
                             BRANDS)
    error = caught.value
    assert error.code == "card.bank_card"
    assert error.params == {}
    assert error.args == ("card.bank_card", {})
    assert str(error) == "card.bank_card"
    assert error.__cause__ is None and error.__context__ is None
    assert "4111" not in repr(error) and "ZHANG" not in repr(error)


def test_bank_track1_without_sentinel_and_lower_case_is_refused() -> None:
    with pytest.raises(DomainError, match=r"card\.bank_card"):
        cards.classify_swipe("b4111111111111111^ZHANG/SAN^2912101", None, SECRET, BRANDS)


def test_bank_pan_on_track2_alone_is_refused() -> None:
    body = "621483100000000001"  # 18 digits + check = a 19-digit UnionPay-style PAN
    pan = body + cards.luhn_check_digit(body)
    for track2 in (f";{pan}=30122010000000000000?", f"{pan}=3012201", "4111111111111111"):
        with pytest.raises(DomainError) as caught:
            cards.classify_swipe(None, track2, SECRET, BRANDS)
        assert (caught.value.code, caught.value.params) == ("card.bank_card", {})


def test_is_bank_card() -> None:
    assert cards.is_bank_card(bank_track1(), None, BRANDS)
    assert cards.is_bank_card(None, ";4111111111111111=2912101?", BRANDS)
    assert not cards.is_bank_card(None, cards.track2_data(OURS, "3003", SECRET), BRANDS)
    assert not cards.is_bank_card(None, ";4111111111111112=2912101?", BRANDS)  # Luhn fails
    assert not cards.is_bank_card(None, None, BRANDS)


@pytest.mark.parametrize("track2", [
    ";1303306000081?",  # the printed number alone
    ";1303306000081=3003?",  # number and expiry, no code
    ";1303306000081=3003000?",  # a guessed code (the real one for this secret is not 000)
    ";1303306000081=3013123?",  # month 13
])
def test_a_stripe_made_without_the_secret_is_forged(track2: str) -> None:
    assert cards.verification_code(OURS, "3003", SECRET) != "000"
    with pytest.raises(DomainError) as caught:
        cards.classify_swipe(None, track2, SECRET, BRANDS)
    assert caught.value.code == "card.forged"
    assert caught.value.params == {"card_number": OURS}


def test_a_stripe_from_another_store_secret_is_forged() -> None:
    track2 = cards.track2_data(OURS, "3003", b"someone-else")
    # Three digits collide one time in a thousand; these fixed secrets do not.
    assert track2 != cards.track2_data(OURS, "3003", SECRET)
    with pytest.raises(DomainError, match=r"card\.forged"):
        cards.classify_swipe(None, track2, SECRET, BRANDS)


@pytest.mark.parametrize(("track1", "track2"), [
    (None, None),
    ("", ""),
    (None, ";13033060000x1=3003123?"),
    (None, ";1303306000082=3003123?"),  # a misread digit: Luhn fails
    (None, ";E?"),  # the reader's error sentinel
    (None, ";13033060=0081=3003?"),
])
def test_garbled_swipes_ask_to_swipe_again(track1: str | None, track2: str | None) -> None:
    with pytest.raises(DomainError) as caught:
        cards.classify_swipe(track1, track2, SECRET, BRANDS)
    assert (caught.value.code, caught.value.params) == ("card.unreadable", {})


def test_another_brand_is_not_ours() -> None:
    other = cards.make_card_number("27", "0", "3306", 8)
    with pytest.raises(DomainError, match=r"card\.not_ours"):
        cards.classify_swipe(None, cards.track2_data(other, "3003", SECRET), SECRET, BRANDS)
    swipe = cards.classify_swipe(None, cards.track2_data(other, "3003", SECRET), SECRET,
                                 ("13", "27"))
    assert swipe.card_number == other


def test_expired_stripe_is_refused_after_the_last_day_of_its_month() -> None:
    track2 = cards.track2_data(OURS, "2502", SECRET)
    assert cards.classify_swipe(None, track2, SECRET, BRANDS, date(2025, 2, 28)).expiry_yymm == (
        "2502")
    with pytest.raises(DomainError) as caught:
        cards.classify_swipe(None, track2, SECRET, BRANDS, date(2025, 3, 1))
    assert caught.value.code == "card.expired"
    assert caught.value.params == {"card_number": OURS, "expiry": "2502"}


def test_forged_wins_over_expired() -> None:
    with pytest.raises(DomainError, match=r"card\.forged"):
        cards.classify_swipe(None, ";1303306000081=1001999?", SECRET, BRANDS, date(2025, 1, 1))


def test_card_expiry_is_valid_years_after_the_month_of_issue() -> None:
    assert cards.card_expiry(date(2025, 3, 10), CardRules()) == "3003"
    assert cards.card_expiry(date(2098, 12, 31), CardRules(valid_years=3)) == "0112"
    assert cards.is_expired("2402", date(2024, 3, 1))
    assert not cards.is_expired("2402", date(2024, 2, 29))


def card(state: CardState = CardState.ACTIVE, **kw: object) -> Card:
    return Card(number=OURS, member_id="m1", state=state, expiry="3003", **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("state", "code"), [
    (CardState.LOST, "card.lost"),
    (CardState.REPLACED, "card.replaced"),
    (CardState.CLOSED, "card.closed"),
])
def test_check_usable_refuses_blocked_cards(state: CardState, code: str) -> None:
    with pytest.raises(DomainError) as caught:
        cards.check_usable(card(state), OURS)
    assert caught.value.code == code


def test_check_usable() -> None:
    with pytest.raises(DomainError) as caught:
        cards.check_usable(None, OURS)
    assert (caught.value.code, caught.value.params) == ("card.unknown", {"card_number": OURS})
    assert cards.check_usable(card(CardState.ISSUED), OURS).state is CardState.ISSUED
    assert cards.activate(card(CardState.ISSUED)).state is CardState.ACTIVE
    assert cards.activate(card(CardState.LOST)).state is CardState.LOST


def test_lost_card_is_blocked_then_replaced() -> None:
    lost = cards.report_lost(card())
    assert lost.state is CardState.LOST
    new_number = cards.make_card_number("13", "0", "3306", 9)
    old, new = cards.replace_card(lost, new_number, AT)
    assert (old.state, old.replaced_by) == (CardState.REPLACED, new_number)
    assert new == Card(number=new_number, member_id="m1", state=CardState.ACTIVE, expiry="3003",
                       issued_at=AT)
    with pytest.raises(DomainError) as caught:
        cards.check_usable(old, OURS)
    assert caught.value.params == {"card_number": OURS, "replaced_by": new_number}
    assert cards.replace_card(card(), new_number, AT, expiry="3103")[1].expiry == "3103"


def test_replace_card_refusals() -> None:
    with pytest.raises(DomainError, match=r"card\.closed"):
        cards.replace_card(card(CardState.CLOSED), cards.make_card_number("13", "0", "3306", 9),
                           AT)
    with pytest.raises(ValidationError, match=r"card\.same_number"):
        cards.replace_card(card(), OURS, AT)
    with pytest.raises(ValidationError, match=r"card\.bad_number"):
        cards.replace_card(card(), "1303306000092", AT)
    with pytest.raises(DomainError, match=r"card\.lost"):
        cards.report_lost(card(CardState.LOST))


def test_close_card() -> None:
    assert cards.close_card(card(CardState.LOST)).state is CardState.CLOSED
    with pytest.raises(DomainError, match=r"card\.replaced"):
        cards.close_card(card(CardState.REPLACED))


def member(staff_id: str | None) -> Member:
    return Member(id="m1", name="张三", mobile="13800138000", joined_on=date(2024, 1, 1),
                  tier="普通会员", tier_since=date(2024, 1, 1), staff_id=staff_id)


def test_staff_card_refused_at_own_till_and_alert_above_daily_limit() -> None:
    staff_card = card(is_staff=True)
    with pytest.raises(DomainError, match=r"card\.staff_own_till"):
        cards.check_staff_use(staff_card, member("s1"), "s1")
    cards.check_staff_use(staff_card, member("s1"), "s2")
    cards.check_staff_use(card(), member(None), "s1")
    assert not cards.staff_alert_due(staff_card, 5, CardRules())
    assert cards.staff_alert_due(staff_card, 6, CardRules())
    assert not cards.staff_alert_due(card(), 60, CardRules())


@given(st.integers(0, cards.MAX_SERIAL), st.integers(0, 99), st.integers(1, 12),
       st.binary(min_size=1, max_size=32))
def test_every_stripe_we_encode_reads_back(serial: int, yy: int, mm: int, secret: bytes) -> None:
    number = cards.make_card_number("13", "0", "3306", serial)
    expiry = f"{yy:02d}{mm:02d}"
    swipe = cards.classify_swipe(None, cards.track2_data(number, expiry, secret), secret, BRANDS)
    assert swipe == cards.Swipe(card_number=number, expiry_yymm=expiry)
    assert not cards.is_bank_card(None, cards.track2_data(number, expiry, secret), BRANDS)
