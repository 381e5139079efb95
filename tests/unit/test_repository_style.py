"""One data-access style per repository: no class of db/ mixes the ORM session with the plain
statement helper (db/repos_driver.py), and every repository of db/repos*.py, the outbox and
the audit trail is on the helper alone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DB = ROOT / "db"
# The repositories that must be on the plain helper alone.
PLAIN = sorted([*DB.glob("repos*.py"), DB / "outbox.py", DB / "audit.py"])
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
    return (isinstance(node, ast.Attribute) and node.attr in {"_s", "session", "_session"}
            and isinstance(node.value, ast.Name) and node.value.id == "self")


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
