"""Alembic environment: runs on the connection db.migrate hands over (SQLite, batch mode)."""

from __future__ import annotations

from alembic import context

from db.rows import metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through db.migrate.upgrade(engine)")
    # render_as_batch: SQLite alters most things only by copying the table; batch mode does it.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
