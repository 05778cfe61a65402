"""The centre's own case (车某) as an intake form, and the smallest centre that can take it in."""

from __future__ import annotations

import random

from mediation_app.demo.identities import credit_code
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import ChargeKind, Level, OrgKind, Role
from mediation_app.services.cases.intake import ClaimLine, CompanyForm, IntakeForm, OwnerForm, UnitForm
from mediation_app.storage.models import Community, Organization
from mediation_app.storage.uow import Database

CLERK = Actor(None, "杨某某", Role.CLERK)
CHE_ID = "350302198506180316"


def intake_centre(db: Database) -> tuple[int, int]:
    """A district centre and one community: (organisation id, community id)."""
    with db.unit_of_work(CLERK) as uow:
        org = Organization(
            name="荔城区物业纠纷调处中心",
            short_name="区调处中心",
            level=Level.DISTRICT,
            kind=OrgKind.CENTRE,
        )
        community = Community(name="荔景花园")
        uow.session.add_all([org, community])
        uow.flush()
        uow.commit()
        return org.id, community.id


def intake_form(org_id: int, community_id: int, **owner: str) -> IntakeForm:
    """The intake form of the centre's own case (车某); ``owner`` overrides name, id_number, phone, area."""
    return IntakeForm(
        owner=OwnerForm(
            name=owner.get("name", "车某"),
            id_number=owner.get("id_number", CHE_ID),
            phone=owner.get("phone", "13859012345"),
        ),
        company=CompanyForm(name="莆田市荔安物业服务有限公司", credit_code=credit_code(random.Random(7))),
        unit=UnitForm(
            community_id=community_id, building="3幢", room="1502", area=owner.get("area", "119.42")
        ),
        claims=[
            ClaimLine(ChargeKind.SERVICE_FEE, "物业服务费", "2017-08-01", "2021-03-09", "14474.72"),
            ClaimLine(ChargeKind.UTILITIES, "公摊水电费", "2017-08-01", "2021-02-28", "2151.20"),
        ],
        organization_id=org_id,
        intake_date="2026-11-20",
    )
