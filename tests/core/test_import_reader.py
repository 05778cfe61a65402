"""Reading a company's file never guesses silently (issue 15 item 4): CSV in Excel's dialect with
only the delimiter chosen, hidden rows and columns found, a workbook's unpacked size bounded
before it is parsed."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from mediation_app.batch_import import reader, xlsx_scan
from mediation_app.batch_import.reader import ImportFileError, read_file
from mediation_app.errors import MediationError
from tests.support.import_sheets import HEADERS, good_row, write_xlsx

pytestmark = pytest.mark.usefixtures("english")

NOTE = 16  # the 备注 column in the template's order


def csv_line(values: list[str], delimiter: str = ",") -> str:
    quoted = [
        '"' + value.replace('"', '""') + '"' if '"' in value or delimiter in value else value
        for value in values
    ]
    return delimiter.join(quoted) + "\r\n"


def text_row(index: int, note: str = "") -> list[str]:
    values = ["" if value is None else str(value) for value in good_row(index)]
    values[8], values[10], values[NOTE] = "2016-05-02", "2021-03-09", note
    return values


def test_a_doubled_quote_far_into_the_file_stays_inside_its_field(tmp_path: Path) -> None:
    """The first 8 KB have no quotes at all; a sniffer once guessed 'no doubled quotes' from them
    and split this note into an extra column."""
    note = '业主称"漏水""严重"，拒缴, 待核实'
    lines = (
        [csv_line(HEADERS)] + [csv_line(text_row(n)) for n in range(300)] + [csv_line(text_row(999, note))]
    )
    path = tmp_path / "list.csv"
    path.write_text("".join(lines), encoding="utf-8")
    assert path.stat().st_size > 3 * 8192
    sheet = read_file(path)
    last = sheet.rows[-1].cells
    assert len(last) == len(HEADERS) and last[NOTE] == note


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_the_one_that_makes_a_header(tmp_path: Path, delimiter: str) -> None:
    note = "逗号, 分号; 都在"
    path = tmp_path / "list.csv"
    path.write_text(csv_line(HEADERS, delimiter) + csv_line(text_row(1, note), delimiter), encoding="utf-8")
    sheet = read_file(path)
    assert sheet.headers == tuple(HEADERS) and sheet.rows[0].cells[NOTE] == note


def test_hidden_rows_and_columns_are_found(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "hidden.xlsx", [good_row(1), good_row(2), good_row(3)])
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    sheet.row_dimensions[3].hidden = True
    sheet.column_dimensions["C"].hidden = True
    sheet.column_dimensions.group("P", "Q", hidden=True)
    workbook.save(path)
    raw = read_file(path)
    assert raw.hidden_rows == frozenset({3})
    assert raw.hidden_columns == frozenset({3, 16, 17})


def test_a_plain_workbook_has_nothing_hidden(tmp_path: Path) -> None:
    raw = read_file(write_xlsx(tmp_path / "plain.xlsx", [good_row(1)]))
    assert raw.hidden_rows == frozenset() and raw.hidden_columns == frozenset()


def _padded(path: Path, name: str, size: int) -> Path:
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, archive.open(name, "w") as part:
        for _ in range(size // 65536):
            part.write(b" " * 65536)
    return path


def test_the_shared_strings_are_bounded_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_scan, "MAX_SHARED_STRINGS_BYTES", 1 << 20)
    path = _padded(write_xlsx(tmp_path / "s.xlsx", [good_row(1)]), "xl/sharedStrings.xml", 2 << 20)
    with pytest.raises(MediationError, match=r"xl/sharedStrings.xml unpacks to 2 MB \(at most 1 MB\)"):
        read_file(path)


def test_the_parts_together_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each part under its own bound, all of them together past the total."""
    monkeypatch.setattr(xlsx_scan, "MAX_PART_BYTES", 3 << 20)
    monkeypatch.setattr(xlsx_scan, "MAX_EXPANDED_BYTES", 4 << 20)
    path = write_xlsx(tmp_path / "t.xlsx", [good_row(1)])
    for n in range(3):
        _padded(path, f"xl/media/padding{n}.xml", 2 << 20)
    with pytest.raises(MediationError, match=r"unpack to 6 MB together \(at most 4 MB\)"):
        read_file(path)


def test_a_damaged_sheet_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "d.xlsx", [good_row(1)])
    forged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(forged, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]  # cut mid-element
            target.writestr(info, data)
    with pytest.raises(ImportFileError, match=r"Cannot read damaged\.xlsx as an Excel workbook"):
        read_file(forged)
    assert reader.shown_reason(ValueError("x" * 500)).endswith("…")
