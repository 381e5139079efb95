"""Who shops in the demo store's past: generated members and the scripted tier stories.

Everything here is drawn from a seeded `random.Random`, so the same `today` always gives
the same people; `desktop/demo_history.py` walks them through the real services.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑"
            "梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡叶程苏魏吕丁沈姚")
GIVEN = ("静", "伟", "芳", "娜", "敏", "秀英", "丽", "强", "磊", "军", "洋", "勇", "艳",
         "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "晓红", "雪梅",
         "佳怡", "子涵", "欣怡", "梓萱", "浩然", "宇轩", "思远", "婷婷", "海燕", "建华",
         "丹丹", "俊杰", "玉兰", "文博", "雨桐")
PREFIXES = ("133", "135", "136", "137", "138", "139", "150", "151", "152", "158", "159", "186",
            "187", "188", "189")
TAKEN = frozenset({"13800138000", "13900139000", "13700137000"})  # demo_data's members

SPAN_DAYS = 420  # the first history day: recency reaches past the analysis's last band (360)
DENSE_DAYS = 120  # the last 120 days trade every day; before that one day a week
GENERATED = 40
BIRTHDAYS_SOON = (2, 5, 11, 18)  # days after today: the analysis page's birthday list
# Last purchase this many days before today for a third of the crowd: every recency band of
# the analysis (90/180/270/360 days) gets members.
LAPSES = (100, 130, 160, 200, 230, 260, 290, 320, 350)

Items = tuple[tuple[str, int], ...]  # (sku, qty)


@dataclass(frozen=True, slots=True)
class Plan:
    """A member to sign up `joins` days before today, and how they shop afterwards."""

    form: dict[str, object]  # the application form, as the front desk types it
    joins: int
    appetite: float  # weight when a member sale picks its shopper; 0: never shops at random
    stops: int = 0  # shops at random until this many days before today (dormant after)
    card: bool = True
    top_up_fen: int = 0  # stored value bought at sign-up
    story: tuple[tuple[int, Items], ...] = ()  # scripted sales: (days before today, items)


def trades(back: int) -> bool:
    """Whether the store traded `back` days before today (every story day is a 7th day)."""
    return back <= DENSE_DAYS or back % 7 == 0


def plans(rng: random.Random, today: date) -> list[Plan]:
    """The stories first (their sales are what the tiers page shows), then the crowd."""
    mobiles = _mobiles(rng, GENERATED + len(STORIES))
    found = [_story(rng, today, mobiles.pop(), name, sales) for name, sales in STORIES]
    for i in range(GENERATED):
        found.append(_generated(rng, today, mobiles.pop(), i))
    return found


# Tier stories (pack `fashion`: 银卡 ¥2,500 single / ¥3,000 a year, 金卡 ¥4,000 / ¥5,000).
# Anniversaries within the next month: two keep, two will drop; two were reviewed already.
STORIES: tuple[tuple[str, tuple[tuple[int, Items], ...]], ...] = (
    ("周强", ((357, (("A1002", 4), ("A1001", 2), ("B2001", 1))),  # 金卡 ¥5,093: keeps
             (45, (("F6001", 1),)))),
    ("陈静", ((350, (("A1002", 2), ("A1001", 2), ("F6001", 1))),  # 银卡 ¥3,085: keeps
             (60, (("B2002", 1), ("D4002", 1))), (18, (("C3001", 1),)))),
    ("刘洋", ((413, (("A1002", 1), ("A1001", 1), ("B2001", 1))),  # ¥1,797, then ¥1,486 makes
             (343, (("A1001", 1), ("D4001", 1), ("E5001", 1), ("C3001", 1))))),  # 银卡: drops
    ("孙丽", ((343, (("A1002", 3), ("A1001", 2), ("C3001", 1))),  # 金卡 ¥4,154: to 银卡
             (30, (("F6002", 1),)))),
    ("吴敏", ((406, (("A1002", 2), ("B2001", 3))),)),  # 银卡 ¥2,695: dropped 6 weeks ago
    ("郑华", ((399, (("A1002", 3), ("A1001", 1))),)),  # 银卡 ¥3,296: kept 5 weeks ago
)


def _story(rng: random.Random, today: date, mobile: str, name: str,
           sales: tuple[tuple[int, Items], ...]) -> Plan:
    """Story members buy only what their story says, so its outcome cannot drift."""
    form = {"name": name, "mobile": mobile, "birthday": _birthday(rng, today, None),
            "privacy_accepted": True, "gender": "female" if name[-1] in "静丽敏" else "male"}
    return Plan(form, joins=max(back for back, _ in sales), appetite=0.0, story=sales)


def _generated(rng: random.Random, today: date, mobile: str, index: int) -> Plan:
    stops = rng.choice(LAPSES) if rng.random() < 0.35 else 0
    first = stops + 14 if stops else 3
    joins = rng.choice([b for b in range(first, min(first + 150, SPAN_DAYS - 7)) if trades(b)])
    soon = BIRTHDAYS_SOON[index] if index < len(BIRTHDAYS_SOON) else None
    form: dict[str, object] = {
        "name": rng.choice(SURNAMES) + rng.choice(GIVEN), "mobile": mobile,
        "birthday": _birthday(rng, today, soon), "privacy_accepted": True,
        "consent_marketing": rng.random() < 0.6, "gender": rng.choice(("male", "female")),
        "source": rng.choice(("store", "store", "poster", "wechat"))}
    never = not stops and rng.random() < 0.15
    appetite = 0.0 if never else rng.choice((0.2, 0.3, 0.5, 0.8, 1.0, 1.0, 1.5, 3.0))
    if stops:
        appetite = max(appetite, 1.5)  # a lapsed member did shop before going quiet
    top_up = rng.choice((100000, 100000, 500000)) if rng.random() < 0.15 else 0
    return Plan(form, joins, appetite, stops, card=rng.random() < 0.7, top_up_fen=top_up)


def _birthday(rng: random.Random, today: date, in_days: int | None) -> str:
    year = rng.randint(1968, 2002)
    if in_days is None:
        return date(year, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
    soon = today + timedelta(days=in_days)
    day = 28 if (soon.month, soon.day) == (2, 29) else soon.day  # born in a common year
    return date(year, soon.month, day).isoformat()


def _mobiles(rng: random.Random, count: int) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        mobile = rng.choice(PREFIXES) + f"{rng.randrange(10 ** 8):08d}"
        if mobile not in TAKEN and mobile not in found:
            found.append(mobile)
    found.reverse()  # popped from the end: the first drawn goes to the first story
    return found


def basket(rng: random.Random, big: bool) -> Items:
    """One to three catalogue items, coats and dresses more often for a big spender."""
    skus = ("A1001", "A1002", "B2001", "B2002", "C3001", "C3002", "D4001", "D4002", "E5001",
            "F6001", "F6002", "G7001")
    weights = (3, 2, 3, 5, 4, 3, 3, 4, 3, 5, 3, 2) if big else (1, 1, 3, 6, 4, 4, 2, 5, 3, 6,
                                                                  4, 3)
    picked = rng.choices(skus, weights, k=rng.choice((1, 1, 2, 2, 3)))
    lines: dict[str, int] = {}
    for sku in picked:
        lines[sku] = lines.get(sku, 0) + 1
    return tuple(lines.items())
