"""The `kaika simulate` scenario format: parsed and checked before anything runs.

Every problem is reported with the JSON path of the offending value (``$.steps[2].lines[0].qty``),
all at once, so a manager fixing a file sees the whole list.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from domain import reasons
from domain import scenario_alliance as alliance
from domain.catalog import ProductClass
from domain.scenario_alliance import AllianceSetup

Problem = tuple[str, str]  # (json path, code)

STEP_KINDS = ("sale", "return", "register", "topup", "bonus", "adjust", "voucher",
              "gift", "close_wallet", "close_day", *alliance.ALLIANCE_STEPS)
TENDER_TYPES = ("cash", "bank_card", "mobile", "wallet", "points")
CLASSES = tuple(c.value for c in ProductClass)
BONUS_REASONS = reasons.BONUS_REASONS
# Ceilings well above any till's figures and far below SQLite's 64-bit integers, so that a
# price times a quantity, or a year of points, can never overflow a column.
MAX_FEN = 10_000_000_000  # ¥100 million
MAX_QTY = 9_999
MAX_POINTS = 1_000_000_000
MAX_TEXT = 1_000


class ScenarioError(Exception):
    """A malformed scenario: `problems` lists (json path, code)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in scenario")
        self.problems = problems


@dataclass(frozen=True)
class Scenario:
    rulepack: str
    catalog: list[dict[str, Any]]
    members: list[dict[str, Any]]
    coupons: list[dict[str, Any]]
    steps: list[dict[str, Any]]
    store: dict[str, Any] = field(default_factory=dict)
    gifts: list[dict[str, Any]] = field(default_factory=list)
    alliance: AllianceSetup | None = None  # merchants, stores, agreements (docs/simulate.md)


class _Checker:
    """Walks the JSON once, collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def bad(self, path: str, code: str) -> None:
        self.problems.append((path, code))

    def obj(self, value: Any, path: str, required: dict[str, Callable[[Any, str], None]],
            optional: dict[str, Callable[[Any, str], None]]) -> None:
        if not isinstance(value, dict):
            self.bad(path, "not_object")
            return
        for key in value:
            if key not in required and key not in optional:
                self.bad(f"{path}.{key}", "unknown_key")
        for key, check in required.items():
            if key not in value:
                self.bad(f"{path}.{key}", "missing")
            else:
                check(value[key], f"{path}.{key}")
        for key, check in optional.items():
            if key in value:
                check(value[key], f"{path}.{key}")

    def array(self, item: Callable[[Any, str], None]) -> Callable[[Any, str], None]:
        def check(value: Any, path: str) -> None:
            if not isinstance(value, list):
                self.bad(path, "not_array")
                return
            for i, element in enumerate(value):
                item(element, f"{path}[{i}]")
        return check

    def string(self, value: Any, path: str) -> None:
        if not isinstance(value, str) or not value.strip():
            self.bad(path, "not_string")
        else:
            self._length(value, path)

    def text(self, value: Any, path: str) -> None:
        if not isinstance(value, str):
            self.bad(path, "not_string")
        else:
            self._length(value, path)

    def _length(self, value: str, path: str) -> None:
        if len(value) > MAX_TEXT:
            self.bad(path, f"too_long:max={MAX_TEXT}")
        elif "\x00" in value:
            self.bad(path, "control_character")

    def boolean(self, value: Any, path: str) -> None:
        if not isinstance(value, bool):
            self.bad(path, "not_boolean")

    def integer(self, minimum: int | None = None,
                maximum: int = MAX_FEN) -> Callable[[Any, str], None]:
        def check(value: Any, path: str) -> None:
            if not isinstance(value, int) or isinstance(value, bool):
                self.bad(path, "not_integer")
            elif minimum is not None and value < minimum:
                self.bad(path, f"too_small:min={minimum}")
            elif abs(value) > maximum:
                self.bad(path, f"too_large:max={maximum}")
        return check

    def day(self, value: Any, path: str) -> None:
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            self.bad(path, "not_date")

    def birthday(self, value: Any, path: str) -> None:
        """A full date or a month-day "--03-08" (the year is optional on the form)."""
        if isinstance(value, str) and value.startswith("--"):
            try:
                date.fromisoformat("2000" + value[1:])
                return
            except ValueError:
                pass
        self.day(value, path)

    def instant(self, value: Any, path: str) -> None:
        try:
            parsed = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            self.bad(path, "not_datetime")
            return
        if parsed.tzinfo is None:
            self.bad(path, "datetime_without_zone")

    def one_of(self, choices: tuple[str, ...]) -> Callable[[Any, str], None]:
        """A documented token; a hyphen is accepted for the underscore (`group-buy`)."""
        def check(value: Any, path: str) -> None:
            if token(value) not in choices:
                self.bad(path, "not_one_of:" + "|".join(choices))
        return check

    def rate(self, value: Any, path: str) -> None:
        """A percent coupon's rate paid, a decimal string: 0 < rate ≤ 1 ("0.9" = 10 % off)."""
        try:
            number = Decimal(value) if isinstance(value, str) else None
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or not 0 < number <= 1:
            self.bad(path, "not_rate:0<rate<=1")

    def region(self, value: Any, path: str) -> None:
        """The first four digits of the GB/T 2260 city code (card numbers carry them)."""
        if not (isinstance(value, str) and len(value) == 4 and value.isascii()
                and value.isdigit()):
            self.bad(path, "not_region_code:4_digits")

    def zone(self, value: Any, path: str) -> None:
        try:
            ZoneInfo(value)
        except (TypeError, ValueError, KeyError, OSError):
            self.bad(path, "unknown_zone")


