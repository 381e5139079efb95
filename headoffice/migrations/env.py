"""Alembic environment: runs on the connection headoffice.migrate hands over."""

from __future__ import annotations

from alembic import context

from headoffice.tables import metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through headoffice.migrate.upgrade(engine)")
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
