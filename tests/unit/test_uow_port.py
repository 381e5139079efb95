"""The services reach everything on a unit of work through what the port declares: a lookup by
name (`getattr(uow, "offline", None)`) would let a renamed attribute switch the offline
spending limit off without a word, where a declared one fails type checking."""

from __future__ import annotations

import ast
from pathlib import Path

from db.uow import SqlUnitOfWork
from domain.ports import UnitOfWork

ROOT = Path(__file__).resolve().parents[2]


def _getattr_on_a_uow(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr") and node.args
            and _names_a_uow(node.args[0])]


def _names_a_uow(arg: ast.expr) -> bool:
    """`uow`, `read_uow`, `a.uow`, `self.uow`: the unit of work itself, not one of its repos."""
    return ((isinstance(arg, ast.Name) and "uow" in arg.id)
            or (isinstance(arg, ast.Attribute) and "uow" in arg.attr))


def test_no_module_looks_a_unit_of_works_member_up_by_name() -> None:
    found = {str(p.relative_to(ROOT)): lines
             for folder in ("domain", "sync", "desktop", "db", "headoffice")
             for p in sorted((ROOT / folder).rglob("*.py"))
             if (lines := _getattr_on_a_uow(p))}
    assert found == {}


def test_the_store_unit_of_work_has_every_member_the_port_declares() -> None:
    declared = set(UnitOfWork.__annotations__)
    assert {"offline", "hlc"} <= declared
    made = SqlUnitOfWork.__init__.__code__.co_names
    assert declared - set(made) == set()
