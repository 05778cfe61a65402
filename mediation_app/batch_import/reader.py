"""Reading a company's file into plain rows of cell values: .xlsx (openpyxl) or .csv.

An .xlsx is read with openpyxl in read-only mode (streamed) and ``data_only=True`` (formulas give
the value Excel saved), after its unpacked size is checked (:func:`.xlsx_scan.check_sizes`);
:mod:`.xlsx_scan` adds the merged ranges, the formulas without a saved value and the hidden rows
and columns, which that mode hides. A .csv is decoded as UTF-8 (with or without the byte-order
mark Excel writes) or, failing that, GB18030 (what Excel on a Chinese Windows writes by default,
a superset of GBK and GB2312).

A .csv is read in the standard Excel dialect (fields in double quotes, a quote inside written
twice), whatever the file's first lines look like: guessing the quoting from a sample once
split a note with a later ``""`` into an extra column. Only the delimiter varies between
programs (comma, semicolon, tab); it is the one with which the header row names the most known
columns.

The header row need not be the first: companies put a title above it. It is the first of the
first :data:`HEADER_SEARCH_ROWS` rows naming at least :data:`MIN_HEADER_MATCHES` known columns;
in a workbook, the first sheet that has one is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900

from mediation_app import formatting
from mediation_app.batch_import.columns import column_for
from mediation_app.batch_import.xlsx_scan import CellRange, check_sizes, scan_sheet
from mediation_app.errors import MediationError
from mediation_app.i18n import _

HEADER_SEARCH_ROWS = 20
MIN_HEADER_MATCHES = 3
MAX_DATA_ROWS = 50_000
MAX_CSV_BYTES = 100 * 1024 * 1024
CSV_ENCODINGS = ("utf-8-sig", "gb18030")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and encrypted .xlsx)


@dataclass(frozen=True)
class RawRow:
    number: int  # the row number Excel shows (1-based)
    cells: tuple[object, ...]


@dataclass(frozen=True)
class RawSheet:
    """The header and the data rows of the sheet that holds the list."""

    file_name: str
    sheet_name: str  # "" for a CSV file
    encoding: str  # the CSV encoding used ("" for a workbook)
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[RawRow, ...]
    empty_rows: int = 0  # blank rows between the header and the last row with data
    merged: tuple[CellRange, ...] = ()
    uncached_formulas: frozenset[tuple[int, int]] = frozenset()
    uncached_without_reference: int = 0
    epoch: dt.datetime = CALENDAR_WINDOWS_1900
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()  # 1-based


class ImportFileError(MediationError):
    """The file cannot be read as a list of cases at all (no row is looked at)."""


def read_file(path: Path) -> RawSheet:
    """Read ``path`` (.xlsx/.xlsm or .csv, told apart by content, not only by name)."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise ImportFileError(
            _("Cannot open {file}: {reason}").format(file=path.name, reason=exc.strerror or exc)
        ) from exc
    if magic == _ZIP_MAGIC:
        return _read_workbook(path)
    if magic == _OLE_MAGIC:
        raise ImportFileError(
            _(
                "{file} is an old-style .xls workbook (or a password-protected one). "
                "Open it in Excel and save it as .xlsx, or as CSV, then import that file."
            ).format(file=path.name)
        )
    return _read_csv(path)


