"""The calculator's input built from what the database holds about a case and its unit.

The input is built in the calculator's JSON form (:mod:`mediation_app.fees.json_io`) and parsed
back with :func:`~mediation_app.fees.parse_input`: the stored statement's ``input_json`` is then
exactly what was computed, and ``mediation-app calc`` recomputes it from the file.

Where the figures come from:

- ``area``: the unit's building area; ``service_fee``: the unit's rate history and the case's
  claim period (``service_start``..``service_end``), never before the unit's handover (no fee is
  owed for a flat not yet handed over), and its due day;
- ``utilities``: the unit's shared water and electricity bills in the claim period, each for a
  month or a range of days (``UtilityBill.period``: ``"2020-12"`` or ``"2020-10-01..2020-12-31"``); when none
  are on file, each claimed utilities line stands in as one bill due at the end of its period
  (the company's own figure: the calculator then checks payments and late fees against it);
- ``payments``: the owner's payments (voided ones left out, as voided bills are) from the start of the claim period to the calculation date;
- ``late_fee``: the contract's daily rate, grace days, cap and whether it applies to utilities;
- ``limitation``: claimed on the intake date (the application to mediation interrupts the
  period, 民法典 195), earlier payments counting as interruptions;
- ``discounts``: those of the proposal being computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from mediation_app.domain.enums import ChargeKind
from mediation_app.fees import CalcInput, Discount, FixedDiscount, LateFeeWaiver, RateReduction, parse_input
from mediation_app.fees.months import Month
from mediation_app.storage.models import Case, FeePayment, Unit, UtilityBill


def live_bills(unit: Unit) -> list[UtilityBill]:
    """The unit's utility bills on file, leaving out those voided (kept only to show they were)."""
    return [bill for bill in unit.utility_bills if bill.voided_at is None]


def live_payments(unit: Unit) -> list[FeePayment]:
    """The owner's payments on file, leaving out those voided."""
    return [payment for payment in unit.payments if payment.voided_at is None]


def input_dict(case: Case, as_of: dt.date, discounts: Sequence[Discount] = ()) -> dict[str, Any]:
    """The calculator input for ``case`` as of ``as_of``, in its JSON form."""
    unit = case.unit
    data: dict[str, Any] = {"area": _plain(unit.area), "as_of": as_of.isoformat()}
    start = case.service_start
    if start is not None and unit.handover_date is not None:
        start = max(start, unit.handover_date)
    end = case.service_end
    if start is not None and end is not None and start <= end and unit.rates:
        data["service_fee"] = {
            "rates": [{"from": rate.from_month, "rate": _plain(rate.rate)} for rate in unit.rates],
            "start": start.isoformat(),
            "end": end.isoformat(),
            "due_day": case.due_day,
        }
    first_month = str(Month.containing(start)) if start is not None else None
    # A stored period is a month ("2020-12") or a range ("2020-10-01..2020-12-31"), passed on
    # as it is; the claim period's filter goes by the month it starts in.
    bills = [
        {"period": bill.period, "amount": _plain(bill.amount), "due": bill.due.isoformat()}
        for bill in live_bills(unit)
        if (first_month is None or bill.period[:7] >= first_month)
        and bill.period[:7] <= str(Month.containing(as_of))
    ]
    if not bills:
        bills = [
            {
                "period": _claimed_period(item.period_from, item.period_to or case.intake_date),
                "amount": _plain(item.amount),
                "due": (item.period_to or case.intake_date).isoformat(),
            }
            for item in case.claim_items
            if item.kind is ChargeKind.UTILITIES and item.amount > 0
        ]
    if bills:
        data["utilities"] = bills
    payments = [
        payment
        for payment in live_payments(unit)
        if payment.paid_on <= as_of and (start is None or payment.paid_on >= start)
    ]
    if payments:
        data["payments"] = [{"date": p.paid_on.isoformat(), "amount": _plain(p.amount)} for p in payments]
    if case.late_fee_daily_rate is not None and case.late_fee_daily_rate > 0:
        late_fee: dict[str, Any] = {
            "daily_rate": _plain(case.late_fee_daily_rate),
            "grace_days": case.late_fee_grace_days,
            "applies_to": [ChargeKind.SERVICE_FEE.value]
            + ([ChargeKind.UTILITIES.value] if case.late_fee_on_utilities else []),
        }
        if case.late_fee_cap_ratio is not None:
            late_fee["cap_ratio"] = _plain(case.late_fee_cap_ratio)
        data["late_fee"] = late_fee
    data["limitation"] = {
        "claim_date": case.intake_date.isoformat(),
        "interruptions": sorted({p.paid_on.isoformat() for p in payments if p.paid_on < case.intake_date}),
    }
    if discounts:
        data["discounts"] = [discount_dict(d) for d in discounts]
    return data


def _claimed_period(start: dt.date | None, end: dt.date) -> Any:
    """A claimed utilities line standing in for its bills covers the period as claimed."""
    if start is None or start > end:
        return str(Month.containing(end))
    return {"from": start.isoformat(), "to": end.isoformat()}


def calc_input(
    case: Case, as_of: dt.date, discounts: Sequence[Discount] = ()
) -> tuple[dict[str, Any], CalcInput]:
    """The JSON form and the parsed input (the parse checks the form as the ``calc`` command does)."""
    data = input_dict(case, as_of, discounts)
    return data, parse_input(data)


def discount_dict(discount: Discount) -> dict[str, Any]:
    """A discount in the calculator's JSON form."""
    if isinstance(discount, RateReduction):
        out: dict[str, Any] = {"type": discount.kind.value, "per_m2": _plain(discount.per_m2)}
        if discount.start is not None:
            out["from"] = str(discount.start)
        if discount.end is not None:
            out["to"] = str(discount.end)
        return out
    if isinstance(discount, LateFeeWaiver):
        return {"type": discount.kind.value, "ratio": _plain(discount.ratio)}
    if isinstance(discount, FixedDiscount):
        return {"type": discount.kind.value, "amount": _plain(discount.amount)}
    raise TypeError(f"not a discount: {discount!r}")


def _plain(value: Decimal) -> str:
    """A decimal as JSON text without exponent (``Decimal('1E+1')`` → ``"10"``)."""
    return format(value, "f")
