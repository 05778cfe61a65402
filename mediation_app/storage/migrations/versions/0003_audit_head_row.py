"""Create the audit chain's head row up front.

Without it, two workstations writing the very first audit event of a new PostgreSQL database at
the same moment could both try to create the row, and one would fail. With the row in place every
writer simply locks it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    connection = op.get_bind()
    exists = connection.execute(sa.text("SELECT count(*) FROM audit_head WHERE id = 1")).scalar()
    if not exists:
        last = connection.execute(sa.text("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1")).first()
        connection.execute(
            sa.text("INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, :last_id, :last_hash)"),
            {"last_id": last[0] if last else 0, "last_hash": last[1] if last else GENESIS},
        )


def downgrade() -> None:
    pass  # the row is harmless to an older schema, which creates it on demand