def is_blank(cells: Iterable[object]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _empty_between(header_row: int, rows: list[RawRow]) -> int:
    return rows[-1].number - header_row - len(rows) if rows else 0


def _header_index(rows: Iterable[tuple[object, ...]]) -> tuple[int, tuple[str, ...]] | None:
    for number, cells in enumerate(rows, start=1):
        if number > HEADER_SEARCH_ROWS:
            break
        texts = tuple(str(cell).strip() if cell is not None else "" for cell in cells)
        if sum(1 for text in texts if text and column_for(text) is not None) >= MIN_HEADER_MATCHES:
            return number, texts
    return None


def _no_header(file_name: str) -> ImportFileError:
    return ImportFileError(
        _(
            "No header row found in {file}: one of the first {n} rows must name the columns "
            "(业主姓名, 电话, 小区, 楼栋, 房号 …). Download the template to see them."
        ).format(file=file_name, n=HEADER_SEARCH_ROWS)
    )


def _too_many_rows(file_name: str) -> ImportFileError:
    return ImportFileError(
        _("{file} has more than {n} rows; split it into several files.").format(
            file=file_name, n=formatting.count(MAX_DATA_ROWS)
        )
    )


def _read_workbook(path: Path) -> RawSheet:
    try:
        with zipfile.ZipFile(path) as archive:
            check_sizes(archive)
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except MediationError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign file
        raise ImportFileError(
            _("Cannot read {file} as an Excel workbook: {reason}").format(
                file=path.name, reason=shown_reason(exc)
            )
        ) from exc
    try:
        return _read_sheets(path, workbook)
    except MediationError:
        raise
    except Exception as exc:  # a damaged sheet part, a figure openpyxl cannot read
        raise ImportFileError(
            _("Cannot read {file} as an Excel workbook: {reason}").format(
                file=path.name, reason=shown_reason(exc)
            )
        ) from exc
    finally:
        workbook.close()


def shown_reason(exc: Exception) -> str:
    """An exception's text cut to one short line (a library may quote a whole hostile value)."""
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return _("a cell holds a number with thousands of digits")
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"


def _read_sheets(path: Path, workbook: openpyxl.Workbook) -> RawSheet:
    for sheet in workbook.worksheets:
        if getattr(sheet, "sheet_state", "visible") != "visible":
            continue
        sheet.reset_dimensions()  # a wrong <dimension> would otherwise cut rows short
        found = _header_index(sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True))
        if found is None:
            continue
        header_row, headers = found
        rows: list[RawRow] = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number <= header_row:
                continue
            if not is_blank(cells):
                if len(rows) >= MAX_DATA_ROWS:
                    raise _too_many_rows(path.name)
                rows.append(RawRow(number, tuple(cells)))
        part = getattr(sheet, "_worksheet_path", None)
        with zipfile.ZipFile(path) as archive:
            scan = scan_sheet(archive, part) if part else None
        return RawSheet(
            file_name=path.name,
            sheet_name=sheet.title,
            encoding="",
            header_row=header_row,
            headers=headers,
            rows=tuple(rows),
            empty_rows=_empty_between(header_row, rows),
            merged=scan.merged if scan else (),
            uncached_formulas=scan.uncached_formulas if scan else frozenset(),
            uncached_without_reference=scan.uncached_without_reference if scan else 0,
            epoch=workbook.epoch,
            hidden_rows=scan.hidden_rows if scan else frozenset(),
            hidden_columns=scan.hidden_columns if scan else frozenset(),
        )
    raise _no_header(path.name)


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding that decoded it."""
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("The CSV file is neither UTF-8 nor GB18030 (GBK) text."))


CSV_DELIMITERS = (",", "\t", ";")


def _delimiter(text: str) -> str:
    """The delimiter with which a header row (of the first rows) names the most known columns;
    a comma when none does. The quoting is always Excel's; nothing else is guessed."""
    best, best_count = ",", 0
    for delimiter in CSV_DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
        for record in itertools.islice(reader, HEADER_SEARCH_ROWS):
            count = sum(1 for cell in record if cell.strip() and column_for(cell.strip()) is not None)
            if count > best_count:
                best, best_count = delimiter, count
    return best


def _read_csv(path: Path) -> RawSheet:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise ImportFileError(
            _("{file} is too large to import (more than {n} MB).").format(
                file=path.name, n=MAX_CSV_BYTES // (1024 * 1024)
            )
        )
    text, encoding = decode_csv(path.read_bytes())
    try:
        delimiter = _delimiter(text)
        records = [
            tuple(record)
            for record in csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise ImportFileError(
            _("Cannot read {file} as CSV: {reason}").format(file=path.name, reason=exc)
        ) from exc
    found = _header_index(records)
    if found is None:
        raise _no_header(path.name)
    header_row, headers = found
    rows: list[RawRow] = []
    for number, record in enumerate(records, start=1):
        if number <= header_row or is_blank(record):
            continue
        if len(rows) >= MAX_DATA_ROWS:
            raise _too_many_rows(path.name)
        rows.append(RawRow(number, tuple(field if field.strip() else None for field in record)))
    return RawSheet(
        file_name=path.name,
        sheet_name="",
        encoding=encoding,
        header_row=header_row,
        headers=headers,
        rows=tuple(rows),
        empty_rows=_empty_between(header_row, rows),
    )
