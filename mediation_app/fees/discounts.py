"""Rule 6: discounts, in the order given.

- ``rate_reduction``: for each service-fee month in [from, to] (all by default),
  round(area × per_m2 × days / days in the month), but at most that month's outstanding amount;
- ``late_fee_waiver``: round(late fee total × ratio);
- ``fixed``: the amount.

Discounts together may not exceed principal outstanding + late fee total: that is an input
error, since a settlement cannot pay the owner.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from mediation_app import formatting
from mediation_app.fees.charges import Charge
from mediation_app.fees.fields import invalid
from mediation_app.fees.inputs import Discount, FixedDiscount, LateFeeWaiver, RateReduction
from mediation_app.i18n import _
from mediation_app.money import from_fen, round_half_up, to_fen


def rate_reduction_fen(reduction: RateReduction, area: Decimal, service_fee: Sequence[Charge]) -> int:
    area_num, area_den = area.as_integer_ratio()
    price_num, price_den = reduction.per_m2.as_integer_ratio()
    numerator = area_num * price_num * 100
    low = reduction.start.index if reduction.start is not None else None
    high = reduction.end.index if reduction.end is not None else None
    per_month: dict[tuple[int, int], int] = {}
    total = 0
    for charge in service_fee:
        index = charge.period.index
        if (low is not None and index < low) or (high is not None and index > high):
            continue
        key = (charge.days, charge.days_in_month)
        fen = per_month.get(key)
        if fen is None:
            fen = round_half_up(numerator * charge.days, area_den * price_den * charge.days_in_month)
            per_month[key] = fen
        total += fen if fen <= charge.outstanding else charge.outstanding
    return total


def discount_fens(
    discounts: Sequence[Discount],
    area: Decimal,
    service_fee: Sequence[Charge],
    late_fee_total: int,
    debt: int,
) -> list[int]:
    """Each discount's amount in fen, in the order given; ``debt`` is principal + late fee."""
    amounts = []
    for discount in discounts:
        if isinstance(discount, RateReduction):
            amounts.append(rate_reduction_fen(discount, area, service_fee))
        elif isinstance(discount, LateFeeWaiver):
            numerator, denominator = discount.ratio.as_integer_ratio()
            amounts.append(round_half_up(late_fee_total * numerator, denominator))
        elif isinstance(discount, FixedDiscount):
            amounts.append(to_fen(discount.amount))
    total = sum(amounts)
    if total > debt:
        raise invalid(
            "discounts",
            _(
                "the discounts ({discounts} yuan) exceed the debt ({debt} yuan: principal plus late fee)"
            ).format(discounts=formatting.amount(from_fen(total)), debt=formatting.amount(from_fen(debt))),
        )
    return amounts
