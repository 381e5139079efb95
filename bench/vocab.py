"""Words the generator draws from: Chinese names, mobiles, cities, and clothing product names."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from domain.catalog import ProductClass

# The commonest surnames, weighted roughly by how many people carry them.
SURNAMES = (
    ("王", 72), ("李", 71), ("张", 69), ("刘", 55), ("陈", 46), ("杨", 32), ("黄", 24),
    ("赵", 20), ("吴", 20), ("周", 19), ("徐", 15), ("孙", 15), ("马", 12), ("朱", 11),
    ("胡", 11), ("郭", 11), ("何", 10), ("林", 10), ("高", 10), ("罗", 10), ("郑", 9),
    ("梁", 9), ("谢", 7), ("宋", 7), ("唐", 7), ("许", 6), ("韩", 6), ("冯", 6), ("邓", 6),
    ("曹", 6), ("彭", 5), ("曾", 5), ("肖", 5), ("田", 5), ("董", 5), ("袁", 5), ("潘", 4),
    ("于", 4), ("蒋", 4), ("蔡", 4), ("余", 4), ("杜", 4), ("叶", 4), ("程", 4), ("苏", 3),
    ("魏", 3), ("吕", 3), ("丁", 3), ("任", 3), ("沈", 3), ("姚", 3), ("卢", 3), ("姜", 3),
    ("崔", 3), ("钟", 3), ("谭", 3), ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("欧阳", 1),
    ("司马", 1), ("上官", 1),
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彩春菊凤洁梅琳素云"
    "莲真环雪荣爱妹霞香月莺媛瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾"
    "颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希"
    "宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽浩宇轩然子涵梓萱一诺博文俊熙"
)

# Cities by the first four digits of their GB/T 2260 code (the card's region field); sorted so
# that card numbers of one region run together.
REGIONS = (
    "1101", "1201", "1301", "1401", "2101", "2102", "2201", "2301", "3101", "3201", "3202",
    "3205", "3301", "3302", "3401", "3501", "3502", "3601", "3701", "3702", "4101", "4201",
    "4301", "4401", "4403", "4419", "4501", "5001", "5101", "5201", "5301", "6101",
)
# Mainland mobile prefixes 13x–19x: the first digit after "1" is 3–9.
MOBILE_SPACE = 7 * 10**9

OCCUPATIONS = ("", "", "", "教师", "医生", "工程师", "公务员", "自由职业", "学生", "销售", "设计师")
INCOME_BANDS = ("", "", "", "<5k", "5k-10k", "10k-20k", "20k-50k", ">50k")
SOURCES = (("store", 70), ("wechat", 15), ("poster", 5), ("referral", 7), ("partner", 3))


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    items: tuple[str, ...]
    low_fen: int  # list prices are drawn between these (ending in 9 yuan, like a price tag)
    high_fen: int


CATEGORIES = (
    Category("外套", ("风衣", "羽绒服", "夹克", "大衣", "西装", "棉服", "皮衣"), 29900, 199900),
    Category("衬衫", ("衬衫", "雪纺衫", "牛津纺衬衫", "法式衬衫"), 12900, 59900),
    Category("T恤", ("T恤", "POLO衫", "背心", "打底衫"), 4900, 29900),
    Category("毛衫", ("针织衫", "开衫", "高领毛衣", "羊绒衫", "卫衣"), 15900, 99900),
    Category("裤子", ("牛仔裤", "休闲裤", "西裤", "阔腿裤", "运动裤", "短裤"), 9900, 49900),
    Category("裙子", ("连衣裙", "半身裙", "百褶裙", "吊带裙", "衬衫裙"), 12900, 69900),
    Category("配饰", ("丝巾", "皮带", "围巾", "帽子", "手套", "袜子", "领带"), 2900, 29900),
    Category("鞋履", ("运动鞋", "高跟鞋", "乐福鞋", "短靴", "帆布鞋"), 19900, 129900),
    Category("包袋", ("双肩包", "手提包", "斜挎包", "钱包"), 9900, 159900),
)
COLOURS = ("黑色", "白色", "藏青", "卡其", "酒红", "米白", "灰色", "粉色", "墨绿", "驼色",
           "雾蓝", "杏色")
MATERIALS = ("纯棉", "真丝", "羊毛", "羊绒", "亚麻", "牛仔", "涤纶", "天丝", "灯芯绒", "皮质")
STYLES = ("修身", "宽松", "复古", "休闲", "商务", "韩版", "中长款", "短款", "经典", "通勤")
SIZES = ("XS", "S", "M", "L", "XL", "XXL", "均码")

# Share of the catalogue in each class: mostly regular-price goods, as in a clothing chain.
CLASS_WEIGHTS = (
    (ProductClass.REGULAR, 70), (ProductClass.SPECIAL, 15), (ProductClass.NEW, 8),
    (ProductClass.GROUP_BUY, 2), (ProductClass.NO_DISCOUNT, 3), (ProductClass.NO_POINTS, 2),
)


def weighted(pairs: Sequence[tuple[object, int]]) -> tuple[list[object], list[int]]:
    """Split (value, weight) pairs for `random.choices`; cumulative weights make it faster."""
    values = [v for v, _ in pairs]
    cumulative: list[int] = []
    total = 0
    for _, weight in pairs:
        total += weight
        cumulative.append(total)
    return values, cumulative


_SURNAMES, _SURNAME_CUM = weighted(SURNAMES)


def chinese_name(rng: random.Random) -> str:
    """A surname and one or two given-name characters (two in about 70 % of names)."""
    surname = rng.choices(_SURNAMES, cum_weights=_SURNAME_CUM)[0]
    size = 2 if rng.random() < 0.7 else 1
    return f"{surname}{''.join(rng.choices(GIVEN, k=size))}"


def mobiles(rng: random.Random, count: int) -> list[str]:
    """`count` distinct mainland mobile numbers (1[3-9] + 9 digits) in random order."""
    if count > MOBILE_SPACE:
        raise ValueError(f"only {MOBILE_SPACE} mobile numbers exist")
    return [f"1{3 + n // 10**9}{n % 10**9:09d}" for n in rng.sample(range(MOBILE_SPACE), count)]


def ean13(body12: str) -> str:
    """An EAN-13 barcode: the 12 digits plus their check digit (weights 1, 3 from the left)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str(-total % 10)


def price_tag(rng: random.Random, low_fen: int, high_fen: int) -> int:
    """A list price ending in 9 yuan (￥129.00, ￥599.00), skewed towards the cheap end."""
    span = (high_fen - low_fen) // 1000
    step = int(span * rng.random() ** 2)
    return low_fen + step * 1000
