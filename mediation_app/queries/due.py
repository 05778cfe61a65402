"""Due-soon and overdue cases: the list the screens and the dashboard use so no case is forgotten.

A case is *overdue* when its next deadline (see :mod:`.case_deadline`) has passed, *due soon*
when it falls today or within ``days`` days (5 by default, the workflow's rule); closed cases
never appear. The query walks the ``(status, next_deadline)`` index, so it stays fast on a large
database.

Each row falls in a :class:`DueGroup`, so the deadlines someone can still act on are not drowned
by the cases that ended unpaid years ago:

- *to act on now*: the end of a mediation period and the last day to apply for judicial
  confirmation (the centre's own dates), and an instalment already overdue (a reminder, or
  recording the default);
- *waiting for others*: an instalment not yet due (the owner's to pay);
- *closed but unperformed*: cases concluded as not performed (未履行, enforcement's business),
  whose unpaid instalment stays overdue for ever.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mediation_app.domain.enums import CaseStatus, Level, Track
from mediation_app.domain.labelled import LabelledEnum
from mediation_app.i18n import N_
from mediation_app.services.cases.next_deadline import DeadlineKind, deadline_kind
from mediation_app.storage.models import Agreement, Case, Instalment, Organization, Owner
from mediation_app.workflow.deadlines import DUE_SOON_DAYS, Urgency, days_left, due_cutoff, urgency
from mediation_app.workflow.transitions import CLOSED_STATUSES


class DueGroup(LabelledEnum):
    ACT_NOW = "act_now", N_("To act on now")
    WAITING = "waiting", N_("Waiting for others")
    UNPERFORMED = "unperformed", N_("Closed but not performed")


def due_group(status: CaseStatus, kind: DeadlineKind | None, urgency_now: Urgency) -> DueGroup:
    if status is CaseStatus.NOT_PERFORMED:
        return DueGroup.UNPERFORMED
    if kind in (DeadlineKind.INSTALMENT, DeadlineKind.PAYMENT) and urgency_now is not Urgency.OVERDUE:
        return DueGroup.WAITING
    return DueGroup.ACT_NOW


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
    group: DueGroup = DueGroup.ACT_NOW


@dataclass(frozen=True)
class DueList:
    today: dt.date
    days: int
    overdue: tuple[DueRow, ...]
    due_soon: tuple[DueRow, ...]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon)

    def group(self, group: DueGroup) -> tuple[DueRow, ...]:
        """The rows of ``group``: overdue first, each part earliest deadline first."""
        return tuple(r for r in (*self.overdue, *self.due_soon) if r.group is group)


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
    instalments = (
        select(func.count(Instalment.id)).where(Instalment.agreement_id == Agreement.id).scalar_subquery()
    )
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
            instalments,
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
    for cid, number, owner, status, track, short, name, level, deadline, signed_on, count in session.execute(
        stmt
    ):
        assert deadline is not None  # filtered by the query
        kind = deadline_kind(status, deadline, signed_on, lump_sum=count == 1)
        now = urgency(deadline, today, days)
        row = DueRow(
            cid,
            number,
            owner,
            status,
            track,
            short or name,
            level,
            deadline,
            kind,
            days_left(deadline, today),
            now,
            due_group(status, kind, now),
        )
        (overdue if row.urgency is Urgency.OVERDUE else soon).append(row)
    return DueList(today, days, tuple(overdue), tuple(soon))
