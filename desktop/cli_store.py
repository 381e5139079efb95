"""`kaika init`, `simulate`, `verify` and `demo`: the commands on one store database.

Every heavy module (the store, the services, the simulator) loads inside the command that
needs it, so `kaika verify --help` answers at once."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import replace
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.store_path import DB_ENV, default_db_path

if TYPE_CHECKING:
    from domain.errors import RulePackError
    from domain.records import StoreSettings
    from domain.scenario import Scenario


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `init`, `simulate`, `verify` and `demo` to the `kaika` command line."""
    init = sub.add_parser("init", help="create or upgrade a store database")
    _db_option(init)
    init.add_argument("--demo", action="store_true", help="add a catalogue, staff and members")
    init.add_argument("--rulepack", default="fashion")
    init.add_argument("--machine", action="store_true",
                      help="a PC shared by several OS accounts: keep the store in the "
                           "machine's data folder, found there by every account")
    init.set_defaults(func=_init)
    sim = sub.add_parser("simulate", help="replay a scenario and print JSON")
    sim.add_argument("scenario", type=Path)
    sim.add_argument("--db", type=Path, help="run against this store database")
    sim.set_defaults(func=_simulate)
    verify = sub.add_parser("verify", help="integrity check and balances from ledgers")
    verify.add_argument("--full", action="store_true",
                        help="also check that every index matches its table (SQLite "
                             "integrity_check; minutes at a million members)")
    _db_option(verify)
    verify.set_defaults(func=_verify)
    demo = sub.add_parser("demo", help="the demo store: ring one sale in the terminal, or "
                          "render the till's screens to pictures")
    _db_option(demo)
    demo.add_argument("--screenshots", type=Path, metavar="DIR", default=None,
                      help="render the main screens to PNG (zh_CN and en) into DIR")
    demo.set_defaults(func=_demo)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=None,
                        help=f"store database (default: ${DB_ENV} or the data folder)")


def _init(args: argparse.Namespace) -> int:
    from desktop import bootstrap
    from domain.services.setup import new_settings

    if args.machine:
        from db.store_path import STORE_FILE, machine_data_folder
        from desktop.paths import mark_machine_wide

        try:
            folder = mark_machine_wide()
        except OSError as err:  # /var/lib and ProgramData are the administrator's to make
            print(f"kaika: cannot set up {machine_data_folder()}: {err.strerror or err}. "
                  f"Make it once as an administrator, writable by the cashiers' accounts "
                  f"(docs/installing.md, \"Shared PC data folder\"), then run this again.",
                  file=sys.stderr)
            return 2
        print(f"kaika: this PC keeps its store in {folder} for every account")
        path = args.db or folder / STORE_FILE
    else:
        path = args.db or default_db_path()
    app = bootstrap.open_app(path, settings=new_settings(rulepack=args.rulepack))
    try:
        print(f"kaika: store database ready at {path} ({app.settings.store_code}, "
              f"rule pack {app.settings.rulepack})")
        if args.demo:
            from desktop.demo_data import load_demo

            cards = load_demo(app.ctx)
            print(f"kaika: demo data loaded; member cards {', '.join(cards)}")
    finally:
        app.close()
    return 0


def _simulate(args: argparse.Namespace) -> int:
    from domain.inputs import InputError, read_json
    from domain.scenario import ScenarioError, parse_scenario

    try:
        data = read_json(args.scenario)
        scenario = _beside(parse_scenario(data), args.scenario)
        result = _run_scenario(scenario, args.db)
    except ScenarioError as err:
        for path, code in err.problems:
            print(f"kaika: {args.scenario}: {path}: {code}", file=sys.stderr)
        return 2
    except InputError as err:
        print(f"kaika: {err.message}", file=sys.stderr)
        return 2
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _beside(scenario: Scenario, file: Path) -> Scenario:
    """A rule pack named by a `.toml` path is looked for beside the scenario file."""
    if not scenario.rulepack.endswith(".toml") or Path(scenario.rulepack).is_absolute():
        return scenario
    return replace(scenario, rulepack=str(file.resolve().parent / scenario.rulepack))


