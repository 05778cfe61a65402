"""The 30-day pre-litigation mediation period, its extensions, and how urgent a deadline is.

Decisions:

- The period runs 30 *calendar* days from the assignment to the mediating organisation; the day of
  assignment is not counted (民法典 201), so the last day is ``assigned_on + 30``. Holidays inside
  the period count. The last day is not moved off a holiday: this is the centre's own management
  deadline, and an earlier warning is the safer error. (The court-filing window for judicial
  confirmation *is* moved, see :mod:`.confirmation`.)
- An extension needs both parties' consent and adds its days to the deadline in force; any number
  of extensions may be recorded, each kept apart.
- A transfer or referral does not restart the period.
- Urgency: *overdue* after the last day; *due soon* from 5 days left down to the last day itself
  (0 days left); otherwise *on time*.

Working-day arithmetic lives in :mod:`.working_days` and is re-exported here for convenience.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from mediation_app.domain.labelled import LabelledEnum
from mediation_app.errors import ValidationError
from mediation_app.i18n import N_, _
from mediation_app.workflow.consent import ConsentPurpose, require_both_consents
from mediation_app.workflow.working_days import (
    HolidayCalendarMissing,
    add_working_days,
    is_working_day,
    next_working_day,
    working_days_between,
)

MEDIATION_PERIOD_DAYS = 30
DUE_SOON_DAYS = 5

__all__ = [
    "DUE_SOON_DAYS",
    "MEDIATION_PERIOD_DAYS",
    "Extension",
    "HolidayCalendarMissing",
    "MediationPeriod",
    "Urgency",
    "add_working_days",
    "days_left",
    "due_cutoff",
    "is_working_day",
    "mediation_deadline",
    "next_working_day",
    "urgency",
    "working_days_between",
]


class Urgency(LabelledEnum):
    ON_TIME = "on_time", N_("On time")
    DUE_SOON = "due_soon", N_("Due soon")
    OVERDUE = "overdue", N_("Overdue")


def days_left(deadline: dt.date, today: dt.date) -> int:
    """Days from ``today`` to the last day: 0 on the last day, negative once it has passed."""
    return (deadline - today).days


def urgency(deadline: dt.date, today: dt.date, due_soon_days: int = DUE_SOON_DAYS) -> Urgency:
    left = days_left(deadline, today)
    if left < 0:
        return Urgency.OVERDUE
    if left <= due_soon_days:
        return Urgency.DUE_SOON
    return Urgency.ON_TIME


def due_cutoff(today: dt.date, due_soon_days: int = DUE_SOON_DAYS) -> dt.date:
    """The latest deadline a "due soon or overdue" list includes (``deadline <= cutoff`` in SQL)."""
    if due_soon_days < 0:
        raise ValidationError("days", _("must be zero or more"), _("Days"))
    return today + dt.timedelta(days=due_soon_days)


@dataclass(frozen=True)
class Extension:
    """One extension of the mediation period, agreed by both parties."""

    days: int
    agreed_on: dt.date
    owner_consented: bool
    company_consented: bool

    def __post_init__(self) -> None:
        check_extension(self.days, self.owner_consented, self.company_consented)


def check_extension(days: int, owner_consented: bool, company_consented: bool) -> None:
    """Refuse an extension of no days, or one that a party has not agreed to."""
    if isinstance(days, bool) or not isinstance(days, int) or days <= 0:
        raise ValidationError(
            "extension.days", _("an extension adds one day or more"), _("Days of extension")
        )
    require_both_consents(owner_consented, company_consented, ConsentPurpose.EXTENSION)


def mediation_deadline(assigned_on: dt.date, extensions: Iterable[Extension] = ()) -> dt.date:
    """The last day of the mediation period."""
    extra = sum(e.days for e in extensions)
    return assigned_on + dt.timedelta(days=MEDIATION_PERIOD_DAYS + extra)


@dataclass(frozen=True)
class MediationPeriod:
    """The period of one case: its start and the extensions agreed so far."""

    assigned_on: dt.date
    extensions: tuple[Extension, ...] = ()

    @property
    def deadline(self) -> dt.date:
        return mediation_deadline(self.assigned_on, self.extensions)

    @property
    def extended_days(self) -> int:
        return sum(e.days for e in self.extensions)

    def extend(self, extension: Extension) -> MediationPeriod:
        if extension.agreed_on < self.assigned_on:
            raise ValidationError(
                "extension.agreed_on",
                _("cannot be before the case was assigned"),
                _("Date of agreement"),
            )
        return MediationPeriod(self.assigned_on, (*self.extensions, extension))

    def days_left(self, today: dt.date) -> int:
        return days_left(self.deadline, today)

    def urgency(self, today: dt.date, due_soon_days: int = DUE_SOON_DAYS) -> Urgency:
        return urgency(self.deadline, today, due_soon_days)
