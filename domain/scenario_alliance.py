"""The alliance part of the `kaika simulate` format: merchants, their stores, agreements, and
which store each step happens at (docs/simulate.md, "Alliances")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.alliance import Agreement, AgreementError, parse_agreements

Problem = tuple[str, str]  # (json path, code)
KEYS = ("merchants", "stores", "agreements")
ALLIANCE_STEPS = ("close_period",)
# Steps that act on a member's record: only at the store that holds it (docs/simulate.md).
_OWN_MEMBER_STEPS = ("topup", "bonus", "adjust", "voucher", "gift", "close_wallet")


@dataclass(frozen=True)
class AllianceSetup:
    """Merchants (code → card brand, name), stores (code → merchant) in the order given,
    the agreements between them, and each member ref's merchant."""

    merchants: dict[str, dict[str, str]]
    stores: dict[str, str]
    agreements: list[Agreement]
    member_home: dict[str, str]  # member ref -> the store that holds the member

    def home_store(self, merchant: str) -> str:
        """Where a merchant's seeded members are kept: its first store."""
        return next(code for code, owner in self.stores.items() if owner == merchant)

    def first_store(self) -> str:
        return next(iter(self.stores))


def uses_alliance(data: dict[str, Any]) -> bool:
    return any(key in data for key in KEYS)


def check(data: dict[str, Any]) -> list[Problem]:
    """Every problem of the alliance keys and of the steps' stores, by JSON path."""
    problems: list[Problem] = []
    for key in ("merchants", "stores"):
        if key not in data:
            problems.append((f"$.{key}", "missing"))
    if problems:
        return problems
    merchants = _merchants(data["merchants"], problems)
    stores = _stores(data["stores"], merchants, problems)
    if "agreements" in data:
        try:
            for found in parse_agreements({"agreements": data["agreements"]}):
                _known(found, merchants, data["agreements"], problems)
        except AgreementError as err:
            problems += [(p.path, p.code) for p in err.problems]
    for code in merchants:
        if code not in stores.values():
            problems.append(("$.merchants", f"merchant_without_store:{code}"))
    return problems + _members(data, merchants)


def _merchants(value: Any, problems: list[Problem]) -> set[str]:
    found: set[str] = set()
    if not isinstance(value, list) or not value:
        problems.append(("$.merchants", "not_array" if not isinstance(value, list) else "empty"))
        return found
    for i, item in enumerate(value):
        path = f"$.merchants[{i}]"
        if not isinstance(item, dict) or set(item) - {"code", "brand", "name"}:
            problems.append((path, "not_object:code,brand[,name]"))
            continue
        code, brand = item.get("code"), item.get("brand")
        if not isinstance(code, str) or not code.strip() or len(code) > 16:
            problems.append((f"{path}.code", "not_merchant_code"))
        elif code in found:
            problems.append((f"{path}.code", "duplicate_code"))
        else:
            found.add(code)
        if not (isinstance(brand, str) and len(brand) == 2 and brand.isascii()
                and brand.isdigit()):
            problems.append((f"{path}.brand", "not_card_brand:2_digits"))
    brands = [m.get("brand") for m in value if isinstance(m, dict)]
    for i, brand in enumerate(brands):
        if brand in brands[:i]:
            problems.append((f"$.merchants[{i}].brand", "duplicate_brand"))
    return found


def _stores(value: Any, merchants: set[str], problems: list[Problem]) -> dict[str, str]:
    found: dict[str, str] = {}
    if not isinstance(value, list) or not value:
        problems.append(("$.stores", "not_array" if not isinstance(value, list) else "empty"))
        return found
    for i, item in enumerate(value):
        path = f"$.stores[{i}]"
        if not isinstance(item, dict) or set(item) != {"code", "merchant"}:
            problems.append((path, "not_object:code,merchant"))
            continue
        code, merchant = item["code"], item["merchant"]
        if not isinstance(code, str) or not code.strip():
            problems.append((f"{path}.code", "not_string"))
        elif code in found:
            problems.append((f"{path}.code", "duplicate_code"))
        elif merchant not in merchants:
            problems.append((f"{path}.merchant", "unknown_merchant"))
        else:
            found[code] = merchant
    return found


def _known(found: Agreement, merchants: set[str], rows: list[Any],
           problems: list[Problem]) -> None:
    index = next(i for i, row in enumerate(rows)
                 if row.get("issuer") == found.issuer and row.get("partner") == found.partner
                 and row.get("starts_on") == found.starts_on.isoformat())
    for key in ("issuer", "partner"):
        if getattr(found, key) not in merchants:
            problems.append((f"$.agreements[{index}].{key}", "unknown_merchant"))


def _members(data: dict[str, Any], merchants: set[str]) -> list[Problem]:
    return [(f"$.members[{i}].merchant", "unknown_merchant")
            for i, seed in enumerate(data.get("members", []))
            if isinstance(seed, dict) and "merchant" in seed and seed["merchant"] not in merchants]


def setup(data: dict[str, Any]) -> AllianceSetup:
    """The checked alliance keys, and the store holding each member ref (seeded: the first
    store of their `merchant`, else of the first merchant; registered: the step's store)."""
    merchants = {m["code"]: {"brand": m["brand"], "name": m.get("name", m["code"])}
                 for m in data["merchants"]}
    stores = {s["code"]: s["merchant"] for s in data["stores"]}
    homes: dict[str, str] = {}
    found = AllianceSetup(merchants, stores, parse_agreements(
        {"agreements": data["agreements"]}) if data.get("agreements") else [], homes)
    first = next(iter(merchants))
    for seed in data.get("members", []):
        homes[seed["ref"]] = found.home_store(seed.get("merchant", first))
    for step in data["steps"]:
        if step["do"] == "register" and "ref" in step:
            homes[step["ref"]] = step.get("store", found.first_store())
    return found


def check_steps(data: dict[str, Any], found: AllianceSetup) -> list[Problem]:
    """Each step's store is one of the scenario's; a return is at its sale's store; a step on
    a member's record (a top-up, a bonus…) is at the store that holds the member."""
    problems: list[Problem] = []
    steps = data["steps"]
    for i, step in enumerate(steps):
        path = f"$.steps[{i}]"
        store = step.get("store", found.first_store())
        if store not in found.stores:
            problems.append((f"{path}.store", "unknown_store"))
            continue
        if step["do"] == "return" and isinstance(step.get("sale_step"), int):
            sold_at = steps[step["sale_step"]].get("store", found.first_store())
            if store != sold_at:
                problems.append((f"{path}.store", f"not_the_sale_store:{sold_at}"))
        home = found.member_home.get(step.get("member", ""), "")
        if home in found.stores and store != home and (
                step["do"] in _OWN_MEMBER_STEPS or found.stores[home] == found.stores[store]):
            problems.append((f"{path}.store", f"not_the_members_store:{home}"))
        if step["do"] == "close_period" and "period" not in step:
            problems.append((f"{path}.period", "missing"))
    return problems
