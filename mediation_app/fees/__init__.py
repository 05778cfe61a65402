"""The arrears and settlement calculator: pure functions over plain dataclasses.

One entry point::

    from mediation_app.fees import CalcInput, ServiceFeeTerms, RateChange, calculate

    result = calculate(CalcInput(area=Decimal("118.56"), as_of=date(2021, 3, 9),
                                 service_fee=ServiceFeeTerms(rates=(RateChange(Month.of(2016, 5),
                                 Decimal("2.20")),), start=date(2017, 8, 1), end=date(2021, 3, 9))))
    result.payable, result.payable_uppercase          # Decimal("…"), "人民币…"

or from the JSON form (the ``mediation-app calc`` command)::

    result = calculate(parse_input(json.loads(text, parse_float=Decimal)))
    result_to_dict(result)                             # JSON-able, money as "0.00" strings

**Input** (:mod:`.inputs`): :class:`CalcInput` with ``area``, ``as_of`` and optional
:class:`ServiceFeeTerms` (rates by month, start, end, due day), :class:`UtilityBill` s,
:class:`Payment` s, :class:`LateFeeTerms` (daily rate, grace days, which charges, cap ratio),
:class:`LimitationTerms` (claim date, interruptions) and discounts (:class:`RateReduction`,
:class:`LateFeeWaiver`, :class:`FixedDiscount`). Money and rates are Decimal.

**Result** (:mod:`.results`), every money figure a Decimal rounded half-up to the fen:

- ``service_fee_lines``: :class:`ServiceFeeLine` per month (month, days, days_in_month, rate,
  amount, due, outstanding, late_fee, time_barred; ``key`` is ``"service_fee:2017-08"``) and
  ``service_fee_total``;
- ``utility_lines``: :class:`UtilityLine` per bill, and ``utilities_total``;
- ``payments``: :class:`AppliedPayment` (date, amount, the :class:`Allocation` s it paid, credit
  left over), ``paid``, ``credit``, ``principal_outstanding``;
- ``late_fee``: :class:`LateFeeSummary` (computed, cap, total, daily and annual rate, grace
  days: a line's late fee runs from the day after due + grace days);
- ``time_barred``: :class:`TimeBarred` (charge keys such as ``"service_fee:2017-08"``, principal);
- ``discounts`` (:class:`DiscountLine` per discount, in input order), ``discount_total``,
  ``payable`` and ``payable_uppercase`` (大写);
- ``yardstick``: :class:`Yardstick`, the interest at 1.3 × the one-year LPR on the same balances;
- ``warnings``: :class:`CalcWarning` (a stable ``code``, ``params``, and ``text`` in the user's
  language).

Every result object is a frozen dataclass; the JSON form (:func:`result_to_dict`) has the keys
of the contract first, in its order (``contract_only=True`` gives just those), then the
extensions (``late_fee.annual_rate`` …, ``utilities``, ``payments``, ``yardstick``,
``warnings``).

**Speed**: pure Python, integer fen inside, no day-by-day loops: ten years of monthly fees with
utilities and payments take about 0.4 ms (``tests/bench/bench_calc.py``), so screens can
recalculate on every keystroke.

**Errors**: :func:`calculate` and :func:`parse_input` raise
:class:`mediation_app.errors.ValidationError` whose ``field`` is the JSON path of the bad input
(``payments[1].date``), ``label`` its translated name and ``problem`` what is wrong.

The rules, one module each: :mod:`.schedule` (monthly lines, proration), :mod:`.allocation`
(payments), :mod:`.late_fee`, :mod:`.limitation`, :mod:`.discounts`, :mod:`.yardstick` with
:mod:`.lpr` (the shipped rate history), :mod:`.validation`; :mod:`.calculator` runs them in order.
"""

from mediation_app.fees.calculator import calculate
from mediation_app.fees.inputs import (
    CalcInput,
    Discount,
    DiscountKind,
    FixedDiscount,
    LateFeeTerms,
    LateFeeWaiver,
    LimitationTerms,
    Payment,
    RateChange,
    RateReduction,
    ServiceFeeTerms,
    UtilityBill,
)
from mediation_app.fees.json_io import CONTRACT_KEYS, parse_input, result_to_dict
from mediation_app.fees.lpr import RateHistory, shipped_history
from mediation_app.fees.months import Month
from mediation_app.fees.results import (
    Allocation,
    AppliedPayment,
    CalcWarning,
    DiscountLine,
    LateFeeSummary,
    Result,
    ServiceFeeLine,
    TimeBarred,
    UtilityLine,
    WarningCode,
    Yardstick,
)

__all__ = [
    "CONTRACT_KEYS",
    "Allocation",
    "AppliedPayment",
    "CalcInput",
    "CalcWarning",
    "Discount",
    "DiscountKind",
    "DiscountLine",
    "FixedDiscount",
    "LateFeeSummary",
    "LateFeeTerms",
    "LateFeeWaiver",
    "LimitationTerms",
    "Month",
    "Payment",
    "RateChange",
    "RateHistory",
    "RateReduction",
    "Result",
    "ServiceFeeLine",
    "ServiceFeeTerms",
    "TimeBarred",
    "UtilityBill",
    "UtilityLine",
    "WarningCode",
    "Yardstick",
    "calculate",
    "parse_input",
    "result_to_dict",
    "shipped_history",
]
