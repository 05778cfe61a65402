"""Correcting the unit: its building and room, its building area, its handover date, and a
fee standard (yuan per m² per month from a month on).

The area, the handover date and a fee standard change what the owner owes (the service fee is
area × standard from handover on), so after any of them the stored statement and open proposals
are marked out of date. A unit's record may be shared by several cases of the same flat; each shows the correction.
"""

from __future__ import annotations

from sqlalchemy import select

from mediation_app.domain import bounds
from mediation_app.domain import validators as v
from mediation_app.domain.corrections import field_label, numbered
from mediation_app.errors import NotFoundError, ValidationError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases import search_text
from mediation_app.services.corrections.common import CorrectionResult, begin, finish, same
from mediation_app.storage.models import Case, Unit
from mediation_app.storage.uow import UnitOfWork

_FIELDS = ("building", "room", "area", "handover_date")


def correct_unit(
    uow: UnitOfWork,
    case_id: int,
    field: str,
    value: str,
    reason: str,
    *,
    expected_version: int | None = None,
) -> CorrectionResult:
    """Correct the case's unit: ``building``, ``room``, ``area`` (m²) or ``handover_date``."""
    authorize(uow.actor, Permission.CORRECT_RECORD)
    key = f"unit.{field}"
    if field not in _FIELDS:
        raise ValidationError("field", _("cannot be corrected: {key}").format(key=key[:60]), _("Field"))
    case, found, clean_reason = begin(uow, case_id, key, reason, expected_version)
    unit = case.unit
    label = field_label(key)
    today = uow.clock.today()
    before: object = getattr(unit, field)
    if field == "area":
        bounds.check_number_text((value or "").strip(), key, label)
        after: object = bounds.check_area(v.area(value, key, label), key, label)
    elif field == "handover_date":
        day = bounds.check_date(v.date(value, key, label), key, label, today)
        if day > today:
            raise ValidationError(key, _("cannot be in the future"), label)
        after = day
    else:
        after = v.text_field(value, key, label, max_length=30, required_=True)
        place = {"building": unit.building, "room": unit.room, field: after}
        taken = uow.session.scalar(
            select(Unit.id).where(
                Unit.community_id == unit.community_id,
                Unit.building == place["building"],
                Unit.room == place["room"],
                Unit.id != unit.id,
            )
        )
        if taken is not None:
            raise ValidationError(
                key,
                _("another unit of this community is registered as {place}").format(
                    place=f"{place['building']} {place['room']}"
                ),
                label,
            )
    same(before, after, key)
    setattr(unit, field, after)
    if field in ("building", "room"):
        uow.flush()
        for other in uow.session.scalars(select(Case).where(Case.unit_id == unit.id)):
            search_text.refresh_case(other)
    return finish(uow, case, key, found, clean_reason, before, after, entity="unit", entity_id=unit.id)


def correct_fee_rate(
    uow: UnitOfWork,
    case_id: int,
    from_month: str,
    value: str,
    reason: str,
    *,
    expected_version: int | None = None,
) -> CorrectionResult:
    """Correct the fee standard (yuan per m² per month) the case's unit has from ``from_month``
    (``2016-05``) on."""
    authorize(uow.actor, Permission.CORRECT_RECORD)
    probe = uow.session.get(Case, case_id)
    rates = list(probe.unit.rates) if probe is not None else []
    position = next((i for i, r in enumerate(rates) if r.from_month == from_month), None)
    key = numbered("rate.rate", (position or 0) + 1)
    case, found, clean_reason = begin(uow, case_id, key, reason, expected_version)
    if position is None:
        raise NotFoundError(
            _("The unit has no fee standard from {month}.").format(month=str(from_month)[:10])
        )
    record = rates[position]
    label = field_label(key)
    text = (value or "").strip()
    bounds.check_number_text(text, key, label)
    after = bounds.check_rate(v.decimal_value(text, key, label, places=bounds.RATE_PLACES), key, label)
    before = record.rate
    same(before, after, key)
    record.rate = after
    return finish(uow, case, key, found, clean_reason, before, after, entity="unit_rate", entity_id=record.id)
