"""Test helpers for batch import: a small centre, and company spreadsheets written with openpyxl.

Also used by ``tests/bench/bench_import.py``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet
from stdnum.cn import ric

from mediation_app.batch_import.columns import COLUMNS
from mediation_app.demo import identities
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Level, OrgKind, Role
from mediation_app.storage.models import Community, Company, Organization
from mediation_app.storage.uow import Database

CLERK = Actor(None, "杨某某", Role.CLERK)
HEADERS = [column.zh for column in COLUMNS]
COMPANY = "莆田市荔安物业服务有限公司"
OTHER_COMPANY = "福建恒顺物业管理有限公司"


@dataclass(frozen=True)
class Centre:
    centre_id: int
    town_id: int
    company_id: int
    other_company_id: int
    community_id: int  # 荔景花园, handled by the town sub-centre
    plain_community_id: int  # 紫荆苑, no organisation of its own


def small_centre(db: Database) -> Centre:
    """The district centre, one town sub-centre, two companies and two communities."""
    rng = random.Random(5)
    with db.unit_of_work(CLERK) as uow:
        now = uow.clock.now()
        centre = Organization(
            name="荔城区物业纠纷调处中心",
            short_name="区调处中心",
            level=Level.DISTRICT,
            kind=OrgKind.CENTRE,
        )
        uow.session.add(centre)
        uow.flush()
        town = Organization(
            name="拱辰街道物业纠纷调处分中心",
            short_name="拱辰街道分中心",
            level=Level.TOWN,
            kind=OrgKind.CENTRE,
            parent_id=centre.id,
        )
        company = Company(name=COMPANY, credit_code=identities.credit_code(rng), created_at=now)
        other = Company(name=OTHER_COMPANY, credit_code=identities.credit_code(rng), created_at=now)
        uow.session.add_all([town, company, other])
        uow.flush()
        first = Community(name="荔景花园", organization_id=town.id, company_id=company.id)
        second = Community(name="紫荆苑", company_id=other.id)
        uow.session.add_all([first, second])
        uow.flush()
        uow.commit()
        return Centre(centre.id, town.id, company.id, other.id, first.id, second.id)


def row(**values: object) -> list[object]:
    """A data row in template column order; unnamed columns are blank."""
    return [values.get(column.key) for column in COLUMNS]


def good_row(index: int, rng: random.Random | None = None, **overrides: object) -> list[object]:
    """A valid row for flat 5幢 <index>: Excel-style types (numbers, dates as datetimes)."""
    rng = rng or random.Random(index)
    values: dict[str, object] = {
        "owner": identities.person_name(rng),
        "phone": identities.mobile(rng),
        "id_number": identities.id_number(rng),
        "community": "荔景花园",
        "building": "5幢",
        "room": str(1000 + index),
        "area": 98.5,
        "handover_date": dt.datetime(2016, 5, 2),
        "paid_up_to": "2019-12",
        "arrears_to": dt.datetime(2021, 3, 9),
        "rate": 2.8,
        "service_fee": 3412.6,
        "utilities": 512.3,
        "late_fee": 120.05,
    }
    values.update(overrides)
    return row(**values)


def unique_id_number(index: int) -> str:
    """A valid ID number that no other ``index`` gets (random ones collide among 10,000)."""
    birth = dt.date(1985, 1, 1) + dt.timedelta(days=index // 999)
    body = f"350302{birth:%Y%m%d}{index % 999 + 1:03d}"
    return body + ric.calc_check_digit(body + "0")


def write_xlsx(
    path: Path,
    rows: Iterable[Sequence[object]],
    *,
    headers: Sequence[str] = HEADERS,
    above: Sequence[Sequence[object]] = (),
    text_cells: Iterable[str] = (),
    merges: Iterable[str] = (),
) -> Path:
    """A workbook: optional title rows, the header, the rows; ``text_cells`` are forced to text."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "欠费清单"
    for line in above:
        sheet.append(list(line))
    sheet.append(list(headers))
    for values in rows:
        sheet.append(list(values))
    for ref in text_cells:
        sheet[ref].data_type = "s"
    for ref in merges:
        sheet.merge_cells(ref)
    workbook.save(path)
    return path


def write_big_xlsx(path: Path, count: int, *, seed: int = 1) -> Path:
    """``count`` valid rows, streamed (openpyxl write-only), as a company system would export."""
    rng = random.Random(seed)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("欠费清单")
    sheet.append(HEADERS)
    for index in range(count):
        sheet.append(
            good_row(
                index,
                rng,
                building=f"{index // 500 + 1}幢",
                room=f"{index % 500 + 101}",
                id_number=unique_id_number(index),
            )
        )
    workbook.save(path)
    return path
