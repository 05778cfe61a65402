"""What openpyxl's fast reader does not tell: merged cells, formulas with no saved result,
hidden rows and columns; and how large a workbook is once unpacked.

The import reads spreadsheets with openpyxl in read-only mode (streaming, fast on 10,000 rows)
and ``data_only=True`` (a formula gives the value Excel saved with it). That mode hides things
the import must report: which cells are merged (a read-only sheet has no ``merged_cells``),
which formulas have no saved value (they read as empty, as if the cell had been left blank;
files written by programs other than Excel often have none), and which rows and columns are
hidden (their values are read like any other, so the user is told). All are in the sheet's XML
part, so this module scans that part's bytes directly: the merge list is a short element at the
end, and cells with formulas are looked at only when the part has any.

**Size before parsing** (:func:`check_sizes`). An .xlsx is a zip; a small file can unpack to
hundreds of megabytes (a "zip bomb": 0.8 MB whose shared strings unpack to 280 MB once took
1.7 GB of memory, as openpyxl keeps every shared string). The sizes each part declares in the
zip's directory are summed and bounded before openpyxl opens the file. They can be trusted as
bounds: Python's ``zipfile`` never unpacks a part past its declared size (a part that would is
cut there and fails its checksum). The largest list the import takes (50,000 rows) unpacks to
about 50 MB of sheet and 15 MB of shared strings; the bounds leave room for that, not for 280 MB.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from openpyxl.utils.cell import range_boundaries

from mediation_app.errors import MediationError
from mediation_app.i18n import _

MB = 1024 * 1024
# Unpacked sizes past these are not a company's arrears list (and may be a zip bomb).
MAX_EXPANDED_BYTES = 200 * MB  # all the parts together
MAX_PART_BYTES = 120 * MB  # one part (a sheet)
MAX_SHARED_STRINGS_BYTES = 40 * MB  # xl/sharedStrings.xml, held in memory whole by openpyxl
MAX_PARTS = 10_000

_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb"\br=\"([A-Z]+[0-9]+)\"")
_VALUE = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]")
_ANY_VALUE = re.compile(rb"<(?:\w+:)?v[\s>/]")
_STRING_RESULT = re.compile(rb"\bt=\"str\"")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_COL_TAG = re.compile(rb"<(?:\w+:)?col\b([^>]*)/?>")
_HIDDEN = re.compile(rb"\bhidden=\"(?:1|true)\"")
_ROW_NUMBER = re.compile(rb"\br=\"([0-9]+)\"")
_COL_SPAN = re.compile(
    rb"\bmin=\"([0-9]+)\"[^>]*?\bmax=\"([0-9]+)\"|\bmax=\"([0-9]+)\"[^>]*?\bmin=\"([0-9]+)\""
)


@dataclass(frozen=True)
class CellRange:
    """A rectangle of cells, 1-based and inclusive."""

    min_col: int
    min_row: int
    max_col: int
    max_row: int


@dataclass(frozen=True)
class SheetScan:
    merged: tuple[CellRange, ...]
    uncached_formulas: frozenset[tuple[int, int]]  # (row, column) of formulas without a value
    uncached_without_reference: int  # such formulas in cells that do not say where they are
    hidden_rows: frozenset[int] = frozenset()  # 1-based row numbers
    hidden_columns: frozenset[int] = frozenset()  # 1-based column numbers


def _too_large(reason: str) -> MediationError:
    return MediationError(
        _("The spreadsheet is too large to import: {reason}. Split the list into several files.").format(
            reason=reason
        )
    )


def _megabytes(size: int) -> str:
    return f"{size / MB:,.0f}"


def check_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook that would unpack to more than the bounds above, before it is parsed."""
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise _too_large(_("it has {n} parts").format(n=len(parts)))
    for info in parts:
        shared = info.filename.lower().endswith("sharedstrings.xml")
        limit = MAX_SHARED_STRINGS_BYTES if shared else MAX_PART_BYTES
        if info.file_size > limit:
            raise _too_large(
                _("{name} unpacks to {size} MB (at most {limit} MB)").format(
                    name=info.filename, size=_megabytes(info.file_size), limit=_megabytes(limit)
                )
            )
    total = sum(info.file_size for info in parts)
    if total > MAX_EXPANDED_BYTES:
        raise _too_large(
            _("its parts unpack to {size} MB together (at most {limit} MB)").format(
                size=_megabytes(total), limit=_megabytes(MAX_EXPANDED_BYTES)
            )
        )


def scan_sheet(archive: zipfile.ZipFile, part: str) -> SheetScan:
    """Merged ranges and formula cells without a saved value in the sheet part ``part``."""
    data = archive.read(part.lstrip("/"))
    merged = tuple(CellRange(*range_boundaries(ref.decode("ascii"))) for ref in _MERGE.findall(data))
    uncached: set[tuple[int, int]] = set()
    anonymous = 0
    if _HAS_FORMULA.search(data):
        for match in _CELL.finditer(data):
            body = match.group(2)
            if not body or not _HAS_FORMULA.search(body) or _VALUE.search(body):
                continue
            if _STRING_RESULT.search(match.group(1)) and _ANY_VALUE.search(body):
                continue  # a formula whose saved result is the empty string
            ref = _REF.search(match.group(1))
            if ref is None:
                anonymous += 1
                continue
            col, row, _col, _row = range_boundaries(ref.group(1).decode("ascii"))
            uncached.add((row, col))
    return SheetScan(merged, frozenset(uncached), anonymous, _hidden_rows(data), _hidden_columns(data))


def _hidden_rows(data: bytes) -> frozenset[int]:
    if not _HIDDEN.search(data):
        return frozenset()
    hidden: set[int] = set()
    for match in _ROW_TAG.finditer(data):
        attributes = match.group(1)
        if _HIDDEN.search(attributes):
            number = _ROW_NUMBER.search(attributes)
            if number:
                hidden.add(int(number.group(1)))
    return frozenset(hidden)


def _hidden_columns(data: bytes) -> frozenset[int]:
    """Hidden columns, as declared by ``<cols>`` (spans past the 16,384 columns Excel has are
    cut there)."""
    hidden: set[int] = set()
    end = data.find(b"<sheetData")
    for match in _COL_TAG.finditer(data, 0, end if end >= 0 else len(data)):
        attributes = match.group(1)
        span = _COL_SPAN.search(attributes)
        if span and _HIDDEN.search(attributes):
            low, high = (span.group(1), span.group(2)) if span.group(1) else (span.group(4), span.group(3))
            hidden.update(range(int(low), min(int(high), _MAX_COLUMN) + 1))
    return frozenset(hidden)


_MAX_COLUMN = 16_384
