"""调解记录 from the case: one held session as :class:`~mediation_app.documents.session_record.SessionRecord`.

A session is stored with free text (who attended, the notes, the outcome). The record names each
person present with their role, because everyone present signs it: a part of the attendance text
that names (or calls by role) the owner, the company's side or the mediator is printed as that
person; anything else as given, as an attendee. With no attendance text, the parties and the
mediator are listed.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.clock import CHINA
from mediation_app.documents.session_record import Attendee, RecordEntry, SessionRecord
from mediation_app.i18n import _
from mediation_app.services.documents.builders import common
from mediation_app.services.documents.builders.agreement import held_sessions
from mediation_app.storage.models import Case, MediationSession

_SEPARATORS = re.compile(r"[；;、，,\n]+")
# Words that call a person by role in the stored (Chinese) attendance text.
_OWNER_WORDS = ("业主",)
_COMPANY_WORDS = ("物业", "代理人")
_MEDIATOR_WORDS = ("调解员",)
_ROLE_WORDS = ("业主", "物业公司", "物业", "委托代理人", "代理人", "特邀调解员", "调解员")
_PARENTHESES = re.compile(r"[（(][^）)]*[）)]")


def session_data(session: Session, case: Case, number: int | None) -> SessionRecord:
    """The record of the ``number``-th held session (1-based; the latest when None)."""
    index, record = common.nth_recorded(
        held_sessions(session, case.id),
        number,
        _("Mediation Record"),
        _("no mediation session has been recorded for this case yet."),
        _("this case has {count} recorded sessions; there is no session {number}."),
    )
    mediator = common.staff_name(session, record.mediator_id) or (case.mediator.name if case.mediator else "")
    later = [s for s in _scheduled(session, case) if s.starts_at > record.starts_at]
    next_step = ""
    if later:
        following = later[0]
        next_step = _("Next session: {moment} ({mode}).").format(
            moment=formatting.moment(following.starts_at.astimezone(CHINA)), mode=following.mode.label
        )
    return SessionRecord(
        case_number=case.number,
        organisation=common.organisation(common.handled_at(session, case, record.starts_at)),
        number=index,
        start=record.starts_at.astimezone(CHINA),
        end=None,
        place=record.place or record.mode.label,
        mode=record.mode.label,
        mediators=(mediator,) if mediator else (),
        recorder=common.recorder(session, case, record),
        attendees=_attendees(case, record.attendees, mediator),
        entries=(
            (RecordEntry(_("Course of the session"), common.full_stop(record.notes)),)
            if record.notes.strip()
            else ()
        ),
        outcome=common.full_stop(record.outcome),
        next_step=next_step,
    )


def _scheduled(session: Session, case: Case) -> list[MediationSession]:
    """Sessions planned but not yet held, in time order."""
    rows = session.scalars(
        select(MediationSession)
        .where(MediationSession.case_id == case.id)
        .order_by(MediationSession.starts_at, MediationSession.id)
    )
    return [row for row in rows if not (row.notes or row.outcome)]


def _attendees(case: Case, text: str, mediator: str) -> tuple[Attendee, ...]:
    owners = common.owner_names(case)
    company = case.company
    agent = company.agent_name or company.name
    owner_role, company_role, mediator_role = _("Owner"), _("Agent of the property company"), _("Mediator")
    parts = [part.strip() for part in _SEPARATORS.split(text) if part.strip()]
    if not parts:
        people = [Attendee(name, owner_role) for name in owners]
        people.append(Attendee(agent, company_role))
        if mediator:
            people.append(Attendee(mediator, mediator_role))
        return tuple(people)
    result: list[Attendee] = []
    for part in parts:
        person = _person(
            part, owners, agent, company.name, mediator, (owner_role, company_role, mediator_role)
        )
        if person not in result:
            result.append(person)
    return tuple(result)


def _person(
    part: str, owners: tuple[str, ...], agent: str, company: str, mediator: str, roles: tuple[str, str, str]
) -> Attendee:
    """Who one part of the attendance text names: ``业主车某`` → 车某 (owner), ``郑某（物业公司）`` →
    郑某 (the company's agent), ``物业公司代理人`` → the agent on record, ``林振华`` → as given."""
    owner_role, company_role, mediator_role = roles
    bare = _PARENTHESES.sub("", part).strip()
    named = next((name for name in owners if name in part), None)
    if named is not None:
        return Attendee(named, owner_role)
    if mediator and mediator in part:
        return Attendee(mediator, mediator_role)
    if agent in part:
        return Attendee(agent, company_role)
    for words, role, default in (
        (_OWNER_WORDS, owner_role, owners[0]),
        ((company, *_COMPANY_WORDS), company_role, agent),
        (_MEDIATOR_WORDS, mediator_role, mediator),
    ):
        if any(word in part for word in words):
            rest = bare
            for word in sorted((company, *_ROLE_WORDS), key=len, reverse=True):
                rest = rest.replace(word, "")
            return Attendee(rest.strip() or default or part, role)
    return Attendee(part, _("Attendee"))
