"""A writer process for the kill-during-save test: records cases through the intake service in
a loop, printing ``begin N`` before and ``saved N`` after each save, until it is killed.

Run as ``python -m tests.support.kill_writer URL FIRST_NUMBER`` from the repository root.
"""

from __future__ import annotations

import sys
from itertools import count

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import ChargeKind, Role
from mediation_app.services.cases.intake import (
    ClaimLine,
    CompanyForm,
    IntakeForm,
    OwnerForm,
    UnitForm,
    intake_case,
)
from mediation_app.storage.database import open_engine
from mediation_app.storage.uow import Database

WRITER = Actor(None, "写入进程", Role.CLERK)


def form(n: int) -> IntakeForm:
    return IntakeForm(
        owner=OwnerForm(name=f"业主{n}", phone=f"138{n % 100_000_000:08d}"),
        company=CompanyForm(existing_id=1),
        unit=UnitForm(community_id=1, building=f"{n // 1000}幢", room=f"{n % 1000:04d}", area="89.50"),
        claims=[
            ClaimLine(
                ChargeKind.SERVICE_FEE, "物业服务费", "2020-01-01", "2022-12-31", f"{1000 + n % 997}.15"
            ),
            ClaimLine(ChargeKind.UTILITIES, "公摊水电费", "2020-01-01", "2022-12-31", "215.20"),
        ],
        organization_id=1,
        intake_date="2026-11-20",
        summary="断电测试" * (n % 50),
    )


def main(url: str, first: int) -> None:
    db = Database(open_engine(url))
    print("ready", flush=True)
    for n in count(first):
        print(f"begin {n}", flush=True)
        with db.unit_of_work(WRITER) as uow:
            intake_case(uow, form(n))
        print(f"saved {n}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
