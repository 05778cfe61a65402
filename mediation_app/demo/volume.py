"""Synthetic volume for benchmarks: ``mediation-app seed --cases N``.

Rows are written with bulk inserts (not one service call per case), because 100,000 cases must
take a couple of minutes at most. The data is as realistic as the demo's (valid ID numbers,
credit codes, phones; several claim items; intake dates over the last five years), the search
text is built the same way, and the per-year case-number counters are set so that cases added
afterwards through the app continue the sequence. One audit event records the seeding itself.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import func, insert, select

from mediation_app.adapters.numbering import CASE_PREFIX, format_case_number
from mediation_app.demo import identities
from mediation_app.demo.centre import build_demo, is_empty
from mediation_app.demo.places import COMMUNITIES
from mediation_app.domain.actor import SYSTEM
from mediation_app.domain.enums import CaseSource, CaseStatus, ChargeKind, OrgKind, OwnerPosition, Track
from mediation_app.domain.search import compose
from mediation_app.storage.models import (
    Case,
    CaseEvent,
    CaseNumberCounter,
    ClaimItem,
    Community,
    Company,
    Organization,
    Owner,
    Unit,
)
from mediation_app.storage.uow import Database

CHUNK = 5_000
STATUS_WEIGHTS = {
    CaseStatus.INTAKE: 4,
    CaseStatus.AWAITING_CONSENT: 4,
    CaseStatus.IN_MEDIATION: 10,
    CaseStatus.AGREEMENT_REACHED: 3,
    CaseStatus.SIGNED: 3,
    CaseStatus.CONFIRMATION_APPLIED: 1,
    CaseStatus.CONFIRMED: 4,
    CaseStatus.CONFIRMATION_REJECTED: 1,
    CaseStatus.PERFORMING: 6,
    CaseStatus.PERFORMED: 40,
    CaseStatus.NOT_PERFORMED: 2,
    CaseStatus.FAILED_TO_LITIGATION: 12,
    CaseStatus.WITHDRAWN: 7,
    CaseStatus.NOT_ACCEPTED: 3,
}


def seed_cases(
    db: Database,
    count: int,
    *,
    seed: int = 7,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Add ``count`` synthetic cases (building the demo centre first if the database is empty)."""
    rng = random.Random(seed)
    if is_empty(db):
        build_demo(db, cases=30)
    today = db.clock.today()
    now = db.clock.now()
    with db.unit_of_work(SYSTEM) as uow:
        s = uow.session
        communities = {c.name: c for c in s.scalars(select(Community))}
        org_ids = list(s.scalars(select(Organization.id).where(Organization.kind != OrgKind.COURT)))
        company_of = {c.id: c.company_id for c in communities.values()}
        company_names = dict(s.execute(select(Company.id, Company.name)).all())
        counters = {
            c.year: c
            for c in s.scalars(select(CaseNumberCounter).where(CaseNumberCounter.prefix == CASE_PREFIX))
        }
        next_owner = (s.scalar(select(func.max(Owner.id))) or 0) + 1
        next_unit = (s.scalar(select(func.max(Unit.id))) or 0) + 1
        next_case = (s.scalar(select(func.max(Case.id))) or 0) + 1
        intakes = sorted(today - dt.timedelta(days=rng.randint(0, 5 * 365)) for _ in range(count))
        used_ids = set(s.scalars(select(Owner.id_number).where(Owner.id_number.is_not(None))))
        statuses = list(STATUS_WEIGHTS)
        weights = list(STATUS_WEIGHTS.values())
        done = 0
        while done < count:
            owners: list[dict[str, object]] = []
            units: list[dict[str, object]] = []
            cases: list[dict[str, object]] = []
            items: list[dict[str, object]] = []
            events: list[dict[str, object]] = []
            for intake in intakes[done : done + CHUNK]:
                community_name = rng.choice(COMMUNITIES)[0]
                community = communities[community_name]
                company_id = company_of[community.id]
                assert company_id is not None
                name, phone = identities.person_name(rng), identities.mobile(rng)
                id_number = identities.id_number(rng)
                while id_number in used_ids:
                    id_number = identities.id_number(rng)
                used_ids.add(id_number)
                owners.append(
                    {
                        "id": next_owner,
                        "name": name,
                        "id_number": id_number,
                        "phone": phone,
                        "address": "",
                        "electronic_notice": rng.random() < 0.8,
                        "created_at": now,
                        "version": 1,
                    }
                )
                building, room = f"{rng.randint(1, 40)}幢", f"{rng.randint(1, 33)}{rng.randint(1, 6):02d}"
                units.append(
                    {
                        "id": next_unit,
                        "community_id": community.id,
                        "building": building,
                        "room": f"{room}-{next_unit}",
                        "area": Decimal(rng.randint(6000, 16000)) / 100,
                        "handover_date": None,
                        "version": 1,
                    }
                )
                counter = counters.get(intake.year)
                if counter is None:
                    counter = CaseNumberCounter(prefix=CASE_PREFIX, year=intake.year, last=0)
                    s.add(counter)
                    counters[intake.year] = counter
                counter.last += 1
                number = format_case_number(CASE_PREFIX, intake.year, counter.last)
                fee = Decimal(rng.randint(50_000, 2_500_000)) / 100
                utilities = Decimal(rng.randint(0, 300_000)) / 100
                status = rng.choices(statuses, weights)[0]
                if intake > today - dt.timedelta(days=60) and status in (
                    CaseStatus.PERFORMED,
                    CaseStatus.FAILED_TO_LITIGATION,
                ):
                    status = CaseStatus.IN_MEDIATION
                open_ = status in (CaseStatus.AWAITING_CONSENT, CaseStatus.IN_MEDIATION)
                deadline = intake + dt.timedelta(days=rng.randint(20, 45)) if open_ else None
                cases.append(
                    {
                        "id": next_case,
                        "number": number,
                        "year": intake.year,
                        "seq": counter.last,
                        "intake_date": intake,
                        "source": rng.choice(list(CaseSource)),
                        "status": status,
                        "track": rng.choices(list(Track), [10, 2, 3, 2])[0],
                        "organization_id": rng.choice(org_ids),
                        "owner_id": next_owner,
                        "company_id": company_id,
                        "unit_id": next_unit,
                        "assigning_court": "",
                        "claimed_total": fee + utilities,
                        "claim_summary": "",
                        "search_text": compose(
                            number,
                            [(name, phone, id_number)],
                            community_name,
                            building,
                            f"{room}-{next_unit}",
                            company_names[company_id],
                        ),
                        "status_reason": "",
                        "mediation_start": intake if open_ else None,
                        "mediation_deadline": deadline,
                        "next_deadline": deadline,
                        "due_day": 1,
                        "late_fee_grace_days": 0,
                        "late_fee_on_utilities": False,
                        "created_at": now,
                        "updated_at": now,
                        "version": 1,
                    }
                )
                items.append(
                    {
                        "case_id": next_case,
                        "position": 0,
                        "kind": ChargeKind.SERVICE_FEE,
                        "description": "物业服务费",
                        "amount": fee,
                        "owner_position": OwnerPosition.UNANSWERED,
                        "position_reason": "",
                    }
                )
                if utilities:
                    items.append(
                        {
                            "case_id": next_case,
                            "position": 1,
                            "kind": ChargeKind.UTILITIES,
                            "description": "公摊水电费",
                            "amount": utilities,
                            "owner_position": OwnerPosition.UNANSWERED,
                            "position_reason": "",
                        }
                    )
                events.append(
                    {
                        "case_id": next_case,
                        "at": now,
                        "kind": "status",
                        "from_value": "",
                        "to_value": status.value,
                        "by_name": "seed",
                        "reason": "",
                    }
                )
                next_owner += 1
                next_unit += 1
                next_case += 1
            s.execute(insert(Owner), owners)
            s.execute(insert(Unit), units)
            s.execute(insert(Case), cases)
            s.execute(insert(ClaimItem), items)
            s.execute(insert(CaseEvent), events)
            done += len(cases)
            if progress:
                progress(done, count)
        uow.audit("demo.seed", "database", "", None, {"cases": count})
        uow.commit()
    return count
