"""The search text in its forgiving form: every case's ``search_text`` rebuilt by
:func:`mediation_app.domain.search.compose` (folded case and width, brackets dropped, phones as
digits, 5幢1201 and 5-1201 forms, a token of the whole ID number beside its last six characters).

Revision ID: 0007_search
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

from mediation_app.domain.search import compose

revision = "0007_search"
down_revision = "0006"
branch_labels = None
depends_on = None

BATCH = 5_000

case = sa.table(
    "case",
    sa.column("id", sa.Integer),
    sa.column("number", sa.String),
    sa.column("owner_id", sa.Integer),
    sa.column("unit_id", sa.Integer),
    sa.column("company_id", sa.Integer),
    sa.column("search_text", sa.Text),
)
co_owner = sa.table("case_co_owner", sa.column("case_id", sa.Integer), sa.column("owner_id", sa.Integer))
owner = sa.table(
    "owner",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("phone", sa.String),
    sa.column("id_number", sa.String),
)
unit = sa.table(
    "unit",
    sa.column("id", sa.Integer),
    sa.column("community_id", sa.Integer),
    sa.column("building", sa.String),
    sa.column("room", sa.String),
)
community = sa.table("community", sa.column("id", sa.Integer), sa.column("name", sa.String))
company = sa.table("company", sa.column("id", sa.Integer), sa.column("name", sa.String))


Person = tuple[str, str | None, str | None]  # name, phone, ID number
Compose = Callable[[str, list[Person], str, str, str, str], str]


def upgrade() -> None:
    rebuild(op.get_bind(), compose)


def downgrade() -> None:
    rebuild(op.get_bind(), _compose_0006)


def _compose_0006(
    number: str, people: list[Person], community_name: str, building: str, room: str, company_name: str
) -> str:
    """The search text as revision 0006 wrote it (words as stored, ID numbers' last six)."""
    parts = [number]
    for name, phone, id_number in people:
        parts += [name, phone or "", (id_number or "")[-6:]]
    parts += [community_name, building, room, f"{building}-{room}", company_name]
    return "\n".join(part for part in parts if part)


def rebuild(connection: sa.Connection, build: Compose) -> int:
    """Rebuild every case's search text with ``build``, a batch at a time; the number of cases."""
    rows = connection.execute(
        sa.select(
            case.c.id,
            case.c.number,
            case.c.owner_id,
            owner.c.name,
            owner.c.phone,
            owner.c.id_number,
            community.c.name,
            unit.c.building,
            unit.c.room,
            company.c.name,
        )
        .join(owner, owner.c.id == case.c.owner_id)
        .join(unit, unit.c.id == case.c.unit_id)
        .join(community, community.c.id == unit.c.community_id)
        .join(company, company.c.id == case.c.company_id)
        .order_by(case.c.id)
    ).all()
    co_owners: dict[int, list[tuple[int, Person]]] = defaultdict(list)
    for case_id, owner_id, name, phone, id_number in connection.execute(
        sa.select(co_owner.c.case_id, co_owner.c.owner_id, owner.c.name, owner.c.phone, owner.c.id_number)
        .join(owner, owner.c.id == co_owner.c.owner_id)
        .order_by(co_owner.c.case_id, co_owner.c.owner_id)
    ):
        co_owners[case_id].append((owner_id, (name, phone, id_number)))
    update = (
        sa.update(case).where(case.c.id == sa.bindparam("case_id")).values(search_text=sa.bindparam("text"))
    )
    batch: list[dict[str, object]] = []
    for case_id, number, owner_id, name, phone, id_number, community_name, building, room, company_name in rows:
        people: list[Person] = [(name, phone, id_number)]
        people += [person for other, person in co_owners.get(case_id, []) if other != owner_id]
        text = build(number, people, community_name, building, room, company_name)
        batch.append({"case_id": case_id, "text": text})
        if len(batch) >= BATCH:
            connection.execute(update, batch)
            batch = []
    if batch:
        connection.execute(update, batch)
    return len(rows)
