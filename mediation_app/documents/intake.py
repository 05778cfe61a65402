"""受理登记表: the intake form, filled in when the centre accepts a case.

It records who asked for mediation, against whom, about which flat, what the company claims
item by item, where the case came from, on which track it starts, and that both sides agreed to
pre-litigation mediation (诉前调解) — the form the resident judge guides people through at the
window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from mediation_app.documents.parties import Company, Organisation, Owner, Unit
from mediation_app.domain.enums import CaseSource, ChargeKind, Track


@dataclass(frozen=True)
class ClaimLine:
    """One item of the claim as the company states it."""

    kind: ChargeKind
    label: str  # as the company calls it, e.g. "公摊水电费"
    start: dt.date | None
    end: dt.date | None
    amount: Decimal


@dataclass(frozen=True)
class IntakeRecord:
    case_number: str
    intake_date: dt.date
    source: CaseSource
    source_detail: str  # e.g. the referring organisation or the court's assignment number
    organisation: Organisation  # the organisation that accepts the case
    track: Track
    applicant_is_company: bool  # who applied: the company (usual) or the owner
    owners: tuple[Owner, ...]
    company: Company
    unit: Unit
    fee_standard: Decimal | None  # yuan/m²/month, as the company charges it
    claims: tuple[ClaimLine, ...]
    request: str  # what the applicant asks for (申请事项)
    summary: str  # the dispute in brief (纠纷简要情况)
    owner_consent: dt.date | None  # when the owner agreed to pre-litigation mediation
    company_consent: dt.date | None
    electronic_service: bool  # the owner accepts notices by SMS / WeChat (电子送达)
    received_by: str  # the clerk who registered the case
    assigned_to: str  # the mediator or organisation it was given to ("" if not yet)
    remarks: str = ""

    @property
    def claimed_total(self) -> Decimal:
        return sum((line.amount for line in self.claims), Decimal(0))