def token(value: Any) -> Any:
    """`group-buy` and `group_buy` are the same token (DOMAIN §6)."""
    return value.strip().replace("-", "_") if isinstance(value, str) else value


def _catalog_item(c: _Checker) -> Callable[[Any, str], None]:
    return lambda v, p: c.obj(v, p, {"sku": c.string, "price_fen": c.integer(0)}, {
        "name": c.text, "class": c.one_of(CLASSES), "category": c.text, "barcode": c.string,
        "campaign_price_fen": c.integer(0)})


def _member_seed(c: _Checker) -> Callable[[Any, str], None]:
    lot = lambda v, p: c.obj(v, p, {"earned_on": c.day,  # noqa: E731
                                    "points": c.integer(0, MAX_POINTS)}, {})
    wallet = lambda v, p: c.obj(v, p, {}, {  # noqa: E731
        "principal_fen": c.integer(0), "bonus_fen": c.integer(0)})
    spend = lambda v, p: c.obj(v, p, {"on": c.day, "amount_fen": c.integer(0)}, {})  # noqa: E731
    return lambda v, p: c.obj(v, p, {"ref": c.string, "name": c.string, "mobile": c.string}, {
        "birthday": c.birthday, "tier": c.string, "tier_since": c.day, "joined": c.day,
        "points_lots": c.array(lot), "wallet": wallet, "spend_history": c.array(spend),
        "card": c.string, "gender": c.text, "id_number": c.string, "merchant": c.string,
        "consent_alliance": c.boolean})


def _gift_seed(c: _Checker) -> Callable[[Any, str], None]:
    return lambda v, p: c.obj(v, p, {"code": c.string, "name": c.string,
                                     "cost_fen": c.integer(0), "stock": c.integer(0)},
                              {"points_price": c.integer(1, MAX_POINTS)})


def _coupon_seed(c: _Checker) -> Callable[[Any, str], None]:
    return lambda v, p: c.obj(v, p, {"ref": c.string, "kind": c.one_of(("cash", "percent"))}, {
        "member": c.string, "amount_fen": c.integer(1), "percent": c.rate,
        "min_spend_fen": c.integer(0), "stackable": c.boolean, "valid_from": c.day,
        "valid_to": c.day, "classes": c.array(c.one_of(CLASSES))})


def _tender(c: _Checker) -> Callable[[Any, str], None]:
    return lambda v, p: c.obj(v, p, {"type": c.one_of(TENDER_TYPES)}, {
        "points": c.integer(1, MAX_POINTS), "amount_fen": c.integer(1),
        "given_fen": c.integer(0),
        "reference": c.string, "pin_ok": c.boolean})


