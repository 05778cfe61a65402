"""The period a bill covers: a calendar month, a quarter or any range of days.

A shared water and electricity bill (公摊水电费) is issued for a month, for a quarter or for
whatever range the company metered. :class:`BillPeriod` is that period as a value: two dates,
both inclusive. It reads every form a person or a file uses (``"2023-03"``, ``"2023-Q1"``,
``"2023Q1"``, ``"2023-01-01..2023-03-31"``, ``{"from": "2023-01-01", "to": "2023-03-31"}``) and
writes one form for storage and charge keys (:attr:`BillPeriod.text`): ``"2023-03"`` when the
period is exactly one calendar month, otherwise ``"2023-01-01..2023-03-31"``. A quarter is a
range like any other once read. How a document words a period (``2023年1月至3月``) is the
document's business; :meth:`BillPeriod.__str__` is the plain, language-free text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mediation_app.errors import ValidationError
from mediation_app.fees.months import Month, month_at, parse_iso_date
from mediation_app.i18n import _

RANGE_SEPARATOR = ".."


@dataclass(frozen=True, slots=True, order=True)
class BillPeriod:
    """Days ``start`` .. ``end``, both inclusive; ordered by start, then end."""

    start: dt.date
    end: dt.date

    @classmethod
    def of_month(cls, month: Month) -> BillPeriod:
        return cls(month.first_day(), month.last_day())

    @classmethod
    def quarter(cls, year: int, number: int) -> BillPeriod:
        if not 1 <= number <= 4:
            raise ValueError(f"no such quarter: {year}-Q{number}")
        first = Month.of(year, 3 * number - 2)
        return cls(first.first_day(), month_at(first.index + 2).last_day())

    @classmethod
    def parse(cls, value: Any, field: str = "period", label: str | None = None) -> BillPeriod:
        """A period from any of its written forms; ValidationError naming ``field`` (or
        ``field.from`` / ``field.to`` for the object form) for anything else, and when the
        period ends before it starts."""
        if isinstance(value, Mapping):
            return cls._parse_object(value, field, label)
        if not isinstance(value, str):
            raise ValidationError(
                field, _('must be a month such as "2023-03", or an object with "from" and "to" dates'), label
            )
        text = value.strip()
        if RANGE_SEPARATOR in text:
            first, _sep, last = text.partition(RANGE_SEPARATOR)
            return cls._checked(
                _day(first, value, field, label), _day(last, value, field, label), field, label
            )
        try:
            if len(text) == 7 and text[4] == "-" and text[5:].isdigit():
                return cls.of_month(Month.parse(text))
            year, quarter = _quarter_parts(text)
            if year is not None:
                return cls.quarter(int(year), int(quarter))
        except ValueError:
            pass
        raise ValidationError(
            field,
            _(
                'is not a bill period: {value!r} (write a month "2023-03", a quarter "2023-Q1" '
                'or a range "2023-01-01..2023-03-31")'
            ).format(value=_shortened(value)),
            label,
        )

    @classmethod
    def _parse_object(cls, value: Mapping[Any, Any], field: str, label: str | None) -> BillPeriod:
        for key in value:
            if key not in ("from", "to"):
                raise ValidationError(f"{field}.{key}", _("is not a known field"), label)
        ends = []
        for key in ("from", "to"):
            item = value.get(key)
            if item is None:
                raise ValidationError(f"{field}.{key}", _("is required"), label)
            if not isinstance(item, str):
                raise ValidationError(
                    f"{field}.{key}", _('must be a date written as text, such as "2021-03-09"'), label
                )
            ends.append(_day(item, item, f"{field}.{key}", label))
        return cls._checked(ends[0], ends[1], f"{field}.to", label)

    @classmethod
    def _checked(cls, start: dt.date, end: dt.date, field: str, label: str | None) -> BillPeriod:
        if end < start:
            raise ValidationError(
                field,
                _("{end} is before the start date {start}").format(
                    end=end.isoformat(), start=start.isoformat()
                ),
                label,
            )
        return cls(start, end)

    @property
    def calendar_month(self) -> Month | None:
        """The month this period is, when it is exactly one whole calendar month."""
        if self.start.day != 1 or (self.start.year, self.start.month) != (self.end.year, self.end.month):
            return None
        month = Month.containing(self.start)
        return month if self.end.day == month.days else None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def text(self) -> str:
        """``"2023-03"`` for a calendar month, else ``"2023-01-01..2023-03-31"``: stored and in keys."""
        month = self.calendar_month
        if month is not None:
            return str(month)
        return f"{self.start.isoformat()}{RANGE_SEPARATOR}{self.end.isoformat()}"

    def to_json(self) -> str | dict[str, str]:
        """The contract's form: ``"2023-03"`` for a calendar month, else ``{"from", "to"}``."""
        month = self.calendar_month
        if month is not None:
            return str(month)
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}

    def __str__(self) -> str:
        return self.text


def bill_period(period: Month | BillPeriod) -> BillPeriod:
    """The period a bill covers, whichever way the bill states it."""
    return period if isinstance(period, BillPeriod) else BillPeriod.of_month(period)


def period_json(period: Month | BillPeriod) -> str | dict[str, str]:
    """A bill's period in the contract's form: a month as ``"2020-12"``, a range as ``{"from","to"}``."""
    return str(period) if isinstance(period, Month) else period.to_json()


def _quarter_parts(text: str) -> tuple[str | None, str]:
    """``"2023-Q1"`` or ``"2023Q1"`` (``q`` too) → ``("2023", "1")``; ``(None, "")`` otherwise."""
    upper = text.upper()
    if len(upper) == 7 and upper[4:6] == "-Q":
        year, quarter = upper[:4], upper[6]
    elif len(upper) == 6 and upper[4] == "Q":
        year, quarter = upper[:4], upper[5]
    else:
        return None, ""
    if not (year.isascii() and year.isdigit()) or quarter not in "1234":
        return None, ""
    return year, quarter


def _day(text: str, value: Any, field: str, label: str | None) -> dt.date:
    try:
        return parse_iso_date(text.strip())
    except ValueError:
        raise ValidationError(
            field, _("is not a date in the form YYYY-MM-DD: {value!r}").format(value=_shortened(value)), label
        ) from None


def _shortened(value: str, limit: int = 40) -> str:
    """A value quoted in an error, cut so that a hostile input still gives one short line."""
    return value if len(value) <= limit else value[:limit] + "…"
