"""The manager's rule packs: validate a pack file, try it on a scenario, switch the store to it.

A trial never touches the live store: it runs the same scenario twice, once under the pack in
force and once under the candidate, each on its own throw-away copy of the store database
(the `Sandbox` the composition root provides), and compares what the member got.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from domain.clock import FixedClock
from domain.errors import DomainError
from domain.inputs import InputError, read_json
from domain.packload import load_pack, pack_names
from domain.records import Staff
from domain.rulepack import RulePack
from domain.scenario import Scenario, ScenarioError, parse_scenario
from domain.services.context import ServiceContext, audit
from domain.services.guard import guard
from domain.services.simulate import simulate

# A throw-away copy of the store database wired to `pack`, on `clock`, gone when exited.
Sandbox = Callable[[RulePack, FixedClock], AbstractContextManager[ServiceContext]]
SCENARIO_DIR = Path(__file__).resolve().parents[2] / "resources" / "scenarios"


@dataclass(frozen=True, slots=True)
class StepOutcome:
    """What one scenario step gave the member under one pack."""

    index: int
    kind: str  # sale | return | topup | ...
    member: str  # the scenario's member ref
    due_fen: int | None  # what the customer paid (sales and returns)
    discount_fen: int  # every discount and coupon on the sale
    points: int  # points earned (or taken back, bonus, adjusted) at this step
    bonus_fen: int  # wallet top-up bonus
    tier: str  # the member's tier after the step
    error: str | None  # the refusal code when the rules refused the step


@dataclass(frozen=True, slots=True)
class TrialRun:
    pack_name: str
    pack_title: str
    steps: tuple[StepOutcome, ...]

    @property
    def paid_fen(self) -> int:
        return sum(s.due_fen or 0 for s in self.steps)

    @property
    def discount_fen(self) -> int:
        return sum(s.discount_fen for s in self.steps)

    @property
    def points(self) -> int:
        return sum(s.points for s in self.steps)

    @property
    def bonus_fen(self) -> int:
        return sum(s.bonus_fen for s in self.steps)

    @property
    def final_tier(self) -> str:
        return self.steps[-1].tier if self.steps else ""


@dataclass(frozen=True, slots=True)
class Trial:
    """The same scenario under the pack in force and under the candidate."""

    current: TrialRun
    candidate: TrialRun


def check_pack(path: str | Path) -> RulePack:
    """Read and validate a pack file (or a shipped pack by name).

    Raises:
        RulePackError: ``rulepack.invalid`` with file, key and problem; ``rulepack.not_found``.
    """
    return load_pack(path if isinstance(path, Path) or path in pack_names() else Path(path))


def bundled_scenarios() -> list[Path]:
    """Scenario files shipped with Kaika for trying packs (resources/scenarios)."""
    return sorted(SCENARIO_DIR.glob("*.json"))


def load_scenario(path: Path) -> Scenario:
    """A scenario file, checked before anything runs.

    Raises:
        DomainError: ``rules.scenario_invalid`` with file, path (the JSON path) and problem.
    """
    try:
        data = read_json(path)
    except InputError:
        raise DomainError("rules.scenario_invalid", file=str(path), path="$",
                          problem="not_json") from None
    try:
        return parse_scenario(data)
    except ScenarioError as err:
        where, problem = err.problems[0]
        raise DomainError("rules.scenario_invalid", file=str(path), path=where,
                          problem=problem) from None


def basket_scenario(day: date, zone: str = "+08:00") -> Scenario:
    """A small built-in week of one member's baskets on `day`: cheap and special goods, a
    mid basket (points ladder), a big one (tier entry), one at the new tier, a top-up."""
    catalog = [_item("TRY-COAT", "外套", 59900, "regular"), _item("TRY-SHIRT", "衬衫", 29900,
               "regular"), _item("TRY-TEE", "特价T恤", 9900, "special"),
               _item("TRY-SOCKS", "团购袜子", 3000, "group_buy")]
    member = {"ref": "m1", "name": "试算会员", "mobile": "19900000001", "joined": str(day)}
    baskets = [[("TRY-TEE", 1), ("TRY-SOCKS", 1)], [("TRY-SHIRT", 1)], [("TRY-COAT", 5)],
               [("TRY-COAT", 1), ("TRY-SHIRT", 1)]]
    steps: list[dict[str, Any]] = [
        {"at": f"{day}T{10 + i:02d}:00:00{zone}", "do": "sale", "member": "m1",
         "lines": [{"sku": sku, "qty": qty} for sku, qty in basket],
         "tenders": [{"type": "cash"}]} for i, basket in enumerate(baskets)]
    steps.append({"at": f"{day}T15:00:00{zone}", "do": "topup", "member": "m1",
                  "amount_fen": 100000})
    return Scenario(rulepack="", catalog=catalog, members=[member], coupons=[], steps=steps)


def try_pack(scenario: Scenario, current: RulePack, candidate: RulePack,
             sandbox: Sandbox) -> Trial:
    """Run `scenario` under both packs, each on its own throw-away copy of the store."""
    return Trial(_run(scenario, current, sandbox), _run(scenario, candidate, sandbox))


def switch_pack(ctx: ServiceContext, actor: Staff, source: str | Path,
                packs_dir: Path | None) -> RulePack:
    """Make the store use another pack from the next sale on; audited (and so sent to head
    office with the audit trail). A pack file is first copied into `packs_dir` (beside the
    store database, where head office's packs go too), so moving the original breaks nothing.

    Raises:
        DomainError: ``staff.not_allowed`` (a manager's job); the pack's ``rulepack.*`` refusals.
    """
    with guard(ctx, "rules.switch_pack", actor.id):
        pack = check_pack(source)
        stored = _store_file(pack, source, packs_dir)
        pack = load_pack(stored if stored in pack_names() else Path(stored))
    with ctx.uow() as uow:
        settings = uow.settings.get()
        before, settings.rulepack = settings.rulepack, stored
        uow.settings.save(settings)
        audit(ctx, uow, "rulepack_switched", actor.id, target=pack.name, before=before,
              after=stored, title=pack.title)
        uow.commit()
    ctx.pack = pack
    return pack


def _store_file(pack: RulePack, source: str | Path, packs_dir: Path | None) -> str:
    if isinstance(source, str) and source in pack_names():
        return source
    path = Path(source).resolve()
    if packs_dir is None:
        return str(path)
    packs_dir.mkdir(parents=True, exist_ok=True)
    kept = packs_dir / f"{pack.name}.toml"
    if kept.resolve() != path:
        kept.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return str(kept)


def _item(sku: str, name: str, price_fen: int, kind: str) -> dict[str, Any]:
    return {"sku": sku, "name": name, "price_fen": price_fen, "class": kind, "category": kind}


def _run(scenario: Scenario, pack: RulePack, sandbox: Sandbox) -> TrialRun:
    fitted = _fit(scenario, pack)
    first = fitted.steps[0]["at"] if fitted.steps else None
    clock = FixedClock(datetime.fromisoformat(first) if first else datetime.now().astimezone())
    with sandbox(pack, clock) as ctx:
        result = simulate(ctx, clock, fitted)
    steps = tuple(_outcome(step, fitted.steps[step["index"]]) for step in result["steps"])
    return TrialRun(pack.name, pack.title, steps)


def _fit(scenario: Scenario, pack: RulePack) -> Scenario:
    """Members seeded at a tier this pack does not have start at its sign-up tier instead."""
    names = {t.name for t in pack.tiers}
    members = [m if m.get("tier") in names or "tier" not in m else
               {k: v for k, v in m.items() if k not in ("tier", "tier_since")}
               for m in scenario.members]
    return replace(scenario, members=members, rulepack=pack.name)


def _outcome(done: dict[str, Any], step: dict[str, Any]) -> StepOutcome:
    ref = str(step.get("member") or step.get("ref") or "")
    member = done.get("members", {}).get(ref, {})
    error = done.get("error")
    points = done.get("points_earned", done.get("points", 0))
    return StepOutcome(
        index=int(done["index"]), kind=str(done["do"]), member=ref,
        due_fen=done.get("due_fen"), discount_fen=_discount(done.get("applied", [])),
        points=int(points or 0), bonus_fen=int(done.get("bonus_fen") or 0),
        tier=str(member.get("tier", "")), error=error["code"] if error else None)


def _discount(applied: list[dict[str, Any]]) -> int:
    """Sale-level discount entries only (line reasons repeat them line by line)."""
    return sum(int(a.get("params", {}).get("off_fen", 0)) for a in applied
               if "line_no" not in a and (a["code"].startswith("discount.")
                                           or a["code"] in ("coupon.applied", "rounding")))
