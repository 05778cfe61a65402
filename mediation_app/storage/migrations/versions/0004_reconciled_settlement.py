"""The reconciled settlement: a proposal keeps the mediator's choices per claim line (its base, a
note) and its
settlement (claim → recomputation → concession → payable, line by line); an agreement keeps the
settlement it was reached on, so every document tells the same story even if the case's fee data
is corrected later.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proposal") as table:
        table.add_column(sa.Column("choices_json", sa.Text(), nullable=False, server_default="{}"))
        table.add_column(sa.Column("settlement_json", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("agreement") as table:
        table.add_column(sa.Column("settlement_json", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("agreement") as table:
        table.drop_column("settlement_json")
    with op.batch_alter_table("proposal") as table:
        table.drop_column("settlement_json")
        table.drop_column("choices_json")
