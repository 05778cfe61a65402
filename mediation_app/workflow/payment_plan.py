"""How the owner pays what was agreed: one payment by a date, or instalments; and what is overdue.

Rules:

- Amounts are exact :class:`~decimal.Decimal` yuan with at most two decimals (whole fen), each more
  than zero; the instalments add up to the total *exactly* (no rounding is hidden in a plan).
- Due dates strictly increase, and the first is not before the agreement's date.
- :func:`split_equally` gives equal instalments rounded down to the fen and puts the leftover fen
  on the **last** one: it reads as the balance (尾款), and the earlier, equal amounts are the ones
  an owner remembers.
- Payments are allocated to instalments in date order (the oldest debt is paid first, as the
  agreement's schedule intends), whatever instalment the payer had in mind. An instalment still
  owing anything after its due date is overdue; one settled after its due date was paid late.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from mediation_app import formatting
from mediation_app.domain.labelled import LabelledEnum
from mediation_app.errors import ValidationError
from mediation_app.i18n import N_, _

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Instalment:
    due_on: dt.date
    amount: Decimal


@dataclass(frozen=True)
class PaymentPlan:
    total: Decimal
    instalments: tuple[Instalment, ...]
    agreed_on: dt.date

    @property
    def is_lump_sum(self) -> bool:
        return len(self.instalments) == 1

    @property
    def last_due_on(self) -> dt.date:
        return self.instalments[-1].due_on


def _money(value: object, field: str, label: str) -> Decimal:
    """A positive amount in whole fen, as ``Decimal`` with two places."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise ValidationError(
            field, _("must be an exact amount (Decimal), not {kind}").format(kind=type(value).__name__), label
        )
    amount = Decimal(value)
    if not amount.is_finite():
        raise ValidationError(field, _("is not a number"), label)
    if amount != amount.quantize(FEN, rounding=ROUND_DOWN):
        raise ValidationError(
            field, _("has more than two decimal places: {value}").format(value=amount), label
        )
    if amount <= 0:
        raise ValidationError(field, _("must be more than zero"), label)
    return amount.quantize(FEN)


def _instalment_label(number: int) -> str:
    return _("Instalment {number}").format(number=number)


def lump_sum(total: Decimal, due_on: dt.date, agreed_on: dt.date) -> PaymentPlan:
    """One payment of the whole ``total`` by ``due_on``."""
    return instalment_plan(total, [Instalment(due_on, total)], agreed_on)


def instalment_plan(total: Decimal, instalments: Sequence[Instalment], agreed_on: dt.date) -> PaymentPlan:
    """A checked plan; every problem is a :class:`ValidationError` naming the instalment and field."""
    clean_total = _money(total, "payment_plan.total", _("Total"))
    if not instalments:
        raise ValidationError("payment_plan.instalments", _("at least one payment is needed"), _("Payments"))
    checked: list[Instalment] = []
    for index, item in enumerate(instalments):
        number = index + 1
        field = f"payment_plan.instalments[{index}]"
        amount = _money(item.amount, f"{field}.amount", _instalment_label(number))
        if index == 0 and item.due_on < agreed_on:
            raise ValidationError(
                f"{field}.due_on",
                _("cannot be before the agreement's date ({date})").format(date=formatting.date(agreed_on)),
                _instalment_label(number),
            )
        if checked and item.due_on <= checked[-1].due_on:
            raise ValidationError(
                f"{field}.due_on",
                _("must be later than instalment {previous} ({date})").format(
                    previous=index, date=formatting.date(checked[-1].due_on)
                ),
                _instalment_label(number),
            )
        checked.append(Instalment(item.due_on, amount))
    planned = sum((i.amount for i in checked), ZERO)
    if planned != clean_total:
        raise ValidationError(
            "payment_plan.instalments",
            _("add up to {planned} yuan, but the total is {total} yuan (difference {difference})").format(
                planned=formatting.amount(planned),
                total=formatting.amount(clean_total),
                difference=formatting.amount(planned - clean_total),
            ),
            _("Payments"),
        )
    return PaymentPlan(clean_total, tuple(checked), agreed_on)


def split_equally(total: Decimal, count: int) -> tuple[Decimal, ...]:
    """``total`` in ``count`` equal parts rounded down to the fen, the leftover fen on the last."""
    clean = _money(total, "payment_plan.total", _("Total"))
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValidationError("payment_plan.count", _("must be one or more"), _("Number of instalments"))
    fen = int(clean / FEN)
    base, leftover = divmod(fen, count)
    if base == 0:
        raise ValidationError(
            "payment_plan.count",
            _("{count} instalments would leave some of them at zero").format(count=count),
            _("Number of instalments"),
        )
    parts = [Decimal(base) * FEN] * count
    parts[-1] = Decimal(base + leftover) * FEN
    return tuple(parts)


