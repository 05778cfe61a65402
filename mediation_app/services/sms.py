"""The SMS outbox: notices queued from templates, handed to a sender, failures retried.

Queueing fills a template (:mod:`mediation_app.workflow.sms`) with the case's data and stores the
exact text, only for a party who agreed to electronic notices (a refusal says so and suggests
paper). Every message stays in the outbox with its recipient, text, times, status, attempts and
last error:

- ``queued`` — waiting to be handed over (``send_at``: the time the platform should send it);
- ``sent`` — handed to the platform (the sender named in ``sender``), a step in the case's path;
- ``retry`` — the last attempt failed; tried again from ``next_attempt_at``, the delay doubling
  from :data:`FIRST_RETRY` up to :data:`MAX_RETRY_DELAY`;
- ``failed`` — :data:`MAX_ATTEMPTS` attempts failed; kept, shown, and queued again by
  :func:`retry_failed` once the cause is fixed. Nothing is ever dropped.

:func:`dispatch` calls the sender *outside* the database transaction (a slow platform must not
hold the write lock) and then records every outcome in one transaction. A crash between the two
can send a message twice, never lose one.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, bindparam, or_, select
from sqlalchemy.orm import Session

from mediation_app.adapters.sms_gateways import OutgoingSms, SendOutcome, SmsSender
from mediation_app.clock import CHINA
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import SmsStatus
from mediation_app.domain.party import Party
from mediation_app.errors import NotFoundError, ValidationError, WorkflowError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.agreement.terms import agreement_of
from mediation_app.services.cases.step import add_event, load_case
from mediation_app.storage.models import Case, MediationSession, Organization, SmsMessage
from mediation_app.storage.uow import Database, UnitOfWork
from mediation_app.workflow.sms import (
    NoticeData,
    SmsTemplate,
    render,
    require_electronic_consent,
)

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_RETRY = dt.timedelta(minutes=5)
MAX_RETRY_DELAY = dt.timedelta(hours=6)
BATCH = 500


@dataclass(frozen=True)
class OutboxRow:
    id: int
    case_id: int | None
    recipient_name: str
    party: Party | None
    phone: str
    template: SmsTemplate
    text: str
    status: SmsStatus
    attempts: int
    last_error: str
    created_at: dt.datetime
    send_at: dt.datetime | None
    sent_at: dt.datetime | None
    next_attempt_at: dt.datetime | None
    sender: str


@dataclass(frozen=True)
class DispatchReport:
    sent: int
    retrying: int
    failed: int
    sender: str


@dataclass(frozen=True)
class _Recipient:
    party: Party
    name: str
    phone: str
    accepted: bool


# --- queueing ---------------------------------------------------------------------------------


def queue_pre_mediation_reminder(
    uow: UnitOfWork, case_id: int, *, send_at: dt.datetime | None = None
) -> list[OutboxRow]:
    """The pre-mediation reminder (温馨提醒) quoting 民法典 944, to the owner."""
    authorize(uow.actor, Permission.SEND_SMS)
    case = load_case(uow, case_id)
    data = _reminder_data(case)
    return _queue(uow, case, SmsTemplate.PRE_MEDIATION_REMINDER, [(_owner(case), data)], send_at)


def queue_session_notice(
    uow: UnitOfWork,
    session_id: int,
    *,
    parties: Sequence[Party] = (Party.OWNER, Party.COMPANY),
    send_at: dt.datetime | None = None,
) -> list[OutboxRow]:
    """The notice of a scheduled session (time, place, mediator), to each party named."""
    authorize(uow.actor, Permission.SEND_SMS)
    meeting = uow.session.get(MediationSession, session_id)
    if meeting is None:
        raise NotFoundError(_("Session {id} does not exist.").format(id=session_id))
    case = load_case(uow, meeting.case_id)
    recipients = [_owner(case) if p == Party.OWNER else _company(case) for p in parties]
    letters = [(recipient, _session_data(case, meeting, recipient)) for recipient in recipients]
    return _queue(uow, case, SmsTemplate.SESSION_NOTICE, letters, send_at)


def queue_instalment_reminder(
    uow: UnitOfWork, case_id: int, seq: int, *, send_at: dt.datetime | None = None
) -> list[OutboxRow]:
    """The reminder of instalment ``seq`` of the agreement, to the owner."""
    authorize(uow.actor, Permission.SEND_SMS)
    case = load_case(uow, case_id)
    data = _instalment_data(uow.session, case, seq)
    return _queue(uow, case, SmsTemplate.INSTALMENT_DUE, [(_owner(case), data)], send_at)


def preview_text(session: Session, case_id: int, template: SmsTemplate, subject_id: int | None = None) -> str:
    """The text the notice would have, filled with the case's data, without queueing anything.

    ``subject_id`` names the session (session notice) or the instalment number (instalment
    reminder); the session notice is shown as the owner would receive it. Refusals (no such
    session, no signed agreement) raise the same errors queueing would.
    """
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    if template is SmsTemplate.SESSION_NOTICE:
        meeting = session.get(MediationSession, subject_id) if subject_id is not None else None
        if meeting is None or meeting.case_id != case.id:
            raise NotFoundError(_("Choose a scheduled session of this case."))
        data = _session_data(case, meeting, _owner(case))
    elif template is SmsTemplate.INSTALMENT_DUE:
        data = _instalment_data(session, case, subject_id or 1)
    else:
        data = _reminder_data(case)
    return render(template, data).text


def _reminder_data(case: Case) -> NoticeData:
    name, phone = _centre(case.organization)
    return NoticeData(
        owner_name=case.owner.name,
        company=case.company.name,
        amount=case.claimed_total,
        case_number=case.number,
        centre_name=name,
        centre_phone=phone,
    )


def _session_data(case: Case, meeting: MediationSession, recipient: _Recipient) -> NoticeData:
    name, phone = _centre(case.organization)
    return NoticeData(
        recipient_name=recipient.name,
        case_number=case.number,
        session_at=meeting.starts_at.astimezone(CHINA),
        place=meeting.place or meeting.mode.label,
        mediator=case.mediator.name if case.mediator is not None else "",
        centre_name=name,
        centre_phone=phone,
    )


def _instalment_data(session: Session, case: Case, seq: int) -> NoticeData:
    agreement = agreement_of(session, case.id)
    if agreement is None or agreement.signed_on is None:
        raise WorkflowError(_("There is no signed agreement whose instalments could be reminded."))
    instalment = next((i for i in agreement.instalments if i.seq == seq), None)
    if instalment is None:
        raise NotFoundError(_("The agreement has no instalment {number}.").format(number=seq))
    name, phone = _centre(case.organization)
    return NoticeData(
        owner_name=case.owner.name,
        case_number=case.number,
        instalment_number=seq,
        instalment_count=len(agreement.instalments),
        amount=instalment.amount,
        due_on=instalment.due_on,
        centre_name=name,
        centre_phone=phone,
    )


def set_electronic_notice(uow: UnitOfWork, case_id: int, party: Party | str, accepted: bool) -> None:
    """Record whether ``party`` agrees to receive notices by SMS (asked at intake, changeable)."""
    authorize(uow.actor, Permission.RECORD_CONSENT)
    case = load_case(uow, case_id)
    who = Party(party)
    holder = case.owner if who is Party.OWNER else case.company
    before = {"electronic_notice": holder.electronic_notice}
    holder.electronic_notice = accepted
    uow.audit(
        f"{who.value}.electronic_notice",
        who.value,
        holder.id,
        before,
        {"electronic_notice": accepted},
        case_id=case.id,
    )
    uow.commit()


# --- the outbox -------------------------------------------------------------------------------


def outbox(
    session: Session,
    *,
    statuses: Iterable[SmsStatus] = (),
    case_id: int | None = None,
    limit: int | None = None,
) -> list[OutboxRow]:
    """Messages, newest first, optionally of some statuses or one case."""
    stmt = select(SmsMessage).order_by(SmsMessage.created_at.desc(), SmsMessage.id.desc())
    wanted = list(statuses)
    if wanted:
        stmt = stmt.where(SmsMessage.status.in_(wanted))
    if case_id is not None:
        stmt = stmt.where(SmsMessage.case_id == case_id)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_row(m) for m in session.scalars(stmt)]


def due_messages(session: Session, now: dt.datetime, limit: int = BATCH) -> list[SmsMessage]:
    """Queued messages, and failed attempts whose retry time has come, oldest first."""
    return list(session.scalars(_due_query(), {"now": now, "limit": limit}))


@cache
def _due_query() -> Select[SmsMessage]:
    # Built once (README, Development): the outbox is asked at every dispatch.
    return (
        select(SmsMessage)
        .where(
            or_(
                SmsMessage.status == SmsStatus.QUEUED,
                (SmsMessage.status == SmsStatus.RETRY) & (SmsMessage.next_attempt_at <= bindparam("now")),
            )
        )
        .order_by(SmsMessage.created_at, SmsMessage.id)
        .limit(bindparam("limit"))
    )


def dispatch(db: Database, actor: Actor, sender: SmsSender, *, limit: int = BATCH) -> DispatchReport:
    """Hand the due messages to ``sender`` and record each outcome (one transaction).

    The due messages are read, and sent, before the write transaction opens: a slow gateway never
    holds the database's write lock.
    """
    authorize(actor, Permission.SEND_SMS)
    with db.read() as session:
        batch = outgoing(session, db.clock.now(), limit)
    if not batch:
        return DispatchReport(0, 0, 0, sender.name)
    outcomes = sender.send(batch)
    with db.unit_of_work(actor) as uow:
        return record_dispatch(uow, batch, outcomes, sender.name)


def outgoing(session: Session, now: dt.datetime, limit: int = BATCH) -> list[OutgoingSms]:
    """The due messages (:func:`due_messages`) as the gateway takes them."""
    return [
        OutgoingSms(m.id, m.phone, m.text, m.send_at, m.recipient_name)
        for m in due_messages(session, now, limit)
    ]


def record_dispatch(
    uow: UnitOfWork, batch: Sequence[OutgoingSms], outcomes: Sequence[SendOutcome], sender_name: str
) -> DispatchReport:
    """Record what the gateway ``sender_name`` answered for each message of ``batch``."""
    authorize(uow.actor, Permission.SEND_SMS)
    now = uow.clock.now()
    by_id = {o.message_id: o for o in outcomes}
    sent = retrying = failed = 0
    given_up: list[int] = []
    for item in batch:
        message = uow.session.get(SmsMessage, item.id)
        if message is None or message.status not in (SmsStatus.QUEUED, SmsStatus.RETRY):
            continue  # removed with its case, or recorded by another dispatch meanwhile
        outcome = by_id.get(item.id) or _no_outcome(item.id, sender_name)
        before = {"status": message.status, "attempts": message.attempts}
        message.attempts += 1
        message.sender = sender_name[:40]
        if outcome.ok:
            message.status, message.sent_at = SmsStatus.SENT, now
            message.next_attempt_at, message.last_error = None, ""
            sent += 1
            _path_step(uow, message)
        else:
            message.last_error = outcome.error[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status, message.next_attempt_at = SmsStatus.FAILED, None
                failed += 1
                given_up.append(message.id)
            else:
                message.status = SmsStatus.RETRY
                message.next_attempt_at = now + retry_delay(message.attempts)
                retrying += 1
        uow.audit(
            "sms.sent" if outcome.ok else "sms.failed",
            "sms_message",
            message.id,
            before,
            {"status": message.status, "attempts": message.attempts, "error": message.last_error},
            case_id=message.case_id,
        )
    uow.commit()
    log.info(
        "SMS dispatch through %s: %d due, %d sent, %d to retry, %d failed",
        sender_name,
        len(batch),
        sent,
        retrying,
        failed,
    )
    if given_up:  # the error of each stays in the outbox; it may quote the number, so not here
        log.warning("SMS given up after %d attempts (outbox ids): %s", MAX_ATTEMPTS, given_up)
    return DispatchReport(sent, retrying, failed, sender_name)


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th failure: 5 min, 10, 20 … at most 6 hours."""
    delay = FIRST_RETRY * (1 << max(0, attempts - 1))
    return min(delay, MAX_RETRY_DELAY)


