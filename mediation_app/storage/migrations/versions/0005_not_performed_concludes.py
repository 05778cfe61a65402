"""A case whose agreement is not performed is concluded: it gets its closing date.

The centre's work on such a case has ended (enforcement of a confirmed agreement is the court's,
a suit on an unconfirmed one the company's), so it closes as 协议未履行 and counts as closed in the
statistics. Cases recorded as not performed before this revision get the day that was recorded
(in China time) as their closing date. No schema change.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CHINA = dt.timezone(dt.timedelta(hours=8))

case = sa.table(
    "case", sa.column("id", sa.Integer), sa.column("status", sa.String), sa.column("closed_on", sa.Date)
)
event = sa.table(
    "case_event",
    sa.column("id", sa.Integer),
    sa.column("case_id", sa.Integer),
    sa.column("at", sa.DateTime),
    sa.column("kind", sa.String),
)


def upgrade() -> None:
    connection = op.get_bind()
    recorded = connection.execute(
        sa.select(event.c.case_id, sa.func.max(event.c.at))
        .select_from(event.join(case, case.c.id == event.c.case_id))
        .where(
            case.c.status == "not_performed",
            case.c.closed_on.is_(None),
            event.c.kind == "record_non_performance",
        )
        .group_by(event.c.case_id)
    ).all()
    for case_id, at in recorded:
        day = at.replace(tzinfo=dt.UTC).astimezone(CHINA).date()  # stored as naive UTC
        connection.execute(sa.update(case).where(case.c.id == case_id).values(closed_on=day))


def downgrade() -> None:
    op.get_bind().execute(sa.update(case).where(case.c.status == "not_performed").values(closed_on=None))
