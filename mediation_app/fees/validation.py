"""The input rules of the contract, checked on the dataclasses before any figure is computed.

The JSON reader checks form (types, dates, numbers); this module checks meaning (positive area,
end after start, a rate for every month, payments not after ``as_of`` …) so a service that
builds :class:`~mediation_app.fees.inputs.CalcInput` itself gets the same errors, with the same
JSON paths, as the ``calc`` command.
"""

from __future__ import annotations

from decimal import Decimal

from mediation_app.domain.enums import ChargeKind
from mediation_app.fees.fields import invalid
from mediation_app.fees.inputs import (
    CalcInput,
    FixedDiscount,
    LateFeeWaiver,
    RateReduction,
)
from mediation_app.fees.months import Month, month_at
from mediation_app.i18n import _
from mediation_app.money import MAX_INTEGER_DIGITS

MONEY_PLACES = 2
# Unit prices (yuan per m² per month) may carry up to four decimals (e.g. 2.205); amounts of
# money (bills, payments, fixed discounts) are whole fen.
UNIT_PRICE_PLACES = 4
LATE_FEE_KINDS = (ChargeKind.SERVICE_FEE, ChargeKind.UTILITIES)


def _check_decimal(
    value: Decimal,
    path: str,
    *,
    places: int | None = None,
    positive: bool = False,
    at_most_one: bool = False,
) -> None:
    if type(value) is not Decimal or not value.is_finite():
        raise invalid(path, _("must be a finite decimal number"))
    if value.adjusted() >= MAX_INTEGER_DIGITS:
        raise invalid(path, _("is too large: {value}").format(value=value))
    # By value: 2.50 and 2.5 are both whole fen; 2.505 is not (the exact ratio's denominator
    # must divide 10^places).
    if places is not None and 10**places % value.as_integer_ratio()[1]:
        raise invalid(
            path, _("has more than {places} decimal places: {value}").format(places=places, value=value)
        )
    if positive and value <= 0:
        raise invalid(path, _("must be greater than zero: {value}").format(value=value))
    if value < 0:
        raise invalid(path, _("must not be negative: {value}").format(value=value))
    if at_most_one and value > 1:
        raise invalid(path, _("must be between 0 and 1: {value}").format(value=value))


def _plain_amount(value: Decimal) -> bool:
    """A finite, non-negative, not too large Decimal of whole fen: the common case, checked
    without building the field's path (the full check then says what is wrong)."""
    return (
        type(value) is Decimal
        and value.is_finite()
        and value >= 0
        and value.adjusted() < MAX_INTEGER_DIGITS
        and not 100 % value.as_integer_ratio()[1]
    )


def validate(inp: CalcInput) -> None:
    """Raise ValidationError for the first input that breaks a rule of the contract."""
    _check_decimal(inp.area, "area", positive=True)
    _check_service_fee(inp)
    for i, bill in enumerate(inp.utilities):
        if not _plain_amount(bill.amount):
            _check_decimal(bill.amount, f"utilities[{i}].amount", places=MONEY_PLACES)
    for i, payment in enumerate(inp.payments):
        if not _plain_amount(payment.amount) or not payment.amount:
            _check_decimal(payment.amount, f"payments[{i}].amount", places=MONEY_PLACES, positive=True)
        if payment.date > inp.as_of:
            raise invalid(
                f"payments[{i}].date",
                _("{date} is after the calculation date {as_of}").format(
                    date=payment.date.isoformat(), as_of=inp.as_of.isoformat()
                ),
            )
    _check_late_fee(inp)
    _check_discounts(inp)


def _check_service_fee(inp: CalcInput) -> None:
    terms = inp.service_fee
    if terms is None:
        return
    if not terms.rates:
        raise invalid("service_fee.rates", _("needs at least one rate"))
    seen: set[int] = set()  # month indexes: cheaper to hash than Month objects
    for i, change in enumerate(terms.rates):
        _check_decimal(change.rate, f"service_fee.rates[{i}].rate", places=UNIT_PRICE_PLACES)
        if change.start.index in seen:
            raise invalid(
                f"service_fee.rates[{i}].from",
                _("another rate already starts in {month}").format(month=change.start),
            )
        seen.add(change.start.index)
    if terms.end < terms.start:
        raise invalid(
            "service_fee.end",
            _("{end} is before the start date {start}").format(
                end=terms.end.isoformat(), start=terms.start.isoformat()
            ),
        )
    if not 1 <= terms.due_day <= 31:
        raise invalid("service_fee.due_day", _("must be a day of the month from 1 to 31"))
    first_month = Month.containing(terms.start)
    earliest = month_at(min(seen))
    if earliest > first_month:
        raise invalid(
            "service_fee.rates",
            _("no rate applies to {month}: the earliest rate starts in {earliest}").format(
                month=first_month, earliest=earliest
            ),
        )


def _check_late_fee(inp: CalcInput) -> None:
    terms = inp.late_fee
    if terms is None:
        return
    _check_decimal(terms.daily_rate, "late_fee.daily_rate", at_most_one=True)
    if terms.grace_days < 0:
        raise invalid(
            "late_fee.grace_days", _("must not be negative: {value}").format(value=terms.grace_days)
        )
    for i, kind in enumerate(terms.applies_to):
        if kind not in LATE_FEE_KINDS:
            raise invalid(
                f"late_fee.applies_to[{i}]",
                _("must be one of: {choices}").format(choices=", ".join(k.value for k in LATE_FEE_KINDS)),
            )
    if terms.cap_ratio is not None:
        _check_decimal(terms.cap_ratio, "late_fee.cap_ratio")


def _check_discounts(inp: CalcInput) -> None:
    for i, discount in enumerate(inp.discounts):
        path = f"discounts[{i}]"
        if isinstance(discount, RateReduction):
            _check_decimal(discount.per_m2, f"{path}.per_m2", places=UNIT_PRICE_PLACES)
            if discount.start is not None and discount.end is not None and discount.end < discount.start:
                raise invalid(
                    f"{path}.to",
                    _("{end} is before the start month {start}").format(
                        end=discount.end, start=discount.start
                    ),
                )
        elif isinstance(discount, LateFeeWaiver):
            _check_decimal(discount.ratio, f"{path}.ratio", at_most_one=True)
        elif isinstance(discount, FixedDiscount):
            _check_decimal(discount.amount, f"{path}.amount", places=MONEY_PLACES)
        else:
            raise invalid(f"{path}.type", _("is not a known discount type"))
