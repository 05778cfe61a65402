"""Corrections after signing are supplementary records (补充记录/更正说明) of their own: a table
beside the agreement, so the signed text is never rewritten.

Revision ID: 0009_corrections
Revises: 0008_record
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_corrections"
down_revision = "0008_record"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "supplementary_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=60), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("by_name", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case.id"],
            name=op.f("fk_supplementary_record_case_id_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_supplementary_record_agreement_id_agreement")
        ),
        sa.ForeignKeyConstraint(["by_id"], ["staff.id"], name=op.f("fk_supplementary_record_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplementary_record")),
    )
    with op.batch_alter_table("supplementary_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_supplementary_record_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("supplementary_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supplementary_record_case_id"))
    op.drop_table("supplementary_record")
