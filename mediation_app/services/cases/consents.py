"""The parties' consent to pre-litigation mediation, and to electronic notices.

Consent to mediation is recorded per party, with how it was given (signed form, SMS reply,
phone, in person) and when; it can be taken at the window during intake or while the case
awaits consent. Consent to an *extension* is given with the extension itself
(:func:`mediation_app.services.cases.extension.extend_period`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.domain.party import Party
from mediation_app.errors import ValidationError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.step import StepResult, add_event, check_day, finish, load_case, snapshot
from mediation_app.storage.models import Consent
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.actions import Action
from mediation_app.workflow.consent import ConsentMethod, ConsentPurpose
from mediation_app.workflow.transitions import check

MAX_NOTE = 200


@dataclass(frozen=True)
class ConsentRow:
    id: int
    party: Party
    method: ConsentMethod
    given_on: dt.date
    purpose: ConsentPurpose
    note: str


@dataclass(frozen=True)
class ConsentState:
    """Who has agreed to mediation so far."""

    owner: ConsentRow | None
    company: ConsentRow | None

    @property
    def both(self) -> bool:
        return self.owner is not None and self.company is not None


def record_consent(
    uow: UnitOfWork,
    case_id: int,
    party: Party | str,
    method: ConsentMethod | str,
    given_on: dt.date,
    *,
    note: str = "",
    expected_version: int | None = None,
) -> StepResult:
    """Record that ``party`` agreed to pre-litigation mediation (how and when)."""
    authorize(uow.actor, Permission.RECORD_CONSENT)
    case = load_case(uow, case_id, expected_version)
    check(case.status, Action.RECORD_CONSENT)
    who, how = _party(party), _method(method)
    day = check_day(uow, given_on, "consent.given_on", _("Date of consent"), not_before=case.intake_date)
    clean_note = note.strip()
    if len(clean_note) > MAX_NOTE:
        raise ValidationError(
            "consent.note", _("at most {limit} characters").format(limit=MAX_NOTE), _("Note")
        )
    before = snapshot(case)
    consent = Consent(
        case_id=case.id,
        party=who,
        method=how,
        given_on=day,
        purpose=ConsentPurpose.MEDIATION,
        note=clean_note,
    )
    uow.session.add(consent)
    add_event(uow, case, "consent", "", describe_consent(who, how, day), clean_note)
    return finish(
        uow,
        case,
        "case.consent",
        before,
        {"consent": {"party": who.value, "method": how.value, "given_on": day}},
    )


def describe_consent(party: Party, method: ConsentMethod, day: dt.date) -> str:
    """``业主：短信回复（2021年3月10日）`` — how a consent reads in the case's path."""
    return _("{party}: {method} ({date})").format(
        party=party.label, method=method.label, date=formatting.date(day)
    )


def consent_state(session: Session, case_id: int) -> ConsentState:
    """The first consent to mediation each party gave (None: not yet)."""
    first: dict[Party, ConsentRow] = {}
    for row in session.scalars(_mediation_consents_query(), {"case_id": case_id}):
        first.setdefault(row.party, _row(row))
    return ConsentState(first.get(Party.OWNER), first.get(Party.COMPANY))


@cache
def _mediation_consents_query() -> Select[Consent]:
    # Built once (README, Development): each step of mediation asks for the consents.
    return (
        select(Consent)
        .where(Consent.case_id == bindparam("case_id"), Consent.purpose == ConsentPurpose.MEDIATION)
        .order_by(Consent.given_on, Consent.id)
    )


def consents(session: Session, case_id: int) -> list[ConsentRow]:
    """Every consent of the case (to mediation and to extensions), oldest first."""
    rows = session.scalars(
        select(Consent).where(Consent.case_id == case_id).order_by(Consent.given_on, Consent.id)
    )
    return [_row(row) for row in rows]


def _row(row: Consent) -> ConsentRow:
    return ConsentRow(
        row.id,
        row.party,
        row.method,
        row.given_on,
        row.purpose,
        row.note,
    )


def _party(value: Party | str) -> Party:
    try:
        return Party(value)
    except ValueError:
        raise ValidationError("consent.party", _("must be the owner or the company"), _("Party")) from None


def _method(value: ConsentMethod | str) -> ConsentMethod:
    try:
        return ConsentMethod(value)
    except ValueError:
        raise ValidationError(
            "consent.method",
            _("is not a known way of giving consent: {value}").format(value=value),
            _("How consent was given"),
        ) from None
