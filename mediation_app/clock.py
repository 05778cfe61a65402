"""Clocks: the one place the core asks what time it is, so tests can fix it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


class Clock(Protocol):
    def now(self) -> dt.datetime: ...

    def today(self) -> dt.date: ...


class SystemClock:
    """Wall-clock time in China Standard Time (the centre's legal dates are Beijing dates)."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(CHINA)

    def today(self) -> dt.date:
        return self.now().date()


@dataclass
class FixedClock:
    """A clock that shows a set time and moves only when told (tests, demo data)."""

    current: dt.datetime

    def now(self) -> dt.datetime:
        return self.current

    def today(self) -> dt.date:
        return self.current.date()

    def advance(self, **delta: float) -> None:
        self.current += dt.timedelta(**delta)
