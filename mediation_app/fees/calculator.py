"""The arrears calculator: the rules of the contract in order, from input to line-by-line result.

Money is integer fen inside (exact sums, one half-up rounding per line through
:func:`mediation_app.money.round_half_up`) and Decimal with two decimals in the result. No step
walks day by day: late fees and the yardstick are computed per balance segment, so ten years of
monthly fees take well under a millisecond.
"""

from __future__ import annotations

from decimal import Decimal

from mediation_app.domain.enums import ChargeKind
from mediation_app.fees.allocation import allocate
from mediation_app.fees.charges import Charge
from mediation_app.fees.discounts import discount_fens
from mediation_app.fees.fields import invalid
from mediation_app.fees.inputs import CalcInput
from mediation_app.fees.late_fee import accrue, cap_fen
from mediation_app.fees.limitation import LimitationCheck
from mediation_app.fees.lpr import RateHistory, shipped_history
from mediation_app.fees.results import (
    AppliedPayment,
    CalcWarning,
    DiscountLine,
    LateFeeSummary,
    Result,
    TimeBarred,
    WarningCode,
    Yardstick,
    build_allocation,
    build_service_fee_line,
    build_utility_line,
    charge_key,
)
from mediation_app.fees.schedule import service_fee_charges, utility_charges
from mediation_app.fees.validation import validate
from mediation_app.fees.yardstick import MULTIPLIER, yardstick_fen
from mediation_app.i18n import _
from mediation_app.money import from_fen, to_fen, uppercase_rmb

DAYS_PER_YEAR = 365
_DEFAULT_APPLIES_TO = (ChargeKind.SERVICE_FEE,)
# The financial uppercase form stops at 9999 万亿 yuan.
_MAX_PAYABLE_FEN = 10**18 - 1


class _FenDecimals(dict[int, Decimal]):
    """fen → Decimal yuan, filled on first use and shared by every calculation.

    Most lines repeat a few figures (a month's fee, zero), and a dict hit costs far less than
    making the Decimal again. Bounded, so a long-running client does not grow it forever.
    """

    LIMIT = 200_000

    def __missing__(self, fen: int) -> Decimal:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[fen] = from_fen(fen)
        return value


_DECIMALS = _FenDecimals()


