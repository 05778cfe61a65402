"""Judicial confirmation (司法确认): which court, and the 30-day window for applying.

The parties apply jointly within 30 days of the agreement taking effect — to the court that
invited (assigned) the mediation, or else to the basic court where the mediation organisation sits
(among the courts the law lists since 2022, the centre uses that one). The article cited follows
the date of the application (:mod:`mediation_app.workflow.legal_basis`).

Counting (民事诉讼法 85): the day the agreement takes effect is not counted; when the 30th day is
a statutory rest day (a weekend or holiday, but not a weekend day made a working day) the window
ends on the next working day. When the holiday calendar has no data for that year, the window
ends on the next Monday-to-Friday day instead and is marked ``approximate`` so the screen can say
so: a deadline shown with a warning helps the centre more than no deadline at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from mediation_app import formatting
from mediation_app.domain.enums import Track
from mediation_app.domain.labelled import LabelledEnum
from mediation_app.errors import ValidationError, WorkflowError
from mediation_app.i18n import N_, _
from mediation_app.workflow.deadlines import DUE_SOON_DAYS, Urgency, days_left, urgency
from mediation_app.workflow.legal_basis import JUDICIAL_INTERPRETATION_2011, confirmation_law
from mediation_app.workflow.working_days import ONE_DAY, HolidayCalendarMissing, next_working_day

CONFIRMATION_WINDOW_DAYS = 30


class CourtBasis(LabelledEnum):
    ASSIGNING_COURT = "assigning_court", N_("the court that assigned the case for mediation")
    ORGANISATION_SEAT = "organisation_seat", N_("the basic court where the mediation organisation sits")


class ConfirmationOutcome(StrEnum):
    """Where an application for judicial confirmation stands."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class NextStep(LabelledEnum):
    """What follows a rejected application."""

    RESUME_MEDIATION = "resume_mediation", N_("Back to mediation")
    LITIGATION = "litigation", N_("To litigation")


@dataclass(frozen=True)
class CourtProposal:
    court: str
    basis: CourtBasis
    cited: str  # the rule it follows, as in force on the day of the application

    @property
    def explanation(self) -> str:
        return _("{court}: {basis} ({law})").format(court=self.court, basis=self.basis.label, law=self.cited)


def propose_court(
    assigning_court: str | None, organisation_court: str | None, *, on: dt.date, track: Track = Track.PEOPLE
) -> CourtProposal:
    """The competent court on the day ``on`` of the application: the court that assigned (invited)
    the mediation if there is one, else the basic court where the mediation organisation sits —
    until 2021 the only one the law named, and since 2022 one of the courts it lists (a party's
    domicile, the property, the organisation's seat), the one the centre uses. The clerk may name
    another of those."""
    law = confirmation_law(track, on)
    assigning = (assigning_court or "").strip()
    if assigning:
        cited = law.apply.cited if law.wide_courts else f"{JUDICIAL_INTERPRETATION_2011}第二条第二款"
        return CourtProposal(assigning, CourtBasis.ASSIGNING_COURT, cited)
    seat = (organisation_court or "").strip()
    if seat:
        return CourtProposal(seat, CourtBasis.ORGANISATION_SEAT, law.apply.cited)
    raise ValidationError(
        "organisation.court",
        _(
            "the case was not assigned by a court, and the mediation organisation has no basic court on record"
        ),
        _("Competent court"),
    )


@dataclass(frozen=True)
class ConfirmationWindow:
    """The window for applying, counted from the day the agreement took effect."""

    effective_on: dt.date
    deadline: dt.date
    approximate: bool = False

    def days_left(self, today: dt.date) -> int:
        return days_left(self.deadline, today)

    def urgency(self, today: dt.date, due_soon_days: int = DUE_SOON_DAYS) -> Urgency:
        return urgency(self.deadline, today, due_soon_days)


def confirmation_window(effective_on: dt.date) -> ConfirmationWindow:
    last_day = effective_on + dt.timedelta(days=CONFIRMATION_WINDOW_DAYS)
    try:
        return ConfirmationWindow(effective_on, next_working_day(last_day))
    except HolidayCalendarMissing:
        while last_day.weekday() >= 5:
            last_day += ONE_DAY
        return ConfirmationWindow(effective_on, last_day, approximate=True)


def check_application(effective_on: dt.date, applied_on: dt.date) -> ConfirmationWindow:
    """Refuse an application made before the agreement took effect or after the window closed."""
    if applied_on < effective_on:
        raise ValidationError(
            "applied_on",
            _("cannot be before the agreement took effect ({date})").format(
                date=formatting.date(effective_on)
            ),
            _("Date of application"),
        )
    window = confirmation_window(effective_on)
    if applied_on > window.deadline:
        raise WorkflowError(
            _(
                "The application for judicial confirmation had to be made by {deadline} "
                "(30 days after the agreement took effect on {effective}); it is too late. "
                "The parties may still perform the agreement, or sue on it."
            ).format(deadline=formatting.date(window.deadline), effective=formatting.date(effective_on))
        )
    return window
