"""The arrears calculator: the rules of the contract in order, from input to line-by-line result.

Money is integer fen inside (exact sums, one half-up rounding per line through
:func:`mediation_app.money.round_half_up`) and Decimal with two decimals in the result. No step
walks day by day: late fees and the yardstick are computed per balance segment, so ten years of
monthly fees take well under a millisecond.
"""

from __future__ import annotations

from decimal import Decimal
from operator import attrgetter

from mediation_app.domain.enums import ChargeKind
from mediation_app.fees.allocation import allocate
from mediation_app.fees.charges import Charge
from mediation_app.fees.discounts import discount_fens
from mediation_app.fees.fields import invalid
from mediation_app.fees.inputs import CalcInput
from mediation_app.fees.late_fee import accrue, cap_fen
from mediation_app.fees.limitation import LimitationCheck
from mediation_app.fees.lpr import RateHistory, shipped_history
from mediation_app.fees.months import month_at
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
_PAYMENT_ORDER = attrgetter("order")


class _KeysByIndex(dict[int, str]):
    """month index → charge key (``"service_fee:2017-08"``) for one kind, filled on first use."""

    def __init__(self, kind: ChargeKind) -> None:
        super().__init__()
        self.kind = kind

    def __missing__(self, index: int) -> str:
        key = self[index] = charge_key(self.kind, month_at(index))
        return key


# Keys name allocations and time-barred charges: a dict hit each instead of a formatted string.
_CHARGE_KEYS = {kind: _KeysByIndex(kind) for kind in (ChargeKind.SERVICE_FEE, ChargeKind.UTILITIES)}


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
    ordered = sorted(service + utilities, key=_PAYMENT_ORDER) if utilities else service
    allocations = allocate(ordered, inp.payments)

    # Late fee (rule 4).
    terms = inp.late_fee
    applies_to = terms.applies_to if terms is not None else _DEFAULT_APPLIES_TO
    grace = terms.grace_days if terms is not None else 0
    subject = ordered if len(set(applies_to)) == 2 else [c for c in ordered if c.kind in applies_to]
    computed = accrue(subject, terms.daily_rate, grace, as_of) if terms is not None else 0
    cap: int | None = None
    if terms is not None and terms.cap_ratio is not None:
        cap = cap_fen(terms.cap_ratio, sum(charge.outstanding for charge in subject))
    late_total = computed if cap is None or computed <= cap else cap

    # Limitation (rule 5), a warning only, and the totals.
    barred: list[Charge] = []
    possibly_barred = (
        LimitationCheck(inp.limitation).possibly_barred_ordinal if inp.limitation is not None else None
    )
    principal = service_total = utilities_total = 0
    service_kind = ChargeKind.SERVICE_FEE
    for charge in ordered:
        if charge.outstanding:
            principal += charge.outstanding
            if possibly_barred is not None and possibly_barred(charge.due_ordinal):
                charge.time_barred = True
                barred.append(charge)
        if charge.kind is service_kind:
            service_total += charge.amount
        else:
            utilities_total += charge.amount

    # Discounts (rule 6) and payable (rule 7).
    discounts = discount_fens(inp.discounts, inp.area, service, late_total, principal + late_total)
    discount_total = sum(discounts)
    payable = principal + late_total - discount_total
    if payable > _MAX_PAYABLE_FEN:
        raise invalid("", _("the amounts are too large to calculate"))

    figure = yardstick_fen(subject, grace, as_of, history)
    exceeded = figure.fen is not None and late_total > figure.fen

    money = _DECIMALS  # money[fen] → Decimal yuan: amounts and balances repeat from line to line
    decimal = Decimal  # late fees rarely repeat: converted directly (from_fen, inlined)
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
    yuan = from_fen  # totals are one-off figures: no point caching them
    charge_keys = _CHARGE_KEYS
    payments = tuple(
        AppliedPayment(
            date=payment.date,
            amount=money[to_fen(payment.amount)],  # "500" in, 500.00 out, like every figure
            applied=tuple(
                build_allocation(charge_keys[charge.kind][charge.period.index], money[fen])
                for charge, fen in applied
            ),
            credit=yuan(left),
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
                {"count": str(len(barred)), "principal": str(yuan(barred_principal))},
            )
        )
    if credit:
        warnings.append(CalcWarning(WarningCode.CREDIT, {"credit": str(yuan(credit))}))
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
                    "late_fee": str(yuan(late_total)),
                    "annual_rate": format((annual_rate * 100).normalize(), "f") + "%",
                    "yardstick": str(yuan(figure.fen)),
                },
            )
        )

    return Result(
        service_fee_lines=service_lines,
        service_fee_total=yuan(service_total),
        utility_lines=utility_lines,
        utilities_total=yuan(utilities_total),
        payments=payments,
        paid=yuan(sum(to_fen(payment.amount) for payment in inp.payments)),
        credit=yuan(credit),
        principal_outstanding=yuan(principal),
        late_fee=LateFeeSummary(
            computed=yuan(computed),
            cap=yuan(cap) if cap is not None else None,
            total=yuan(late_total),
            daily_rate=terms.daily_rate if terms is not None else None,
            annual_rate=annual_rate,
            grace_days=grace,
            applies_to=tuple(applies_to),
        ),
        time_barred=TimeBarred(
            principal=yuan(barred_principal),
            charges=tuple([charge_keys[charge.kind][charge.period.index] for charge in barred]),
        ),
        discounts=tuple(
            DiscountLine(discount.kind, yuan(fen))
            for discount, fen in zip(inp.discounts, discounts, strict=True)
        ),
        discount_total=yuan(discount_total),
        payable=yuan(payable),
        payable_uppercase=uppercase_rmb(yuan(payable)),
        yardstick=Yardstick(
            multiplier=MULTIPLIER,
            amount=yuan(figure.fen) if figure.fen is not None else None,
            exceeded=exceeded,
            rates_known_through=history.known_through,
        ),
        warnings=tuple(warnings),
    )