def _step(c: _Checker) -> Callable[[Any, str], None]:
    line = lambda v, p: c.obj(v, p, {"sku": c.string,  # noqa: E731
                                     "qty": c.integer(1, MAX_QTY)}, {})
    common = {"at": c.instant, "do": c.one_of(STEP_KINDS)}
    optional: dict[str, Callable[[Any, str], None]] = {
        "member": c.string, "lines": c.array(line), "coupons": c.array(c.string),
        "tenders": c.array(_tender(c)), "sale_step": c.integer(0), "with_receipt": c.boolean,
        "ref": c.string, "name": c.string, "mobile": c.string, "referrer": c.string,
        "birthday": c.birthday, "amount_fen": c.integer(1),
        "points": c.integer(None, MAX_POINTS), "reason": c.string, "card": c.string,
        "manager_ok": c.boolean, "gift": c.string,
        "manual_discount_fen": c.integer(0),
        "presented": c.one_of(("swipe", "scan", "typed", "mobile")),
        "store": c.string, "period": _period(c), "consent_alliance": c.boolean}
    return lambda v, p: c.obj(v, p, common, optional)


def parse_scenario(data: Any) -> Scenario:
    """Check a decoded JSON scenario; raise ScenarioError listing every problem.

    Tokens spelt with a hyphen (`group-buy`) come back with the underscore."""
    c = _Checker()
    c.obj(data, "$", {"steps": c.array(_step(c))}, {
        "rulepack": c.string, "catalog": c.array(_catalog_item(c)),
        "members": c.array(_member_seed(c)), "coupons": c.array(_coupon_seed(c)),
        "gifts": c.array(_gift_seed(c)), "store": lambda v, p: c.obj(v, p, {}, {"tz": c.zone,
                                               "day_close_hour": c.integer(0, 23),
                                               "region_code": c.region, "name": c.string}),
        "description": c.text, "note": _note(c), **{key: _any for key in alliance.KEYS}})
    if not c.problems:
        _check_seeds(data, c)
        _check_references(data, c)
    if not c.problems and alliance.uses_alliance(data):
        c.problems += alliance.check(data)
        if not c.problems:
            c.problems += alliance.check_steps(_normalised(data), alliance.setup(
                _normalised(data)))
    if c.problems:
        raise ScenarioError(c.problems)
    data = _normalised(data)
    return Scenario(rulepack=data.get("rulepack", "fashion"), catalog=data.get("catalog", []),
                    members=data.get("members", []), coupons=data.get("coupons", []),
                    steps=data["steps"], store=data.get("store", {}),
                    gifts=data.get("gifts", []),
                    alliance=alliance.setup(data) if alliance.uses_alliance(data) else None)


def _note(c: _Checker) -> Callable[[Any, str], None]:
    """The figures worked by hand: a text, or a list of texts (one a step) for a long one."""
    return lambda v, p: c.array(c.text)(v, p) if isinstance(v, list) else c.text(v, p)


def _any(value: Any, path: str) -> None:
    """Checked whole by domain/scenario_alliance.py once the rest is sound."""


def _period(c: _Checker) -> Callable[[Any, str], None]:
    def check(value: Any, path: str) -> None:
        if not (isinstance(value, str) and len(value) == 7 and value[4] == "-"
                and value[:4].isdigit() and value[5:].isdigit() and 1 <= int(value[5:]) <= 12):
            c.bad(path, "not_period:YYYY-MM")
    return check


def check_against_pack(scenario: Scenario, tiers: Sequence[str]) -> list[Problem]:
    """What only the rule pack the run uses can tell: the seeded members' tiers."""
    return [(f"$.members[{i}].tier", "not_one_of:" + "|".join(tiers))
            for i, seed in enumerate(scenario.members)
            if "tier" in seed and seed["tier"] not in tiers]


def _normalised(data: dict[str, Any]) -> dict[str, Any]:
    """A copy with every token in its underscore spelling."""
    out = copy.deepcopy(data)
    for item in out.get("catalog", []):
        if "class" in item:
            item["class"] = token(item["class"])
    for coupon in out.get("coupons", []):
        coupon["kind"] = token(coupon["kind"])
        if "classes" in coupon:
            coupon["classes"] = [token(name) for name in coupon["classes"]]
    for step in out["steps"]:
        step["do"] = token(step["do"])
        if step["do"] == "bonus" and "reason" in step:
            step["reason"] = token(step["reason"])
        for tender in step.get("tenders", []):
            tender["type"] = token(tender["type"])
    return out


