"""回访记录: a follow-up on the performance of an agreement — each instalment due and what was
paid, what the parties say, and what happens next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from mediation_app.documents.parties import Organisation


@dataclass(frozen=True)
class InstalmentStatus:
    number: int
    due: dt.date
    amount: Decimal
    paid: Decimal
    paid_on: dt.date | None  # the day the last payment towards it arrived


@dataclass(frozen=True)
class FollowUpRecord:
    case_number: str
    organisation: Organisation
    agreement_number: str
    visit_date: dt.date
    method: str  # "电话回访", "上门回访", "微信回访"
    visitor: str
    contacted: tuple[str, ...]  # who was spoken to, as printed ("业主车某", "物业公司郑某")
    schedule: tuple[InstalmentStatus, ...]
    performance: str  # the mediator's account of the performance
    owner_feedback: str
    company_feedback: str
    satisfaction: str  # as recorded: "满意", "基本满意", "不满意"
    next_visit: dt.date | None
    remarks: str = ""

    @property
    def total_due(self) -> Decimal:
        return sum((item.amount for item in self.schedule), Decimal(0))

    @property
    def total_paid(self) -> Decimal:
        return sum((item.paid for item in self.schedule), Decimal(0))
