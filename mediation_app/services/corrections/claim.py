"""Correcting a line of the claim as the company stated it: its description, its period or its
amount.

The case's claimed total follows the lines; so does the claim period of the service fee when it
was taken from the lines at intake (a period entered with the fee terms is left alone). A change of
period or amount marks the stored statement and the open proposals out of date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from mediation_app.domain import bounds
from mediation_app.domain import validators as v
from mediation_app.domain.corrections import field_label, numbered
from mediation_app.domain.enums import ChargeKind
from mediation_app.errors import NotFoundError, ValidationError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.corrections.common import CorrectionResult, begin, finish, same
from mediation_app.storage.models import Case, ClaimItem
from mediation_app.storage.uow import UnitOfWork

_FIELDS = ("description", "period_from", "period_to", "amount")


def correct_claim_line(
    uow: UnitOfWork,
    case_id: int,
    item_id: int,
    field: str,
    value: str,
    reason: str,
    *,
    expected_version: int | None = None,
) -> CorrectionResult:
    """Correct claim line ``item_id``: ``description``, ``period_from``, ``period_to`` or ``amount``."""
    authorize(uow.actor, Permission.CORRECT_RECORD)
    if field not in _FIELDS:
        raise ValidationError(
            "field", _("cannot be corrected: {key}").format(key=f"claim.{field}"[:60]), _("Field")
        )
    case_probe = uow.session.get(ClaimItem, item_id)
    if case_probe is None or case_probe.case_id != case_id:
        raise NotFoundError(_("Claim line {id} of this case does not exist.").format(id=item_id))
    key = numbered(f"claim.{field}", case_probe.position + 1)
    case, found, clean_reason = begin(uow, case_id, key, reason, expected_version)
    item = case_probe
    label = field_label(key)
    today = uow.clock.today()
    before: object = getattr(item, field)
    if field == "amount":
        bounds.check_number_text((value or "").strip(), key, label)
        after: object = bounds.check_amount(v.amount(value, key, label), key, label, positive=True)
    elif field == "description":
        after = v.text_field(value, key, label, max_length=200)
    else:
        after = _period_end(item, field, value, key, label, today)
    same(before, after, key)
    derived = _service_period(case)
    setattr(item, field, after)
    case.claimed_total = sum((line.amount for line in case.claim_items), Decimal("0.00"))
    if derived is not None and derived == (case.service_start, case.service_end):
        case.service_start, case.service_end = _service_period(case) or (None, None)
    return finish(uow, case, key, found, clean_reason, before, after, entity="claim_item", entity_id=item.id)


def _period_end(
    item: ClaimItem, field: str, value: str, key: str, label: str, today: dt.date
) -> dt.date | None:
    if not (value or "").strip():
        return None
    day = bounds.check_date(v.date(value, key, label), key, label, today)
    start = day if field == "period_from" else item.period_from
    end = day if field == "period_to" else item.period_to
    if start is not None and end is not None and end < start:
        raise ValidationError(
            key,
            _("is before the start of the period")
            if field == "period_to"
            else _("is after the end of the period"),
            label,
        )
    return day


def _service_period(case: Case) -> tuple[dt.date, dt.date] | None:
    """The service-fee period intake takes from the claim lines (None: no line states one)."""
    lines = [
        line
        for line in case.claim_items
        if line.kind == ChargeKind.SERVICE_FEE and line.period_from and line.period_to
    ]
    if not lines:
        return None
    return (
        min(line.period_from for line in lines if line.period_from),
        max(line.period_to for line in lines if line.period_to),
    )
