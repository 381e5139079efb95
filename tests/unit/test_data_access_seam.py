"""sync/ and desktop/ reach the store only through db/'s repositories: no database session,
no SQL, no row classes (the cashier's till session, `TillSession`, is another thing)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKED = sorted(p for folder in ("sync", "desktop") for p in (ROOT / folder).rglob("*.py"))
# SQLAlchemy stays for the engine (an event hook) and its error classes.
ALLOWED_SQLALCHEMY = {"sqlalchemy.exc", "sqlalchemy.event"}
SESSION_CALLS = {"execute", "scalar", "scalars", "get", "add", "flush", "merge", "query",
                 "get_bind", "connection", "expire_all", "delete"}


def _imported(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [f"{node.module}.{a.name}" for a in node.names]
    return names


def _session_uses(tree: ast.AST) -> list[int]:
    """Lines reaching a unit of work's session: `uow.session`, `<x>.uow.session`, or a
    session method called on any `.session` (a TillSession has none of them)."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        inner = node.value
        if node.attr == "session" and (
                (isinstance(inner, ast.Name) and "uow" in inner.id)
                or (isinstance(inner, ast.Attribute) and "uow" in inner.attr)):
            found.append(node.lineno)
        if (node.attr in SESSION_CALLS and isinstance(inner, ast.Attribute)
                and inner.attr == "session"):
            found.append(node.lineno)
    return sorted(set(found))


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_session_sql_or_rows_outside_db(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert _session_uses(tree) == []
    for name in _imported(tree):
        assert not name.startswith(("db.rows", "db.repos_driver", "db.mapping")), name
        if name.startswith("sqlalchemy"):
            assert any(name.startswith(ok) for ok in ALLOWED_SQLALCHEMY), name


def test_the_check_finds_what_it_forbids() -> None:
    tree = ast.parse("rows = uow.session.execute(text('SELECT 1'))\n"
                     "a.uow.session.flush()\nself.session.scalars(stmt)\n"
                     "from sqlalchemy import text\nfrom db.rows_sync import SyncStateRow\n")
    assert _session_uses(tree) == [1, 2, 3]
    assert _imported(tree) == ["sqlalchemy.text", "db.rows_sync.SyncStateRow"]
    assert _session_uses(ast.parse("self.session.hold(cart)\nif self.session.locked: pass")) == []
