"""Calendar months and the calendar arithmetic the fee rules need.

A :class:`Month` is a billing period (``2017-08``). Months compare and step through a single
integer index, so walking ten years of months costs no date arithmetic.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True, order=True, repr=False)
class Month:
    """A calendar month; ``str(Month.of(2017, 8))`` is ``"2017-08"``."""

    index: int  # year * 12 + (month - 1): orders and steps months

    @classmethod
    def of(cls, year: int, month: int) -> Month:
        if not 1 <= month <= 12 or not 1 <= year <= 9999:
            raise ValueError(f"no such month: {year}-{month}")
        return month_at(year * 12 + month - 1)

    @classmethod
    def containing(cls, day: dt.date) -> Month:
        return month_at(day.year * 12 + day.month - 1)

    @classmethod
    def parse(cls, text: str) -> Month:
        """``"2017-08"`` → ``Month``; ValueError for anything else (``"2017-8"``, ``"2017-13"``)."""
        if len(text) != 7 or text[4] != "-" or not (text[:4].isdigit() and text[5:].isdigit()):
            raise ValueError(f"not a month in the form YYYY-MM: {text!r}")
        if not (text[:4].isascii() and text[5:].isascii()):
            raise ValueError(f"not a month in the form YYYY-MM: {text!r}")
        return cls.of(int(text[:4]), int(text[5:]))

    @property
    def year(self) -> int:
        return self.index // 12

    @property
    def month(self) -> int:
        return self.index % 12 + 1

    @property
    def days(self) -> int:
        """Days in this month (28–31)."""
        return calendar.monthrange(self.year, self.month)[1]

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.days)

    def day(self, number: int) -> dt.date:
        """Day ``number`` of this month, or its last day when the month is shorter."""
        return dt.date(self.year, self.month, min(number, self.days))

    def __str__(self) -> str:
        return month_text(self.index)

    def __repr__(self) -> str:
        return f"Month({month_text(self.index)!r})"


@cache
def month_at(index: int) -> Month:
    """The Month with this index, shared: a schedule of ten years makes no new objects."""
    return Month(index)


@cache
def month_text(index: int) -> str:
    """``"2017-08"`` for a month index; cached, as every line and charge key spells its month."""
    year, month = divmod(index, 12)
    return f"{year:04d}-{month + 1:02d}"


def three_years_later(day: dt.date) -> tuple[int, int, int]:
    """The same calendar date three years after ``day``, as a ``(year, month, day)`` tuple.

    29 February maps to 28 February (three years after a leap year is never a leap year). A
    tuple, not a date, so that a due date near year 9999 still compares instead of overflowing.
    """
    if day.month == 2 and day.day == 29:
        return (day.year + 3, 2, 28)
    return (day.year + 3, day.month, day.day)


def parse_iso_date(text: str) -> dt.date:
    """``"2021-03-09"`` → date; ValueError for any other form (``date.fromisoformat`` would also
    take ``"20210309"`` and week dates, which a person filling in a form did not mean)."""
    if (
        len(text) != 10
        or text[4] != "-"
        or text[7] != "-"
        or not (text[:4] + text[5:7] + text[8:]).isdigit()
        or not text.isascii()
    ):
        raise ValueError(f"not a date in the form YYYY-MM-DD: {text!r}")
    return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
