"""Moving cases along through the workflow services, so pages have deadlines to show."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.domain.party import Party
from mediation_app.services.cases.assignment import start_mediation
from mediation_app.services.cases.consents import record_consent
from mediation_app.services.cases.intake import (
    ClaimLine,
    CompanyForm,
    IntakeForm,
    OwnerForm,
    UnitForm,
    intake_case,
)
from mediation_app.services.cases.status import accept
from mediation_app.storage.models import Case, Community, Staff
from mediation_app.storage.uow import Database
from mediation_app.workflow.consent import ConsentMethod


def new_case_taken_in(db: Database, actor: Actor, day: dt.date, room: str) -> int:
    """A new case at the district centre taken in on ``day``: the first case's owner and company,
    a new unit of the first community."""
    with db.read() as session:
        owner_id, company_id = session.execute(
            select(Case.owner_id, Case.company_id).where(Case.id == 1)
        ).one()
        community = session.scalar(select(Community.id).order_by(Community.id))
    form = IntakeForm(
        owner=OwnerForm(existing_id=owner_id),
        company=CompanyForm(existing_id=company_id),
        unit=UnitForm(community_id=community, building="测试幢", room=room, area="88.00"),
        claims=[ClaimLine(amount="1000.00")],
        organization_id=1,
        intake_date=day.isoformat(),
    )
    with db.unit_of_work(actor) as uow:
        return intake_case(uow, form).id


def start_mediation_on(db: Database, actor: Actor, case_id: int, day: dt.date) -> None:
    """Accept the case, record both consents and start mediation on ``day`` (deadline day + 30)."""
    with db.read() as session:
        mediator = session.scalar(select(Staff.id).where(Staff.role == Role.MEDIATOR).order_by(Staff.id))
        organization = session.get(Case, case_id).organization_id
    with db.unit_of_work(actor) as uow:
        accept(uow, case_id)
    for party in (Party.OWNER, Party.COMPANY):
        with db.unit_of_work(actor) as uow:
            record_consent(uow, case_id, party, ConsentMethod.PHONE, day)
    with db.unit_of_work(actor) as uow:
        start_mediation(uow, case_id, organization, mediator, on=day)
