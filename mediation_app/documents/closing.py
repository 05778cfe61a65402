"""结案报告: how a case ended — its course through the tracks (四调衔接) and levels, the
sessions, the result named by how the case really ended (协议未履行，转诉讼 is not 调解不成),
the money (claimed; for a signed agreement the amount agreed, the amount paid and the balance),
the days it took, the mediator's summary, and the reviewer's approval."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from mediation_app.documents.parties import Organisation
from mediation_app.domain.enums import Track
from mediation_app.workflow.outcomes import Ending


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
    ending: Ending  # how the case ended: performed, not performed, failed (to litigation) …
    course: tuple[TrackStep, ...]
    sessions: int
    claimed: Decimal
    agreed: Decimal | None  # the signed agreement's total; None when none was signed
    paid: Decimal  # paid under the agreement
    agreement_number: str  # "" when none
    summary: tuple[str, ...]  # the mediator's account, one paragraph each
    mediator: str
    reviewer: str  # who approved the closing (the resident judge or the head of the organisation)
    date: dt.date

    @property
    def days(self) -> int:
        return (self.closing_date - self.intake_date).days

    @property
    def balance(self) -> Decimal | None:
        """What the agreement left unpaid (None without a signed agreement)."""
        return None if self.agreed is None else self.agreed - self.paid
