"""Reading spreadsheet cells and headers for the batch import: every type a cell can come in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mediation_app.batch_import.cells import CellProblem, cell_text
from mediation_app.batch_import.columns import Kind, column_for
from mediation_app.batch_import.reader import ImportFileError, decode_csv, read_file
from mediation_app.i18n import set_language
from tests.support.import_sheets import HEADERS, good_row, write_xlsx

# These tests read what messages say, in English (see the `english` fixture).
pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture(autouse=True)
def _english() -> None:
    """Some assertions read the messages: in English, their ids (the catalogue translates them)."""
    set_language("en")


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (dt.datetime(2016, 5, 2), Kind.DATE, "2016-05-02"),
        (42491, Kind.DATE, "2016-05-01"),  # an Excel serial number in a "General" cell
        (20160502, Kind.DATE, "2016-05-02"),
        ("20160502", Kind.DATE, "2016-05-02"),
        ("2016-05-02 00:00:00", Kind.DATE, "2016-05-02"),
        ("2016年5月2日", Kind.DATE, "2016年5月2日"),  # left for the intake validator, which reads it
        (dt.datetime(2017, 7, 1), Kind.MONTH, "2017-07"),
        (2017.07, Kind.MONTH, "2017-07"),
        (201707, Kind.MONTH, "2017-07"),
        ("2017-07-31", Kind.MONTH, "2017-07"),
        ("2017年7月", Kind.MONTH, "2017年7月"),
        (119.42, Kind.NUMBER, "119.42"),
        (14474.720000000001, Kind.NUMBER, "14474.72"),  # a formula's binary noise
        (100.0, Kind.NUMBER, "100"),
        ("¥3,412.60元", Kind.NUMBER, "3,412.60"),
        ("98.5㎡", Kind.NUMBER, "98.5"),
        ("0.05%", Kind.NUMBER, "0.0005"),
        (13859012345, Kind.PHONE, "13859012345"),
        (13859012345.0, Kind.PHONE, "13859012345"),
        (350302198506180316, Kind.ID_NUMBER, "350302198506180316"),
        (" 35030219850618031x ", Kind.ID_NUMBER, "35030219850618031x"),
        ("'1502", Kind.TEXT, "1502"),
        (1502.0, Kind.TEXT, "1502"),
        ('=HYPERLINK("http://evil","x")', Kind.TEXT, '=HYPERLINK("http://evil","x")'),
        (None, Kind.TEXT, ""),
        ("   ", Kind.NUMBER, ""),
    ],
)
def test_a_cell_becomes_the_text_the_intake_form_reads(value: object, kind: Kind, text: str) -> None:
    assert cell_text(value, kind) == text


@pytest.mark.parametrize(
    ("value", "kind", "words"),
    [
        (3.50302198506180e17, Kind.ID_NUMBER, "digits"),
        ("3.50302E+17", Kind.ID_NUMBER, "digits"),
        ("1.38590E+10", Kind.PHONE, "scientific"),
        (dt.datetime(2026, 3, 12), Kind.TEXT, "date"),  # a room 3-12 that Excel made a date
        (True, Kind.NUMBER, "TRUE/FALSE"),
        (dt.datetime(2020, 1, 1), Kind.NUMBER, "date"),
        (2017.1, Kind.MONTH, "January or October"),
        (5, Kind.DATE, "not a date"),
        (20160231, Kind.DATE, "calendar"),
    ],
)
def test_a_cell_of_the_wrong_type_says_what_to_fix(value: object, kind: Kind, words: str) -> None:
    with pytest.raises(CellProblem, match=words):
        cell_text(value, kind)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("业主姓名", "owner"),
        ("业主", "owner"),
        (" *电话 ", "phone"),
        ("建筑面积（㎡）", "area"),
        ("建筑面积(m²)", "area"),
        ("Handover date", "handover_date"),
        ("service_fee", "service_fee"),
        ("滞纳金", "late_fee"),
    ],
)
def test_headers_are_recognised_in_chinese_and_english(header: str, key: str) -> None:
    column = column_for(header)
    assert column is not None and column.key == key
    assert column_for("车位号") is None


def test_csv_text_is_decoded_as_utf8_with_or_without_bom_else_gb18030() -> None:
    text = "业主姓名,电话\n陈某,13859012345\n"
    assert decode_csv(text.encode("utf-8")) == (text, "utf-8")
    assert decode_csv(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8")
    assert decode_csv(text.encode("gb18030")) == (text, "gb18030")


def test_a_workbook_is_read_from_the_sheet_with_a_header_below_a_title(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "list.xlsx",
        [good_row(1), [None] * len(HEADERS), good_row(2, service_fee="=N4+1")],
        above=[["某物业公司欠费明细"], []],
        merges=["A1:F1", "E4:E6"],
    )
    sheet = read_file(path)
    assert (sheet.sheet_name, sheet.header_row, sheet.empty_rows) == ("欠费清单", 3, 1)
    assert [r.number for r in sheet.rows] == [4, 6]
    assert sheet.uncached_formulas == frozenset({(6, 13)})
    assert [(m.min_row, m.max_row) for m in sheet.merged] == [(1, 1), (4, 6)]


def test_a_semicolon_csv_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "业主姓名;电话;小区;楼栋;房号\n陈某;13859012345;荔景花园;5幢;1001\n", encoding="utf-8-sig"
    )
    sheet = read_file(path)
    assert sheet.encoding == "utf-8" and sheet.rows[0].cells[:2] == ("陈某", "13859012345")


def test_a_damaged_workbook_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 64)
    with pytest.raises(ImportFileError, match=r"broken\.xlsx"):
        read_file(path)
