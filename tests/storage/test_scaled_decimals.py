"""A scaled decimal (money, an area, a rate) reads the same in the session that set it as after it
is loaded: a document built right after the intake must not say "70平方米" where one built the next
day says "70.00平方米". Every :class:`ScaledDecimal` column of the mappings is covered."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from mediation_app.services.cases.intake import intake_case
from mediation_app.storage.models import AuditEvent, Base, Unit
from mediation_app.storage.types import ScaledDecimal
from mediation_app.storage.uow import Database
from tests.support.intake_setup import CLERK, intake_centre, intake_form

SCALED = sorted(
    (
        (mapper.class_, prop.key, prop.columns[0].type.scale)
        for mapper in Base.registry.mappers
        for prop in mapper.column_attrs
        if isinstance(prop.columns[0].type, ScaledDecimal)
    ),
    key=lambda entry: (entry[0].__name__, entry[1]),
)


@pytest.mark.parametrize(("model", "key", "scale"), SCALED, ids=[f"{m.__name__}.{k}" for m, k, _ in SCALED])
def test_a_value_set_has_the_places_it_is_stored_with(model: type, key: str, scale: int) -> None:
    record = model()
    setattr(record, key, Decimal("7"))
    value = getattr(record, key)
    assert value == Decimal("7") and value.as_tuple().exponent == -scale
    setattr(record, key, None)
    assert getattr(record, key) is None


def test_a_value_with_too_many_places_is_kept_for_the_store_to_refuse() -> None:
    unit = Unit(area=Decimal("70.125"))
    assert str(unit.area) == "70.125"  # not rounded away: ScaledDecimal refuses it when stored


def test_an_area_reads_the_same_before_and_after_it_is_stored(db: Database) -> None:
    org_id, community_id = intake_centre(db)
    form = intake_form(org_id, community_id, area="70")  # typed without places
    with db.unit_of_work(CLERK) as uow:
        intake_case(uow, form)
        in_session = str(uow.session.scalars(select(Unit)).one().area)
    with db.read() as session:
        loaded = str(session.scalars(select(Unit)).one().area)
        audited = session.scalar(select(AuditEvent.after_json).where(AuditEvent.action == "unit.create"))
    assert in_session == loaded == "70.00"
    assert '"area": "70.00"' in (audited or "")  # the audit image says what is stored
