"""Local store database: SQLAlchemy rows, repositories, unit of work, outbox, migrations."""
