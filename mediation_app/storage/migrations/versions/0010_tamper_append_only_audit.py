"""Tamper evidence over the data: row seals in the audit chain, an append-only audit trail.

- ``audit_event.rows_json`` holds the seals of the rows each event's unit of work wrote
  (:mod:`mediation_app.domain.row_digest`); events written before keep ``""`` and their hashes.
- ``audit_event.action`` is indexed: ``verify FILE.pdf`` looks a file up among the finalisation
  events, not in the (mutable) document table.
- PostgreSQL: the audit tables are append-only. A trigger refuses UPDATE, DELETE and TRUNCATE of
  ``audit_event`` and DELETE/TRUNCATE of ``audit_head``, and lets the head row move only forward
  to an event that exists with that hash, so it cannot be rewound. Every role but the tables' owner
  loses UPDATE, DELETE and TRUNCATE on ``audit_event`` (the application's least-privilege role of
  README's deployment section keeps SELECT and INSERT, and UPDATE of the head row).

Revision ID: 0010_tamper
Revises: 0009_corrections
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_tamper"
down_revision = "0009_corrections"
branch_labels = None
depends_on = None

_FUNCTIONS = [
    """
    CREATE OR REPLACE FUNCTION mediation_audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION mediation_audit_head_forward_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'UPDATE' THEN
            RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.id <> OLD.id OR NEW.last_id < OLD.last_id
           OR (NEW.last_id = OLD.last_id AND NEW.last_hash <> OLD.last_hash) THEN
            RAISE EXCEPTION 'the audit trail''s head may only move forward'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.last_id > OLD.last_id AND NOT EXISTS (
            SELECT 1 FROM audit_event WHERE id = NEW.last_id AND hash = NEW.last_hash
        ) THEN
            RAISE EXCEPTION 'the audit trail''s head must name an event that exists with that hash'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END
    $$
    """,
]

_TRIGGERS = [
    "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
    "FOR EACH ROW EXECUTE FUNCTION mediation_audit_event_append_only()",
    "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
    "FOR EACH STATEMENT EXECUTE FUNCTION mediation_audit_event_append_only()",
    "CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_head "
    "FOR EACH ROW EXECUTE FUNCTION mediation_audit_head_forward_only()",
    "CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head "
    "FOR EACH STATEMENT EXECUTE FUNCTION mediation_audit_event_append_only()",
]


def upgrade() -> None:
    with op.batch_alter_table("audit_event") as table:
        table.add_column(sa.Column("rows_json", sa.Text(), nullable=False, server_default=""))
        table.create_index("ix_audit_event_action", ["action"])
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    for statement in [*_FUNCTIONS, *_TRIGGERS]:
        op.execute(statement)
    # Whatever role the application was granted UPDATE/DELETE with loses them on the trail.
    grantees = connection.execute(
        sa.text(
            "SELECT DISTINCT grantee FROM information_schema.role_table_grants "
            "WHERE table_schema = current_schema() AND table_name = 'audit_event' "
            "AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE') AND grantee <> current_user"
        )
    ).scalars()
    for grantee in ["PUBLIC", *grantees]:
        name = grantee if grantee == "PUBLIC" else '"' + grantee.replace('"', '""') + '"'
        op.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM {name}")
        op.execute(f"REVOKE DELETE, TRUNCATE ON audit_head FROM {name}")


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        for trigger, table in [
            ("audit_event_append_only", "audit_event"),
            ("audit_event_no_truncate", "audit_event"),
            ("audit_head_forward_only", "audit_head"),
            ("audit_head_no_truncate", "audit_head"),
        ]:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS mediation_audit_event_append_only()")
        op.execute("DROP FUNCTION IF EXISTS mediation_audit_head_forward_only()")
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_index("ix_audit_event_action")
        batch.drop_column("rows_json")
