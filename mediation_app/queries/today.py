"""今日: what the person at the screen has to do today, in five short lists.

- **sessions today**: mediation sessions starting today (Beijing date), scheduled or recorded;
- **consents awaiting**: accepted cases still waiting for a party's consent, and those whose
  parties have both agreed, so the mediation can start;
- **deadlines this week**: mediation periods and judicial-confirmation windows ending within the
  coming seven days, or already past (the instalments have their own list);
- **instalments due**: the first instalment still owing, due within the coming seven days or
  overdue, of an agreement in force (a case concluded as not performed is enforcement's, not a
  reminder: the 期限 page keeps it apart);
- **documents**: agreements reached whose 调解协议书 is not finalised yet, or finalised and waiting
  for the parties' signatures.

Whose work: :func:`scope_for` decides. A signed-in mediator sees the cases they mediate (and their
organisation's cases waiting for consent, which have no mediator yet); anyone else signed in sees
their organisation's cases. Without sign-in (a single seat) the database is the one centre's own,
so "mine" is every case in it: there is nobody narrower to mean. Each row says which page of the
case to open (:class:`CaseTab`). Each list is cut at :data:`LIMIT` rows, the total kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.clock import CHINA
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus, Role, label
from mediation_app.domain.party import Party
from mediation_app.i18n import _, ngettext
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.agreement.performance import performance_progress
from mediation_app.services.cases.next_deadline import DeadlineKind, deadline_kind
from mediation_app.storage.models import Agreement, Case, Consent, Document, MediationSession, Owner
from mediation_app.workflow.consent import ConsentPurpose, missing_consents
from mediation_app.workflow.deadlines import days_left
from mediation_app.workflow.payment_plan import InstalmentState

S = CaseStatus
LIMIT = 30
WEEK_DAYS = 6  # today and the six days after it: the coming week, whatever day it starts on
_MEDIATING = (S.IN_MEDIATION, S.AGREEMENT_REACHED)
_PAYING = (S.SIGNED, S.CONFIRMATION_APPLIED, S.CONFIRMED, S.PERFORMING)


class CaseTab(StrEnum):
    """The page of the case view a row opens on (the pages' object names)."""

    PARTIES = "parties"
    MEDIATION = "mediation"
    PERFORMANCE = "performance"
    DOCUMENTS = "documents"


@dataclass(frozen=True)
class TodayScope:
    """Whose cases: ``mediator_id`` (a mediator's own), else ``organization_id``, else all."""

    mediator_id: int | None = None
    organization_id: int | None = None

    @property
    def everything(self) -> bool:
        return self.mediator_id is None and self.organization_id is None


def scope_for(actor: Actor) -> TodayScope:
    if actor.staff_id is None:  # a single seat without sign-in: the whole database is its own
        return TodayScope()
    if actor.role is Role.MEDIATOR:
        return TodayScope(mediator_id=actor.staff_id, organization_id=actor.organization_id)
    return TodayScope(organization_id=actor.organization_id)


@dataclass(frozen=True)
class TodayRow:
    case_id: int
    number: str
    owner: str
    when: str  # the time or the date, as shown
    what: str  # what is due, in words
    tab: CaseTab
    overdue: bool = False


@dataclass(frozen=True)
class TodaySection:
    rows: tuple[TodayRow, ...]
    total: int  # all the rows there are (only the first LIMIT are in ``rows``)


@dataclass(frozen=True)
class Today:
    today: dt.date
    week_end: dt.date
    scope: TodayScope
    sessions: TodaySection
    consents: TodaySection
    deadlines: TodaySection
    instalments: TodaySection
    documents: TodaySection


def today_view(session: Session, viewer: Actor, today: dt.date, *, limit: int = LIMIT) -> Today:
    authorize(viewer, Permission.VIEW_CASES)
    scope = scope_for(viewer)
    week_end = today + dt.timedelta(days=WEEK_DAYS)
    return Today(
        today,
        week_end,
        scope,
        _sessions(session, scope, today, limit),
        _consents(session, scope, limit),
        _deadlines(session, scope, today, week_end, limit),
        _instalments(session, scope, today, week_end, limit),
        _documents(session, scope, limit),
    )


# --- the lists ------------------------------------------------------------------------------------


def _mine(scope: TodayScope) -> list[ColumnElement[bool]]:
    if scope.mediator_id is not None:
        return [Case.mediator_id == scope.mediator_id]
    if scope.organization_id is not None:
        return [Case.organization_id == scope.organization_id]
    return []


def _cases(*where: ColumnElement[bool]) -> Select[*tuple[Any, ...]]:
    # The owner's name as a subquery, not a join: a count of these rows then never reads an owner.
    owner = select(Owner.name).where(Owner.id == Case.owner_id).scalar_subquery()
    return select(Case.id, Case.number, owner).where(*where)


def _count(session: Session, stmt: Select[*tuple[Any, ...]]) -> int:
    counted = stmt.order_by(None).with_only_columns(Case.id, maintain_column_froms=True).subquery()
    return int(session.scalar(select(func.count()).select_from(counted)) or 0)


def _sessions(session: Session, scope: TodayScope, today: dt.date, limit: int) -> TodaySection:
    start = dt.datetime.combine(today, dt.time(), CHINA)
    end = start + dt.timedelta(days=1)
    where: list[ColumnElement[bool]] = [MediationSession.starts_at >= start, MediationSession.starts_at < end]
    if scope.mediator_id is not None:
        # the session's own mediator, or the case's when the session names none
        where.append(func.coalesce(MediationSession.mediator_id, Case.mediator_id) == scope.mediator_id)
    elif scope.organization_id is not None:
        where.append(Case.organization_id == scope.organization_id)
    stmt = (
        select(
            Case.id,
            Case.number,
            Owner.name,
            MediationSession.starts_at,
            MediationSession.mode,
            MediationSession.place,
            MediationSession.outcome,
            MediationSession.notes,
        )
        .join(Case, Case.id == MediationSession.case_id)
        .join(Owner, Owner.id == Case.owner_id)
        .where(*where)
        .order_by(MediationSession.starts_at, MediationSession.id)
    )
    total = _count(session, stmt)
    rows: list[TodayRow] = []
    for cid, number, owner, starts_at, mode, place, outcome, notes in session.execute(stmt.limit(limit)):
        held = bool((outcome or "").strip() or (notes or "").strip())
        where_text = " ".join(part for part in (label(mode), place) if part)
        what = (
            _("Session held: {where}").format(where=where_text)
            if held
            else _("Session: {where}").format(where=where_text)
        )
        rows.append(TodayRow(cid, number, owner, formatting.clock_time(starts_at), what, CaseTab.MEDIATION))
    return TodaySection(tuple(rows), total)


def _consents(session: Session, scope: TodayScope, limit: int) -> TodaySection:
    # Cases waiting for consent have no mediator yet: a mediator sees their organisation's.
    where: list[ColumnElement[bool]] = [Case.status == S.AWAITING_CONSENT]
    if scope.organization_id is not None:
        where.append(Case.organization_id == scope.organization_id)
    elif scope.mediator_id is not None:
        where.append(Case.mediator_id == scope.mediator_id)
    stmt = _cases(*where).order_by(Case.intake_date, Case.id)
    total = _count(session, stmt)
    found = session.execute(stmt.limit(limit)).all()
    given: dict[int, set[str]] = {}
    if found:
        for case_id, party in session.execute(
            select(Consent.case_id, Consent.party).where(
                Consent.case_id.in_([row[0] for row in found]),
                Consent.purpose == ConsentPurpose.MEDIATION,
            )
        ):
            given.setdefault(case_id, set()).add(Party(party).value)
    rows: list[TodayRow] = []
    for cid, number, owner in found:
        parties = given.get(cid, set())
        missing = missing_consents("owner" in parties, "company" in parties)
        what = missing if missing is not None else _("Both parties agreed: the mediation can start.")
        rows.append(TodayRow(cid, number, owner, "", what, CaseTab.PARTIES))
    return TodaySection(tuple(rows), total)


def _deadlines(
    session: Session, scope: TodayScope, today: dt.date, week_end: dt.date, limit: int
) -> TodaySection:
    """Mediation periods ending this week (or past), and the last days to apply for confirmation.

    A mediating case's next deadline is always its period's end, so those are counted and cut by
    SQL (there may be thousands at volume); a signed case's is the confirmation window's only
    when it comes before its first instalment, which is decided here, for the few signed cases.
    """
    due = (Case.next_deadline.is_not(None), Case.next_deadline <= week_end, *_mine(scope))
    found: list[tuple[int, str, str, dt.date, DeadlineKind]] = []
    for status in _MEDIATING:  # one status at a time: each is read in order from its index
        first = (
            _cases(Case.status == status, *due)
            .add_columns(Case.next_deadline)
            .order_by(Case.next_deadline, Case.id)
            .limit(limit)
        )
        found += [
            (cid, number, owner, deadline, DeadlineKind.MEDIATION_PERIOD)
            for cid, number, owner, deadline in session.execute(first)
        ]
    total = session.scalar(select(func.count()).where(Case.status.in_(_MEDIATING), *due)) or 0
    signed = (
        _cases(Case.status == S.SIGNED, *due)
        .add_columns(Case.next_deadline, Agreement.signed_on)
        .outerjoin(Agreement, Agreement.case_id == Case.id)
    )
    for cid, number, owner, deadline, signed_on in session.execute(signed):
        kind = deadline_kind(S.SIGNED, deadline, signed_on)
        if kind is DeadlineKind.CONFIRMATION_WINDOW:  # else an instalment: in the instalments' list
            found.append((cid, number, owner, deadline, kind))
            total += 1
    found.sort(key=lambda row: (row[3], row[0]))
    rows: list[TodayRow] = []
    for cid, number, owner, deadline, kind in found[:limit]:
        left = days_left(deadline, today)
        tab = CaseTab.MEDIATION if kind is DeadlineKind.MEDIATION_PERIOD else CaseTab.PERFORMANCE
        rows.append(
            TodayRow(
                cid,
                number,
                owner,
                formatting.short_date(deadline),
                formatting.labelled(kind.label, days_text(left)),
                tab,
                overdue=left < 0,
            )
        )
    return TodaySection(tuple(rows), total)


def _instalments(
    session: Session, scope: TodayScope, today: dt.date, week_end: dt.date, limit: int
) -> TodaySection:
    # The next deadline of a case paying under its agreement is its first instalment still owing
    # (for a signed case, that or the confirmation window, whichever is first): a due or overdue
    # instalment is found through the (status, next_deadline) index, then read in full.
    stmt = _cases(
        Case.status.in_(_PAYING),
        Case.next_deadline.is_not(None),
        Case.next_deadline <= week_end,
        *_mine(scope),
    ).order_by(Case.next_deadline, Case.id)
    rows: list[TodayRow] = []
    total = 0
    for cid, number, owner in session.execute(stmt):
        if len(rows) >= limit:
            total += 1  # counted, not read: a list this long is the 期限 page's to show
            continue
        progress = performance_progress(session, cid, today)
        if progress is None:
            continue
        owing = next((i for i in progress.progress.instalments if i.outstanding > Decimal("0")), None)
        if owing is None or owing.due_on > week_end:
            continue
        total += 1
        overdue = owing.state is InstalmentState.OVERDUE or owing.due_on < today
        single = len(progress.progress.instalments) == 1
        what = (
            _("Payment of {amount}").format(amount=formatting.money(owing.outstanding))
            if single
            else _("Instalment {n}: {amount}").format(
                n=owing.number, amount=formatting.money(owing.outstanding)
            )
        )
        what = _("{what} · {when}").format(what=what, when=days_text(days_left(owing.due_on, today)))
        rows.append(
            TodayRow(
                cid, number, owner, formatting.short_date(owing.due_on), what, CaseTab.PERFORMANCE, overdue
            )
        )
    return TodaySection(tuple(rows), total)


def _documents(session: Session, scope: TodayScope, limit: int) -> TodaySection:
    finalised = select(Document.id).where(Document.case_id == Case.id, Document.kind == "agreement").exists()
    stmt = (
        _cases(Case.status == S.AGREEMENT_REACHED, *_mine(scope))
        .add_columns(finalised, Agreement.reached_on)
        .join(Agreement, Agreement.case_id == Case.id)
        .order_by(Agreement.reached_on, Case.id)
    )
    total = _count(session, stmt)
    rows: list[TodayRow] = []
    for cid, number, owner, is_final, reached_on in session.execute(stmt.limit(limit)):
        what = (
            _("Settlement agreement finalised: waiting for the parties' signatures")
            if is_final
            else _("Settlement agreement to finalise (number and fingerprint)")
        )
        rows.append(TodayRow(cid, number, owner, formatting.short_date(reached_on), what, CaseTab.DOCUMENTS))
    return TodaySection(tuple(rows), total)


def days_text(left: int) -> str:
    """``3 days left`` / ``last day today`` / ``2 days overdue``."""
    if left > 0:
        return ngettext("{count} day left", "{count} days left", left).format(count=left)
    if left == 0:
        return _("last day today")
    return ngettext("{count} day overdue", "{count} days overdue", -left).format(count=-left)
