"""Reading the audit trail: verifying its hash chain, and a case's history in words.

:func:`verify_chain` streams every event in id order (never all of them in memory), recomputes
each hash and link, compares the end of the chain with the head row, and names the first broken
link: which event, when, what action, and what kind of break (changed, removed or reordered, the
newest ones removed). :func:`case_history` turns a case's events into rows a person can read:
who, when, what, and each changed value before and after, with identifiers masked for roles that
do not see them in full.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.clock import CHINA
from mediation_app.domain import corrections
from mediation_app.domain.actor import Actor
from mediation_app.domain.audit_chain import ChainedEvent, first_break
from mediation_app.domain.enums import CaseStatus, ChargeKind, Role, Track
from mediation_app.domain.labelled import LabelledEnum
from mediation_app.i18n import N_, _
from mediation_app.security.privacy import shown_value
from mediation_app.storage.models import AuditEvent, AuditHead, Case

STREAM_BATCH = 1000


class BreakKind(StrEnum):
    CHANGED = "hash"  # the event's content no longer matches its hash
    LINK = "link"  # the event before it was removed, or events were moved
    TRUNCATED = "head"  # the newest events were removed (the head remembers more)
    EMPTY = "missing"  # no events and no head, though cases exist


@dataclass(frozen=True)
class ChainBreakReport:
    kind: BreakKind
    event_id: int
    at: dt.datetime | None
    action: str
    actor_name: str

    def describe(self) -> str:
        """The break in one sentence, in the user's language."""
        when = formatting.short_moment(self.at, seconds=True)
        if self.kind == BreakKind.CHANGED:
            return _("event #{id} ({when}, {action}, by {who}) was changed after it was written").format(
                id=self.event_id, when=when, action=self.action, who=self.actor_name
            )
        if self.kind == BreakKind.LINK:
            return _(
                "the event before #{id} ({when}, {action}, by {who}) was removed, or events were reordered"
            ).format(id=self.event_id, when=when, action=self.action, who=self.actor_name)
        if self.kind == BreakKind.TRUNCATED:
            return _("the newest events, from #{id} on, were removed").format(id=self.event_id)
        return _("the audit trail is empty although the database holds cases")


@dataclass(frozen=True)
class ChainReport:
    events: int
    last_id: int
    broken: ChainBreakReport | None

    @property
    def whole(self) -> bool:
        return self.broken is None

    @property
    def intact(self) -> int:
        """How many events, from the first, are vouched for by the chain."""
        if self.broken is None or self.broken.kind in (BreakKind.TRUNCATED, BreakKind.EMPTY):
            return self.events
        return self.events - 1


def _stream(session: Session) -> Iterator[ChainedEvent]:
    columns = (
        AuditEvent.id,
        AuditEvent.at,
        AuditEvent.actor_id,
        AuditEvent.actor_name,
        AuditEvent.action,
        AuditEvent.entity,
        AuditEvent.entity_id,
        AuditEvent.case_id,
        AuditEvent.before_json,
        AuditEvent.after_json,
        AuditEvent.prev_hash,
        AuditEvent.hash,
        AuditEvent.rows_json,
    )
    result = session.execute(
        select(*columns).order_by(AuditEvent.id).execution_options(yield_per=STREAM_BATCH)
    )
    for row in result:
        yield ChainedEvent(
            id=row.id,
            at=row.at,
            actor_id=row.actor_id,
            actor_name=row.actor_name,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            case_id=row.case_id,
            before_json=row.before_json,
            after_json=row.after_json,
            prev_hash=row.prev_hash,
            hash=row.hash,
            rows_json=row.rows_json,
        )


def verify_chain(session: Session) -> ChainReport:
    """Check the whole chain; the report names the first broken link (or none)."""
    head = session.execute(select(AuditHead.last_id, AuditHead.last_hash).where(AuditHead.id == 1)).first()
    seen = 0
    last: ChainedEvent | None = None

    def counted() -> Iterator[ChainedEvent]:
        nonlocal seen, last
        for event in _stream(session):
            seen += 1
            last = event
            yield event

    found = first_break(counted(), head_hash=head.last_hash if head is not None else None)
    if found is None and head is None and seen:
        # Events without a head row: the head was deleted, so the newest events cannot be vouched for.
        found_kind: BreakKind | None = BreakKind.TRUNCATED
        event_id = (last.id if last else 0) + 1
    elif found is None:
        if seen == 0 and (session.scalar(select(func.count()).select_from(Case)) or 0) > 0:
            return ChainReport(0, 0, ChainBreakReport(BreakKind.EMPTY, 0, None, "", ""))
        return ChainReport(seen, last.id if last else 0, None)
    else:
        found_kind = BreakKind(found.problem)
        event_id = found.event_id
    assert found_kind is not None
    if found_kind == BreakKind.TRUNCATED:
        return ChainReport(seen, last.id if last else 0, ChainBreakReport(found_kind, event_id, None, "", ""))
    # first_break stops at the event it rejects, which is the last one streamed.
    assert last is not None
    return ChainReport(
        seen, last.id, ChainBreakReport(found_kind, last.id, last.at, last.action, last.actor_name)
    )


