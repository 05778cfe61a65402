"""Batch import: the preview checks every row and writes nothing; the commit is one audited batch."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mediation_app.batch_import import (
    ImportFileError,
    ImportOptions,
    ImportPreview,
    commit_import,
    preview,
    write_template,
)
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseSource, ChargeKind, Role
from mediation_app.errors import ConflictError, PermissionDenied, WorkflowError
from mediation_app.i18n import set_language
from mediation_app.services.cases.intake import (
    ClaimLine,
    CompanyForm,
    IntakeForm,
    OwnerForm,
    UnitForm,
    intake_case,
)
from mediation_app.storage.models import AuditEvent, Base, Batch, Case, Community, Owner, Unit
from mediation_app.storage.uow import Database
from tests.support.import_sheets import (
    CLERK,
    HEADERS,
    Centre,
    good_row,
    row,
    small_centre,
    unique_id_number,
    write_xlsx,
)

# These tests read what messages say, in English (see the `english` fixture).
pytestmark = pytest.mark.usefixtures("english")

TODAY = dt.date(2026, 11, 27)
ADMIN = Actor(None, "管理员", Role.ADMIN)  # no account: the single-seat user, unrestricted


@pytest.fixture(autouse=True)
def _english() -> None:
    """Some assertions read the messages: in English, their ids (the catalogue translates them)."""
    set_language("en")


def _preview(db: Database, path: Path, centre: Centre, **options: object) -> ImportPreview:
    with db.read() as session:
        return preview(session, path, centre.company_id, today=TODAY, options=ImportOptions(**options))  # type: ignore[arg-type]


def _table_counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def _issues(result: ImportPreview) -> list[str]:
    return [str(issue) for issue in result.all_issues()]


def test_a_good_sheet_becomes_one_audited_batch_of_cases(db: Database, tmp_path: Path) -> None:
    centre = small_centre(db)
    path = write_xlsx(tmp_path / "good.xlsx", [good_row(1), good_row(2), good_row(3, handover_date=42500)])
    before = _table_counts(db)

    result = _preview(db, path, centre)

    assert _table_counts(db) == before  # the preview wrote nothing
    assert [r.number for r in result.valid_rows] == [2, 3, 4] and result.can_commit
    assert [i for i in result.all_issues() if i.is_error] == []
    with db.unit_of_work(CLERK) as uow:
        outcome = commit_import(uow, result)
    assert len(outcome.cases) == 3 and outcome.skipped_rows == 0
    with db.read() as session:
        cases = list(session.scalars(select(Case).order_by(Case.id)))
        assert {c.batch_id for c in cases} == {outcome.batch_id}
        assert {c.source for c in cases} == {CaseSource.COMPANY_BATCH}
        assert {c.organization_id for c in cases} == {centre.town_id}  # the community's organisation
        first = cases[0]
        assert [(i.kind, i.amount, str(i.period_from), str(i.period_to)) for i in first.claim_items] == [
            (ChargeKind.SERVICE_FEE, Decimal("3412.60"), "2020-01-01", "2021-03-09"),
            (ChargeKind.UTILITIES, Decimal("512.30"), "2020-01-01", "2021-03-09"),
            (ChargeKind.LATE_FEE, Decimal("120.05"), "2020-01-01", "2021-03-09"),
        ]
        assert first.unit.area == Decimal("98.50") and str(first.unit.handover_date) == "2016-05-02"
        assert [(r.from_month, r.rate) for r in first.unit.rates] == [("2016-05", Decimal("2.8000"))]
        assert str(cases[2].unit.handover_date) == "2016-05-10"  # Excel's serial 42500
        batch = session.get(Batch, outcome.batch_id)
        assert (
            batch is not None and batch.source_file == "good.xlsx" and batch.company_id == centre.company_id
        )
        actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions.count("case.intake") == 3 and actions[-1] == "batch.import"


def test_a_mixed_sheet_lists_each_error_with_its_cell_and_imports_only_valid_rows(
    db: Database, tmp_path: Path
) -> None:
    centre = small_centre(db)
    rows = [
        good_row(1),
        good_row(2, id_number="350302198506180317"),  # C3: check digit
        good_row(3, area="一百"),  # H4: not a number
        good_row(4, phone="12345"),  # B5: not a phone
        good_row(5, service_fee=None, utilities=0, late_fee=None),  # row 6: nothing claimed
        good_row(6, community="不存在花园"),  # E7: unknown community
        good_row(7, paid_up_to=2019.1),  # J8: ambiguous month
    ]
    result = _preview(db, write_xlsx(tmp_path / "mixed.xlsx", rows), centre)

    assert [r.number for r in result.valid_rows] == [2]
    cells = {(issue.cell, issue.header) for r in result.error_rows for issue in r.errors}
    assert cells >= {
        ("C3", "身份证号"),
        ("H4", "建筑面积"),
        ("B5", "电话"),
        ("E7", "小区"),
        ("J8", "物业费缴至"),
    }
    nothing_claimed = result.error_rows[3].errors
    assert (
        nothing_claimed[0].row == 6
        and nothing_claimed[0].cell == ""
        and "物业服务费" in nothing_claimed[0].message
    )
    assert any(text.startswith("C3 身份证号: ") for text in _issues(result))
    with db.unit_of_work(CLERK) as uow:
        outcome = commit_import(uow, result)
    assert len(outcome.cases) == 1 and outcome.skipped_rows == 6


def test_a_hostile_sheet_is_read_safely(db: Database, tmp_path: Path) -> None:
    centre = small_centre(db)
    injection = '=HYPERLINK("http://evil.example","陈某")'
    rows = [
        good_row(1, owner=injection, note="@SUM(1+1)"),  # row 3: text that looks like formulas
        good_row(2, community=None),  # row 4: community merged down from row 3 (E3:E4)
        good_row(3, owner="陈" * 5000),  # row 5: very long
        good_row(4, room=dt.datetime(2026, 3, 12)),  # row 6: Excel turned 3-12 into a date
        good_row(5, id_number=3.50302198506180e17),  # row 7: ID number stored as a float
        good_row(6, area=True),  # row 8: a boolean
        good_row(7, service_fee="=M2*2"),  # row 9: a formula with no saved value
        [None] * len(HEADERS),  # row 10: empty
        good_row(9, building=None),  # row 11: F11:G11 merged across columns
        row(owner="合计", service_fee=99999),  # row 12: a total
    ]
    path = write_xlsx(
        tmp_path / "hostile.xlsx",
        rows,
        above=[["某物业公司欠费明细（2026年11月）"]],
        text_cells=["A3", "Q3"],
        merges=["A1:Q1", "E3:E4", "F11:G11"],
    )
    result = _preview(db, path, centre)

    by_row = {r.number: r for r in result.rows}
    assert result.header_row == 2 and result.empty_rows == 1
    assert by_row[3].ok and by_row[3].values["owner"] == injection
    assert by_row[4].ok and by_row[4].values["community"] == "荔景花园"
    assert any("E3:E4" in w.message for w in by_row[3].warnings)
    assert [e.cell for e in by_row[5].errors] == ["A5"] and len(by_row[5].values["owner"]) == 200
    assert [e.cell for e in by_row[6].errors] == ["G6"]
    assert [e.cell for e in by_row[7].errors] == ["C7"] and "digits" in by_row[7].errors[0].message
    assert [e.cell for e in by_row[8].errors] == ["H8"]
    assert [e.cell for e in by_row[9].errors] == ["M9"] and "formula" in by_row[9].errors[0].message
    assert "F11" in {e.cell for e in by_row[11].errors}
    assert 12 not in by_row and any(i.row == 12 for i in result.issues)  # the total row, skipped
    with db.unit_of_work(CLERK) as uow:
        outcome = commit_import(uow, result)
    with db.read() as session:
        owners = set(session.scalars(select(Owner.name)))
        summaries = set(session.scalars(select(Case.claim_summary)))
    assert len(outcome.cases) == 2 and injection in owners and "@SUM(1+1)" in summaries


def test_duplicates_in_the_file_and_open_cases_in_the_database_are_caught(
    db: Database, tmp_path: Path
) -> None:
    centre = small_centre(db)
    with db.unit_of_work(CLERK) as uow:
        existing = intake_case(
            uow,
            IntakeForm(
                owner=OwnerForm(name="车某", id_number=unique_id_number(900), phone="13859012345"),
                company=CompanyForm(existing_id=centre.company_id),
                unit=UnitForm(community_id=centre.community_id, building="5幢", room="1001", area="98.50"),
                claims=[ClaimLine(ChargeKind.SERVICE_FEE, "", "", "", "100")],
                organization_id=centre.centre_id,
            ),
        )
    rows = [
        good_row(1),  # row 2: flat 1001 has an open case
        good_row(2, id_number=unique_id_number(2)),  # row 3 and row 4: the same flat
        good_row(2, id_number=unique_id_number(3)),
        good_row(5, owner="林某", id_number=unique_id_number(5)),  # rows 5, 6: one owner, two flats
        good_row(6, owner="林某", id_number=unique_id_number(5)),
        good_row(7, owner="王某", id_number=unique_id_number(7)),  # rows 7, 8: one ID, two names
        good_row(8, owner="张某", id_number=unique_id_number(7)),
        good_row(9, owner="车某", id_number=unique_id_number(900)),  # row 9: registered owner
        good_row(10, owner="宋某", id_number=unique_id_number(901)),  # row 10: registered to 柯某
    ]
    with db.unit_of_work(CLERK) as uow:
        uow.session.add(Owner(name="柯某", id_number=unique_id_number(901), created_at=uow.clock.now()))
        uow.commit()
    result = _preview(db, write_xlsx(tmp_path / "dup.xlsx", rows), centre)

    by_row = {r.number: r for r in result.rows}
    assert existing.number in by_row[2].errors[0].message and by_row[2].errors[0].cell == "G2"
    assert not by_row[3].ok and not by_row[4].ok
    assert by_row[5].ok and by_row[6].ok and by_row[6].warnings
    assert not by_row[7].ok and not by_row[8].ok
    assert by_row[9].ok and not by_row[10].ok and "柯某" in by_row[10].errors[0].message
    with db.unit_of_work(CLERK) as uow:
        outcome = commit_import(uow, result)
    with db.read() as session:
        owners = {
            c.number: c.owner.name for c in session.scalars(select(Case).where(Case.batch_id.is_not(None)))
        }
        assert session.scalar(select(func.count()).select_from(Owner).where(Owner.name == "林某")) == 1
        assert session.scalar(select(func.count()).select_from(Owner).where(Owner.name == "车某")) == 1
    assert len(outcome.cases) == 3 and sorted(owners.values()) == ["林某", "林某", "车某"]


def test_cancelling_after_the_preview_writes_nothing(db: Database, tmp_path: Path) -> None:
    centre = small_centre(db)
    path = write_xlsx(tmp_path / "list.xlsx", [good_row(i, community="新小区") for i in range(5)])
    before = _table_counts(db)
    result = _preview(db, path, centre, create_communities=True)
    assert len(result.valid_rows) == 5 and result.new_communities == ("新小区",)
    assert _table_counts(db) == before
    # The unit of work rolls back when left without commit, e.g. when progress is cancelled.
    with db.unit_of_work(ADMIN) as uow, pytest.raises(KeyboardInterrupt):
        commit_import(uow, result, progress=lambda done, total: (_ for _ in ()).throw(KeyboardInterrupt()))
    assert _table_counts(db) == before


def test_missing_communities_are_created_only_when_asked(db: Database, tmp_path: Path) -> None:
    centre = small_centre(db)
    path = write_xlsx(
        tmp_path / "list.xlsx", [good_row(1, community="新小区"), good_row(2, community="紫荆苑")]
    )
    refused = _preview(db, path, centre)
    assert [r.number for r in refused.valid_rows] == [3] and refused.error_rows[0].errors[0].cell == "E2"
    assert "served by" in str(refused.valid_rows[0].warnings[0])  # 紫荆苑 is the other company's

    accepted = _preview(db, path, centre, create_communities=True)
    with db.unit_of_work(CLERK) as uow, pytest.raises(PermissionDenied):
        commit_import(uow, accepted)  # communities are settings: not a clerk's to add
    with db.unit_of_work(ADMIN) as uow:
        outcome = commit_import(uow, accepted)
    assert outcome.created_communities == ("新小区",)
    with db.read() as session:
        created = session.scalar(select(Community).where(Community.name == "新小区"))
        assert created is not None and created.company_id == centre.company_id
        assert created.organization_id == centre.centre_id
        organizations = set(session.scalars(select(Case.organization_id)))
    assert organizations == {centre.centre_id}  # 紫荆苑 has no organisation: the district centre


def test_a_case_filed_between_preview_and_commit_stops_the_whole_import(db: Database, tmp_path: Path) -> None:
    centre = small_centre(db)
    result = _preview(db, write_xlsx(tmp_path / "list.xlsx", [good_row(1), good_row(2)]), centre)
    with db.unit_of_work(CLERK) as uow:
        intake_case(
            uow,
            IntakeForm(
                owner=OwnerForm(name="车某", phone="13859012345"),
                company=CompanyForm(existing_id=centre.company_id),
                unit=UnitForm(community_id=centre.community_id, building="5幢", room="1002", area="98.50"),
                claims=[ClaimLine(ChargeKind.SERVICE_FEE, "", "", "", "100")],
                organization_id=centre.centre_id,
            ),
        )
    before = _table_counts(db)
    with db.unit_of_work(CLERK) as uow, pytest.raises(ConflictError, match="3"):
        commit_import(uow, result)
    assert _table_counts(db) == before


def test_the_template_round_trips(db: Database, tmp_path: Path) -> None:
    centre = small_centre(db)
    path = write_template(tmp_path / "template.xlsx")
    untouched = _preview(db, path, centre)
    assert untouched.rows == () and not untouched.can_commit
    assert any("example" in issue.message for issue in untouched.issues)
    with pytest.raises(WorkflowError), db.unit_of_work(CLERK) as uow:
        commit_import(uow, untouched)

    import openpyxl

    workbook = openpyxl.load_workbook(path)
    workbook.worksheets[0].append(good_row(1))
    workbook.save(path)
    filled = _preview(db, path, centre)
    assert [r.number for r in filled.valid_rows] == [3]


def test_a_csv_in_gb18030_is_read(db: Database, tmp_path: Path) -> None:
    centre = small_centre(db)
    lines = [
        ",".join(HEADERS),
        f"陈某,13859012345,{unique_id_number(1)},,荔景花园,5幢,1001,98.50,2016/5/2,2019年12月,20210309,2.8,"
        '"3,412.60",512.30,120.05,0.05%,=1+2',
        "林某,13859012346,3.50302E+17,,荔景花园,5幢,1002,98.50,,,,,100,,,,",
    ]
    path = tmp_path / "list.csv"
    path.write_bytes("\r\n".join(lines).encode("gb18030"))
    result = _preview(db, path, centre)
    assert result.encoding == "gb18030" and [r.number for r in result.valid_rows] == [2], _issues(result)
    assert result.error_rows[0].errors[0].cell == "C3"
    with db.unit_of_work(CLERK) as uow:
        commit_import(uow, result)
    with db.read() as session:
        case = session.scalar(select(Case))
        assert case is not None
        assert case.claimed_total == Decimal("4044.95") and case.late_fee_daily_rate == Decimal("0.0005")
        assert case.claim_summary == "=1+2"
        assert session.scalar(select(Unit.handover_date)) == dt.date(2016, 5, 2)


def test_a_file_that_is_not_a_list_is_refused_with_a_reason(db: Database, tmp_path: Path) -> None:
    centre = small_centre(db)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(ImportFileError, match="xlsx"):
        _preview(db, old, centre)
    no_header = write_xlsx(tmp_path / "x.xlsx", [["a", "b"]], headers=["甲", "乙"])
    with pytest.raises(ImportFileError, match="业主姓名"):
        _preview(db, no_header, centre)
    missing = write_xlsx(
        tmp_path / "y.xlsx", [["陈某", "荔景花园", "5幢"]], headers=["业主姓名", "小区", "楼栋"]
    )
    result = _preview(db, missing, centre)
    assert not result.can_commit and "电话" in result.file_errors[0].message
