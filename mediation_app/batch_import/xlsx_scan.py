"""What openpyxl's fast reader does not tell: merged cells, and formulas with no saved result.

The import reads spreadsheets with openpyxl in read-only mode (streaming, fast on 10,000 rows)
and ``data_only=True`` (a formula gives the value Excel saved with it). That mode hides two
things the import must report: which cells are merged (a read-only sheet has no
``merged_cells``), and which formulas have no saved value (they read as empty, as if the cell had
been left blank; files written by programs other than Excel often have none). Both are in the
sheet's XML part, so this module scans that part's bytes directly: the merge list is a short
element at the end, and cells with formulas are looked at only when the part has any.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from openpyxl.utils.cell import range_boundaries

from mediation_app.errors import MediationError
from mediation_app.i18n import _

# An unpacked sheet larger than this is not a company's arrears list (and may be a zip bomb).
MAX_PART_BYTES = 300 * 1024 * 1024

_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb"\br=\"([A-Z]+[0-9]+)\"")
_VALUE = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]")
_ANY_VALUE = re.compile(rb"<(?:\w+:)?v[\s>/]")
_STRING_RESULT = re.compile(rb"\bt=\"str\"")


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


def check_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook whose parts would unpack to more than :data:`MAX_PART_BYTES` each."""
    for info in archive.infolist():
        if info.file_size > MAX_PART_BYTES:
            raise MediationError(
                _("The spreadsheet is too large to import ({name} unpacks to {size} MB).").format(
                    name=info.filename, size=info.file_size // (1024 * 1024)
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
    return SheetScan(merged, frozenset(uncached), anonymous)
