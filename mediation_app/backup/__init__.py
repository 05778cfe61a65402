"""Backups and restores: one .zip holding the database, the attachments and a manifest.

* :mod:`.archive` — the archive's layout, its manifest (SHA-256 and size of every member) and the
  checks a restore runs before it replaces anything.
* :mod:`.make` — ``create_backup``: SQLite through its online backup API (safe while the app is
  open), PostgreSQL through ``pg_dump``.
* :mod:`.restore` — ``restore_backup``: verify, keep the current database aside, replace.
* :mod:`.daily` — ``ensure_daily_backup``: one automatic backup a day for the SQLite default,
  the newest :data:`~.daily.KEEP` kept.
* :mod:`.locate` — which database a URL names, and opening an existing one without changing it.
"""
