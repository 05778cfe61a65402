"""One cell's value as the text the intake form expects, whatever type the spreadsheet gave it.

A person types a date, Excel stores a number formatted as a date (openpyxl gives a ``datetime``),
a CSV gives text, and a column left in Excel's "General" format gives the date's serial number.
Long digit strings (ID numbers) stored as numbers have lost their last digits, and a room like
3-12 may have become the 12th of March. This module turns each of these into the form's text, or
says precisely what is wrong with the cell and how to fix it. The intake validators then check
the text exactly as they check what a clerk types.

Text cells are cleaned as intake cleans what a clerk types (:mod:`mediation_app.domain.text`):
an invisible character (zero-width, bidi control) is an error on its cell, and the text is
normalised (NFKC) before anything compares it, so ３号楼 and 3号楼 are one building.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, from_excel

from mediation_app.batch_import.columns import Kind
from mediation_app.domain.bounds import check_number_text
from mediation_app.domain.text import invisible_problem, normalise
from mediation_app.errors import ValidationError
from mediation_app.i18n import _

# Serial numbers Excel uses for 1927-05-18 .. 2119-01-14: any plausible handover or payment date.
_SERIAL_MIN, _SERIAL_MAX = 10_000, 80_000
_SCIENTIFIC = re.compile(r"^[0-9](?:\.[0-9]+)?[eE][+]?[0-9]+$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_COMPACT_MONTH = re.compile(r"^(\d{4})(\d{2})$")
_DATE_WITH_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_DATE_TEXT = re.compile(r"^(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})日?$")
_UNIT_SUFFIX = re.compile(r"\s*(?:元(?:/(?:㎡|m²|m2|平方米|平米)(?:/月|·月)?)?|㎡|m²|m2|平方米|平米)$")
_CURRENCY_PREFIX = re.compile(r"^[¥￥]\s*")
_PLAIN_FIGURE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


class CellProblem(ValueError):
    """A cell whose value cannot be read for its column; the message says why and how to fix it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def cell_text(value: object, kind: Kind, epoch: dt.datetime = CALENDAR_WINDOWS_1900) -> str:
    """The form text for ``value`` in a column of ``kind`` ("" for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise CellProblem(_("holds TRUE/FALSE, not a value for this column"))
    if isinstance(value, str):
        problem = invisible_problem(value)
        if problem is not None:
            raise CellProblem(problem)
        value = normalise(value).strip().lstrip("'").strip()  # Excel users type ' to force text
        if not value:
            return ""
    if kind == Kind.DATE:
        return _date(value, epoch)
    if kind == Kind.MONTH:
        return _month(value, epoch)
    if kind == Kind.NUMBER:
        return _number(value)
    if kind in (Kind.ID_NUMBER, Kind.PHONE):
        return _digits(value, kind)
    return _text(value)


def _text(value: object) -> str:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        raise CellProblem(
            _("Excel turned this into a date or time; format the column as text and type it again")
        )
    if isinstance(value, (int, float)):
        return _plain_number(value)
    return str(value)


def _digits(value: object, kind: Kind) -> str:
    lost = (
        _("was stored as a number and has lost its last digits; format the column as text and type it again")
        if kind == Kind.ID_NUMBER
        else _("was stored as a number in scientific notation; format the column as text and type it again")
    )
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        raise CellProblem(_("Excel turned this into a date; format the column as text and type it again"))
    if isinstance(value, float):
        # A float holds about 15 significant digits: an 18-digit ID number cannot survive it.
        if not math.isfinite(value) or abs(value) >= 1e15 or not value.is_integer():
            raise CellProblem(lost)
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    text = str(value).replace(" ", "")
    if _SCIENTIFIC.match(text):
        raise CellProblem(lost)
    return text


def _plain_number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise CellProblem(_("is not a number"))
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    number = Decimal(repr(value))
    if abs(number) < Decimal(10) ** 12:
        # A formula's result carries binary noise (119.42000000000002); six places is far below
        # any unit the import reads (fen, 0.01 m², 0.0001 yuan/m²) and far above the noise.
        rounded = number.quantize(Decimal("0.000001"))
        if abs(number - rounded) < Decimal("1e-9"):
            number = rounded
    return format(number.normalize(), "f")


def _number(value: object) -> str:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        raise CellProblem(_("is a date, but this column needs a number"))
    if isinstance(value, (int, float)):
        return _plain_number(value)
    text = _UNIT_SUFFIX.sub("", _CURRENCY_PREFIX.sub("", str(value))).strip()
    for sign, scale in (("%", 100), ("‰", 1000)):
        if text.endswith(sign):
            figure = text[:-1].strip()
            try:
                check_number_text(figure, "")  # no "1e-10000000%": bounded before any arithmetic
            except ValidationError as error:
                raise CellProblem(error.problem) from None
            if not _PLAIN_FIGURE.fullmatch(figure):
                return text  # the validator says it is not a number
            return format((Decimal(figure) / scale).normalize(), "f")
    return text


def _serial_date(value: float, epoch: dt.datetime) -> dt.date:
    try:
        moment = from_excel(value, epoch)
    except (ValueError, OverflowError) as exc:
        raise CellProblem(_("is a number, not a date (write it as 2021-03-09)")) from exc
    if isinstance(moment, dt.datetime):
        return moment.date()
    if isinstance(moment, dt.date):
        return moment
    raise CellProblem(_("is a number, not a date (write it as 2021-03-09)"))


def _compact_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise CellProblem(_("is not a valid calendar date")) from exc


def _as_date(value: object, epoch: dt.datetime) -> dt.date | str:
    """A date, or text for the intake validator to read (it says what is wrong with it)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, dt.time):
        raise CellProblem(_("is a time of day, not a date"))
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 19000101 <= value <= 21001231:
            digits = str(int(value))
            return _compact_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        if _SERIAL_MIN <= value <= _SERIAL_MAX:
            return _serial_date(float(value), epoch)
        raise CellProblem(_("is a number, not a date (write it as 2021-03-09)"))
    text = str(value)
    compact = _COMPACT_DATE.match(text)
    if compact:
        return _compact_date(*(int(part) for part in compact.groups()))
    with_time = _DATE_WITH_TIME.match(text)
    if with_time:
        return with_time.group(1)
    return text


