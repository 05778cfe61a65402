"""What the calculator is given: plain frozen dataclasses, money and rates as Decimal.

Build them directly (services) or from the JSON form with :func:`mediation_app.fees.json_io.parse_input`
(the ``calc`` command). :func:`mediation_app.fees.calculate` checks every rule of the contract on
them and raises :class:`mediation_app.errors.ValidationError` naming the JSON path of the bad field
(``payments[1].date``), whichever way they were built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from mediation_app.domain.enums import ChargeKind
from mediation_app.fees.months import Month
from mediation_app.fees.periods import BillPeriod


@dataclass(frozen=True, slots=True)
class RateChange:
    """The service-fee rate (yuan per m² per month) from ``start`` (JSON ``from``) onwards."""

    start: Month
    rate: Decimal


@dataclass(frozen=True, slots=True)
class ServiceFeeTerms:
    """Monthly property service fee over ``start``..``end`` (both inclusive)."""

    rates: tuple[RateChange, ...]
    start: dt.date
    end: dt.date
    due_day: int = 1


@dataclass(frozen=True, slots=True)
class UtilityBill:
    """A shared water and electricity bill (公摊水电费) with its own due date.

    ``period`` is the calendar month the bill covers, or a :class:`BillPeriod` for a quarter or
    any other range of days (JSON ``"2020-12"`` or ``{"from": "2020-10-01", "to": "2020-12-31"}``).
    """

    period: Month | BillPeriod
    amount: Decimal
    due: dt.date


@dataclass(frozen=True, slots=True)
class Payment:
    date: dt.date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class LateFeeTerms:
    """违约金: ``daily_rate`` of the overdue balance per day after ``grace_days``."""

    daily_rate: Decimal
    grace_days: int = 0
    applies_to: tuple[ChargeKind, ...] = (ChargeKind.SERVICE_FEE,)
    cap_ratio: Decimal | None = None


@dataclass(frozen=True, slots=True)
class LimitationTerms:
    """诉讼时效 check: the claim date and the dates the period was interrupted (民法典 195)."""

    claim_date: dt.date
    interruptions: tuple[dt.date, ...] = ()


class DiscountKind(StrEnum):
    RATE_REDUCTION = "rate_reduction"
    LATE_FEE_WAIVER = "late_fee_waiver"
    FIXED = "fixed"


@dataclass(frozen=True, slots=True)
class RateReduction:
    """A lower fee standard: ``per_m2`` less per m² per month on the service fee in the months
    ``start``..``end`` (JSON ``from``/``to``; all months when absent)."""

    per_m2: Decimal
    start: Month | None = None
    end: Month | None = None

    @property
    def kind(self) -> DiscountKind:
        return DiscountKind.RATE_REDUCTION


@dataclass(frozen=True, slots=True)
class LateFeeWaiver:
    """Waive ``ratio`` (0..1) of the late fee."""

    ratio: Decimal

    @property
    def kind(self) -> DiscountKind:
        return DiscountKind.LATE_FEE_WAIVER


@dataclass(frozen=True, slots=True)
class FixedDiscount:
    amount: Decimal

    @property
    def kind(self) -> DiscountKind:
        return DiscountKind.FIXED


Discount = RateReduction | LateFeeWaiver | FixedDiscount


@dataclass(frozen=True, slots=True)
class CalcInput:
    """One owner's fee data. Only ``area`` and ``as_of`` are required."""

    area: Decimal
    as_of: dt.date
    service_fee: ServiceFeeTerms | None = None
    utilities: tuple[UtilityBill, ...] = ()
    payments: tuple[Payment, ...] = ()
    late_fee: LateFeeTerms | None = None
    limitation: LimitationTerms | None = None
    discounts: tuple[Discount, ...] = ()
