"""The last check before the database (mediation_app.storage.text_guard): a path that forgot the
form validators still cannot store a NUL byte, a zero-width character or a bidi control. On
SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

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
