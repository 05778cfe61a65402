"""The template spreadsheet a company fills in: the columns, an example row, and notes.

Sheet one holds the header row, one example row (recognised and skipped by the import if the
company leaves it in) and cheap Excel data validation: numbers not below zero for areas and
amounts, dates for dates, 18 characters for ID numbers. The ID, phone, building, room and month
columns are formatted as text, so Excel neither turns an ID number into 3.50302E+17 nor a room
like 3-12 into a date. Sheet two explains each column.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from mediation_app.batch_import.columns import COLUMNS, Kind
from mediation_app.i18n import _

DATA_SHEET = "业主欠费清单"
NOTES_SHEET = "填写说明"
VALIDATED_ROWS = 5000  # rows 2..5001 carry the data validation
EXAMPLE_NOTE = "示例行：导入时自动跳过，可删除"

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_TEXT_KINDS = (Kind.TEXT, Kind.ID_NUMBER, Kind.PHONE, Kind.MONTH)


def example_values() -> dict[str, str]:
    """The example row, by column key (the import skips a row that repeats it)."""
    values = {column.key: column.example for column in COLUMNS}
    values["note"] = EXAMPLE_NOTE
    return values


def write_template(path: Path) -> Path:
    """Write the template to ``path`` (.xlsx) and return the path."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = DATA_SHEET
    _data_sheet(sheet)
    _notes_sheet(workbook.create_sheet(NOTES_SHEET))
    workbook.save(path)
    return path


def _data_sheet(sheet: Worksheet) -> None:
    example = example_values()
    last = VALIDATED_ROWS + 1
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=column.zh)
        header.font = Font(bold=True, color="C00000" if column.required else "000000")
        header.fill = _HEADER_FILL
        header.alignment = Alignment(horizontal="center")
        cell = sheet.cell(row=2, column=index, value=_typed(column.kind, example[column.key]))
        if column.kind in _TEXT_KINDS:
            cell.number_format = "@"
            sheet.column_dimensions[letter].number_format = "@"
        elif column.kind == Kind.DATE:
            cell.number_format = "yyyy-mm-dd"
            sheet.column_dimensions[letter].number_format = "yyyy-mm-dd"
        sheet.column_dimensions[letter].width = max(12, len(column.zh) * 2 + 4)
        validation = _validation(column.kind, column.key)
        if validation is not None:
            validation.add(f"{letter}2:{letter}{last}")
            sheet.add_data_validation(validation)
    sheet.column_dimensions[get_column_letter(len(COLUMNS))].width = 40
    sheet.freeze_panes = "A2"


def _typed(kind: Kind, text: str) -> object:
    """The example as Excel would hold it: numbers as numbers, dates as dates."""
    if not text:
        return None
    if kind == Kind.NUMBER:
        return Decimal(text)
    if kind == Kind.DATE:
        return dt.date.fromisoformat(text)
    return text


def _validation(kind: Kind, key: str) -> DataValidation | None:
    if kind == Kind.NUMBER:
        validation = DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
        validation.error = "请填写不小于 0 的数字（不要带单位）"
    elif kind == Kind.DATE:
        validation = DataValidation(
            type="date",
            operator="between",
            formula1="DATE(1980,1,1)",
            formula2="DATE(2100,12,31)",
            allow_blank=True,
        )
        validation.error = "请填写日期，例如 2016-05-02"
    elif kind == Kind.ID_NUMBER:
        validation = DataValidation(type="textLength", operator="equal", formula1="18", allow_blank=True)
        validation.error = "身份证号应为 18 位"
    elif key == "phone":
        validation = DataValidation(
            type="textLength", operator="between", formula1="7", formula2="13", allow_blank=True
        )
        validation.error = "请填写手机号或带区号的固定电话"
    else:
        return None
    validation.errorTitle = "输入有误"
    validation.showErrorMessage = True
    return validation


def _notes_sheet(sheet: Worksheet) -> None:
    lines = [
        _("How to fill in this list"),
        _("One row per flat. Keep the first row (the column names) as it is; red names are required."),
        _("Do not merge cells and do not add totals. Amounts are in yuan, areas in m², without units."),
        _("Type ID numbers, phones and rooms as text (the columns are already formatted so)."),
        _("The example row (row 2) is skipped by the import; you may delete it."),
        _(
            "The centre's import shows every row with its problems first and writes nothing "
            "until the centre confirms."
        ),
    ]
    for row, line in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=line).font = Font(bold=row == 1)
    top = len(lines) + 2
    for index, title in enumerate((_("Column"), _("Required"), _("What to write"), _("Example")), start=1):
        cell = sheet.cell(row=top, column=index, value=title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for offset, column in enumerate(COLUMNS, start=1):
        row = top + offset
        sheet.cell(row=row, column=1, value=f"{column.zh}（{column.key}）")
        sheet.cell(row=row, column=2, value=_("yes") if column.required else _("no"))
        sheet.cell(row=row, column=3, value=_(column.note)).alignment = Alignment(wrap_text=True)
        example = sheet.cell(row=row, column=4, value=column.example or None)
        example.number_format = "@"
    for letter, width in (("A", 24), ("B", 8), ("C", 80), ("D", 22)):
        sheet.column_dimensions[letter].width = width
