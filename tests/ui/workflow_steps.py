"""Moving demo cases along through the workflow services, so pages have deadlines and SMS to show."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.services.assignment import start_mediation
from mediation_app.services.case_workflow import accept
from mediation_app.services.consents import record_consent
from mediation_app.services.party import Party
from mediation_app.storage.models import Case, Staff
from mediation_app.storage.uow import Database
from mediation_app.workflow.consent import ConsentMethod


def cases_taken_in_before(db: Database, day: dt.date, count: int) -> list[int]:
    """Ids of ``count`` district-centre cases taken in before ``day`` (oldest first)."""
    with db.read() as session:
        return list(
            session.scalars(
                select(Case.id)
                .where(Case.intake_date < day, Case.organization_id == 1)
                .order_by(Case.id)
                .limit(count)
            )
        )


def start_mediation_on(db: Database, actor: Actor, case_id: int, day: dt.date) -> None:
    """Accept the case, record both consents and start mediation on ``day`` (deadline day + 30)."""
    with db.read() as session:
        mediator = session.scalar(
            select(Staff.id).where(Staff.role == Role.MEDIATOR.value).order_by(Staff.id)
        )
        organization = session.get(Case, case_id).organization_id
    with db.unit_of_work(actor) as uow:
        accept(uow, case_id)
    for party in (Party.OWNER, Party.COMPANY):
        with db.unit_of_work(actor) as uow:
            record_consent(uow, case_id, party, ConsentMethod.PHONE, day)
    with db.unit_of_work(actor) as uow:
        start_mediation(uow, case_id, organization, mediator, on=day)