def _date(value: object, epoch: dt.datetime) -> str:
    result = _as_date(value, epoch)
    return result.isoformat() if isinstance(result, dt.date) else result


def _month(value: object, epoch: dt.datetime) -> str:
    if isinstance(value, float) and not value.is_integer():
        text = repr(value)
        if re.fullmatch(r"\d{4}\.\d{2}", text) and 1 <= int(text[5:]) <= 12:
            return f"{text[:4]}-{text[5:]}"  # 2017.07 typed into a number cell
        if re.fullmatch(r"\d{4}\.\d", text):
            raise CellProblem(
                _(
                    "{value} could mean January or October; write the month as text (2017-01 or 2017-10)"
                ).format(value=text)
            )
        raise CellProblem(_("is not a month (write it as 2017-07)"))
    if isinstance(value, (int, float)) and 190001 <= value <= 210012:
        digits = str(int(value))
        if 1 <= int(digits[4:]) <= 12:
            return f"{digits[:4]}-{digits[4:]}"
        raise CellProblem(_("is not a month (write it as 2017-07)"))
    if isinstance(value, str):
        compact = _COMPACT_MONTH.match(value)
        if compact and 1 <= int(compact.group(2)) <= 12:
            return f"{compact.group(1)}-{compact.group(2)}"
        full = _DATE_TEXT.match(value) or _DATE_WITH_TIME.match(value) or _COMPACT_DATE.match(value)
        if not full:
            return value  # the intake validator reads 2017-07, 2017年7月, 2017.7
    result = _as_date(value, epoch)
    if isinstance(result, str):
        parts = re.split(r"[-年/.月日]", result)
        if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
            return f"{int(parts[0]):04d}-{int(parts[1]):02d}"
        return result
    return f"{result:%Y-%m}"
