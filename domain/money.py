"""Money in integer fen, with exact splitting and half-up rate application."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

FEN_PER_YUAN = 100


@dataclass(frozen=True, slots=True, order=True)
class Money:
    """An amount of CNY in fen. Never a float: arithmetic stays in integers."""

    fen: int

    def __post_init__(self) -> None:
        if not isinstance(self.fen, int) or isinstance(self.fen, bool):
            raise TypeError(f"Money needs integer fen, got {self.fen!r}")

    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @classmethod
    def yuan(cls, amount: int | str) -> Money:
        """Build from yuan given as an int or an exact decimal string ("127.50")."""
        value = Decimal(str(amount)) * FEN_PER_YUAN
        if value != value.to_integral_value():
            raise ValueError(f"{amount!r} has fractions of a fen")
        return cls(int(value))

    def __add__(self, other: Money) -> Money:
        return Money(self.fen + other.fen)

    def __sub__(self, other: Money) -> Money:
        return Money(self.fen - other.fen)

    def __neg__(self) -> Money:
        return Money(-self.fen)

    def times(self, qty: int) -> Money:
        return Money(self.fen * qty)

    def apply_rate(self, rate: Decimal) -> Money:
        """The amount times a rate (0.85 for 8.5折), rounded half-up to the fen."""
        return Money(round_half_up(Decimal(self.fen) * rate))

    def split(self, weights: Sequence[int]) -> list[Money]:
        """Split in proportion to weights; the parts add up exactly (largest remainder)."""
        return [Money(p) for p in split_int(self.fen, weights)]

    def is_zero(self) -> bool:
        return self.fen == 0

    def __str__(self) -> str:
        return format_yuan(self.fen)


def round_half_up(value: Decimal) -> int:
    """Round to an integer, halves away from zero (the shop's 四舍五入)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def floor_int(value: Decimal) -> int:
    """Round down towards minus infinity (points are always rounded down)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_FLOOR))


def split_int(total: int, weights: Sequence[int]) -> list[int]:
    """Split an integer in proportion to non-negative weights; parts sum exactly to total.

    Largest-remainder method; ties go to the earlier weight so results are deterministic.
    With all weights zero the total is split evenly.
    """
    if not weights:
        if total:
            raise ValueError("cannot split a non-zero amount over no parts")
        return []
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    effective = list(weights) if sum(weights) > 0 else [1] * len(weights)
    wsum = sum(effective)
    sign = -1 if total < 0 else 1
    magnitude = abs(total)
    parts = [magnitude * w // wsum for w in effective]
    remainders = [magnitude * w % wsum for w in effective]
    left = magnitude - sum(parts)
    order = sorted(range(len(effective)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        parts[i] += 1
    return [sign * p for p in parts]


def format_yuan(fen: int) -> str:
    """Plain receipt/CLI form with the full-width sign: ￥1,234.50 (UI uses QLocale)."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}￥{yuan:,}.{cents:02d}"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿", "万亿")


def yuan_in_words(fen: int) -> str:
    """An amount in Chinese capital numerals (大写金额), as on a bank slip: 10000000 fen is
    "壹拾万元整", 123456 fen "壹仟贰佰叁拾肆元伍角陆分". A typo of one zero shows at a glance."""
    if fen < 0:
        return "负" + yuan_in_words(-fen)
    yuan, rest = divmod(fen, FEN_PER_YUAN)
    jiao, cents = divmod(rest, 10)
    text = (_integer_words(yuan) + "元") if yuan else ""
    if not jiao and not cents:
        return (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    return text + (_DIGITS[cents] + "分" if cents else "")


def _integer_words(number: int) -> str:
    groups: list[int] = []
    while number:
        number, group = divmod(number, 10000)
        groups.append(group)
    text, zero = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero = True
            continue
        if zero or (text and group < 1000):
            text += "零"
        text += _group_words(group) + _GROUPS[index]
        zero = False
    return text


def _group_words(group: int) -> str:
    text, zero = "", False
    for place in range(3, -1, -1):
        digit = group // 10 ** place % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
        text += _DIGITS[digit] + _SMALL[place]
        zero = False
    return text
