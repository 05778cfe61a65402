"""The settlement agreement states what 人民调解法 art. 29 asks: each party's responsibility, the
matters in dispute as the mediator words them, and the remedy for a default chosen per agreement.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agreement") as table:
        table.add_column(sa.Column("responsibility", sa.Text(), nullable=False, server_default=""))
        table.add_column(sa.Column("matters", sa.Text(), nullable=False, server_default=""))
        table.add_column(sa.Column("remedy", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agreement") as table:
        table.drop_column("remedy")
        table.drop_column("matters")
        table.drop_column("responsibility")
