"""Working days in mainland China, from the maintained ``chinese_calendar`` package.

It knows the State Council's holiday arrangements, including the weekend days that become working
days (调休) around the Spring Festival and National Day. Its data stop at the last year published
(the package is updated each winter when the next year's arrangement is announced); asking about a
later year raises :class:`HolidayCalendarMissing` rather than guessing.

Counting convention (民法典 201, 民事诉讼法 85): the starting day is not counted.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
from chinese_calendar.constants import holidays as _published_holidays

from mediation_app.errors import WorkflowError
from mediation_app.i18n import _

ONE_DAY = dt.timedelta(days=1)


class HolidayCalendarMissing(WorkflowError):
    """The holiday calendar has no data for the year asked about."""

    def __init__(self, year: int) -> None:
        first, last = calendar_years()
        self.year = year
        super().__init__(
            _(
                "The China holiday calendar has no data for {year} (it covers {first}–{last}); "
                "update the chinese-calendar package to count working days in that year."
            ).format(year=year, first=first, last=last)
        )


def calendar_years() -> tuple[int, int]:
    """The first and last year the installed holiday calendar covers."""
    years = [day.year for day in _published_holidays]
    return min(years), max(years)


def is_working_day(day: dt.date) -> bool:
    """True on a working day, including a weekend day made a working day (调休)."""
    first, last = calendar_years()
    if not first <= day.year <= last:
        raise HolidayCalendarMissing(day.year)
    return bool(chinese_calendar.is_workday(day))


def next_working_day(day: dt.date, *, include_today: bool = True) -> dt.date:
    """``day`` itself if it is a working day (unless ``include_today`` is false), else the next one."""
    current = day if include_today else day + ONE_DAY
    while not is_working_day(current):
        current += ONE_DAY
    return current


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The ``count``-th working day after ``start`` (before it when ``count`` is negative).

    ``start`` is not counted; ``count == 0`` returns ``start`` unchanged.
    """
    step = ONE_DAY if count >= 0 else -ONE_DAY
    remaining = abs(count)
    current = start
    while remaining:
        current += step
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier).

    For a working day ``end``: ``add_working_days(start, working_days_between(start, end)) == end``.
    """
    if end < start:
        return -working_days_between(end, start)
    count = 0
    current = start
    while current < end:
        current += ONE_DAY
        if is_working_day(current):
            count += 1
    return count
