"""Revision 0005: a case recorded as not performed before it concluded the case gets the day that
was recorded (in China time) as its closing date; the other cases keep theirs."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text, update

from mediation_app.clock import CHINA
from mediation_app.domain.actor import SYSTEM
from mediation_app.domain.enums import CaseStatus
from mediation_app.storage import migrate
from mediation_app.storage.models import Case
from mediation_app.storage.uow import Database
from tests.support.workflow_setup import Centre


def test_an_older_database_gets_the_closing_dates_of_its_not_performed_cases(db: Database) -> None:
    centre = Centre.build(db, start=dt.datetime(2026, 3, 2, 0, 30, tzinfo=CHINA))  # 1 March in UTC
    unpaid = centre.to(CaseStatus.NOT_PERFORMED)
    refused = centre.to(CaseStatus.NOT_ACCEPTED)
    with db.unit_of_work(SYSTEM) as uow:  # as revision 0004 left it: not performed, no closing date
        uow.session.execute(update(Case).where(Case.id == unpaid).values(closed_on=None))
        uow.session.execute(text("UPDATE alembic_version SET version_num = '0004'"))
        uow.commit()

    migrate.upgrade(db.engine, target="0005")  # this migration alone (later ones add columns)

    with db.read() as session:
        assert session.get(Case, unpaid).closed_on == dt.date(2026, 3, 2)  # type: ignore[union-attr]
        assert session.get(Case, refused).closed_on == dt.date(2026, 3, 2)  # type: ignore[union-attr]
    assert migrate.current_revision(db.engine) == "0005"
