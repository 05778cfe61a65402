"""The parties and the unit of a case, as the case screen's parties page shows them.

Identity numbers and phones come back as the viewer's role may see them
(:mod:`mediation_app.security.privacy`); a masked value can be shown in full on demand with
:func:`mediation_app.services.cases.disclosure.reveal_owner_identity`, which audits the viewing. Whether
each party agreed to notices by SMS is here too: the SMS page needs it, and it is changed with
:func:`mediation_app.services.sms.set_electronic_notice`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseSource, Sex
from mediation_app.domain.flat import Flat
from mediation_app.errors import NotFoundError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.security.privacy import sees_full_identity, shown_id_number, shown_phone
from mediation_app.storage.models import Case
from mediation_app.storage.uow import current_actor


@dataclass(frozen=True)
class OwnerView:
    id: int
    name: str
    id_number: str  # masked unless the viewer may see it in full
    sex: Sex | None
    birth_date: dt.date | None
    phone: str  # masked unless the viewer may see it in full
    address: str
    electronic_notice: bool
    version: int


@dataclass(frozen=True)
class CompanyView:
    id: int
    name: str
    credit_code: str
    domicile: str
    legal_rep: str
    agent_name: str
    agent_phone: str
    phone: str
    electronic_notice: bool


@dataclass(frozen=True)
class CaseParties:
    case_id: int
    owner: OwnerView
    co_owners: tuple[str, ...]
    company: CompanyView
    unit: Flat
    source: CaseSource
    intake_date: dt.date
    assigning_court: str
    claim_summary: str
    masked: bool  # identity numbers and phones are masked for this viewer


def case_parties(session: Session, case_id: int, viewer: Actor) -> CaseParties:
    viewer = current_actor(session, viewer)  # a deactivated or changed account is refused
    authorize(viewer, Permission.VIEW_CASES)
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    owner, company, unit = case.owner, case.company, case.unit
    return CaseParties(
        case_id=case.id,
        owner=OwnerView(
            owner.id,
            owner.name,
            shown_id_number(viewer, owner.id_number),
            owner.sex,
            owner.birth_date,
            shown_phone(viewer, owner.phone),
            owner.address,
            bool(owner.electronic_notice),
            owner.version,
        ),
        co_owners=tuple(o.name for o in case.co_owners),
        company=CompanyView(
            company.id,
            company.name,
            company.credit_code,
            company.domicile,
            company.legal_rep,
            company.agent_name,
            shown_phone(viewer, company.agent_phone),
            company.phone,
            bool(company.electronic_notice),
        ),
        unit=Flat(unit.community.name, unit.building, unit.room, unit.area, unit.handover_date),
        source=case.source,
        intake_date=case.intake_date,
        assigning_court=case.assigning_court,
        claim_summary=case.claim_summary,
        masked=not sees_full_identity(viewer),
    )
