"""ARCHITECTURE's dependency direction, checked on every module: domain imports nothing of
ours; reporting, db and hardware only domain; sync domain and db (the till's sync client reads
the store through db's repositories); headoffice only sync, domain, db and reporting (never
desktop or hardware)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OURS = ("domain", "db", "hardware", "sync", "reporting", "headoffice", "desktop", "resources")
ALLOWED: dict[str, set[str]] = {
    "domain": {"domain"},
    "reporting": {"reporting", "domain"},
    "db": {"db", "domain", "resources"},
    "hardware": {"hardware", "domain"},
    "sync": {"sync", "domain", "db"},
    "headoffice": {"headoffice", "sync", "domain", "db", "reporting", "resources"},
}
# Exceptions to ALLOWED, module by module (none left: the store's default path moved from
# desktop to db/store_path.py so that `kaika sync` could share it).
KNOWN: dict[str, set[str]] = {}


def _ours(tree: ast.AST) -> set[str]:
    """The top-level packages of ours that a module imports (at any depth in it)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module] if isinstance(node, ast.ImportFrom) and node.module and \
            not node.level else []
        found |= {name.split(".")[0] for name in names if name.split(".")[0] in OURS}
    return found


CHECKED = sorted(p for package in ALLOWED for p in (ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_package_imports_only_what_it_may(path: Path) -> None:
    package = path.relative_to(ROOT).parts[0]
    imported = _ours(ast.parse(path.read_text(encoding="utf-8")))
    allowed = ALLOWED[package] | KNOWN.get(path.relative_to(ROOT).as_posix(), set())
    assert imported <= allowed, imported - allowed


def test_the_check_sees_an_import_inside_a_function() -> None:
    tree = ast.parse("def f():\n    from desktop.report_formats import as_pdf\n"
                     "import hardware.layout\nfrom . import sibling\n")
    assert _ours(tree) == {"desktop", "hardware"}
