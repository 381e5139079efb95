"""`headoffice.sql.among` finds exactly the rows whose key is listed, whatever the texts hold
(one joined string on PostgreSQL when that loses nothing, an array otherwise)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from headoffice.engine import make_engine
from headoffice.sql import among
from tests.sync.harness import PgDatabases

KEYS = ["a", "b,c", "d e", "f\x1fg", "", "中文", "{x}", 'q"uote']
table = sa.Table("among_probe", sa.MetaData(), sa.Column("id", sa.String(36), primary_key=True),
                 sa.Column("n", sa.Integer, nullable=False))


@pytest.fixture(params=[pytest.param("postgres", marks=pytest.mark.postgres), "sqlite"])
def conn(request: pytest.FixtureRequest) -> Iterator[sa.Connection]:
    if request.param == "sqlite":
        engine = make_engine("sqlite://")
    else:
        pg: PgDatabases = request.getfixturevalue("pg")
        engine = make_engine(pg.fresh_empty())
    with engine.begin() as c:
        table.create(c)
        c.execute(table.insert(), [{"id": k, "n": i} for i, k in enumerate(KEYS)])
        yield c
    engine.dispose()


@pytest.mark.parametrize("wanted", [
    ["a", "b,c", "中文", "absent"],  # joined: a comma or a space is only a character
    ["f\x1fg", "a"],  # holds the separator: sent as an array
    [""],
    ["", "d e"],
    ['{x}', 'q"uote'],  # array-literal syntax means nothing in a joined string
    ["absent"],
])
def test_among_finds_exactly_the_listed_texts(conn: sa.Connection, wanted: list[str]) -> None:
    found = conn.execute(sa.select(table.c.id).where(among(conn, table.c.id, wanted))).scalars()
    assert sorted(found) == sorted(k for k in KEYS if k in wanted)


def test_among_takes_numbers_too(conn: sa.Connection) -> None:
    found = conn.execute(sa.select(table.c.n).where(among(conn, table.c.n, [1, 5, 99]))).scalars()
    assert sorted(found) == [1, 5]