# --- a case's history in words ------------------------------------------------------------------

ACTION_LABELS: dict[str, str] = {
    "case.intake": N_("Case registered"),
    "owner.create": N_("Owner added"),
    "company.create": N_("Company added"),
    "unit.create": N_("Unit added"),
    "owner.reveal": N_("Full ID number or phone shown"),
    "data.export": N_("Data exported"),
    "attachment.add": N_("Attachment added"),
    "account.create_first_admin": N_("First administrator created"),
    "account.create": N_("Account created"),
    "account.update": N_("Account changed"),
    "account.activate": N_("Account reactivated"),
    "account.deactivate": N_("Account deactivated"),
    "account.password_reset": N_("Password reset by an administrator"),
    "account.password_change": N_("Password changed"),
    "account.unlock": N_("Account unlocked"),
    "account.sign_in": N_("Signed in"),
    "account.sign_in_failed": N_("Failed sign-in"),
    "setting.change": N_("Setting changed"),
    "database.restore": N_("Database restored from a backup"),
    "case.accept": N_("Case accepted"),
    "case.refuse": N_("Case not accepted"),
    "case.withdraw": N_("Case withdrawn"),
    "case.fail": N_("Mediation failed, handed to litigation"),
    "case.resume_mediation": N_("Mediation resumed"),
    "case.non_performance": N_("Non-performance recorded"),
    "case.consent": N_("Consent recorded"),
    "case.start_mediation": N_("Mediation started"),
    "case.assign_mediator": N_("Mediator changed"),
    "case.extend_period": N_("Mediation period extended"),
    "case.transfer_track": N_("Transferred to another kind of mediation"),
    "case.refer_level": N_("Referred to another level"),
    "case.handover_export": N_("Litigation hand-over exported"),
    "session.schedule": N_("Session scheduled"),
    "session.record": N_("Session recorded"),
    "claim_item.position": N_("Owner's answer to a claimed line"),
    "statement.compute": N_("Arrears statement computed"),
    "proposal.create": N_("Settlement proposal made"),
    "proposal.recompute": N_("Settlement proposal recomputed"),
    "figures.recompute": N_("Figures recomputed after a change"),
    "fee_payment.create": N_("Payment before mediation entered"),
    "fee_payment.void": N_("Payment before mediation voided"),
    "utility_bill.create": N_("Utility bill entered"),
    "utility_bill.void": N_("Utility bill voided"),
    "case.reverse_step": N_("Status change reversed"),
    "agreement.reach": N_("Agreement reached"),
    "agreement.sign": N_("Agreement signed"),
    "document.finalise": N_("Document finalised"),
    "document.signed_scan": N_("Signed scan attached"),
    "confirmation.apply": N_("Judicial confirmation applied for"),
    "confirmation.confirm": N_("Judicial confirmation granted"),
    "confirmation.reject": N_("Judicial confirmation rejected"),
    "confirmation.withdraw": N_("Confirmation application withdrawn"),
    "performance.start": N_("Performance started"),
    "performance.payment": N_("Payment recorded"),
    "performance.complete": N_("Agreement fully performed"),
    "performance.follow_up": N_("Follow-up visit recorded"),
    "sms.queue": N_("SMS queued"),
    "sms.sent": N_("SMS sent"),
    "sms.failed": N_("SMS sending failed"),
    "sms.requeue": N_("SMS queued again"),
    "owner.electronic_notice": N_("Owner's consent to electronic notices changed"),
    "company.electronic_notice": N_("Company's consent to electronic notices changed"),
    "correct.owner": N_("Owner's record corrected"),
    "correct.company": N_("Company's record corrected"),
    "correct.unit": N_("Unit corrected"),
    "correct.unit_rate": N_("Fee standard corrected"),
    "correct.claim_item": N_("Claim line corrected"),
    "correct.consent": N_("Consent corrected"),
    "correct.session": N_("Session record corrected"),
    "correct.agreement": N_("Agreement corrected before signing"),
    "agreement.supplement": N_("Supplementary record added to the signed agreement"),
    "record.seal": N_("Rows written sealed in the audit trail"),
    "batch.propose": N_("Model mediation: proposals stored for a batch"),
    "case.late_fee_terms": N_("Late fee terms recorded"),
}

