"""Revision 0007_search: every case's search text is rebuilt in the forgiving form, so a database
made before it finds 5-1201, 3栋1502, a bracketed number and a whole ID number."""

from __future__ import annotations

from sqlalchemy import select, text, update

from mediation_app.domain.actor import SYSTEM
from mediation_app.queries.case_list import CaseFilter, case_ids
from mediation_app.services.cases import search_text
from mediation_app.storage import migrate
from mediation_app.storage.models import Case
from mediation_app.storage.uow import Database
from tests.support.workflow_setup import Centre


def test_an_older_database_gets_the_forgiving_search_text(db: Database) -> None:
    centre = Centre.build(db)
    with db.read() as session:
        case = session.get(Case, centre.centre_case)
        assert case is not None
        expected = search_text.build(case)
        id_number = case.owner.id_number
        number = case.number
    assert id_number
    old = "\n".join([number, "车某", "13859012345", id_number[-6:], "荔景花园", "3幢", "1502", "3幢-1502"])
    with db.unit_of_work(SYSTEM) as uow:  # as revision 0006 left it
        uow.session.execute(update(Case).values(search_text=old))
        uow.session.execute(text("UPDATE alembic_version SET version_num = '0006'"))
        uow.commit()
    with db.read() as session:
        assert case_ids(session, CaseFilter(text=id_number)) == []

    migrate.upgrade(db.engine, target="0007_search")

    with db.read() as session:
        assert session.scalar(select(Case.search_text).where(Case.id == centre.centre_case)) == expected
        for typed in (id_number, "3-1502", "3栋1502", number.replace("〔", "(").replace("〕", ")")):
            assert case_ids(session, CaseFilter(text=typed)) == [centre.centre_case], typed
    assert migrate.current_revision(db.engine) == "0007_search"
