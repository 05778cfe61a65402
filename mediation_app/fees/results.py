"""What the calculator returns: the line-by-line result, as plain frozen dataclasses.

Every figure a document prints is here already rounded to the fen, so the screen, the arrears
statement and the agreement show the same numbers. Warnings are structured (a stable ``code``
and plain-text ``params``) and give their sentence in the user's language through ``text``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from mediation_app import formatting
from mediation_app.domain.enums import ChargeKind
from mediation_app.fees.inputs import DiscountKind
from mediation_app.fees.months import Month, month_text
from mediation_app.fees.periods import BillPeriod, bill_period
from mediation_app.i18n import N_, _

_Frozen = TypeVar("_Frozen")


class FieldSlots:
    """Base of the slots that hold a frozen dataclass's fields, one class up from it.

    The calculator makes a few hundred lines per case. :func:`fast_builder` fills a line's
    slots through a twin class that shares this base, then makes the instance the dataclass;
    with the slots declared on a shared base that switch costs next to nothing (with the slots
    on the dataclass itself Python compares the two layouts slot by slot, at every switch).
    Pickling and copying work as for ``dataclass(slots=True)``.
    """

    __slots__ = ()

    def __getstate__(self) -> list[Any]:
        return [getattr(self, f.name) for f in fields(self)]  # type: ignore[arg-type]

    def __setstate__(self, state: list[Any]) -> None:
        for f, value in zip(fields(self), state, strict=True):  # type: ignore[arg-type]
            object.__setattr__(self, f.name, value)


def fast_builder(cls: type[_Frozen]) -> Callable[..., _Frozen]:
    """A positional constructor for the frozen dataclass ``cls``, three to five times faster.

    A frozen dataclass's ``__init__`` stores each field through ``object.__setattr__``; for the
    hundreds of lines of every calculation that was the calculator's largest single cost. This
    makes a plain class with the same slots (so the same memory layout) and a function that
    makes an instance of it, fills the slots the cheap way and then makes the instance a
    ``cls``: calling it gives a ``cls`` — equal to ``cls(*values)``, frozen, hashable. A
    function rather than the plain class's ``__init__``: calling a class packs its arguments
    into a tuple first, a function (called by ``map`` too) takes them as they are. ``cls``
    either keeps its fields in slots on a :class:`FieldSlots` base (the fast switch) or is a
    ``dataclass(slots=True)``. Only for classes without defaults or post-init.
    """
    names, plain = _plain_twin(cls)
    # The stores dataclasses generates, on the plain class, then the class switch (field names
    # are identifiers).
    source = f"def build_{cls.__name__}({', '.join(names)}):\n"
    source += "    self = plain()\n"  # cheaper than object.__new__(plain), which packs its argument
    source += "".join(f"    self.{name} = {name}\n" for name in names)
    source += "    self.__class__ = frozen\n"
    source += "    return self\n"
    namespace: dict[str, Any] = {"plain": plain, "frozen": cls}
    exec(source, namespace)
    builder: Callable[..., _Frozen] = namespace[f"build_{cls.__name__}"]
    return builder


def fast_rows_builder(cls: type[_Frozen]) -> Callable[..., list[_Frozen]]:
    """:func:`fast_builder` for a whole table: given one column per field (iterables of the same
    length, in field order), the ``cls`` instances row by row, made in one loop (about a tenth
    faster than a call of the single builder per row)."""
    names, plain = _plain_twin(cls)
    source = f"def build_{cls.__name__}_rows({', '.join(f'{name}_column' for name in names)}):\n"
    source += "    rows = []\n"
    source += "    append = rows.append\n"
    source += (
        f"    for {', '.join(names)} in zip({', '.join(f'{name}_column' for name in names)}, strict=True):\n"
    )
    source += "        row = plain()\n"
    source += "".join(f"        row.{name} = {name}\n" for name in names)
    source += "        row.__class__ = frozen\n"
    source += "        append(row)\n"
    source += "    return rows\n"
    namespace: dict[str, Any] = {"plain": plain, "frozen": cls}
    exec(source, namespace)
    builder: Callable[..., list[_Frozen]] = namespace[f"build_{cls.__name__}_rows"]
    return builder


def _plain_twin(cls: type) -> tuple[tuple[str, ...], type]:
    """The field names of the frozen dataclass ``cls`` and a plain class with the same slots, so
    the same memory layout, whose instances a builder fills and then makes ``cls`` instances."""
    names = tuple(f.name for f in fields(cls))
    slots = getattr(cls, "__slots__", None)
    base = cls.__bases__[0]
    if slots == () and issubclass(base, FieldSlots) and sorted(base.__slots__) == sorted(names):
        bases: tuple[type, ...] = (base,)
        own_slots: tuple[str, ...] = ()
    elif slots == names:
        bases, own_slots = (), names
    else:
        raise TypeError(f"{cls.__name__} has a slot layout the builder cannot copy")
    return names, type(f"_{cls.__name__}Fields", bases, {"__slots__": own_slots})


def charge_key(kind: ChargeKind, period: Month | BillPeriod) -> str:
    """The stable name of a charge: ``"service_fee:2017-08"``, ``"utilities:2020-12"`` for a
    calendar month, ``"utilities:2020-10-01..2020-12-31"`` for any other period."""
    if isinstance(period, Month):
        return month_key(kind, period.index)
    return f"{kind.value}:{period.text}"


@cache
def month_key(kind: ChargeKind, index: int) -> str:
    """The key of the charge of ``kind`` for the month with this index (cached: every line's)."""
    return f"{kind.value}:{month_text(index)}"


class _ServiceFeeLineFields(FieldSlots):
    __slots__ = (
        "amount",
        "days",
        "days_in_month",
        "due",
        "late_fee",
        "month",
        "outstanding",
        "rate",
        "time_barred",
    )


@dataclass(frozen=True)
class ServiceFeeLine(_ServiceFeeLineFields):
    """One calendar month of service fee and what is left of it.

    Its late fee accrues from the day after ``due`` + ``LateFeeSummary.grace_days``. A frozen
    dataclass whose fields are slots (declared on its base, see :class:`FieldSlots`).
    """

    __slots__ = ()
    month: Month
    days: int  # days of the month inside the charged range
    days_in_month: int
    rate: Decimal  # yuan per m² per month
    amount: Decimal
    due: dt.date
    outstanding: Decimal
    late_fee: Decimal  # zero when late fees do not apply to service fees
    time_barred: bool  # possibly time-barred (a warning, nothing is removed)

    @property
    def key(self) -> str:
        return charge_key(ChargeKind.SERVICE_FEE, self.month)


class _UtilityLineFields(FieldSlots):
    __slots__ = ("amount", "due", "late_fee", "outstanding", "period", "time_barred")


@dataclass(frozen=True)
class UtilityLine(_UtilityLineFields):
    """One shared water and electricity bill and what is left of it.

    ``period`` is the bill's period as given: a :class:`Month`, or a :class:`BillPeriod` for a
    quarter or another range. ``start`` and ``end`` are its first and last days either way. A
    frozen dataclass whose fields are slots (declared on its base, see :class:`FieldSlots`).
    """

    __slots__ = ()
    period: Month | BillPeriod
    amount: Decimal
    due: dt.date
    outstanding: Decimal
    late_fee: Decimal  # zero unless late_fee.applies_to includes utilities
    time_barred: bool

    @property
    def key(self) -> str:
        return charge_key(ChargeKind.UTILITIES, self.period)

    @property
    def bill_period(self) -> BillPeriod:
        return bill_period(self.period)

    @property
    def start(self) -> dt.date:
        return bill_period(self.period).start

    @property
    def end(self) -> dt.date:
        return bill_period(self.period).end


class _AllocationFields(FieldSlots):
    __slots__ = ("amount", "charge")


@dataclass(frozen=True)
class Allocation(_AllocationFields):
    """Part of a payment applied to one charge (named by its key)."""

    __slots__ = ()
    charge: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class AppliedPayment:
    """A payment and how it was applied, oldest charge first; ``credit`` is what was left over."""

    date: dt.date
    amount: Decimal
    applied: tuple[Allocation, ...]
    credit: Decimal


@dataclass(frozen=True, slots=True)
class LateFeeSummary:
    """The late fee: ``computed`` is the sum of the per-charge fees, ``total`` is after the cap."""

    computed: Decimal
    cap: Decimal | None
    total: Decimal
    daily_rate: Decimal | None  # None when the input has no late-fee terms
    annual_rate: Decimal | None  # daily_rate × 365, what a judge compares
    grace_days: int
    applies_to: tuple[ChargeKind, ...]


@dataclass(frozen=True, slots=True)
class TimeBarred:
    """Charges possibly time-barred (民法典 188/195) and their outstanding principal."""

    principal: Decimal
    charges: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DiscountLine:
    kind: DiscountKind
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Yardstick:
    """The reasonableness yardstick for the late fee (民法典 585).

    ``amount`` is the interest the same outstanding balances, over the same days as the late
    fee, would earn at ``multiplier`` × the one-year rate in force each day: the LPR from
    2019-08-20, the benchmark lending rate before (daily rate = annual rate / 365). None when the
    rate history does not reach back far enough.
    """

    multiplier: Decimal
    amount: Decimal | None
    exceeded: bool  # the late fee total is above the yardstick
    rates_known_through: dt.date  # the newest published rate in the shipped history


class WarningCode(StrEnum):
    LATE_FEE_ABOVE_YARDSTICK = "late_fee_above_yardstick"
    POSSIBLY_TIME_BARRED = "possibly_time_barred"
    CREDIT = "credit"
    YARDSTICK_UNAVAILABLE = "yardstick_unavailable"
    RATES_ASSUMED_UNCHANGED = "rates_assumed_unchanged"


_WARNING_TEXTS: dict[WarningCode, str] = {
    WarningCode.LATE_FEE_ABOVE_YARDSTICK: N_(
        "The late fee of {late_fee} yuan ({annual_rate} a year) is more than {yardstick} yuan, the "
        "interest on the same balances at 1.3 times the one-year loan prime rate; a court may "
        "reduce it (Civil Code art. 585)."
    ),
    WarningCode.POSSIBLY_TIME_BARRED: N_(
        "{count} charges totalling {principal} yuan went more than three years without an "
        "interruption and may be time-barred (Civil Code art. 188). Only the owner can raise "
        "this; nothing has been removed from the totals."
    ),
    WarningCode.CREDIT: N_(
        "The payments exceed all charges by {credit} yuan; the excess is shown as credit and not deducted."
    ),
    WarningCode.YARDSTICK_UNAVAILABLE: N_(
        "The loan prime rate yardstick cannot be computed: the rate history starts on {first}, "
        "after the balances were already overdue."
    ),
    WarningCode.RATES_ASSUMED_UNCHANGED: N_(
        "The loan prime rate yardstick assumes the one-year rate published on {date} stayed in "
        "force up to {as_of} (rates published since are not yet included)."
    ),
}


@dataclass(frozen=True, slots=True)
class CalcWarning:
    """Something the mediator or judge should know; ``text`` says it in the user's language."""

    code: WarningCode
    params: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        shown = {name: _shown(name, value) for name, value in self.params.items()}
        return _(_WARNING_TEXTS[self.code]).format(**shown)


# The params stay machine-readable ("4873.03", ISO dates: the calculator's JSON gives them as they
# are); the text writes them as every other figure and date is written.
_AMOUNT_PARAMS = frozenset({"late_fee", "yardstick", "principal", "credit"})
_DATE_PARAMS = frozenset({"first", "date", "as_of"})


def _shown(name: str, value: str) -> str:
    if name in _AMOUNT_PARAMS:
        return formatting.amount(Decimal(value))
    if name in _DATE_PARAMS:
        return formatting.date(dt.date.fromisoformat(value))
    return value


@dataclass(frozen=True, slots=True)
class Result:
    """The whole calculation, line by line. Money is Decimal with two decimals."""

    service_fee_lines: tuple[ServiceFeeLine, ...]
    service_fee_total: Decimal
    utility_lines: tuple[UtilityLine, ...]
    utilities_total: Decimal
    payments: tuple[AppliedPayment, ...]
    paid: Decimal
    credit: Decimal
    principal_outstanding: Decimal
    late_fee: LateFeeSummary
    time_barred: TimeBarred
    discounts: tuple[DiscountLine, ...]
    discount_total: Decimal
    payable: Decimal
    payable_uppercase: str
    yardstick: Yardstick
    warnings: tuple[CalcWarning, ...]


# The calculator makes these by the hundred per case, and the others once each of thousands of
# cases in a batch: build them without the frozen __init__ (positional, in field order).
build_service_fee_line = fast_builder(ServiceFeeLine)
build_service_fee_lines = fast_rows_builder(ServiceFeeLine)
build_utility_line = fast_builder(UtilityLine)
build_utility_lines = fast_rows_builder(UtilityLine)
build_allocation = fast_builder(Allocation)
build_applied_payment = fast_builder(AppliedPayment)
build_late_fee_summary = fast_builder(LateFeeSummary)
build_time_barred = fast_builder(TimeBarred)
build_discount_line = fast_builder(DiscountLine)
build_yardstick = fast_builder(Yardstick)
build_result = fast_builder(Result)
