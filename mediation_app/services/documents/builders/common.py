"""What the document builders share: the parties, the flat and the organisation as documents
name them, periods in words, the people behind staff ids, and the clear refusal when
a case lacks what a document needs.

The prose of the documents is composed through ``_()`` with English message ids (their Chinese
wording: ``/work/notes/doc-data-strings-zh.md``); the values (names, addresses, what a clerk typed)
are printed as stored. Identity numbers and phones are given in full: a party's details are what
the law asks a settlement agreement to state (人民调解法 art. 29), and printing is allowed to every
role that may print (``Permission.PRINT_DOCUMENT``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.clock import CHINA
from mediation_app.documents import parties as doc
from mediation_app.documents.canonical import load
from mediation_app.domain.party import Party
from mediation_app.errors import NotFoundError, WorkflowError
from mediation_app.fees.months import Month
from mediation_app.i18n import _, language
from mediation_app.storage.models import (
    AuditEvent,
    Case,
    CaseEvent,
    Consent,
    Document,
    MediationSession,
    Organization,
    Staff,
)
from mediation_app.workflow.consent import ConsentPurpose

ZERO = Decimal("0.00")
T = TypeVar("T")


def load_case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    return case


def lacking(document: str, reason: str) -> WorkflowError:
    """The refusal when a case lacks what ``document`` needs, naming what is missing."""
    return WorkflowError(
        _("The {document} cannot be made: {reason}").format(document=document, reason=reason)
    )


def nth_recorded(
    records: Sequence[T], number: int | None, document: str, none_yet: str, no_such: str
) -> tuple[int, T]:
    """The ``number``-th of a case's ``records`` (1-based; the latest when None) with its number.
    Refused through :func:`lacking`: ``none_yet`` when there is none, ``no_such`` (formatted with
    ``count`` and ``number``) when there is no such one."""
    if not records:
        raise lacking(document, none_yet)
    index = len(records) if number is None else number
    if not 1 <= index <= len(records):
        raise lacking(document, no_such.format(count=len(records), number=index))
    return index, records[index - 1]


# --- parties, flat, organisation ------------------------------------------------------------------


def organisation(record: Organization) -> doc.Organisation:
    return doc.Organisation(name=record.name, address=record.address, phone=record.phone)


def owners(case: Case) -> tuple[doc.Owner, ...]:
    """The owner and any co-owners, as parties."""
    return tuple(
        doc.Owner(
            name=person.name,
            sex=person.sex,
            birth_date=person.birth_date,
            id_number=person.id_number or "",
            address=person.address,
            phone=person.phone,
        )
        for person in (case.owner, *sorted(case.co_owners, key=lambda o: o.id))
    )


def owner_names(case: Case) -> tuple[str, ...]:
    return tuple(owner.name for owner in owners(case))


def company(case: Case) -> doc.Company:
    record = case.company
    agent = (
        doc.Agent(name=record.agent_name, capacity="", phone=record.agent_phone)
        if record.agent_name
        else None
    )
    return doc.Company(
        name=record.name,
        domicile=record.domicile,
        credit_code=record.credit_code,
        legal_representative=record.legal_rep,
        phone=record.phone,
        agent=agent,
    )


def unit_address(case: Case) -> str:
    """``莆田市荔城区拱辰街道荔景花园3幢1502室``: the community's address, building and room."""
    unit = case.unit
    community = unit.community
    place = community.address or community.name
    if community.name not in place:
        place += community.name
    room = unit.room.removesuffix("室")
    return _("{place}{building} room {room}").format(place=place, building=unit.building, room=room)


def unit(case: Case, *, area: Decimal | None = None) -> doc.Unit:
    record = case.unit
    return doc.Unit(
        community=record.community.name,
        building=record.building,
        room=record.room,
        address=unit_address(case),
        area=record.area if area is None else area,
        handover_date=record.handover_date,
    )


# --- periods in words (the figures and dates themselves: mediation_app.formatting) ---------------


def over(label: str, start: str, end: str) -> str:
    """``2017年8月1日至2021年3月9日的物业服务费``."""
    if start == end:
        return _("{label} for {period}").format(label=label, period=start)
    return _("{label} from {start} to {end}").format(label=label, start=start, end=end)


def month_ranges(months: Iterable[Month]) -> list[tuple[Month, Month]]:
    """Consecutive months grouped into (first, last) ranges, in order."""
    ranges: list[tuple[Month, Month]] = []
    for current in sorted(set(months), key=lambda m: m.index):
        if ranges and ranges[-1][1].index + 1 == current.index:
            ranges[-1] = (ranges[-1][0], current)
        else:
            ranges.append((current, current))
    return ranges


_NUMERALS = "零一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; other numbers as digits."""
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    text = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens] + "十")
    return text + (_NUMERALS[units] if units else "")


def count_words(number: int) -> str:
    """一式**三**份: Chinese numerals in Chinese, digits otherwise."""
    return chinese_numeral(number) if language().startswith("zh") else str(number)


def listing(parts: Sequence[str]) -> str:
    """Parts joined as the documents join them (``、`` in Chinese)."""
    return _(", ").join(part for part in parts if part)


def full_stop(text: str) -> str:
    """``text`` ending with a full stop (Chinese or Latin), unless it ends with one already."""
    stripped = text.strip()
    if not stripped or stripped[-1] in "。！？.!?；;…":
        return stripped
    return stripped + _(".")


