"""Correcting the agreement before it is signed, and the supplementary record after.

Before signing, a mediator corrects the agreement's written terms (how and where to pay, other
undertakings, the settled-in-full clause, each party's responsibility, the matters in dispute).
The total and the payment plan are not corrected here: they come from the accepted proposal, so
a different figure is a new proposal and the agreement recorded again.

Once both parties have signed, nothing the agreement states is rewritten. A judge or a supervisor
adds a supplementary record (补充记录/更正说明): its own row, with what it corrects, its text and
why, shown with the case and written in its path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.domain import validators as v
from mediation_app.domain.corrections import SUPPLEMENT_EVENT, field_label, spec
from mediation_app.errors import ValidationError, WorkflowError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.agreement.terms import MAX_TERM, MAX_TEXT
from mediation_app.services.cases.step import add_event, load_case
from mediation_app.services.corrections.common import (
    CorrectionResult,
    begin,
    check_reason,
    finish,
    same,
    touch,
)
from mediation_app.storage.models import Agreement, SupplementaryRecord
from mediation_app.storage.uow import UnitOfWork

# the form's field → the agreement's column
_COLUMNS = {
    "pay_method": "pay_method",
    "pay_place": "pay_place",
    "undertakings": "undertakings",
    "clause": "settlement_clause",
    "duties": "responsibility",
    "matters": "matters",
}
_REQUIRED = ("pay_method", "clause")
MAX_SUPPLEMENT = 4000


def correct_agreement(
    uow: UnitOfWork,
    case_id: int,
    field: str,
    value: str,
    reason: str,
    *,
    expected_version: int | None = None,
) -> CorrectionResult:
    """Correct a written term of the agreement before it is signed: ``pay_method``,
    ``pay_place``, ``undertakings``, ``clause`` (settled in full), ``duties`` (each party's
    responsibility) or ``matters`` (in dispute)."""
    authorize(uow.actor, Permission.CORRECT_RECORD)
    key = f"agreement.{field}"
    if field not in _COLUMNS:
        raise ValidationError("field", _("cannot be corrected: {key}").format(key=key[:60]), _("Field"))
    case, found, clean_reason = begin(uow, case_id, key, reason, expected_version)
    record = uow.session.scalar(select(Agreement).where(Agreement.case_id == case.id))
    if record is None:
        raise WorkflowError(_("There is no agreement to correct: record the agreed terms first."))
    label = field_label(key)
    column = _COLUMNS[field]
    limit = MAX_TERM if field in ("pay_method", "pay_place") else MAX_TEXT
    after = v.text_field(value, key, label, max_length=limit, required_=field in _REQUIRED)
    before = getattr(record, column)
    same(before, after, key)
    setattr(record, column, after)
    return finish(uow, case, key, found, clean_reason, before, after, entity="agreement", entity_id=record.id)


@dataclass(frozen=True)
class SupplementRow:
    id: int
    subject: str  # a field key, or "" for the agreement as a whole
    subject_label: str
    text: str
    reason: str
    recorded_at: dt.datetime
    by_name: str


def add_supplementary_record(
    uow: UnitOfWork,
    case_id: int,
    subject: str,
    text: str,
    reason: str,
    *,
    expected_version: int | None = None,
) -> SupplementRow:
    """Put a supplementary record (更正说明) on the case's signed agreement: ``subject`` is what it
    corrects (a field key such as ``owner.name``, or "" for the agreement as a whole), ``text``
    the correction as it reads. The signed agreement itself is left as it is."""
    authorize(uow.actor, Permission.SUPPLEMENT_SIGNED)
    clean_reason = check_reason(reason)
    case = load_case(uow, case_id, expected_version)
    record = uow.session.scalar(select(Agreement).where(Agreement.case_id == case.id))
    if record is None or record.signed_on is None:
        raise WorkflowError(
            _(
                "The agreement is not signed yet: correct its records directly instead of adding a supplementary record."
            )
        )
    if subject:
        try:
            spec(subject)
        except KeyError:
            raise ValidationError(
                "subject", _("cannot be corrected: {key}").format(key=subject[:60]), _("What it corrects")
            ) from None
    label = _subject_label(subject)
    body = v.text_field(text, "text", _("Supplementary record"), max_length=MAX_SUPPLEMENT, required_=True)
    now = uow.clock.now()
    row = SupplementaryRecord(
        case_id=case.id,
        agreement_id=record.id,
        subject=subject,
        text=body,
        reason=clean_reason,
        recorded_at=now,
        by_id=uow.actor.staff_id,
        by_name=uow.actor.name[:60],
    )
    uow.session.add(row)
    add_event(uow, case, SUPPLEMENT_EVENT, label, body[:120], clean_reason)
    touch(uow, case)
    uow.flush()
    uow.audit(
        "agreement.supplement",
        "supplementary_record",
        row.id,
        None,
        {"subject": subject, "text": body, "reason": clean_reason, "agreement_id": record.id},
        case_id=case.id,
    )
    uow.commit()
    return _row(row)


def supplementary_records(session: Session, case_id: int) -> list[SupplementRow]:
    """The supplementary records of a case's signed agreement, oldest first."""
    rows = session.scalars(
        select(SupplementaryRecord)
        .where(SupplementaryRecord.case_id == case_id)
        .order_by(SupplementaryRecord.recorded_at, SupplementaryRecord.id)
    )
    return [_row(row) for row in rows]


def _subject_label(subject: str) -> str:
    return field_label(subject) if subject else _("The agreement as a whole")


def _row(row: SupplementaryRecord) -> SupplementRow:
    return SupplementRow(
        row.id, row.subject, _subject_label(row.subject), row.text, row.reason, row.recorded_at, row.by_name
    )
