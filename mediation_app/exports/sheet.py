"""Writing export workbooks safely: text stays text, and every file says what it contains.

**No formula injection.** Text that came from people (an owner's name, a note, a company's
spreadsheet) may begin with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return), which a
spreadsheet program may treat as a formula, e.g. ``=HYPERLINK("http://…")``. Every text cell is
written as a string (never a formula) and, when it begins with one of those characters, with
Excel's *quote prefix*, so it stays text even when someone edits the cell and presses Enter.
Characters XML cannot hold (control characters) are dropped.

**No figure rounded in silence.** A spreadsheet number holds 15 significant digits; openpyxl
writes a longer Decimal as a rounded float (92,000,000,000,000,000.01 would become 9.2e+16).
Every figure the bounds accept (under 10^10 yuan, two decimals) fits; a longer one (a total
over rows stored before the bounds, say) is written as text, right-aligned, with every digit.

Workbooks are written in openpyxl's write-only mode (streamed: 100,000 rows in little memory)
to a temporary file that replaces the target only when complete.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from mediation_app.errors import MediationError
from mediation_app.i18n import _

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_RIGHT = Alignment(horizontal="right")
EXACT_DIGITS = 15  # what a spreadsheet number holds


def safe_text(text: str) -> str:
    """``text`` without the characters an XLSX cell cannot hold."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


def needs_quote_prefix(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def cell(sheet: WriteOnlyWorksheet, value: object, *, number_format: str | None = None) -> WriteOnlyCell:
    """A cell for ``value``: text as text (never a formula), money and dates with their formats."""
    if isinstance(value, str):
        text = safe_text(value)
        result = WriteOnlyCell(sheet, value=text)
        result.data_type = "s"  # openpyxl would make "=…" a formula
        if needs_quote_prefix(text):
            result.quotePrefix = True
        return result
    if isinstance(value, Decimal) and value.is_finite() and len(value.as_tuple().digits) > EXACT_DIGITS:
        result = WriteOnlyCell(sheet, value=f"{value:,}")
        result.data_type = "s"
        result.alignment = _RIGHT
        return result
    result = WriteOnlyCell(sheet, value=value)
    if number_format:
        result.number_format = number_format
    elif isinstance(value, Decimal):
        result.number_format = MONEY_FORMAT
    elif isinstance(value, dt.date):
        result.number_format = DATE_FORMAT
    return result


def title_row(sheet: WriteOnlyWorksheet, text: str) -> list[WriteOnlyCell]:
    title = cell(sheet, text)
    title.font = _TITLE
    return [title]


def header_row(sheet: WriteOnlyWorksheet, names: Sequence[str]) -> list[WriteOnlyCell]:
    cells = []
    for name in names:
        item = cell(sheet, name)
        item.font = _BOLD
        item.fill = _HEADER_FILL
        item.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cells.append(item)
    return cells


def set_widths(sheet: WriteOnlyWorksheet, widths: Iterable[float]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def save_atomically(workbook: Workbook, path: Path) -> Path:
    """Save to a temporary name beside ``path``, then replace ``path`` (never a half-written file)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    partial = path.with_name(f".{path.name}.part")
    try:
        workbook.save(partial)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise MediationError(
            _("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    return path
