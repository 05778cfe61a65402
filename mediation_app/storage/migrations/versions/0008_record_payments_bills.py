"""Completing the record: payments made before mediation carry their method and receipt, payments
and utility bills entered in error are voided (kept, marked, with the reason), 物业费缴至 is kept
with the case, and a case says since when its stored figures are out of date.

Revision ID: 0008_record
Revises: 0007_search
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_record"
down_revision = "0007_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fee_payment") as table:
        table.add_column(sa.Column("method", sa.String(60), nullable=False, server_default=""))
        table.add_column(sa.Column("receipt_id", sa.Integer(), nullable=True))
        table.add_column(sa.Column("voided_at", sa.DateTime(), nullable=True))
        table.add_column(sa.Column("voided_by", sa.Integer(), nullable=True))
        table.add_column(sa.Column("void_reason", sa.Text(), nullable=False, server_default=""))
        table.create_foreign_key(
            op.f("fk_fee_payment_receipt_id_attachment"), "attachment", ["receipt_id"], ["id"]
        )
        table.create_foreign_key(op.f("fk_fee_payment_voided_by_staff"), "staff", ["voided_by"], ["id"])
    with op.batch_alter_table("utility_bill") as table:
        table.add_column(sa.Column("voided_at", sa.DateTime(), nullable=True))
        table.add_column(sa.Column("voided_by", sa.Integer(), nullable=True))
        table.add_column(sa.Column("void_reason", sa.Text(), nullable=False, server_default=""))
        table.create_foreign_key(op.f("fk_utility_bill_voided_by_staff"), "staff", ["voided_by"], ["id"])
    with op.batch_alter_table("case") as table:
        table.add_column(sa.Column("fees_paid_to", sa.String(7), nullable=False, server_default=""))
        table.add_column(sa.Column("figures_stale_since", sa.DateTime(), nullable=True))
        table.add_column(sa.Column("figures_stale_reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("case") as table:
        table.drop_column("figures_stale_reason")
        table.drop_column("figures_stale_since")
        table.drop_column("fees_paid_to")
    with op.batch_alter_table("utility_bill") as table:
        table.drop_constraint(op.f("fk_utility_bill_voided_by_staff"), type_="foreignkey")
        table.drop_column("void_reason")
        table.drop_column("voided_by")
        table.drop_column("voided_at")
    with op.batch_alter_table("fee_payment") as table:
        table.drop_constraint(op.f("fk_fee_payment_voided_by_staff"), type_="foreignkey")
        table.drop_constraint(op.f("fk_fee_payment_receipt_id_attachment"), type_="foreignkey")
        table.drop_column("void_reason")
        table.drop_column("voided_by")
        table.drop_column("voided_at")
        table.drop_column("receipt_id")
        table.drop_column("method")