FIELD_LABELS: dict[str, str] = {
    "number": N_("Case number"),
    "status": N_("Status"),
    "track": N_("Track"),
    "organization_id": N_("Handling organisation"),
    "owner_id": N_("Owner"),
    "company_id": N_("Company"),
    "unit_id": N_("Unit"),
    "mediator_id": N_("Mediator"),
    "claimed_total": N_("Claimed total"),
    "claims": N_("Claim items"),
    "name": N_("Name"),
    "id_number": N_("ID number"),
    "phone": N_("Phone"),
    "username": N_("User name"),
    "role": N_("Role"),
    "active": N_("Active"),
    "reason": N_("Reason"),
    "field": N_("Field"),
    "value": N_("Value"),
    "amount": N_("Amount"),
    "total": N_("Total"),
    "discount": N_("Discount"),
    "deadline": N_("Deadline"),
    "paid_on": N_("Date of payment"),
    "method": N_("Method"),
    "period": N_("Period"),
    "voided": N_("Voided"),
    "void_reason": N_("Reason for voiding"),
    "payable": N_("Payable"),
    "reversed": N_("Step reversed"),
}

_ENUMS: dict[str, type[LabelledEnum]] = {
    "status": CaseStatus,
    "track": Track,
    "role": Role,
    "kind": ChargeKind,
}


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: dt.datetime
    who: str
    action: str
    what: str
    changes: tuple[Change, ...]

    def text(self) -> str:
        """One line per change: "Status: Intake → In mediation"."""
        return "\n".join(
            formatting.labelled(c.label, c.after if not c.before else f"{c.before} → {c.after}")
            for c in self.changes
        )


def action_label(action: str) -> str:
    known = ACTION_LABELS.get(action)
    return _(known) if known else action


def _parse(text: str) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _readable(actor: Actor, key: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    enum = _ENUMS.get(key)
    if enum is not None and isinstance(value, str):
        try:
            return enum(value).label
        except ValueError:
            return value
    if isinstance(value, list):
        return "; ".join(
            ", ".join(f"{k}={_readable(actor, k, v)}" for k, v in item.items())
            if isinstance(item, dict)
            else str(item)
            for item in value
        )
    if isinstance(value, dict):
        return ", ".join(f"{k}={_readable(actor, k, v)}" for k, v in value.items())
    return str(shown_value(actor, key, str(value)))


def _changes(actor: Actor, before: Any, after: Any) -> tuple[Change, ...]:
    if not isinstance(before, dict) and not isinstance(after, dict):
        if before is None and after is None:
            return ()
        return (
            Change("value", _("Value"), _readable(actor, "value", before), _readable(actor, "value", after)),
        )
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    changes = []
    for key in list(dict.fromkeys([*old, *new])):
        if key in old and key in new and old[key] == new[key]:
            continue
        changes.append(
            Change(
                key,
                _label(key, new.get("field")),
                _readable(actor, key, old.get(key)),
                _readable(actor, key, new.get(key)),
            )
        )
    return tuple(changes)


def _label(key: str, corrected: object) -> str:
    """A field's name; a correction's value is named as the field corrected (业主电话 …)."""
    if (
        isinstance(corrected, str)
        and corrections.is_correction(corrections.EVENT_PREFIX + corrected)
        and key == corrected.rsplit(".", 1)[-1]
    ):
        return corrections.field_label(corrected)
    known = FIELD_LABELS.get(key)
    return _(known) if known else key


def case_history(session: Session, case_id: int, actor: Actor) -> list[HistoryEntry]:
    """The audited changes of a case, oldest first, as ``actor`` may read them."""
    events = session.execute(
        select(
            AuditEvent.id,
            AuditEvent.at,
            AuditEvent.actor_name,
            AuditEvent.action,
            AuditEvent.before_json,
            AuditEvent.after_json,
        )
        .where(AuditEvent.case_id == case_id)
        .order_by(AuditEvent.id)
    )
    return [
        HistoryEntry(
            id=event_id,
            at=at.astimezone(CHINA),
            who=who,
            action=action,
            what=action_label(action),
            changes=_changes(actor, _parse(before), _parse(after)),
        )
        for event_id, at, who, action, before, after in events
    ]
