"""The `kaika simulate` scenario format: parsed and checked before anything runs.

Every problem is reported with the JSON path of the offending value (``$.steps[2].lines[0].qty``),
all at once, so a manager fixing a file sees the whole list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

Problem = tuple[str, str]  # (json path, code)

STEP_KINDS = ("sale", "return", "register", "topup", "bonus", "adjust", "voucher",
              "close_wallet", "close_day")
TENDER_TYPES = ("cash", "bank_card", "mobile", "wallet", "points")


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
        if not isinstance(value, str) or not value:
            self.bad(path, "not_string")

    def text(self, value: Any, path: str) -> None:
        if not isinstance(value, str):
            self.bad(path, "not_string")

    def boolean(self, value: Any, path: str) -> None:
        if not isinstance(value, bool):
            self.bad(path, "not_boolean")

    def integer(self, minimum: int | None = None) -> Callable[[Any, str], None]:
        def check(value: Any, path: str) -> None:
            if not isinstance(value, int) or isinstance(value, bool):
                self.bad(path, "not_integer")
            elif minimum is not None and value < minimum:
                self.bad(path, "too_small")
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
        def check(value: Any, path: str) -> None:
            if value not in choices:
                self.bad(path, "not_one_of:" + "|".join(choices))
        return check


def _catalog_item(c: _Checker) -> Callable[[Any, str], None]:
    return lambda v, p: c.obj(v, p, {"sku": c.string, "price_fen": c.integer(0)}, {
        "name": c.text, "class": c.string, "category": c.text, "barcode": c.string,
        "campaign_price_fen": c.integer(0)})


def _member_seed(c: _Checker) -> Callable[[Any, str], None]:
    lot = lambda v, p: c.obj(v, p, {"earned_on": c.day, "points": c.integer(0)}, {})  # noqa: E731
    wallet = lambda v, p: c.obj(v, p, {}, {  # noqa: E731
        "principal_fen": c.integer(0), "bonus_fen": c.integer(0)})
    spend = lambda v, p: c.obj(v, p, {"on": c.day, "amount_fen": c.integer(0)}, {})  # noqa: E731
    return lambda v, p: c.obj(v, p, {"ref": c.string, "name": c.string, "mobile": c.string}, {
        "birthday": c.birthday, "tier": c.string, "tier_since": c.day, "joined": c.day,
        "points_lots": c.array(lot), "wallet": wallet, "spend_history": c.array(spend),
        "card": c.string, "gender": c.text, "id_number": c.string})


def _coupon_seed(c: _Checker) -> Callable[[Any, str], None]:
    return lambda v, p: c.obj(v, p, {"ref": c.string, "kind": c.one_of(("cash", "percent"))}, {
        "member": c.string, "amount_fen": c.integer(0), "percent": c.string,
        "min_spend_fen": c.integer(0), "stackable": c.boolean, "valid_from": c.day,
        "valid_to": c.day, "classes": c.array(c.string)})


def _tender(c: _Checker) -> Callable[[Any, str], None]:
    return lambda v, p: c.obj(v, p, {"type": c.one_of(TENDER_TYPES)}, {
        "points": c.integer(1), "amount_fen": c.integer(1), "given_fen": c.integer(0),
        "reference": c.string, "pin_ok": c.boolean})


def _step(c: _Checker) -> Callable[[Any, str], None]:
    line = lambda v, p: c.obj(v, p, {"sku": c.string, "qty": c.integer(1)}, {})  # noqa: E731
    common = {"at": c.instant, "do": c.one_of(STEP_KINDS)}
    optional: dict[str, Callable[[Any, str], None]] = {
        "member": c.string, "lines": c.array(line), "coupons": c.array(c.string),
        "tenders": c.array(_tender(c)), "sale_step": c.integer(0), "with_receipt": c.boolean,
        "ref": c.string, "name": c.string, "mobile": c.string, "referrer": c.string,
        "birthday": c.birthday, "amount_fen": c.integer(1), "points": c.integer(),
        "reason": c.string, "card": c.string, "manager_ok": c.boolean,
        "manual_discount_fen": c.integer(0)}
    return lambda v, p: c.obj(v, p, common, optional)


def parse_scenario(data: Any) -> Scenario:
    """Check a decoded JSON scenario; raise ScenarioError listing every problem."""
    c = _Checker()
    c.obj(data, "$", {"steps": c.array(_step(c))}, {
        "rulepack": c.string, "catalog": c.array(_catalog_item(c)),
        "members": c.array(_member_seed(c)), "coupons": c.array(_coupon_seed(c)),
        "store": lambda v, p: c.obj(v, p, {}, {"tz": c.string, "day_close_hour": c.integer(0),
                                               "region_code": c.string, "name": c.string}),
        "description": c.text})
    if not c.problems:
        _check_references(data, c)
    if c.problems:
        raise ScenarioError(c.problems)
    return Scenario(rulepack=data.get("rulepack", "fashion"), catalog=data.get("catalog", []),
                    members=data.get("members", []), coupons=data.get("coupons", []),
                    steps=data["steps"], store=data.get("store", {}))


def _check_references(data: dict[str, Any], c: _Checker) -> None:
    """Refs used by steps must be declared earlier: members, coupons, skus, sale steps."""
    skus = {item["sku"] for item in data.get("catalog", [])}
    members = {m["ref"] for m in data.get("members", [])}
    coupons = {k["ref"] for k in data.get("coupons", [])}
    for i, coupon in enumerate(data.get("coupons", [])):
        if "member" in coupon and coupon["member"] not in members:
            c.bad(f"$.coupons[{i}].member", "unknown_member")
    for i, step in enumerate(data["steps"]):
        path = f"$.steps[{i}]"
        if step["do"] == "register" and "ref" in step:
            if step["ref"] in members:
                c.bad(f"{path}.ref", "duplicate_ref")
            members.add(step["ref"])
        for key in ("member", "referrer"):
            if key in step and step[key] not in members:
                c.bad(f"{path}.{key}", "unknown_member")
        for j, line in enumerate(step.get("lines", [])):
            if line["sku"] not in skus:
                c.bad(f"{path}.lines[{j}].sku", "unknown_sku")
        for j, ref in enumerate(step.get("coupons", [])):
            if ref not in coupons:
                c.bad(f"{path}.coupons[{j}]", "unknown_coupon")
        _check_step_shape(step, path, i, data["steps"], c)


def _check_step_shape(step: dict[str, Any], path: str, index: int,
                      steps: list[dict[str, Any]], c: _Checker) -> None:
    kind = step["do"]
    needs = {"sale": ("lines",), "return": ("sale_step",), "register": ("ref", "name", "mobile"),
             "topup": ("member", "amount_fen"), "bonus": ("member", "reason"),
             "adjust": ("member", "points", "reason"), "voucher": ("member", "points"),
             "close_wallet": ("member",), "close_day": ()}[kind]
    for key in needs:
        if key not in step:
            c.bad(f"{path}.{key}", "missing")
    if kind == "return" and "sale_step" in step:
        target = step["sale_step"]
        if target >= index or steps[target]["do"] != "sale":
            c.bad(f"{path}.sale_step", "not_an_earlier_sale")