def _check_seeds(data: dict[str, Any], c: _Checker) -> None:
    """The same SKU, barcode, ref or mobile twice would let one silently replace the other."""
    for key, fields in (("catalog", ("sku", "barcode")), ("members", ("ref", "mobile")),
                        ("coupons", ("ref",)), ("gifts", ("code",))):
        for name in fields:
            seen: set[str] = set()
            for i, item in enumerate(data.get(key, [])):
                value = item.get(name)
                if value is not None and value in seen:
                    c.bad(f"$.{key}[{i}].{name}", f"duplicate_{'ref' if name == 'ref' else name}")
                seen.add(value)
    for i, coupon in enumerate(data.get("coupons", [])):
        needed = {"cash": "amount_fen", "percent": "percent"}[token(coupon["kind"])]
        if needed not in coupon:
            c.bad(f"$.coupons[{i}].{needed}", "missing")
        if "valid_from" in coupon and "valid_to" in coupon and (
                date.fromisoformat(coupon["valid_to"]) < date.fromisoformat(coupon["valid_from"])):
            c.bad(f"$.coupons[{i}].valid_to", "before_valid_from")
    for i, item in enumerate(data.get("catalog", [])):
        if item.get("campaign_price_fen", 0) > item["price_fen"]:
            c.bad(f"$.catalog[{i}].campaign_price_fen", "above_price_fen")


def _check_references(data: dict[str, Any], c: _Checker) -> None:
    """Refs used by steps must be declared earlier: members, coupons, skus, sale steps."""
    skus = {item["sku"] for item in data.get("catalog", [])}
    members = {m["ref"] for m in data.get("members", [])}
    coupons = {k["ref"] for k in data.get("coupons", [])}
    gifts = {g["code"] for g in data.get("gifts", [])}
    for i, coupon in enumerate(data.get("coupons", [])):
        if "member" in coupon and coupon["member"] not in members:
            c.bad(f"$.coupons[{i}].member", "unknown_member")
    for i, step in enumerate(data["steps"]):
        path = f"$.steps[{i}]"
        if token(step["do"]) == "register" and "ref" in step:
            if step["ref"] in members:
                c.bad(f"{path}.ref", "duplicate_ref")
            members.add(step["ref"])
        for key in ("member", "referrer"):
            if key in step and step[key] not in members:
                c.bad(f"{path}.{key}", "unknown_member")
        for j, line in enumerate(step.get("lines", [])):
            if line["sku"] not in skus:
                c.bad(f"{path}.lines[{j}].sku", "unknown_sku")
        if "gift" in step and step["gift"] not in gifts:
            c.bad(f"{path}.gift", "unknown_gift")
        for j, ref in enumerate(step.get("coupons", [])):
            if ref not in coupons:
                c.bad(f"{path}.coupons[{j}]", "unknown_coupon")
        if token(step["do"]) == "close_period" and not alliance.uses_alliance(data):
            c.bad(f"{path}.do", "needs_merchants")
        _check_step_shape(step, path, i, data["steps"], c)


def _check_step_shape(step: dict[str, Any], path: str, index: int,
                      steps: list[dict[str, Any]], c: _Checker) -> None:
    kind = token(step["do"])
    needs = {"sale": ("lines",), "return": ("sale_step",), "register": ("ref", "name", "mobile"),
             "topup": ("member", "amount_fen"), "bonus": ("member", "reason"),
             "adjust": ("member", "points", "reason"), "voucher": ("member", "points"),
             "gift": ("member", "gift"),
             "close_wallet": ("member",), "close_day": (), "close_period": ("period",)}[kind]
    for key in needs:
        if key not in step:
            c.bad(f"{path}.{key}", "missing")
    if kind == "return" and "sale_step" in step:
        target = step["sale_step"]
        if target >= index or token(steps[target]["do"]) != "sale":
            c.bad(f"{path}.sale_step", "not_an_earlier_sale")
    if kind == "return" and step.get("with_receipt") is False and "lines" not in step:
        c.bad(f"{path}.lines", "missing")  # without a receipt there is no "everything left"
    if kind == "bonus" and "reason" in step:
        c.one_of(BONUS_REASONS)(step["reason"], f"{path}.reason")
    if kind == "sale" and not step.get("lines", [None]):
        c.bad(f"{path}.lines", "empty")
