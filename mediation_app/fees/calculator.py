"""The arrears calculator: the rules of the contract in order, from input to line-by-line result.

Money is integer fen inside (exact sums, one half-up rounding per line through
:func:`mediation_app.money.round_half_up`) and Decimal with two decimals in the result. The
steps: :mod:`.validation` (every rule and bound, before any arithmetic), :mod:`.schedule` (the
charges, rules 1–2, as columns), :mod:`.ledger` (payments, late fees, yardstick and limitation,
rules 3–5, and the result lines), :mod:`.discounts` (rule 6), then the totals and the payable
(rule 7). No step walks day by day, and no step makes an object per charge but the result
lines themselves: ten years of monthly fees take a fraction of a millisecond.
"""

from __future__ import annotations

import datetime as dt

from mediation_app.domain.enums import ChargeKind
from mediation_app.fees.discounts import discount_fens
from mediation_app.fees.fields import invalid
from mediation_app.fees.inputs import CalcInput
from mediation_app.fees.late_fee import cap_fen
from mediation_app.fees.ledger import walk
from mediation_app.fees.lpr import RateHistory, shipped_history
from mediation_app.fees.results import (
    CalcWarning,
    Result,
    WarningCode,
    build_allocation,
    build_applied_payment,
    build_discount_line,
    build_late_fee_summary,
    build_result,
    build_time_barred,
    build_yardstick,
)
from mediation_app.fees.validation import validate
from mediation_app.fees.yardstick import MULTIPLIER
from mediation_app.i18n import _
from mediation_app.money import from_fen, uppercase_rmb

DAYS_PER_YEAR = 365
_DEFAULT_APPLIES_TO = (ChargeKind.SERVICE_FEE,)
# The financial uppercase form stops at 9999 万亿 yuan.
_MAX_PAYABLE_FEN = 10**18 - 1


def calculate(inp: CalcInput, *, rates: RateHistory | None = None, today: dt.date | None = None) -> Result:
    """Compute the arrears, late fee, limitation warnings, discounts and payable for ``inp``.

    ``rates`` replaces the shipped one-year LPR history (tests, what-if figures); ``today``
    (default: the system's date) sets the latest plausible date of the input. Raises
    :class:`~mediation_app.errors.ValidationError` naming the JSON path of a bad input.
    """
    checked = validate(inp, today)
    history = rates if rates is not None else shipped_history()

    # Rules 1–5, and the lines. Payments in date order (stable: same day, input order).
    payment_order = sorted(range(len(inp.payments)), key=lambda i: inp.payments[i].date)
    fens = checked.payment_fens
    ledger = walk(inp, checked, [(inp.payments[i].date.toordinal(), fens[i]) for i in payment_order], history)
    service_lines = tuple(ledger.service_lines)
    terms = inp.late_fee
    applies_to = terms.applies_to if terms is not None else _DEFAULT_APPLIES_TO
    grace = terms.grace_days if terms is not None else 0
    computed = ledger.late_fee
    cap: int | None = None
    if terms is not None and terms.cap_ratio is not None:
        cap = cap_fen(terms.cap_ratio, ledger.subject_outstanding)
    late_total = computed if cap is None or computed <= cap else cap

    # Discounts (rule 6) and payable (rule 7).
    principal = ledger.principal
    discounts = discount_fens(
        inp.discounts, inp.area, ledger.months, ledger.service_outstanding, late_total, principal + late_total
    )
    discount_total = sum(discounts)
    payable = principal + late_total - discount_total
    if payable > _MAX_PAYABLE_FEN:
        raise invalid("", _("the amounts are too large to calculate"))

    figure = ledger.yardstick
    exceeded = figure.fen is not None and late_total > figure.fen

    yuan = from_fen
    payments = tuple(
        [
            build_applied_payment(
                inp.payments[i].date,
                yuan(fens[i]),  # "500" in, 500.00 out, like every figure
                tuple(map(build_allocation, applied.keys, applied.amounts)),
                yuan(left),  # credit
            )
            for i, applied, left in zip(payment_order, ledger.applied, ledger.credits, strict=True)
        ]
    )
    credit = sum(ledger.credits)
    barred = ledger.barred
    barred_principal = ledger.barred_principal
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

    return build_result(  # Result's fields, in order
        service_lines,
        yuan(ledger.service_total),
        tuple(ledger.utility_lines),
        yuan(sum(checked.bill_fens)),  # utilities_total
        payments,
        yuan(sum(fens)),  # paid
        yuan(credit),
        yuan(principal),  # principal_outstanding
        build_late_fee_summary(
            yuan(computed),
            yuan(cap) if cap is not None else None,
            yuan(late_total),
            terms.daily_rate if terms is not None else None,
            annual_rate,
            grace,
            tuple(applies_to),
        ),
        build_time_barred(yuan(barred_principal), tuple(barred)),
        tuple(
            [
                build_discount_line(discount.kind, yuan(fen))
                for discount, fen in zip(inp.discounts, discounts, strict=True)
            ]
        ),
        yuan(discount_total),
        yuan(payable),
        uppercase_rmb(yuan(payable)),
        build_yardstick(
            MULTIPLIER,
            yuan(figure.fen) if figure.fen is not None else None,
            exceeded,
            history.known_through,  # rates_known_through
        ),
        tuple(warnings),
    )
