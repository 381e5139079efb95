"""One data-access style per repository: no class of db/ mixes the ORM session with the plain
statement helper (db/repos_driver.py), and every repository of db/repos*.py, the reports, the
outbox and the audit trail is on the helper alone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DB = ROOT / "db"
# The repositories that must be on the plain helper alone.
PLAIN = sorted([*DB.glob("repos*.py"), *DB.glob("reports*.py"), DB / "member_figures.py",
                DB / "outbox.py", DB / "audit.py"])
# Statement-running functions of db/repos_driver.py (string builders like select_sql run
# nothing and do not count).
HELPER = {"fetch_one", "fetch_snapshot", "fetch_all", "fetch_named", "fetch_all_named",
          "iter_named", "execute", "execute_many", "write", "write_many", "driver"}
# Session methods and SQLAlchemy statement builders: the ORM / Core way.
SESSION_CALLS = {"execute", "scalar", "scalars", "get", "add", "add_all", "flush", "merge",
                 "query", "delete", "refresh"}
ORM_BUILDERS = {"select", "update", "insert", "delete", "insert_row"}


def _helper_names(tree: ast.Module) -> set[str]:
    """Names this module imported from db.repos_driver."""
    return {a.asname or a.name for node in tree.body if isinstance(node, ast.ImportFrom)
            and node.module == "db.repos_driver" for a in node.names}


def _orm_names(tree: ast.Module) -> set[str]:
    return {a.asname or a.name for node in tree.body if isinstance(node, ast.ImportFrom)
            and (node.module or "").startswith("sqlalchemy") for a in node.names
            if a.name in ORM_BUILDERS} | {"insert_row"}


def styles(source: str) -> dict[str, set[str]]:
    """Per class holding a session (`self._s` / `self.session`): the styles it uses,
    "orm" (a session method, a SQLAlchemy statement) and/or "plain" (the helper)."""
    tree = ast.parse(source)
    helper = _helper_names(tree) & HELPER
    orm = _orm_names(tree)
    found: dict[str, set[str]] = {}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        calls = [n.func for n in ast.walk(cls) if isinstance(n, ast.Call)]
        used = {"plain" for f in calls if isinstance(f, ast.Name) and f.id in helper}
        used |= {"orm" for f in calls if _is_orm(f, orm)}
        found[cls.name] = used
    return found


def _is_orm(func: ast.expr, builders: set[str]) -> bool:
    if isinstance(func, ast.Name):
        return func.id in builders
    return (isinstance(func, ast.Attribute) and func.attr in SESSION_CALLS
            and _is_session(func.value))


def _is_session(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):  # a module function's `session` argument
        return node.id in {"session", "_s"}
    return (isinstance(node, ast.Attribute) and node.attr in {"_s", "session", "_session"}
            and isinstance(node.value, ast.Name) and node.value.id == "self")


def module_orm(source: str) -> set[str]:
    """What a module's functions and classes run the ORM / Core way: a session method, a
    SQLAlchemy statement builder or text(). (Session itself may be imported as a type.)"""
    tree = ast.parse(source)
    core = _orm_names(tree) | {a.asname or a.name for node in tree.body
                               if isinstance(node, ast.ImportFrom)
                               and (node.module or "").startswith("sqlalchemy")
                               for a in node.names if a.name in {"text", "func"}}
    found = set()
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        if isinstance(call.func, ast.Name) and call.func.id in core:
            found.add(call.func.id)
        elif (isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name)
              and call.func.value.id in core):  # func.sum(...)
            found.add(call.func.value.id)
        elif _is_orm(call.func, set()):
            assert isinstance(call.func, ast.Attribute)
            found.add(f"session.{call.func.attr}")
    return found


@pytest.mark.parametrize("path", sorted(DB.glob("*.py")), ids=lambda p: p.name)
def test_no_class_mixes_the_orm_session_with_the_plain_helper(path: Path) -> None:
    mixed = {name for name, used in styles(path.read_text(encoding="utf-8")).items()
             if used == {"orm", "plain"}}
    assert mixed == set()


@pytest.mark.parametrize("path", PLAIN, ids=lambda p: p.name)
def test_repositories_are_on_the_plain_helper_alone(path: Path) -> None:
    orm = {name for name, used in styles(path.read_text(encoding="utf-8")).items()
           if "orm" in used}
    assert orm == set()


@pytest.mark.parametrize("path", [*sorted(DB.glob("reports*.py")), DB / "member_figures.py"],
                         ids=lambda p: p.name)
def test_the_report_reads_run_no_core_statement(path: Path) -> None:
    assert module_orm(path.read_text(encoding="utf-8")) == set()


def test_the_module_check_finds_core_in_a_function() -> None:
    source = (
        "from sqlalchemy import func, select, text\n"
        "def a(session):\n    return session.execute(text('SELECT 1')).first()\n"
        "def b(session):\n    return session.scalar(select(func.count()))\n"
        "def c(session):\n    return fetch_one(session, 'SELECT 1', ())\n")
    assert module_orm(source) == {"text", "select", "func", "session.execute",
                                  "session.scalar"}


def test_the_check_finds_a_mixed_class() -> None:
    source = (
        "from sqlalchemy import select\n"
        "from db.repos_driver import fetch_one, select_sql\n"
        "class SqlMixed:\n"
        "    def a(self):\n        return fetch_one(self._s, 'SELECT 1', ())\n"
        "    def b(self):\n        return self._s.get(Row, 1)\n"
        "class SqlCore:\n"
        "    def a(self):\n        return self._s.scalars(select(Row))\n"
        "class SqlPlain:\n"
        "    def a(self):\n        return fetch_one(self._s, select_sql('t', ('a',), '1'), ())\n")
    assert styles(source) == {"SqlMixed": {"orm", "plain"}, "SqlCore": {"orm"},
                              "SqlPlain": {"plain"}}
