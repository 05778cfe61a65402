"""A second, deliberately naive implementation of the calculator contract, for the property tests.

It shares nothing with ``mediation_app.fees`` but the input dataclasses: it walks the calendar
day by day, keeps money as exact fractions and rounds with its own half-up rule, and allocates
payments charge by charge. Slow, and easy to check against the issue's rules by reading; the
production calculator must agree with it on every figure.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from mediation_app.domain.enums import ChargeKind
from mediation_app.fees import (
    CalcInput,
    FixedDiscount,
    LateFeeWaiver,
    Month,
    RateReduction,
)

ONE_DAY = dt.timedelta(days=1)


def cents(value: Fraction) -> Decimal:
    """Round a non-negative exact value half-up to the fen, as Decimal with two places."""
    scaled = value * 100
    whole = scaled.numerator // scaled.denominator
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(whole).scaleb(-2)


def three_years_after(day: dt.date) -> dt.date:
    if day.month == 2 and day.day == 29:
        return dt.date(day.year + 3, 2, 28)
    return day.replace(year=day.year + 3)


@dataclass
class RefCharge:
    kind: ChargeKind
    period: str  # as in the charge key: "2020-12", or "2020-10-01..2020-12-31" for a range
    due: dt.date
    amount: Decimal
    first_day: dt.date  # of the period the charge covers
    last_day: dt.date
    days: int = 0
    rate: Decimal | None = None
    month_first: dt.date | None = None
    paid: list[tuple[dt.date, Decimal]] = field(default_factory=list)

    @property
    def outstanding(self) -> Decimal:
        return self.amount - sum((part for _day, part in self.paid), Decimal("0.00"))

    def balance_on(self, day: dt.date) -> Decimal:
        """What is still owed on ``day``: a payment dated P no longer counts from P on."""
        return self.amount - sum((part for paid_on, part in self.paid if paid_on <= day), Decimal(0))

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.period}"


@dataclass
class RefResult:
    charges: list[RefCharge]
    service: list[RefCharge]
    utilities: list[RefCharge]
    late_fees: dict[str, Decimal]  # by charge key (service and utilities)
    credit: Decimal
    applied: list[list[tuple[str, Decimal]]]  # per payment in date order
    computed: Decimal
    cap: Decimal | None
    late_total: Decimal
    barred: list[str]
    barred_principal: Decimal
    discounts: list[Decimal] | None  # None: the discounts exceed the debt
    payable: Decimal | None
    yardstick: Decimal | None


def rate_on(rows: list[tuple[dt.date, Decimal]], day: dt.date) -> Decimal | None:
    current = None
    for start, percent in rows:
        if start <= day:
            current = percent
    return current


def reference(inp: CalcInput, rate_rows: list[tuple[dt.date, Decimal]]) -> RefResult:
    area = Fraction(inp.area)
    service: list[RefCharge] = []
    if inp.service_fee is not None:
        terms = inp.service_fee
        month_first = terms.start.replace(day=1)
        while month_first <= terms.end:
            days_in = calendar.monthrange(month_first.year, month_first.month)[1]
            month_last = month_first.replace(day=days_in)
            days = (min(month_last, terms.end) - max(month_first, terms.start)).days + 1
            label = f"{month_first.year:04d}-{month_first.month:02d}"
            applicable = [change for change in terms.rates if str(change.start) <= label]
            rate = max(applicable, key=lambda change: str(change.start)).rate
            due = month_first.replace(day=min(terms.due_day, days_in))
            due = max(due, terms.start)
            amount = cents(area * Fraction(rate) * days / days_in)
            service.append(
                RefCharge(
                    ChargeKind.SERVICE_FEE,
                    label,
                    due,
                    amount,
                    month_first,
                    month_last,
                    days,
                    rate,
                    month_first,
                )
            )
            month_first = month_last + ONE_DAY
    utilities = []
    for bill in inp.utilities:
        if isinstance(bill.period, Month):
            first_day = dt.date(bill.period.year, bill.period.month, 1)
            last_day = dt.date(
                bill.period.year,
                bill.period.month,
                calendar.monthrange(bill.period.year, bill.period.month)[1],
            )
            text = f"{bill.period.year:04d}-{bill.period.month:02d}"
        else:
            first_day, last_day = bill.period.start, bill.period.end
            whole_month = first_day.day == 1 and last_day == first_day.replace(
                day=calendar.monthrange(first_day.year, first_day.month)[1]
            )
            text = f"{first_day:%Y-%m}" if whole_month else f"{first_day.isoformat()}..{last_day.isoformat()}"
        utilities.append(RefCharge(ChargeKind.UTILITIES, text, bill.due, bill.amount, first_day, last_day))
    # Payment order: due date, service fee before utilities, the period's first day, its last
    # day; sorted() is stable, so equal bills stay in input order.
    charges = sorted(
        service + utilities,
        key=lambda c: (c.due, 0 if c.kind is ChargeKind.SERVICE_FEE else 1, c.first_day, c.last_day),
    )

    # Payments: in date order, each to the oldest outstanding charges.
    credit = Decimal("0.00")
    applied_all = []
    for payment in sorted(inp.payments, key=lambda p: p.date):
        left = payment.amount
        applied = []
        for charge in charges:
            if left == 0:
                break
            owed = charge.outstanding
            if owed > 0:
                part = min(owed, left)
                charge.paid.append((payment.date, part))
                applied.append((charge.key, part))
                left -= part
        credit += left
        applied_all.append(applied)

    # Late fee and yardstick, day by day.
    terms_lf = inp.late_fee
    applies_to = terms_lf.applies_to if terms_lf is not None else (ChargeKind.SERVICE_FEE,)
    grace = terms_lf.grace_days if terms_lf is not None else 0
    late_fees = {}
    yardstick: Decimal | None = Decimal(0)
    for charge in charges:
        fee = Fraction(0)
        interest = Fraction(0)
        day = charge.due + dt.timedelta(days=grace + 1)
        while day <= inp.as_of:
            balance = charge.balance_on(day)
            if balance and charge.kind in applies_to:
                if terms_lf is not None:
                    fee += Fraction(balance) * Fraction(terms_lf.daily_rate)
                percent = rate_on(rate_rows, day)
                if percent is None:
                    yardstick = None
                else:
                    interest += Fraction(balance) * Fraction(13, 10) * Fraction(percent) / 100 / 365
            day += ONE_DAY
        late_fees[charge.key] = cents(fee) if charge.kind in applies_to else Decimal("0.00")
        if yardstick is not None:
            yardstick += cents(interest)
    computed = sum((late_fees[c.key] for c in charges if c.kind in applies_to), Decimal("0.00"))
    cap = None
    if terms_lf is not None and terms_lf.cap_ratio is not None:
        subject_outstanding = sum((c.outstanding for c in charges if c.kind in applies_to), Decimal(0))
        cap = cents(Fraction(terms_lf.cap_ratio) * Fraction(subject_outstanding))
    late_total = min(computed, cap) if cap is not None else computed

    # Limitation, by the chain of dates.
    barred = []
    barred_principal = Decimal("0.00")
    if inp.limitation is not None:
        claim = inp.limitation.claim_date
        for charge in charges:
            if charge.outstanding <= 0:
                continue
            chain = [charge.due]
            chain += sorted({d for d in inp.limitation.interruptions if charge.due < d < claim})
            chain.append(claim)
            if any(b > three_years_after(a) for a, b in itertools.pairwise(chain)):
                barred.append(charge.key)
                barred_principal += charge.outstanding

    principal = sum((c.outstanding for c in charges), Decimal("0.00"))
    amounts = []
    for discount in inp.discounts:
        if isinstance(discount, RateReduction):
            total = Decimal("0.00")
            for charge in service:
                label = charge.period
                if discount.start is not None and label < str(discount.start):
                    continue
                if discount.end is not None and label > str(discount.end):
                    continue
                assert charge.month_first is not None
                days_in = calendar.monthrange(charge.month_first.year, charge.month_first.month)[1]
                cut = cents(area * Fraction(discount.per_m2) * charge.days / days_in)
                total += min(cut, charge.outstanding)
            amounts.append(total)
        elif isinstance(discount, LateFeeWaiver):
            amounts.append(cents(Fraction(late_total) * Fraction(discount.ratio)))
        elif isinstance(discount, FixedDiscount):
            amounts.append(discount.amount)
    discounts: list[Decimal] | None = amounts
    payable: Decimal | None = principal + late_total - sum(amounts, Decimal(0))
    if sum(amounts, Decimal(0)) > principal + late_total:
        discounts = payable = None
    return RefResult(
        charges=charges,
        service=service,
        utilities=utilities,
        late_fees=late_fees,
        credit=credit,
        applied=applied_all,
        computed=computed,
        cap=cap,
        late_total=late_total,
        barred=barred,
        barred_principal=barred_principal,
        discounts=discounts,
        payable=payable,
        yardstick=yardstick,
    )