def sentences(texts: Sequence[str]) -> str:
    """Texts as consecutive sentences, each ending with a full stop."""
    result = ""
    for text in texts:
        if text.strip():
            sentence = full_stop(text)
            result = _("{sentence} {next}").format(sentence=result, next=sentence) if result else sentence
    return result


def china_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(CHINA).date()


# --- people and the case's path --------------------------------------------------------------------


def staff_name(session: Session, staff_id: int | None) -> str:
    if staff_id is None:
        return ""
    return session.scalar(select(Staff.name).where(Staff.id == staff_id)) or ""


def audit_actor(session: Session, action: str, entity_id: int) -> str:
    """Who did ``action`` to the record ``entity_id``, as the audit trail names them."""
    return (
        session.scalar(
            select(AuditEvent.actor_name)
            .where(AuditEvent.action == action, AuditEvent.entity_id == str(entity_id))
            .order_by(AuditEvent.id)
            .limit(1)
        )
        or ""
    )


def events(session: Session, case_id: int) -> list[CaseEvent]:
    return list(
        session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.at, CaseEvent.id)
        )
    )


def organisation_named(session: Session, shown: str) -> Organization | None:
    """The organisation an assignment text names (``区物业人调委 · 陈志明`` → 区物业人调委)."""
    name = shown.split(" · ")[0].strip()
    if not name:
        return None
    return session.scalar(
        select(Organization).where((Organization.short_name == name) | (Organization.name == name)).limit(1)
    )


@dataclass(frozen=True)
class Assignment:
    """One assignment in the case's path (``梅峰社区工作站`` → ``荔城法院 · 林振华``): when, the
    organisation before and after it (None where the text names none on record), and the
    organisation and mediator as the path names them."""

    at: dt.datetime
    before: Organization | None
    after: Organization | None
    shown: str
    mediator: str


def assignments(session: Session, case: Case) -> list[Assignment]:
    """The case's assignments in the order they happened (the first one after the consents, then
    each referral or transfer)."""
    named: dict[str, Organization | None] = {}

    def organisation_of(text: str) -> Organization | None:
        if text not in named:
            named[text] = organisation_named(session, text)
        return named[text]

    found = []
    for event in events(session, case.id):
        if event.kind == "assignment":
            shown, _sep, mediator = event.to_value.partition(" · ")
            found.append(
                Assignment(
                    event.at,
                    organisation_of(event.from_value),
                    organisation_of(event.to_value),
                    shown.strip(),
                    mediator.strip(),
                )
            )
    return found


def intake_organisation(session: Session, case: Case) -> Organization:
    """The organisation that took the case in: where its first assignment moved it from."""
    return _taken_in_by(assignments(session, case), case)


def _taken_in_by(moves: Sequence[Assignment], case: Case) -> Organization:
    return next((move.before for move in moves if move.before is not None), case.organization)


def handled_at(session: Session, case: Case, moment: dt.datetime) -> Organization:
    """The organisation handling the case at ``moment``: the one that took it in, then each one
    an assignment moved it to up to then (a session record carries the name of the organisation
    that held the session, not of one the case went to later)."""
    moves = assignments(session, case)
    handling = _taken_in_by(moves, case)
    for move in moves:
        if move.at > moment:
            break
        handling = move.after or handling
    return handling


def first_assignee(session: Session, case: Case) -> tuple[str, str] | None:
    """(mediator, organisation) of the case's first assignment, as its path names them; None
    before the case was assigned."""
    moves = assignments(session, case)
    return (moves[0].mediator, moves[0].shown) if moves else None


def received_by(session: Session, case: Case) -> str:
    """The member of staff who registered the case ("" when the software did: an import, the demo)."""
    name = staff_name(session, case.created_by)
    if name:
        return name
    for event in events(session, case.id):
        if event.kind == "status" and not event.from_value:
            return staff_name(session, event.by_id)
    return ""


def recorder(session: Session, case: Case, held: MediationSession | None) -> str:
    """Who recorded a session (``held``; for an agreement, the last one held): the recorder
    entered with the session, else the member of staff who took the case in, who keeps its file.
    The session record and the agreement name the same person this way."""
    if held is not None and held.recorder_id is not None:
        name = staff_name(session, held.recorder_id)
        if name:
            return name
    return received_by(session, case)


def consent_day(session: Session, case_id: int, party: Party) -> dt.date | None:
    """When ``party`` first agreed to pre-litigation mediation."""
    return session.scalar(
        select(Consent.given_on)
        .where(
            Consent.case_id == case_id, Consent.party == party, Consent.purpose == ConsentPurpose.MEDIATION
        )
        .order_by(Consent.given_on, Consent.id)
        .limit(1)
    )


def final_data(session: Session, case_id: int, kind: str) -> Any | None:
    """The data of the newest final document of ``kind`` (None when there is none): what was
    issued, so documents that quote it (the application, the case file) quote it as issued."""
    text = session.scalar(
        select(Document.data_json)
        .where(Document.case_id == case_id, Document.kind == kind)
        .order_by(Document.version_no.desc())
        .limit(1)
    )
    return None if text is None else load(text)


def final_number(session: Session, case_id: int, kind: str) -> str:
    """The number of the newest final document of ``kind`` ("" when there is none)."""
    return (
        session.scalar(
            select(Document.number)
            .where(Document.case_id == case_id, Document.kind == kind)
            .order_by(Document.version_no.desc())
            .limit(1)
        )
        or ""
    )
