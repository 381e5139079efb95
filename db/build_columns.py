"""Write db/columns.py: the columns of every store table, read from the schema (db/rows_*.py).

    python -m db.build_columns

The mappers (db/mapping_*.py) read and write these lists. They are kept as plain text so
that opening the store does not build SQLAlchemy's declarative classes (~0.15 s of the
till's start); tests/integration/db/test_columns.py fails when they and the schema differ.
"""

from __future__ import annotations

from pathlib import Path

WIDTH = 99  # within the line length ruff checks (100, pyproject.toml)
TARGET = Path(__file__).resolve().parent / "columns.py"
HEADER = '''"""The columns of every store table, in the schema's order, but those a trigger fills.

Written by `python -m db.build_columns` from db/rows_*.py, the one place that names them;
tests/integration/db/test_columns.py fails when the two differ. Plain tuples, so that the till opens
its store without building SQLAlchemy's declarative classes.
"""

from __future__ import annotations

COLUMNS: dict[str, tuple[str, ...]] = {
'''


def schema_columns() -> dict[str, tuple[str, ...]]:
    """Each table's columns as the mappers use them (db/rows_base.columns_of)."""
    from db.rows import Base

    return {table.name: tuple(c.name for c in table.columns if not c.info.get("by_trigger"))
            for table in sorted(Base.metadata.tables.values(), key=lambda t: t.name)}


def render(columns: dict[str, tuple[str, ...]]) -> str:
    lines = [HEADER]
    for table, names in columns.items():
        words = [f'"{name}",' for name in names]
        lines.append(f'    "{table}": (\n')
        lines.extend(f"        {line}\n" for line in _wrapped(words, WIDTH - 8))
        lines.append("    ),\n")
    lines.append("}\n")
    return "".join(lines)


def _wrapped(words: list[str], width: int) -> list[str]:
    out: list[str] = []
    for word in words:
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    return out


def main() -> int:
    TARGET.write_text(render(schema_columns()), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
