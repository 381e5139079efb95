"""A member file as an old system exports it, drawn from the generator's vocabulary."""

from __future__ import annotations

import csv
import io
import random
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta

from bench.vocab import MOBILE_SPACE, REGIONS, chinese_name
from domain.cards import make_card_number

HEADER = ("姓名", "手机", "性别", "生日", "积分", "储值余额", "赠送余额", "卡号", "会员等级",
          "入会日期")
# The generated store numbers its cards from serial 1 per region; an old system's cards are
# taken from a range it never reaches (32 regions x 40,000 serials).
FIRST_SERIAL = 60_000
TIERS = (("普通会员", 80), ("银卡会员", 14), ("金卡会员", 5), ("钻石会员", 1))


def taken_mobiles(db: sqlite3.Connection) -> set[str]:
    return {str(r[0]) for r in db.execute("SELECT mobile FROM members")}


def member_rows(rng: random.Random, count: int, taken: set[str], tiers: tuple[str, ...],
                today: date) -> Iterator[tuple[str, ...]]:
    """`count` rows with mobiles not in `taken` and cards no generated member holds."""
    weights = [w for _, w in TIERS][:len(tiers)]
    seen = set(taken)
    for index in range(count):
        mobile = _fresh_mobile(rng, seen)
        joined = today - timedelta(days=rng.randint(30, 3650))
        birthday = (f"{rng.randint(1955, 2006)}-{rng.randint(1, 12):02d}-"
                    f"{rng.randint(1, 28):02d}" if rng.random() < 0.8 else "")
        card = (make_card_number("13", "0", REGIONS[index % len(REGIONS)],
                                 FIRST_SERIAL + index // len(REGIONS))
                if rng.random() < 0.9 else "")
        points = str(rng.randint(0, 20_000)) if rng.random() < 0.85 else ""
        wallet = f"{rng.randint(0, 200_000) / 100:.2f}" if rng.random() < 0.3 else ""
        bonus = str(rng.randint(0, 200)) if wallet and rng.random() < 0.5 else ""
        yield (chinese_name(rng), mobile, rng.choice(("男", "女", "女", "")), birthday,
               points, wallet, bonus, card, rng.choices(tiers, weights=weights)[0],
               joined.isoformat())


def _fresh_mobile(rng: random.Random, seen: set[str]) -> str:
    while True:
        n = rng.randrange(MOBILE_SPACE)
        mobile = f"1{3 + n // 10**9}{n % 10**9:09d}"
        if mobile not in seen:
            seen.add(mobile)
            return mobile


def csv_bytes(rows: Iterator[tuple[str, ...]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")