def retry_failed(uow: UnitOfWork, message_id: int) -> OutboxRow:
    """Queue a message that failed every attempt again (after the number or platform was fixed)."""
    authorize(uow.actor, Permission.SEND_SMS)
    message = uow.session.get(SmsMessage, message_id)
    if message is None:
        raise NotFoundError(_("SMS {id} does not exist.").format(id=message_id))
    if message.status is not SmsStatus.FAILED:
        raise WorkflowError(_("Only a message that failed can be queued again."))
    message.status, message.next_attempt_at = SmsStatus.QUEUED, None
    uow.audit(
        "sms.requeue",
        "sms_message",
        message.id,
        {"status": SmsStatus.FAILED.value},
        {"status": SmsStatus.QUEUED.value},
        case_id=message.case_id,
    )
    uow.commit()
    return _row(message)


# --- helpers ----------------------------------------------------------------------------------


def _queue(
    uow: UnitOfWork,
    case: Case,
    template: SmsTemplate,
    letters: Sequence[tuple[_Recipient, NoticeData]],
    send_at: dt.datetime | None,
) -> list[OutboxRow]:
    """Queue ``template`` to each recipient, filled with that recipient's data, and commit."""
    if send_at is not None and send_at.tzinfo is None:
        raise ValidationError("sms.send_at", _("needs a time zone"), _("Send time"))
    messages = []
    for recipient, data in letters:
        require_electronic_consent(f"{recipient.party.label} {recipient.name}", recipient.accepted)
        if not recipient.phone:
            raise ValidationError(
                "sms.phone",
                _("{name} has no mobile number on record").format(name=recipient.name),
                _("Phone"),
            )
        text = render(template, data)
        message = SmsMessage(
            case_id=case.id,
            recipient_name=recipient.name[:120],
            party=recipient.party,
            phone=recipient.phone,
            template=template,
            text=text.text,
            status=SmsStatus.QUEUED,
            attempts=0,
            last_error="",
            created_at=uow.clock.now(),
            send_at=send_at,
            sender="",
        )
        uow.session.add(message)
        messages.append((message, recipient, text))
    uow.flush()  # one flush numbers them all
    rows = []
    for message, recipient, text in messages:
        uow.audit(
            "sms.queue",
            "sms_message",
            message.id,
            None,
            {"template": template.value, "party": recipient.party.value, "parts": text.length.segments},
            case_id=case.id,
        )
        rows.append(_row(message))
    uow.commit()
    return rows


