"""The arrears and settlement calculator: pure functions over plain dataclasses.

One entry point::

    from mediation_app.fees import CalcInput, ServiceFeeTerms, RateChange, calculate

    result = calculate(CalcInput(area=Decimal("118.56"), as_of=date(2021, 3, 9),
                                 service_fee=ServiceFeeTerms(rates=(RateChange(Month.of(2016, 5),
                                 Decimal("2.20")),), start=date(2017, 8, 1), end=date(2021, 3, 9))))
    result.payable, result.payable_uppercase          # Decimal("…"), "人民币…"

or from the JSON form (the ``mediation-app calc`` command)::

    result = calculate(parse_input(load_json(text)))  # numbers kept as written until checked
    result_to_dict(result)                             # JSON-able, money as "0.00" strings

**Input** (:mod:`.inputs`): :class:`CalcInput` with ``area``, ``as_of`` and optional
:class:`ServiceFeeTerms` (rates by month, start, end, due day), :class:`UtilityBill` s (each
for a :class:`Month` or a :class:`BillPeriod`: a quarter or any range of days),
:class:`Payment` s, :class:`LateFeeTerms` (daily rate, grace days, which charges, cap ratio),
:class:`LimitationTerms` (claim date, interruptions) and discounts (:class:`RateReduction`,
:class:`LateFeeWaiver`, :class:`FixedDiscount`). Money and rates are Decimal.

**Result** (:mod:`.results`), every money figure a Decimal rounded half-up to the fen:

- ``service_fee_lines``: :class:`ServiceFeeLine` per month (month, days, days_in_month, rate,
  amount, due, outstanding, late_fee, time_barred; ``key`` is ``"service_fee:2017-08"``) and
  ``service_fee_total``;
- ``utility_lines``: :class:`UtilityLine` per bill (its ``period`` as given; ``key`` is
  ``"utilities:2020-12"`` for a calendar month, ``"utilities:2020-10-01..2020-12-31"`` for any
  other period), and ``utilities_total``;
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

**Speed**: pure Python, integer fen inside, no day-by-day loops, and the charges a payment does
not reach handled a column at a time (:mod:`.ledger`): ten years of monthly fees with
utilities and payments take about a quarter of a millisecond (``tests/bench/bench_calc.py``),
so screens can recalculate on every keystroke.

**Errors**: :func:`calculate` and :func:`parse_input` raise
:class:`mediation_app.errors.ValidationError` whose ``field`` is the JSON path of the bad input
(``payments[1].date``), ``label`` its translated name and ``problem`` what is wrong. Every
figure and date is held to the plausible ranges of :mod:`mediation_app.domain.bounds` before
any arithmetic (how a number is written by :func:`parse_input`, its range by
:func:`calculate`), so no input can make the calculator hang or overflow.

The rules: :mod:`.schedule` (monthly lines, proration, bills, payment order), :mod:`.ledger`
(payments, late fees, yardstick and limitation over the charges, and the lines), with
:mod:`.late_fee`, :mod:`.limitation`, :mod:`.yardstick` and :mod:`.lpr` (the shipped rate
history) for their terms; :mod:`.discounts`, :mod:`.periods` (bill periods),
:mod:`.validation`; :mod:`.calculator` runs them in order.
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
from mediation_app.fees.json_io import CONTRACT_KEYS, load_json, parse_input, result_to_dict
from mediation_app.fees.lpr import RateHistory, shipped_history
from mediation_app.fees.months import Month
from mediation_app.fees.periods import BillPeriod
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
    "BillPeriod",
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
    "load_json",
    "parse_input",
    "result_to_dict",
    "shipped_history",
]