def calculate(inp: CalcInput, *, rates: RateHistory | None = None) -> Result:
    """Compute the arrears, late fee, limitation warnings, discounts and payable for ``inp``.

    ``rates`` replaces the shipped one-year LPR history (tests, what-if figures). Raises
    :class:`~mediation_app.errors.ValidationError` naming the JSON path of a bad input.
    """
    validate(inp)
    history = rates if rates is not None else shipped_history()
    as_of = inp.as_of.toordinal()

    service = service_fee_charges(inp.service_fee, inp.area) if inp.service_fee is not None else []
    utilities = utility_charges(inp.utilities)
    # Service-fee due dates rise month by month, so only utilities need sorting in.
    ordered = sorted(service + utilities, key=Charge.sort_key) if utilities else service
    allocations = allocate(ordered, inp.payments)

    # Late fee (rule 4).
    terms = inp.late_fee
    applies_to = terms.applies_to if terms is not None else _DEFAULT_APPLIES_TO
    grace = terms.grace_days if terms is not None else 0
    subject = ordered if len(set(applies_to)) == 2 else [c for c in ordered if c.kind in applies_to]
    offset = grace + 1
    for charge in ordered:
        charge.late_fee_from = charge.due_ordinal + offset
    computed = accrue(subject, terms.daily_rate, as_of) if terms is not None else 0
    cap: int | None = None
    if terms is not None and terms.cap_ratio is not None:
        cap = cap_fen(terms.cap_ratio, sum(charge.outstanding for charge in subject))
    late_total = computed if cap is None or computed <= cap else cap

    # Limitation (rule 5): a warning only.
    barred: list[Charge] = []
    if inp.limitation is not None:
        possibly_barred = LimitationCheck(inp.limitation).possibly_barred_ordinal
        for charge in ordered:
            if charge.outstanding and possibly_barred(charge.due_ordinal):
                charge.time_barred = True
                barred.append(charge)

    # Totals, discounts (rule 6) and payable (rule 7).
    principal = service_total = utilities_total = 0
    for charge in ordered:
        principal += charge.outstanding
        if charge.kind is ChargeKind.SERVICE_FEE:
            service_total += charge.amount
        else:
            utilities_total += charge.amount
    discounts = discount_fens(inp.discounts, inp.area, service, late_total, principal + late_total)
    discount_total = sum(discounts)
    payable = principal + late_total - discount_total
    if payable > _MAX_PAYABLE_FEN:
        raise invalid("", _("the amounts are too large to calculate"))

    figure = yardstick_fen(subject, as_of, history)
    exceeded = figure.fen is not None and late_total > figure.fen

    money = _DECIMALS  # money[fen] → Decimal yuan: amounts and balances repeat from line to line
    decimal = Decimal  # late fees rarely repeat: converted directly (as from_fen does)
    zero = Decimal(0)
    service_lines = tuple(
        [
            build_service_fee_line(
                charge.period,
                charge.days,
                charge.days_in_month,
                charge.rate if charge.rate is not None else zero,
                money[charge.amount],
                charge.due,
                money[charge.outstanding],
                decimal(charge.late_fee).scaleb(-2),
                charge.time_barred,
            )
            for charge in service
        ]
    )
    utility_lines = tuple(
        [
            build_utility_line(
                charge.period,
                money[charge.amount],
                charge.due,
                money[charge.outstanding],
                decimal(charge.late_fee).scaleb(-2),
                charge.time_barred,
            )
            for charge in utilities
        ]
    )
    payments = tuple(
        AppliedPayment(
            date=payment.date,
            amount=payment.amount,
            applied=tuple(
                build_allocation(charge_key(charge.kind, charge.period), money[fen])
                for charge, fen in applied
            ),
            credit=money[left],
        )
        for payment, applied, left in allocations
    )
    credit = sum(left for _payment, _applied, left in allocations)
    barred_principal = sum(charge.outstanding for charge in barred)

    warnings: list[CalcWarning] = []
    if barred:
        warnings.append(
            CalcWarning(
                WarningCode.POSSIBLY_TIME_BARRED,
                {"count": str(len(barred)), "principal": str(money[barred_principal])},
            )
        )
    if credit:
        warnings.append(CalcWarning(WarningCode.CREDIT, {"credit": str(money[credit])}))
    if figure.fen is None:
        warnings.append(
            CalcWarning(WarningCode.YARDSTICK_UNAVAILABLE, {"first": history.first_day.isoformat()})
        )
    elif figure.beyond_known:
        warnings.append(
            CalcWarning(
                WarningCode.RATES_ASSUMED_UNCHANGED,
                {"date": history.known_through.isoformat(), "as_of": inp.as_of.isoformat()},
            )
        )
    annual_rate = terms.daily_rate * DAYS_PER_YEAR if terms is not None else None
    if exceeded and annual_rate is not None and figure.fen is not None:
        warnings.append(
            CalcWarning(
                WarningCode.LATE_FEE_ABOVE_YARDSTICK,
                {
                    "late_fee": str(money[late_total]),
                    "annual_rate": format((annual_rate * 100).normalize(), "f") + "%",
                    "yardstick": str(money[figure.fen]),
                },
            )
        )

    return Result(
        service_fee_lines=service_lines,
        service_fee_total=money[service_total],
        utility_lines=utility_lines,
        utilities_total=money[utilities_total],
        payments=payments,
        paid=money[sum(to_fen(payment.amount) for payment in inp.payments)],
        credit=money[credit],
        principal_outstanding=money[principal],
        late_fee=LateFeeSummary(
            computed=money[computed],
            cap=money[cap] if cap is not None else None,
            total=money[late_total],
            daily_rate=terms.daily_rate if terms is not None else None,
            annual_rate=annual_rate,
            grace_days=grace,
            applies_to=tuple(applies_to),
        ),
        time_barred=TimeBarred(
            principal=money[barred_principal],
            charges=tuple(charge_key(charge.kind, charge.period) for charge in barred),
        ),
        discounts=tuple(
            DiscountLine(discount.kind, money[fen])
            for discount, fen in zip(inp.discounts, discounts, strict=True)
        ),
        discount_total=money[discount_total],
        payable=money[payable],
        payable_uppercase=uppercase_rmb(money[payable]),
        yardstick=Yardstick(
            multiplier=MULTIPLIER,
            amount=money[figure.fen] if figure.fen is not None else None,
            exceeded=exceeded,
            rates_known_through=history.known_through,
        ),
        warnings=tuple(warnings),
    )
