"""The last check before the database (mediation_app.storage.text_guard): a path that forgot the
form validators still cannot store a NUL byte, a zero-width character or a bidi control. On
SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select, update

from mediation_app.errors import DatabaseError, ValidationError
from mediation_app.storage.models import Community
from mediation_app.storage.uow import Database
from tests.support.intake_setup import CLERK

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("荔景\x00花园", "control character"),
        ("荔景\u200b花园", "zero-width character (U+200B)"),
        ("荔景\u202e花园", "text-direction control (U+202E)"),
    ],
)
def test_invisible_characters_never_reach_a_table(db: Database, name: str, problem: str) -> None:
    with pytest.raises((ValidationError, DatabaseError)) as caught, db.unit_of_work(CLERK) as uow:
        uow.session.add(Community(name=name))
        uow.flush()
        uow.commit()
    error = caught.value
    assert problem in error.message and "community.name" in error.message
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Community)) == 0


def test_line_breaks_and_ordinary_text_are_stored(db: Database) -> None:
    with db.unit_of_work(CLERK) as uow:
        uow.session.add(Community(name="荔景花园（二期）\n东区"))
        uow.commit()
    with db.read() as session:
        assert session.scalar(select(Community.name)) == "荔景花园（二期）\n东区"


def test_a_statement_run_through_the_session_is_checked_too(db: Database) -> None:
    """An UPDATE or INSERT statement writes without a flush, and a flush after it looks only at
    what changed on its objects: the statement's own text is checked before it runs."""
    with db.unit_of_work(CLERK) as uow:
        uow.session.add(Community(name="荔景花园"))
        uow.commit()
    with pytest.raises(ValidationError) as caught, db.unit_of_work(CLERK) as uow:
        community = uow.session.scalars(select(Community)).one()
        uow.session.execute(
            update(Community).where(Community.id == community.id).values(name="荔景\u200b花园")
        )
        uow.commit()
    assert "zero-width character" in caught.value.message and "community.name" in caught.value.message
    with pytest.raises(ValidationError), db.unit_of_work(CLERK) as uow:
        uow.session.execute(insert(Community), [{"name": "东区"}, {"name": "西\u202e区"}])
        uow.commit()
    with db.read() as session:
        assert session.scalars(select(Community.name)).all() == ["荔景花园"]
