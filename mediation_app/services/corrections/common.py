"""What every correction does around its own record: authorise by field, require a reason, check
the case's version and the signed agreement, then record the change in the case's path and the
audit trail (before → after) in one unit of work.

A correction service loads and checks with :func:`begin`, validates the new value the way intake
does, changes the record, and finishes with :func:`finish`. The case's version is bumped by every
correction, so a second person correcting the same case from a screen read before the first
correction is told to reload (nothing of theirs is lost: the dialog keeps what they typed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from mediation_app import formatting
from mediation_app.domain import validators as v
from mediation_app.domain.corrections import FieldSpec, Need, event_kind, field_label, spec
from mediation_app.errors import ValidationError, WorkflowError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.step import add_event, load_case
from mediation_app.services.settlement.staleness import mark_figures_stale
from mediation_app.storage.models import Agreement, Case
from mediation_app.storage.uow import UnitOfWork

MAX_REASON = 500
REASON_FIELD = "reason"


@dataclass(frozen=True)
class CorrectionResult:
    """What was corrected, as shown (private values masked), and the case's new version."""

    case_id: int
    field: str  # the key, with the line: "claim[2].amount"
    label: str
    before: str
    after: str
    version: int
    figures_stale: bool


def permission_for(key: str) -> Permission:
    """The permission a correction of ``key`` needs."""
    return Permission.CORRECT_CONTACT if spec(key).need is Need.CONTACT else Permission.CORRECT_RECORD


def check_reason(reason: str | None) -> str:
    """A correction always says why; the reason is kept in the case's path."""
    text = v.no_control_characters((reason or "").strip(), REASON_FIELD, _("Reason for the correction"))
    if not text:
        raise ValidationError(
            REASON_FIELD, _("is required: say why the record is corrected"), _("Reason for the correction")
        )
    if len(text) > MAX_REASON:
        raise ValidationError(
            REASON_FIELD,
            _("is too long (at most {n} characters)").format(n=MAX_REASON),
            _("Reason for the correction"),
        )
    return text


def signed_on(uow: UnitOfWork, case_id: int) -> dt.date | None:
    """The day the case's agreement was signed (None: not signed, or no agreement)."""
    return uow.session.scalar(select(Agreement.signed_on).where(Agreement.case_id == case_id))


def begin(
    uow: UnitOfWork, case_id: int, key: str, reason: str | None, expected_version: int | None
) -> tuple[Case, FieldSpec, str]:
    """Authorise the field, check the reason and the case's version, refuse a field the signed
    agreement states. Returns the case, the field and the clean reason."""
    try:
        found = spec(key)
    except KeyError:
        raise ValidationError(
            "field", _("cannot be corrected: {key}").format(key=key[:60]), _("Field")
        ) from None
    authorize(uow.actor, permission_for(key))
    clean_reason = check_reason(reason)
    case = load_case(uow, case_id, expected_version)
    if found.signed:
        day = signed_on(uow, case.id)
        if day is not None:
            raise WorkflowError(
                _(
                    "The agreement was signed on {date}: {field} can no longer be corrected here. "
                    "A judge or supervisor adds a supplementary record instead; the signed text stays as it is."
                ).format(date=formatting.date(day), field=field_label(key))
            )
    return case, found, clean_reason


def shown(value: object, private: bool = False) -> str:
    """A value as the case's path shows it (an ID number or a phone masked)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if private and text:
        return v.mask_id_number(text) if len(text) == 18 else v.mask_phone(text)
    return text


def audited(value: object) -> Any:
    if isinstance(value, Decimal | dt.date):
        return str(value)
    return value


def same(before: object, after: object, key: str) -> None:
    if before == after:
        raise ValidationError(key, _("is the same as on record; nothing to correct"), field_label(key))


def finish(
    uow: UnitOfWork,
    case: Case,
    key: str,
    found: FieldSpec,
    reason: str,
    before: object,
    after: object,
    *,
    entity: str,
    entity_id: object,
) -> CorrectionResult:
    """Record the correction in the case's path and the audit trail, mark the figures out of date
    when money changed, commit, and say what was done."""
    label = field_label(key)
    old, new = shown(before, found.private), shown(after, found.private)
    add_event(uow, case, event_kind(key), _cut(old), _cut(new), reason)
    touch(uow, case)
    if found.money:
        mark_figures_stale(
            uow, case, _("{field} corrected: {old} → {new}").format(field=label, old=old, new=new)
        )
    uow.flush()
    # keyed by the field's own name ("phone", "id_number" …), so the audit trail's screens mask
    # what the reader's role may not see in full; the stored event keeps the values whole
    name = key.rsplit(".", 1)[-1]
    uow.audit(
        f"correct.{entity}",
        entity,
        entity_id,
        {"field": key, name: audited(before)},
        {"field": key, name: audited(after), "reason": reason},
        case_id=case.id,
    )
    uow.commit()
    return CorrectionResult(case.id, key, label, old, new, case.version, found.money)


def touch(uow: UnitOfWork, case: Case) -> None:
    """Bump the case's version even when no column of the case changed (an owner's address, a
    session's notes): a screen that read the case before this correction then gets a conflict."""
    case.updated_at = uow.clock.now()
    flag_modified(case, "updated_at")


def _cut(text: str) -> str:
    return text if len(text) <= 120 else text[:119] + "…"
