"""What a rebuilt or new partition table must keep that `CREATE TABLE ... LIKE` does not: owner,
grants (table and column) and the comments on the table, its key and its indexes (issue 14)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

# One privilege as aclexplode() gives it: (column or None, grantee, privilege, grantable).
Grant = tuple[str | None, str, str, bool]

_GRANTS = """
SELECT NULL, a.grantee, a.privilege_type, a.is_grantable
FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
WHERE c.oid = to_regclass(:t)
UNION ALL
SELECT att.attname, a.grantee, a.privilege_type, a.is_grantable
FROM pg_attribute att, aclexplode(att.attacl) a
WHERE att.attrelid = to_regclass(:t) AND att.attacl IS NOT NULL AND NOT att.attisdropped
"""
# Comments on the table itself and on its indexes and constraints (column comments travel with
# LIKE ... INCLUDING COMMENTS), by the name the rebuilt object gets again.
_COMMENTS = """
SELECT 'TABLE', NULL, obj_description(c.oid, 'pg_class') FROM pg_class c
WHERE c.oid = to_regclass(:t) AND obj_description(c.oid, 'pg_class') IS NOT NULL
UNION ALL
SELECT 'INDEX', ci.relname, obj_description(ci.oid, 'pg_class')
FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid
WHERE i.indrelid = to_regclass(:t) AND obj_description(ci.oid, 'pg_class') IS NOT NULL
UNION ALL
SELECT 'CONSTRAINT', k.conname, obj_description(k.oid, 'pg_constraint') FROM pg_constraint k
WHERE k.conrelid = to_regclass(:t) AND obj_description(k.oid, 'pg_constraint') IS NOT NULL
"""


@dataclass(frozen=True)
class Dress:
    """A table's owner, privileges and comments, read before it is rebuilt."""

    owner: str
    grants: list[Grant]
    comments: list[tuple[str, str | None, str]]


def _role(conn: Connection, oid: int) -> str:
    """A grantee as GRANT names it: PUBLIC is the role 0."""
    if oid == 0:
        return "PUBLIC"
    return str(conn.execute(text("SELECT quote_ident(pg_get_userbyid(:o))"),
                            {"o": oid}).scalar_one())


def owner(conn: Connection, table: str) -> str:
    return str(conn.execute(text(
        "SELECT quote_ident(pg_get_userbyid(relowner)) FROM pg_class "
        "WHERE oid = to_regclass(:t)"), {"t": table}).scalar_one())


def grants(conn: Connection, table: str) -> list[Grant]:
    rows = conn.execute(text(_GRANTS), {"t": table}).all()
    return [(column, _role(conn, grantee), privilege, bool(grantable))
            for column, grantee, privilege, grantable in rows]


def read(conn: Connection, table: str) -> Dress:
    """Read before the table's indexes are dropped: their comments go with them."""
    comments = [(kind, name, body) for kind, name, body in conn.execute(
        text(_COMMENTS), {"t": table})]
    return Dress(owner(conn, table), grants(conn, table), comments)


def _grant(conn: Connection, table: str, grant: Grant) -> None:
    column, grantee, privilege, grantable = grant
    columns = f' ("{column}")' if column else ""
    option = " WITH GRANT OPTION" if grantable and grantee != "PUBLIC" else ""
    conn.execute(text(f'GRANT {privilege}{columns} ON "{table}" TO {grantee}{option}'))


def _set_owner(conn: Connection, table: str, role: str) -> None:
    if owner(conn, table) != role:
        conn.execute(text(f'ALTER TABLE "{table}" OWNER TO {role}'))


def put_on(conn: Connection, table: str, dress: Dress) -> None:
    """Give the rebuilt table exactly the old one's owner and privileges (what default
    privileges added at CREATE is taken back: to its readers it is the same table)."""
    _set_owner(conn, table, dress.owner)
    for grantee in {g for _, g, _, _ in grants(conn, table)} - {dress.owner}:
        conn.execute(text(f'REVOKE ALL ON "{table}" FROM {grantee}'))
    for grant in dress.grants:
        _grant(conn, table, grant)


def put_comments(conn: Connection, table: str, dress: Dress) -> None:
    """The old table's comments, once the rebuilt one has its key and indexes."""
    for kind, name, body in dress.comments:
        target = f'"{table}"' if kind == "TABLE" else f'"{name}"'
        if kind == "CONSTRAINT":
            target += f' ON "{table}"'
        quoted = conn.execute(text("SELECT quote_literal(:b)"), {"b": body}).scalar_one()
        conn.execute(text(f"COMMENT ON {kind} {target} IS {quoted}"))


def like_parent(conn: Connection, partition: str, parent: str) -> None:
    """A partition gets exactly its parent's owner and privileges, whatever default privileges
    gave it at CREATE: it holds the parent's rows, so no one may read it who may not read the
    parent, and whoever reads the parent may read it (an archive job on a detached month)."""
    put_on(conn, partition, Dress(owner(conn, parent), grants(conn, parent), []))
