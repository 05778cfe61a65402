"""Persistence: SQLAlchemy 2 mappings, engines for SQLite and PostgreSQL, migrations, unit of work."""
