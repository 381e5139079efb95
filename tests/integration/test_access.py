"""Every use case of domain/services is in the access table, and each gated one refuses an
acting staff id that is unknown, switched off or of a role it does not allow — audited."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import domain.services as services
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.records import Role
from domain.services import staff as staff_service
from domain.services.access import USE_CASES, Gate
from domain.services.guard import Refused
from tests.conftest import START
from tests.integration.access_world import CALLS, World, copied_world, template_store

# Parameters that name who acts (or approves): a function taking one is a use case someone does.
ACTOR_PARAMS = {"staff_id", "cashier_id", "actor", "by", "manager_id", "approval"}
GATED = sorted(k for k, v in USE_CASES.items() if isinstance(v, Gate))
MACHINERY = {"access", "guard", "proofs", "context"}  # the checks themselves, not use cases


def public_use_cases() -> dict[str, inspect.Signature]:
    """Public functions of domain/services taking the context that open a unit of work or take
    a staff id (helpers inside a caller's transaction take `uow` and are not use cases)."""
    found = {}
    for info in pkgutil.iter_modules(services.__path__):
        if info.name in MACHINERY:
            continue
        module = importlib.import_module(f"domain.services.{info.name}")
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn):
                continue
            if fn.__module__ != module.__name__:
                continue
            params = inspect.signature(fn).parameters
            if next(iter(params), None) != "ctx" or "uow" in params:
                continue
            source = inspect.getsource(fn)
            opens = "ctx.uow()" in source or "ctx.reader()" in source
            if opens or ACTOR_PARAMS & set(params):
                found[f"{info.name}.{name}"] = inspect.signature(fn)
    return found


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return template_store(tmp_path_factory.mktemp("access"), FixedClock(START))


@pytest.fixture
def world(template: tuple[Path, list[str]], tmp_path: Path,
          clock: FixedClock) -> Iterator[World]:
    made = copied_world(template, tmp_path, clock)
    yield made
    made.app.close()


def test_every_use_case_of_the_services_has_a_line_in_the_table() -> None:
    found = public_use_cases()
    assert len(found) > 80  # the walk found the modules
    assert sorted(set(found) - set(USE_CASES)) == []


def test_the_table_names_only_use_cases_that_exist() -> None:
    assert sorted(set(USE_CASES) - set(public_use_cases())) == []


def test_every_gated_use_case_takes_who_acts() -> None:
    found = public_use_cases()
    lacking = [k for k in GATED if not {"staff_id", "cashier_id", "actor", "by", "cart"}
               & set(found[k].parameters)]
    assert lacking == []


def test_every_gated_use_case_is_called_by_these_tests() -> None:
    assert sorted(CALLS) == GATED


@pytest.mark.parametrize("use_case", GATED)
def test_an_unknown_staff_id_is_refused_and_audited(world: World, use_case: str) -> None:
    with pytest.raises(Refused) as refused:
        CALLS[use_case](world, "nobody")
    assert refused.value.code == "staff.not_found"
    assert world.refusals()[-1] == (use_case, "staff.not_found")
    [entry] = [e for e in world.audited("access_refused") if e.target == use_case]
    assert entry.staff_id is None and entry.details["staff_id_given"] == "nobody"


@pytest.mark.parametrize("use_case", [k for k in GATED if set(Role) - USE_CASES[k].roles])
def test_a_role_the_use_case_does_not_allow_is_refused_and_audited(world: World,
                                                                   use_case: str) -> None:
    gate = USE_CASES[use_case]
    assert isinstance(gate, Gate)
    number = {Role.CASHIER: "1001", Role.FRONT_DESK: "3001"}[
        next(r for r in (Role.FRONT_DESK, Role.CASHIER) if r not in gate.roles)]
    with pytest.raises(Refused) as refused:
        CALLS[use_case](world, world.id(number))
    assert refused.value.code == "staff.not_allowed"
    assert world.refusals()[-1] == (use_case, "staff.not_allowed")
    assert world.audited("access_refused")[0].staff_id == world.id(number)


@pytest.mark.parametrize("use_case", GATED)
def test_a_switched_off_account_is_refused(world: World, use_case: str) -> None:
    admin = world.staff["0001"]
    staff_service.set_active(world.ctx, admin, world.id("2001"), False)
    with pytest.raises(Refused) as refused:
        CALLS[use_case](world, world.id("2001"))
    assert refused.value.code == "staff.inactive"
    assert world.refusals()[-1] == (use_case, "staff.inactive")


@pytest.mark.parametrize("use_case", GATED)
def test_a_manager_passes_every_gate_on_their_own_authority(world: World,
                                                           use_case: str) -> None:
    """A manager, or the administrator for the till's own set-up (its devices)."""
    gate = USE_CASES[use_case]
    assert isinstance(gate, Gate)
    number = "2001" if Role.MANAGER in gate.roles else "0001"
    before = len(world.audited("access_refused"))
    try:
        CALLS[use_case](world, world.id(number))
    except Refused:
        raise
    except DomainError:
        pass  # a rule of the use case itself (no open shift to close, too few points ...)
    assert len(world.audited("access_refused")) == before


def test_a_hostile_staff_id_is_refused_and_recorded_cut_short(world: World) -> None:
    hostile = "x' OR 1=1 --" + "A" * 5000
    with pytest.raises(Refused):
        CALLS["rewards.adjust_points"](world, hostile)
    entry = world.audited("access_refused")[0]
    assert entry.details["staff_id_given"] == hostile[:64]


def table_rows() -> list[str]:
    """The table as docs/services.md prints it, one row per gated use case."""
    order = [Role.CASHIER, Role.FRONT_DESK, Role.MANAGER, Role.ADMIN]
    rows = []
    for name, gate in USE_CASES.items():
        if not isinstance(gate, Gate):
            continue
        who = ("anyone" if gate.roles == set(Role) else
               ", ".join(r.value.replace("_", " ") for r in order if r in gate.roles))
        if gate.setting:
            extra = ", ".join(r.value.replace("_", " ") for r in order if r in gate.setting_roles)
            who += f"; {extra} while the store's `{gate.setting}` is on"
        approval = (f"{gate.when or 'always'}, unless a manager acts (`{gate.approval}`)"
                    if gate.approval else "—")
        pin = "above the PIN threshold" if gate.member_pin else "—"
        rows.append(f"| `{name}` | {who} | {approval} | {pin} |")
    return rows


def test_docs_services_prints_the_table_as_it_is() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "services.md").read_text("utf-8")
    assert [row for row in table_rows() if row not in docs.splitlines()] == []
    opened = [name for name, v in USE_CASES.items() if not isinstance(v, Gate)]
    assert [name for name in opened if f"`{name}`" not in docs] == []


def test_an_account_is_made_by_nobody_only_as_a_stores_first(world: World) -> None:
    with pytest.raises(DomainError) as err:  # a manager with a PIN everybody knows
        staff_service.add_staff(world.ctx, "9999", "后门", Role.ADMIN, "7391")
    assert err.value.code == "staff.actor_required"
    with pytest.raises(Refused) as refused:  # a manager may not make an administrator
        staff_service.add_staff(world.ctx, "9999", "后门", Role.ADMIN, "7391",
                                by=world.id("2001"))
    assert refused.value.code == "staff.role_not_allowed"
    assert world.refusals()[-1] == ("staff.add_staff", "staff.role_not_allowed")