def monthly_due_dates(first_due: dt.date, count: int) -> tuple[dt.date, ...]:
    """``first_due`` and the same day of each following month (the month's last day if shorter)."""
    dates = []
    for offset in range(count):
        month_index = first_due.month - 1 + offset
        year, month = first_due.year + month_index // 12, month_index % 12 + 1
        day = min(first_due.day, calendar.monthrange(year, month)[1])
        dates.append(dt.date(year, month, day))
    return tuple(dates)


def equal_monthly_plan(total: Decimal, count: int, first_due: dt.date, agreed_on: dt.date) -> PaymentPlan:
    """The usual instalment plan: equal monthly amounts from ``first_due``."""
    amounts = split_equally(total, count)
    dates = monthly_due_dates(first_due, count)
    return instalment_plan(total, [Instalment(d, a) for d, a in zip(dates, amounts, strict=True)], agreed_on)


@dataclass(frozen=True)
class Payment:
    paid_on: dt.date
    amount: Decimal


class InstalmentState(LabelledEnum):
    NOT_YET_DUE = "not_yet_due", N_("Not yet due")
    OVERDUE = "overdue", N_("Overdue")
    PAID = "paid", N_("Paid in full")
    PAID_LATE = "paid_late", N_("Paid late")


@dataclass(frozen=True)
class InstalmentProgress:
    number: int
    due_on: dt.date
    amount: Decimal
    paid: Decimal
    settled_on: dt.date | None
    state: InstalmentState

    @property
    def outstanding(self) -> Decimal:
        return self.amount - self.paid

    def days_overdue(self, today: dt.date) -> int:
        """Days past the due date while still owing (0 when not overdue)."""
        return max(0, (today - self.due_on).days) if self.state is InstalmentState.OVERDUE else 0


@dataclass(frozen=True)
class PlanProgress:
    instalments: tuple[InstalmentProgress, ...]
    excess: Decimal
    """Paid beyond the total (to be refunded or set off; never silently dropped)."""

    @property
    def paid(self) -> Decimal:
        return sum((i.paid for i in self.instalments), ZERO)

    @property
    def outstanding(self) -> Decimal:
        return sum((i.outstanding for i in self.instalments), ZERO)

    @property
    def overdue(self) -> tuple[InstalmentProgress, ...]:
        return tuple(i for i in self.instalments if i.state is InstalmentState.OVERDUE)

    @property
    def overdue_amount(self) -> Decimal:
        return sum((i.outstanding for i in self.overdue), ZERO)

    @property
    def next_due(self) -> InstalmentProgress | None:
        """The earliest instalment still owing anything (overdue or not)."""
        return next((i for i in self.instalments if i.outstanding > 0), None)

    @property
    def fully_paid(self) -> bool:
        return self.outstanding == 0


def progress(plan: PaymentPlan, payments: Iterable[Payment], today: dt.date) -> PlanProgress:
    """Allocate ``payments`` to the plan's instalments in date order, as of ``today``."""
    ordered = sorted(payments, key=lambda p: p.paid_on)
    for index, payment in enumerate(ordered):
        _money(payment.amount, f"payments[{index}].amount", _("Payment"))
        if payment.paid_on > today:
            raise ValidationError(
                f"payments[{index}].paid_on",
                _("is after today ({date})").format(date=formatting.date(today)),
                _("Payment"),
            )
    paid = [ZERO] * len(plan.instalments)
    settled: list[dt.date | None] = [None] * len(plan.instalments)
    excess = ZERO
    current = 0
    for payment in ordered:
        left = payment.amount
        while left > 0 and current < len(plan.instalments):
            room = plan.instalments[current].amount - paid[current]
            applied = min(room, left)
            paid[current] += applied
            left -= applied
            if paid[current] == plan.instalments[current].amount:
                settled[current] = payment.paid_on
                current += 1
        excess += left
    rows = []
    for index, instalment in enumerate(plan.instalments):
        settled_on = settled[index]
        if settled_on is not None:
            state = InstalmentState.PAID if settled_on <= instalment.due_on else InstalmentState.PAID_LATE
        elif instalment.due_on < today:
            state = InstalmentState.OVERDUE
        else:
            state = InstalmentState.NOT_YET_DUE
        rows.append(
            InstalmentProgress(
                index + 1, instalment.due_on, instalment.amount, paid[index], settled_on, state
            )
        )
    return PlanProgress(tuple(rows), excess)
