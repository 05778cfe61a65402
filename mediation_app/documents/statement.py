"""欠费明细表: the arrears statement — the calculator's result laid out line by line for the
parties and the judge: each month's service fee, each shared-utilities bill, the payments and
what they paid, the late fee with its annualised rate and the reasonableness yardstick, the
warnings (limitation, excessive late fee), and the claim reconciled line by line — claimed,
recomputed, conceded, payable — exactly as the agreement quotes it. The totals are checked against the lines when the statement is built, so a
printed statement always adds up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from mediation_app.documents.parties import Organisation, Unit
from mediation_app.domain.enums import ChargeKind
from mediation_app.errors import ValidationError
from mediation_app.fees.reconciliation import Settlement
from mediation_app.i18n import _

ZERO = Decimal(0)


@dataclass(frozen=True)
class RateFrom:
    """A fee standard in force from ``month`` (``"2016-05"``)."""

    month: str
    rate: Decimal  # yuan per m² per month


@dataclass(frozen=True)
class FeeMonth:
    """One calendar month of service fee."""

    month: str  # "2017-08"
    days: int  # days charged
    days_in_month: int
    rate: Decimal
    amount: Decimal
    due: dt.date
    outstanding: Decimal
    late_fee: Decimal
    time_barred: bool  # possibly time-barred (a warning only)


@dataclass(frozen=True)
class UtilityBillLine:
    """One shared water-and-electricity bill."""

    period: str  # "2020-12", or "2020-10-01..2020-12-31" for a bill of a quarter or another range
    amount: Decimal
    due: dt.date
    outstanding: Decimal
    late_fee: Decimal
    time_barred: bool


@dataclass(frozen=True)
class PaymentLine:
    date: dt.date
    amount: Decimal
    applied_to: str  # in words, e.g. "2017年8月至10月物业服务费"


@dataclass(frozen=True)
class LateFeeBasis:
    daily_rate: Decimal  # e.g. 0.0005 (万分之五)
    grace_days: int
    applies_to: tuple[ChargeKind, ...]
    cap_ratio: Decimal | None = None

    @property
    def annual_rate(self) -> Decimal:
        return self.daily_rate * 365


@dataclass(frozen=True)
class ArrearsStatement:
    case_number: str
    organisation: Organisation
    owners: tuple[str, ...]
    company: str
    unit: Unit
    as_of: dt.date  # figures (late fees) are computed to this day
    rates: tuple[RateFrom, ...]
    service_fees: tuple[FeeMonth, ...]
    utilities: tuple[UtilityBillLine, ...]
    payments: tuple[PaymentLine, ...]
    late_fee_basis: LateFeeBasis | None
    late_fee_computed: Decimal
    late_fee_cap: Decimal | None
    late_fee_total: Decimal
    yardstick: Decimal | None  # interest at 1.3 × the one-year LPR on the same balances
    limitation_date: dt.date | None  # the claim date the limitation check used
    time_barred_principal: Decimal
    principal_outstanding: Decimal
    credit: Decimal  # paid beyond every charge (not deducted)
    settlement: Settlement  # the claim reconciled line by line, as the agreement quotes it
    prepared_by: str
    date: dt.date
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        outstanding = sum((line.outstanding for line in self.service_fees), ZERO) + sum(
            (line.outstanding for line in self.utilities), ZERO
        )
        checks = [
            (
                "principal_outstanding",
                self.principal_outstanding == outstanding,
                _("does not equal the outstanding amounts of the lines"),
            ),
            (
                "late_fee_computed",
                self.late_fee_computed
                == sum((line.late_fee for line in self.service_fees), ZERO)
                + sum((line.late_fee for line in self.utilities), ZERO),
                _("does not equal the late fees of the lines"),
            ),
            (
                "time_barred_principal",
                self.time_barred_principal
                == sum((line.outstanding for line in self.service_fees if line.time_barred), ZERO)
                + sum((line.outstanding for line in self.utilities if line.time_barred), ZERO),
                _("does not equal the outstanding amounts of the lines marked time-barred"),
            ),
        ]
        for field, ok, problem in checks:
            if not ok:
                raise ValidationError(field, problem, field)
        try:
            self.settlement.check()
        except AssertionError as broken:
            raise ValidationError("settlement", str(broken), "settlement") from None

    @property
    def service_fee_total(self) -> Decimal:
        return sum((line.amount for line in self.service_fees), ZERO)

    @property
    def utilities_total(self) -> Decimal:
        return sum((line.amount for line in self.utilities), ZERO)

    @property
    def paid_total(self) -> Decimal:
        return sum((line.amount for line in self.payments), ZERO)

    @property
    def time_barred_count(self) -> int:
        return sum(1 for line in self.service_fees if line.time_barred) + sum(
            1 for line in self.utilities if line.time_barred
        )

    @property
    def yardstick_exceeded(self) -> bool:
        return self.yardstick is not None and self.late_fee_total > self.yardstick
