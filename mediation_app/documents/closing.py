"""结案报告: how a case ended — its course through the tracks (四调衔接) and levels, the
sessions, the result and the money (claimed, agreed, collected), the days it took, the
mediator's summary, and the reviewer's approval."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from mediation_app.documents.parties import Organisation
from mediation_app.domain.enums import CaseStatus, Track


@dataclass(frozen=True)
class TrackStep:
    """A step in the case's course: it started on, or moved to, a track at an organisation."""

    date: dt.date
    track: Track
    organisation: str
    note: str  # why (the reason of a transfer or referral), "" for the start


@dataclass(frozen=True)
class ClosingReport:
    case_number: str
    organisation: Organisation
    owners: tuple[str, ...]
    company: str
    unit_address: str
    intake_date: dt.date
    closing_date: dt.date
    outcome: CaseStatus  # performed, failed (to litigation), withdrawn, …
    course: tuple[TrackStep, ...]
    sessions: int
    claimed: Decimal
    agreed: Decimal | None  # None when no agreement was reached
    collected: Decimal
    agreement_number: str  # "" when none
    summary: tuple[str, ...]  # the mediator's account, one paragraph each
    mediator: str
    reviewer: str  # who approved the closing (the resident judge or the head of the organisation)
    date: dt.date

    @property
    def days(self) -> int:
        return (self.closing_date - self.intake_date).days
