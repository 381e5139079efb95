"""Alembic migrations of the store database (run them through db.migrate)."""
