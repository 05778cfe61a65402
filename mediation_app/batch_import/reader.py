"""Reading a company's file into plain rows of cell values: .xlsx (openpyxl) or .csv.

An .xlsx is read with openpyxl in read-only mode (streamed) and ``data_only=True`` (formulas give
the value Excel saved); :mod:`.xlsx_scan` adds the merged ranges and the formulas without a saved
value, which that mode hides. A .csv is decoded as UTF-8 (with or without the byte-order mark
Excel writes) or, failing that, GB18030 (what Excel on a Chinese Windows writes by default, a
superset of GBK and GB2312).

The header row need not be the first: companies put a title above it. It is the first of the
first :data:`HEADER_SEARCH_ROWS` rows naming at least :data:`MIN_HEADER_MATCHES` known columns;
in a workbook, the first sheet that has one is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
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
            _("Cannot read {file} as an Excel workbook: {reason}").format(file=path.name, reason=exc)
        ) from exc
    try:
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
            )
    finally:
        workbook.close()
    raise _no_header(path.name)


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding that decoded it."""
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("The CSV file is neither UTF-8 nor GB18030 (GBK) text."))


def _read_csv(path: Path) -> RawSheet:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise ImportFileError(
            _("{file} is too large to import (more than {n} MB).").format(
                file=path.name, n=MAX_CSV_BYTES // (1024 * 1024)
            )
        )
    text, encoding = decode_csv(path.read_bytes())
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        records = [tuple(record) for record in csv.reader(io.StringIO(text, newline=""), dialect)]
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
