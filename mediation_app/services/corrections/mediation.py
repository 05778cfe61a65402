"""Correcting the records of mediation: a consent (how and when it was given, its note) and a
session (its place, who attended, the notes and the outcome). Neither is stated by the signed
agreement, so they stay correctable after signing, by a mediator."""

from __future__ import annotations

from mediation_app.domain import validators as v
from mediation_app.domain.corrections import field_label
from mediation_app.domain.enums import SessionMode
from mediation_app.errors import NotFoundError, ValidationError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.sessions import MAX_PLACE, MAX_TEXT
from mediation_app.services.cases.step import check_day
from mediation_app.services.corrections.common import CorrectionResult, begin, finish, same
from mediation_app.storage.models import Consent, MediationSession
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.consent import ConsentMethod

_CONSENT_FIELDS = ("method", "given_on", "note")
_SESSION_FIELDS = ("place", "attendees", "notes", "outcome")


def correct_consent(
    uow: UnitOfWork,
    case_id: int,
    consent_id: int,
    field: str,
    value: str,
    reason: str,
    *,
    expected_version: int | None = None,
) -> CorrectionResult:
    """Correct consent ``consent_id``: ``method`` (an id of :class:`ConsentMethod`), ``given_on``
    or ``note``."""
    authorize(uow.actor, Permission.CORRECT_RECORD)
    key = f"consent.{field}"
    if field not in _CONSENT_FIELDS:
        raise ValidationError("field", _("cannot be corrected: {key}").format(key=key[:60]), _("Field"))
    case, found, clean_reason = begin(uow, case_id, key, reason, expected_version)
    consent = uow.session.get(Consent, consent_id)
    if consent is None or consent.case_id != case.id:
        raise NotFoundError(_("Consent {id} of this case does not exist.").format(id=consent_id))
    label = field_label(key)
    before: object = getattr(consent, field)
    if field == "method":
        try:
            after: object = ConsentMethod(value)
        except ValueError:
            raise ValidationError(
                key, _("is not a known way of giving consent: {value}").format(value=str(value)[:40]), label
            ) from None
    elif field == "given_on":
        after = check_day(uow, v.date(value, key, label), key, label, not_before=case.intake_date)
    else:
        after = v.text_field(value, key, label, max_length=200)
    same(before, after, key)
    setattr(consent, field, after)
    shown_before = before.label if isinstance(before, ConsentMethod) else before
    shown_after = after.label if isinstance(after, ConsentMethod) else after
    return finish(
        uow, case, key, found, clean_reason, shown_before, shown_after, entity="consent", entity_id=consent.id
    )


def correct_session(
    uow: UnitOfWork,
    case_id: int,
    session_id: int,
    field: str,
    value: str,
    reason: str,
    *,
    expected_version: int | None = None,
) -> CorrectionResult:
    """Correct session ``session_id``: ``place``, ``attendees``, ``notes`` or ``outcome``."""
    authorize(uow.actor, Permission.CORRECT_RECORD)
    key = f"session.{field}"
    if field not in _SESSION_FIELDS:
        raise ValidationError("field", _("cannot be corrected: {key}").format(key=key[:60]), _("Field"))
    case, found, clean_reason = begin(uow, case_id, key, reason, expected_version)
    record = uow.session.get(MediationSession, session_id)
    if record is None or record.case_id != case.id:
        raise NotFoundError(_("Session {id} of this case does not exist.").format(id=session_id))
    label = field_label(key)
    before: object = getattr(record, field)
    limit = MAX_PLACE if field == "place" else MAX_TEXT
    after = v.text_field(value, key, label, max_length=limit)
    if field == "place" and not after and record.mode is SessionMode.IN_PERSON:
        raise ValidationError(key, _("is required for a session in person"), label)
    if field in ("notes", "outcome") and (record.outcome or record.notes) and not after:
        other = record.notes if field == "outcome" else record.outcome
        if not other:
            raise ValidationError(key, _("say what was discussed or agreed"), label)
    same(before, after, key)
    setattr(record, field, after)
    return finish(uow, case, key, found, clean_reason, before, after, entity="session", entity_id=record.id)