def _owner(case: Case) -> _Recipient:
    return _Recipient(Party.OWNER, case.owner.name, case.owner.phone, case.owner.electronic_notice)


def _company(case: Case) -> _Recipient:
    """The company's agent (a mobile number) when there is one, else the company itself."""
    company = case.company
    if company.agent_phone:
        return _Recipient(
            Party.COMPANY, company.agent_name or company.name, company.agent_phone, company.electronic_notice
        )
    return _Recipient(
        Party.COMPANY, company.legal_rep or company.name, company.phone, company.electronic_notice
    )


def _centre(organisation: Organization) -> tuple[str, str]:
    """The name signing the notice and the phone it gives: the organisation's, else the nearest
    parent's (a workstation without its own line gives its sub-centre's)."""
    current: Organization | None = organisation
    while current is not None and not current.phone:
        current = current.parent
    return organisation.name, current.phone if current is not None else ""


def _path_step(uow: UnitOfWork, message: SmsMessage) -> None:
    if message.case_id is None:
        return
    case = uow.session.get(Case, message.case_id)
    if case is None:
        return
    label = message.template.label
    add_event(uow, case, "sms", "", f"{label} → {message.recipient_name}")


def _no_outcome(message_id: int, sender_name: str) -> SendOutcome:
    return SendOutcome(message_id, False, f"the {sender_name} sender gave no answer for this message")


def _row(m: SmsMessage) -> OutboxRow:
    return OutboxRow(
        m.id,
        m.case_id,
        m.recipient_name,
        m.party,
        m.phone,
        m.template,
        m.text,
        m.status,
        m.attempts,
        m.last_error,
        m.created_at,
        m.send_at,
        m.sent_at,
        m.next_attempt_at,
        m.sender,
    )