def _run_scenario(scenario: Scenario, db: Path | None) -> dict[str, Any]:
    """Run on a fresh database in the scenario's zone and day-close hour, or on `db`, whose
    own zone and hour rule (a scenario naming others is refused: exit 2)."""
    from desktop import bootstrap
    from domain.clock import FixedClock, SystemClock
    from domain.errors import RulePackError
    from domain.scenario import ScenarioError, check_against_pack
    from domain.services.simulate import simulate

    first = scenario.steps[0]["at"] if scenario.steps else None
    clock = FixedClock(datetime.fromisoformat(first) if first else SystemClock().now())
    if scenario.alliance is not None:
        if db is not None:
            raise ScenarioError([("$.stores", "one_database_per_store:no_--db")])
        return _run_alliance(scenario, clock)
    with tempfile.TemporaryDirectory(prefix="kaika-sim-") as tmp:
        path = db or Path(tmp) / "scenario.sqlite3"
        settings = scenario_settings(scenario)
        try:
            app = bootstrap.open_app(path, clock=clock, settings=settings)
        except RulePackError as err:
            raise ScenarioError([("$.rulepack", _pack_problem(err))]) from None
        try:
            problems = check_against_pack(scenario, [t.name for t in app.ctx.pack.tiers])
            problems += _store_differs(scenario, app.settings)
            if problems:
                raise ScenarioError(problems)
            return simulate(app.ctx, clock, scenario)
        finally:
            app.close()


def _run_alliance(scenario: Scenario, clock: Any) -> dict[str, Any]:
    """One fresh store database per store of the scenario, its merchant's card brand on its
    cards, all on one clock (docs/simulate.md, "Alliances")."""
    from desktop import bootstrap
    from domain.errors import RulePackError
    from domain.scenario import ScenarioError, check_against_pack
    from domain.services.simulate_alliance import simulate_alliance

    assert scenario.alliance is not None
    setup = scenario.alliance
    apps: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="kaika-sim-") as tmp:
        try:
            for code, merchant in setup.stores.items():
                settings = replace(scenario_settings(scenario), store_code=code,
                                   store_name=f"{setup.merchants[merchant]['name']} {code}",
                                   card_brand=setup.merchants[merchant]["brand"])
                apps[code] = bootstrap.open_app(Path(tmp) / f"{code}.sqlite3", clock=clock,
                                                settings=settings)
            first = next(iter(apps.values()))
            problems = check_against_pack(scenario, [t.name for t in first.ctx.pack.tiers])
            if problems:
                raise ScenarioError(problems)
            return simulate_alliance({c: a.ctx for c, a in apps.items()}, clock, scenario)
        except RulePackError as err:
            raise ScenarioError([("$.rulepack", _pack_problem(err))]) from None
        finally:
            for app in apps.values():
                app.close()


def _pack_problem(err: RulePackError) -> str:
    from domain.packload import pack_names

    if err.code == "rulepack.not_found":
        return "not_one_of:" + "|".join(pack_names()) + " or a .toml file"
    where = err.params.get("key") or f"line {err.params.get('line', '?')}"
    return f"invalid_pack:{where}:{err.params.get('problem', '')}"


def scenario_settings(scenario: Scenario) -> StoreSettings:
    from domain.services.setup import new_settings

    store = scenario.store
    settings = new_settings(rulepack=scenario.rulepack,
                            region_code=store.get("region_code", "3101"),
                            name=store.get("name", "Scenario"))
    return replace(settings, tz=store.get("tz", settings.tz),
                   day_close=time(store.get("day_close_hour", settings.day_close.hour)))


def _store_differs(scenario: Scenario, stored: StoreSettings) -> list[tuple[str, str]]:
    """With --db the database's zone and day-close hour rule; the scenario may only repeat
    them, so that its business dates are the ones the store's reports will show."""
    problems = []
    if scenario.store.get("tz", stored.tz) != stored.tz:
        problems.append(("$.store.tz", f"differs_from_store_db:{stored.tz}"))
    if scenario.store.get("day_close_hour", stored.day_close.hour) != stored.day_close.hour:
        problems.append(("$.store.day_close_hour",
                         f"differs_from_store_db:{stored.day_close.hour}"))
    return problems


def _verify(args: argparse.Namespace) -> int:
    from db.store import StoreDb
    from db.verify import verify
    from desktop.cli_progress import TextProgress

    path = args.db or default_db_path()
    if not path.exists():
        from desktop.cli_errors import say
        from domain.errors import DomainError

        print(say(DomainError("store.db_missing", path=str(path))), file=sys.stderr)
        return 2
    store = StoreDb.open(path, create=False)
    try:
        problems = verify(store, TextProgress(), thorough=args.full)
    finally:
        store.close()
    for problem in problems:
        params = ", ".join(f"{k}={v}" for k, v in sorted(problem.params.items()))
        print(f"{problem.code}: {params}")
    print(f"kaika: {path}: {'OK' if not problems else f'{len(problems)} problem(s)'}")
    return 0 if not problems else 1


def _demo(args: argparse.Namespace) -> int:
    if args.screenshots is not None:
        from desktop.screenshots import main as screenshots

        return screenshots(args.screenshots)
    from desktop.demo import run_demo

    return run_demo(args.db)
