"""受理登记表 and 诉前调解告知书 from the case: how it was taken in, and the notice both parties
received when pre-litigation mediation was offered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.documents.intake import ClaimLine, IntakeRecord
from mediation_app.documents.notice import RightsNotice, civil_code
from mediation_app.domain.enums import CaseSource, Track
from mediation_app.domain.party import Party
from mediation_app.fees.months import Month
from mediation_app.i18n import _
from mediation_app.services.documents.builders import common
from mediation_app.storage.models import Case
from mediation_app.workflow.confirmation import propose_court
from mediation_app.workflow.deadlines import MEDIATION_PERIOD_DAYS
from mediation_app.workflow.legal_basis import confirmation_law


def intake_data(session: Session, case: Case) -> IntakeRecord:
    claims = tuple(
        ClaimLine(
            kind=item.kind,
            label=item.description or item.kind.label,
            start=item.period_from,
            end=item.period_to,
            amount=item.amount,
        )
        for item in case.claim_items
    )
    total = sum((line.amount for line in claims), common.ZERO)
    request = _("That the owner pay {items}, {total} in all.").format(
        items=formatting.all_of([line.label for line in claims]), total=formatting.yuan(total)
    )
    assigned = ""
    first = common.first_assignee(session, case)  # who took it on, not whoever has it now
    if first is not None and first[0]:
        assigned = _("{name} ({organisation})").format(name=first[0], organisation=first[1])
    return IntakeRecord(
        case_number=case.number,
        intake_date=case.intake_date,
        source=case.source,
        source_detail=case.assigning_court,
        organisation=common.organisation(common.intake_organisation(session, case)),
        track=first_track(session, case),
        applicant_is_company=True,  # the company applies; an owner's own application is noted in remarks
        owners=common.owners(case),
        company=common.company(case),
        unit=common.unit(case),
        fee_standard=_rate_at(case, case.intake_date),
        claims=claims,
        request=request,
        summary=case.claim_summary,
        owner_consent=common.consent_day(session, case.id, Party.OWNER),
        company_consent=common.consent_day(session, case.id, Party.COMPANY),
        electronic_service=case.owner.electronic_notice,
        received_by=common.received_by(session, case),
        assigned_to=assigned,
    )


def notice_data(session: Session, case: Case) -> RightsNotice:
    """The notice as given when the case was accepted for pre-litigation mediation."""
    accepted = next(
        (common.china_day(e.at) for e in common.events(session, case.id) if e.kind == "accept"), None
    )
    if accepted is None:
        raise common.lacking(_("Mediation Notice"), _("the case has not been accepted for mediation yet."))
    return RightsNotice(
        case_number=case.number,
        organisation=common.organisation(common.intake_organisation(session, case)),
        addressees=(*common.owner_names(case), case.company.name),
        mediation_days=MEDIATION_PERIOD_DAYS,
        court=propose_court(
            case.assigning_court, case.organization.court_name, on=accepted, track=case.track
        ).court,
        articles=civil_code(),
        date=accepted,
        pre_litigation=case.source is CaseSource.COURT_ASSIGNMENT,
        law=confirmation_law(case.track, accepted).citation(),
    )


def first_track(session: Session, case: Case) -> Track:
    """The track the case started on (before any transfer)."""
    for event in common.events(session, case.id):
        if event.kind == "transfer_track" and event.from_value:
            return Track(event.from_value)
    return case.track


def _rate_at(case: Case, day: dt.date) -> Decimal | None:
    """The fee standard in force in the month of ``day`` (the latest before it)."""
    month = str(Month.containing(day))
    rates = [rate for rate in case.unit.rates if rate.from_month <= month]
    return rates[-1].rate if rates else None
