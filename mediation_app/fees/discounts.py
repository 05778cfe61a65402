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
from itertools import repeat

from mediation_app import formatting
from mediation_app.fees.fields import invalid
from mediation_app.fees.inputs import Discount, FixedDiscount, LateFeeWaiver, RateReduction
from mediation_app.fees.schedule import Proration, ServiceMonths
from mediation_app.i18n import _
from mediation_app.money import from_fen, round_half_up, to_fen


def rate_reduction_fen(
    reduction: RateReduction, area: Decimal, months: ServiceMonths, outstanding: Sequence[int]
) -> int:
    """The reduction over the service-fee ``months``, each capped at its ``outstanding`` fen."""
    periods = months.charges.periods
    count = len(periods)
    if not count:
        return 0
    first = periods[0].index  # type: ignore[union-attr]  # service-fee periods are months
    low = max(0, reduction.start.index - first) if reduction.start is not None else 0
    high = min(count, reduction.end.index - first + 1) if reduction.end is not None else count
    if low >= high:
        return 0
    cut = Proration(area, reduction.per_m2)
    # Every month as a whole month; only the first and last month of the claim can be partial.
    # Each month's cut is at most what it still owes: nearly always all of it (payments reach
    # the oldest months), checked with one C-level min before the month-by-month one.
    in_range = outstanding[low:high]
    full = cut.full
    total = full * len(in_range) if min(in_range) >= full else sum(map(min, in_range, repeat(full)))
    for place in {0, count - 1}:
        if low <= place < high and months.days[place] != months.days_in[place]:
            owed = outstanding[place]
            total += min(cut.fen(months.days[place], months.days_in[place]), owed) - min(cut.full, owed)
    return total


def discount_fens(
    discounts: Sequence[Discount],
    area: Decimal,
    months: ServiceMonths,
    outstanding: Sequence[int],
    late_fee_total: int,
    debt: int,
) -> list[int]:
    """Each discount's amount in fen, in the order given; ``outstanding`` is what is left of
    each service-fee month, in fen; ``debt`` is principal + late fee."""
    amounts = []
    for discount in discounts:
        if isinstance(discount, RateReduction):
            amounts.append(rate_reduction_fen(discount, area, months, outstanding))
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
