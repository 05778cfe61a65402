"""The hand-over to litigation: what a judge needs from a failed mediation, as data and as JSON.

The summary carries the parties (in full: it goes to the court), the unit, the facts (the
claim summary, each session's outcome, the owner's answer to each claimed line), the claimed
and the recomputed amounts, the proposals that were made, any agreement, and the case's whole
path. Exporting it reveals personal information: it needs the export permission, is recorded in
the audit trail, opens with the export notice (what it holds, whether identities are masked, who
made it and when), and shows ID numbers and phones in full only to roles that may see them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus, Level, SessionMode, Track
from mediation_app.domain.flat import Flat
from mediation_app.i18n import _
from mediation_app.queries.case_header import HistoryEntry, case_history
from mediation_app.security.permissions import Permission, authorize
from mediation_app.security.privacy import export_notice, sees_full_identity, shown_id_number, shown_phone
from mediation_app.services.agreement.terms import AgreementView, agreement_of
from mediation_app.services.cases.sessions import sessions
from mediation_app.services.cases.step import load_case
from mediation_app.services.settlement.proposals import Claimed, ProposalColumn, compare_scenarios
from mediation_app.services.settlement.statements import Figures
from mediation_app.storage.models import Owner
from mediation_app.storage.uow import UnitOfWork

FORMAT = "mediation-app/litigation-handover"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class OwnerFacts:
    name: str
    id_number: str
    sex: str
    birth_date: dt.date | None
    phone: str
    address: str


@dataclass(frozen=True)
class CompanyFacts:
    name: str
    credit_code: str
    domicile: str
    legal_rep: str
    agent_name: str
    agent_phone: str


@dataclass(frozen=True)
class SessionFacts:
    starts_at: dt.datetime
    mode: SessionMode
    place: str
    attendees: str
    outcome: str


@dataclass(frozen=True)
class HandoverSummary:
    notice: str
    case_number: str
    status: CaseStatus
    reason: str
    intake_date: dt.date
    closed_on: dt.date | None
    track: Track
    organisation: str
    level: Level
    mediator: str | None
    assigning_court: str
    owner: OwnerFacts
    co_owners: tuple[OwnerFacts, ...]
    company: CompanyFacts
    unit: Flat
    facts: str
    sessions: tuple[SessionFacts, ...]
    claimed: Claimed
    recomputed: Figures | None
    recomputed_as_of: dt.date | None
    proposals: tuple[ProposalColumn, ...]
    agreement: AgreementView | None
    path: tuple[HistoryEntry, ...]
    prepared_at: dt.datetime
    prepared_by: str


def litigation_handover(uow: UnitOfWork, case_id: int) -> HandoverSummary:
    """Gather the hand-over summary of a case (usually one that failed); audited as an export."""
    authorize(uow.actor, Permission.EXPORT_DATA)
    case = load_case(uow, case_id)
    s = uow.session
    scenarios = compare_scenarios(s, case.id)
    unit = case.unit
    actor = uow.actor
    now = uow.clock.now()
    summary = HandoverSummary(
        notice=export_notice(
            actor, _("litigation hand-over of case {number}").format(number=case.number), 1, now
        ),
        case_number=case.number,
        status=case.status,
        reason=case.status_reason,
        intake_date=case.intake_date,
        closed_on=case.closed_on,
        track=case.track,
        organisation=case.organization.name,
        level=case.organization.level,
        mediator=case.mediator.name if case.mediator else None,
        assigning_court=case.assigning_court,
        owner=_owner(actor, case.owner),
        co_owners=tuple(_owner(actor, o) for o in case.co_owners if o.id != case.owner_id),
        company=CompanyFacts(
            case.company.name,
            case.company.credit_code,
            case.company.domicile,
            case.company.legal_rep,
            case.company.agent_name,
            shown_phone(actor, case.company.agent_phone),
        ),
        unit=Flat(unit.community.name, unit.building, unit.room, unit.area, unit.handover_date),
        facts=case.claim_summary,
        sessions=tuple(
            SessionFacts(r.starts_at, r.mode, r.place, r.attendees, r.outcome)
            for r in sessions(s, case.id)
            if r.held
        ),
        claimed=scenarios.claimed,
        recomputed=scenarios.recomputed.figures if scenarios.recomputed else None,
        recomputed_as_of=scenarios.recomputed.as_of if scenarios.recomputed else None,
        proposals=scenarios.proposals,
        agreement=agreement_of(s, case.id),
        path=tuple(case_history(s, case.id)),
        prepared_at=now,
        prepared_by=actor.name,
    )
    uow.audit(
        "case.handover_export",
        "case",
        case.id,
        None,
        {
            "status": case.status,
            "recomputed": summary.recomputed.payable if summary.recomputed else None,
            "full_identity": sees_full_identity(actor),
        },
        case_id=case.id,
    )
    uow.commit()
    return summary


def handover_json(summary: HandoverSummary) -> str:
    """The summary as JSON: money as ``"0.00"`` strings, dates ISO, enums by their stable ids."""
    data = {"format": FORMAT, "version": FORMAT_VERSION, **_plain(dataclasses.asdict(summary))}
    return json.dumps(data, ensure_ascii=False, indent=2)


def _owner(actor: Actor, owner: Owner) -> OwnerFacts:
    return OwnerFacts(
        owner.name,
        shown_id_number(actor, owner.id_number),
        owner.sex or "",
        owner.birth_date,
        shown_phone(actor, owner.phone),
        owner.address,
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
