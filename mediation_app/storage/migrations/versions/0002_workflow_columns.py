"""Workflow columns: who decided a step, the agreement's settled-in-full clause, the next step
after a rejected confirmation, and the SMS outbox's party, scheduled time and retry time.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_EMPTY = sa.text("''")


def upgrade() -> None:
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decided_by", sa.String(length=60), nullable=False, server_default=_EMPTY))
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("settlement_clause", sa.Text(), nullable=False, server_default=_EMPTY))
    with op.batch_alter_table("judicial_confirmation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_step", sa.String(length=30), nullable=False, server_default=_EMPTY))
    with op.batch_alter_table("sms_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("party", sa.String(length=20), nullable=False, server_default=_EMPTY))
        batch_op.add_column(sa.Column("send_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("next_attempt_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sms_message", schema=None) as batch_op:
        batch_op.drop_column("next_attempt_at")
        batch_op.drop_column("send_at")
        batch_op.drop_column("party")
    with op.batch_alter_table("judicial_confirmation", schema=None) as batch_op:
        batch_op.drop_column("next_step")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_column("settlement_clause")
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_column("decided_by")
