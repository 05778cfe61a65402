"""Due-soon and overdue cases: the list the screens and the dashboard use so no case is forgotten.

A case is *overdue* when its next deadline (see :mod:`.case_deadline`) has passed, *due soon*
when it falls today or within ``days`` days (5 by default, the workflow's rule); closed cases
never appear. The query walks the ``(status, next_deadline)`` index, so it stays fast on a large
database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.domain.enums import CaseStatus, Level, Track
from mediation_app.services.cases.next_deadline import DeadlineKind, deadline_kind
from mediation_app.storage.models import Agreement, Case, Organization, Owner
from mediation_app.workflow.deadlines import DUE_SOON_DAYS, Urgency, days_left, due_cutoff, urgency
from mediation_app.workflow.transitions import CLOSED_STATUSES


@dataclass(frozen=True)
class DueRow:
    id: int
    number: str
    owner: str
    status: CaseStatus
    track: Track
    organisation: str
    level: Level
    deadline: dt.date
    deadline_kind: DeadlineKind | None
    days_left: int  # negative: days overdue
    urgency: Urgency


@dataclass(frozen=True)
class DueList:
    today: dt.date
    days: int
    overdue: tuple[DueRow, ...]
    due_soon: tuple[DueRow, ...]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon)


def due_cases(
    session: Session,
    today: dt.date,
    *,
    days: int = DUE_SOON_DAYS,
    organization_id: int | None = None,
) -> DueList:
    """Open cases whose next deadline is past (overdue) or within ``days`` days (due soon),
    earliest deadline first."""
    cutoff = due_cutoff(today, days)
    stmt = (
        select(
            Case.id,
            Case.number,
            Owner.name,
            Case.status,
            Case.track,
            Organization.short_name,
            Organization.name,
            Organization.level,
            Case.next_deadline,
            Agreement.signed_on,
        )
        .join(Owner, Owner.id == Case.owner_id)
        .join(Organization, Organization.id == Case.organization_id)
        .outerjoin(Agreement, Agreement.case_id == Case.id)
        .where(
            Case.status.not_in(CLOSED_STATUSES),
            Case.next_deadline.is_not(None),
            Case.next_deadline <= cutoff,
        )
        .order_by(Case.next_deadline, Case.id)
    )
    if organization_id is not None:
        stmt = stmt.where(Case.organization_id == organization_id)
    overdue: list[DueRow] = []
    soon: list[DueRow] = []
    for cid, number, owner, status, track, short, name, level, deadline, signed_on in session.execute(stmt):
        assert deadline is not None  # filtered by the query
        row = DueRow(
            cid,
            number,
            owner,
            status,
            track,
            short or name,
            level,
            deadline,
            deadline_kind(status, deadline, signed_on),
            days_left(deadline, today),
            urgency(deadline, today, days),
        )
        (overdue if row.urgency is Urgency.OVERDUE else soon).append(row)
    return DueList(today, days, tuple(overdue), tuple(soon))
