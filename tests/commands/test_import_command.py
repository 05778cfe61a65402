"""``mediation-app import``: prints the preview, asks, and writes only after a yes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from mediation_app.cli import main
from mediation_app.storage.models import Batch, Case
from mediation_app.storage.uow import Database
from tests.support.import_sheets import good_row, small_centre, write_xlsx


def _cases(url: str) -> int:
    db = Database.open(url)
    try:
        with db.read() as session:
            return session.scalar(select(func.count()).select_from(Case)) or 0
    finally:
        db.dispose()


@pytest.fixture
def centre_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path}/centre.sqlite3"
    db = Database.open(url)
    small_centre(db)
    db.dispose()
    return url


def test_the_preview_is_printed_and_no_answer_writes_nothing(
    centre_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", [good_row(1), good_row(2, id_number="350302198506180317")])
    monkeypatch.setattr("builtins.input", lambda question: "n")
    status = main(["import", str(path), "--company", "荔安", "--db", centre_url])
    out = capsys.readouterr().out
    assert status == 1 and _cases(centre_url) == 0
    assert "C3 身份证号：" in out and "list.xlsx" in out  # the full-width colon beside Chinese


def test_yes_imports_the_valid_rows_as_one_batch(
    centre_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", [good_row(1), good_row(2), good_row(3, area="x")])
    status = main(
        ["import", str(path), "--company", "莆田市荔安物业服务有限公司", "--db", centre_url, "--yes"]
    )
    assert status == 0 and _cases(centre_url) == 2
    assert "荔物调" in capsys.readouterr().out
    db = Database.open(centre_url)
    try:
        with db.read() as session:
            assert session.scalar(select(func.count()).select_from(Batch)) == 1
    finally:
        db.dispose()


def test_an_unknown_company_is_one_clear_line(
    centre_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", [good_row(1)])
    assert main(["import", str(path), "--company", "不存在", "--db", centre_url, "--yes"]) == 2
    assert "不存在" in capsys.readouterr().err


def test_the_template_is_written(tmp_path: Path) -> None:
    target = tmp_path / "模板.xlsx"
    assert main(["import", "--template", str(target)]) == 0
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["业主欠费清单", "填写说明"]
    assert workbook.worksheets[0]["A1"].value == "业主姓名"
