"""Validation of what people type: ID numbers, credit codes, phones, areas, dates, amounts.

Each validator takes the raw text, the field's stable path and the field's label (already
translated), and returns the clean value or raises :class:`ValidationError` naming the field.
They are the ones intake (the dialog and :mod:`mediation_app.services.cases.intake`), the
spreadsheet import and corrections use, so a value refused in one is refused in all, in the
same words:

- every text first goes through :func:`mediation_app.domain.text.clean_text` (invisible
  characters refused, NFKC, trimmed): :func:`text_field`, :func:`required` for names and free text;
- figures and dates are held to the plausible ranges of :mod:`mediation_app.domain.bounds`,
  checked on the written form before any arithmetic: :func:`amount`, :func:`area`, :func:`rate`
  (a fee standard), :func:`daily_rate` (a late fee), and, given ``today``, :func:`date` and
  :func:`month`;
- the check digits are checked by python-stdnum (身份证号: the parts of ``cn.ric``, see
  :func:`id_number`; 统一社会信用代码: ``cn.uscc``), phone numbers by phonenumbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import phonenumbers
from stdnum import exceptions as stdnum_errors
from stdnum import numdb
from stdnum.cn import ric, uscc

from mediation_app.domain import bounds
from mediation_app.domain.enums import Sex
from mediation_app.domain.text import CONTROL_CHARACTERS, check_stored_text, clean_text
from mediation_app.errors import ValidationError
from mediation_app.i18n import _

__all__ = [
    "CONTROL_CHARACTERS",
    "IdNumber",
    "amount",
    "area",
    "clean_text",
    "credit_code",
    "daily_rate",
    "date",
    "decimal_value",
    "id_number",
    "mask_id_number",
    "mask_phone",
    "month",
    "no_control_characters",
    "phone",
    "rate",
    "required",
    "text_field",
]


def no_control_characters(text: str, field: str, label: str) -> str:
    """Refuse invisible characters: control characters (a NUL byte from a pasted file, say),
    zero-width characters and bidi controls; keep line breaks. (See :mod:`.text`.)"""
    return check_stored_text(text, field, label)


def required(value: str | None, field: str, label: str) -> str:
    text = clean_text(value, field, label)
    if not text:
        raise ValidationError(field, _("is required"), label)
    return text


def text_field(value: str | None, field: str, label: str, *, max_length: int, required_: bool = False) -> str:
    """A name or free text: cleaned (:func:`~.text.clean_text`), required or not, at most
    ``max_length`` characters."""
    text = clean_text(value, field, label)
    if required_ and not text:
        raise ValidationError(field, _("is required"), label)
    if len(text) > max_length:
        raise ValidationError(field, _("is too long (at most {n} characters)").format(n=max_length), label)
    return text


@dataclass(frozen=True)
class IdNumber:
    """A valid 18-digit resident identity number and what it tells."""

    number: str
    birth_date: dt.date
    sex: Sex

    def masked(self) -> str:
        """350304********1234: the region and the last four, for lists and exports."""
        return mask_id_number(self.number)


EARLIEST_BIRTH = dt.date(1900, 1, 1)


def id_number(value: str | None, field: str, label: str, *, today: dt.date | None = None) -> IdNumber:
    """An 18-character resident ID number: the check digit, a real birth date (not after
    ``today`` when given) and a county code that exists.

    The parts of python-stdnum's ``cn.ric`` are called one by one rather than
    ``ric.validate``, which also requires the county to have existed in the birth year. That is
    wrong for the people this centre serves: the code is the place of first registration, and an
    owner born in 1995 in what became 荔城区 (350304, created in 2002) was registered there years
    after birth. Any code the county table has ever held is accepted.
    """
    text = required(value, field, label).upper().replace(" ", "")
    if len(text) != 18:
        raise ValidationError(field, _("must have 18 characters (it has {n})").format(n=len(text)), label)
    if not (re.fullmatch(r"[0-9]{17}[0-9X]", text)):
        raise ValidationError(field, _("is not a valid resident ID number"), label)
    if text[-1] != ric.calc_check_digit(text):
        raise ValidationError(field, _("the check digit is wrong; please check the number"), label)
    try:
        birth = ric.get_birth_date(text)
    except stdnum_errors.ValidationError as exc:
        raise ValidationError(
            field, _("the birth date in the number ({digits}) is not a date").format(digits=text[6:14]), label
        ) from exc
    if birth < EARLIEST_BIRTH or (today is not None and birth > today):
        raise ValidationError(
            field,
            _("the birth date in the number ({date}) is not plausible").format(date=birth.isoformat()),
            label,
        )
    if not _county_exists(text[:6]):
        raise ValidationError(
            field,
            _("the region code in the number ({code}) is not a county of China").format(code=text[:6]),
            label,
        )
    sex = Sex.MALE if int(text[16]) % 2 == 1 else Sex.FEMALE
    return IdNumber(text, birth, sex)


def _county_exists(code: str) -> bool:
    """Whether the six-digit ``code`` names a county (at any time) in stdnum's table."""
    found: dict[str, str] = {}
    for _part, properties in numdb.get("cn/loc").info(code):
        found.update(properties)
    return bool(found.get("province")) and bool(found.get("county"))


def mask_id_number(number: str) -> str:
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    digits = phone.replace(" ", "").replace("-", "")
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def credit_code(value: str | None, field: str, label: str) -> str:
    text = required(value, field, label).upper().replace(" ", "")
    if len(text) != 18:
        raise ValidationError(field, _("must have 18 characters (it has {n})").format(n=len(text)), label)
    try:
        return uscc.validate(text)
    except stdnum_errors.InvalidChecksum as exc:
        raise ValidationError(field, _("the check digit is wrong; please check the code"), label) from exc
    except stdnum_errors.ValidationError as exc:
        raise ValidationError(field, _("is not a valid unified social credit code"), label) from exc


def phone(value: str | None, field: str, label: str, *, optional: bool = False) -> str:
    """A Chinese mobile or landline number, returned as digits (landlines with their area code)."""
    text = clean_text(value, field, label)
    if not text:
        if optional:
            return ""
        raise ValidationError(field, _("is required"), label)
    try:
        parsed = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(field, _("is not a phone number"), label) from exc
    if not phonenumbers.is_valid_number(parsed) or parsed.country_code != 86:
        raise ValidationError(field, _("is not a valid mainland China phone number"), label)
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return national.replace(" ", "")


# A figure as a person writes it, after NFKC (full-width digits are plain by then): ASCII digits,
# an optional fraction, an optional sign. Decimal() alone would also take "1_000", "٣" or "NaN".
_FIGURE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def decimal_value(value: str | Decimal | None, field: str, label: str, *, places: int) -> Decimal:
    """A figure with at most ``places`` decimals, written in digits (thousands separators
    allowed). An exponent or more digits than any figure needs is refused before the text
    becomes a number (:func:`~.bounds.check_number_text`)."""
    if isinstance(value, Decimal):
        number = bounds.check_number(value, field, label) if value.is_finite() else None
        if number is None:
            raise ValidationError(field, _("is not a number"), label)
    else:
        text = required(value, field, label).replace(",", "").replace(" ", "")
        bounds.check_number_text(text, field, label)
        if not _FIGURE.fullmatch(text):
            raise ValidationError(
                field, _("is not a number: {value}").format(value=bounds.shown(text)), label
            )
        number = Decimal(text)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise ValidationError(field, _("may have at most {n} decimal places").format(n=places), label)
    return number


def area(value: str | Decimal | None, field: str, label: str) -> Decimal:
    """A building area in m² (two decimals): 0 < area ≤ 100,000 (:func:`~.bounds.check_area`)."""
    return bounds.check_area(decimal_value(value, field, label, places=2), field, label)


def amount(value: str | Decimal | None, field: str, label: str, *, allow_zero: bool = False) -> Decimal:
    """An amount of money in yuan, whole fen: 0 < amount < 10^10 (0 allowed with ``allow_zero``)."""
    number = decimal_value(value, field, label, places=2)
    return bounds.check_amount(number, field, label, positive=not allow_zero)


def rate(value: str | Decimal | None, field: str, label: str) -> Decimal:
    """A fee standard in yuan per m² per month: 0 ≤ rate ≤ 1,000, at most four decimals."""
    return bounds.check_rate(decimal_value(value, field, label, places=4), field, label)


def daily_rate(value: str | Decimal | None, field: str, label: str) -> Decimal:
    """A late fee's rate per day (万分之五 is 0.0005): 0 < rate ≤ 0.01, at most six decimals."""
    return bounds.check_daily_rate(decimal_value(value, field, label, places=6), field, label)


_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_CN_DATE = re.compile(r"^([0-9]{4})[年/.]([0-9]{1,2})[月/.]([0-9]{1,2})日?$")
_MONTH = re.compile(r"^([0-9]{4})[-年/.]([0-9]{1,2})月?$")


def date(value: str | dt.date | None, field: str, label: str, *, today: dt.date | None = None) -> dt.date:
    """A date typed as 2021-03-09, 2021/3/9, 2021.3.9 or 2021年3月9日.

    With ``today`` the date must also be plausible: from 1990-01-01 to five years after today
    (:func:`~.bounds.check_date`). Every date a case records is checked so; only filters (a
    search from 1900) leave ``today`` out.
    """
    if isinstance(value, dt.date):
        day = value
    else:
        text = required(value, field, label)
        match = _CN_DATE.match(text) or _ISO_DATE.match(text)
        if not match:
            raise ValidationError(field, _("is not a date (write it as 2021-03-09)"), label)
        year, month_number, day_number = (int(part) for part in match.groups())
        try:
            day = dt.date(year, month_number, day_number)
        except ValueError as exc:
            raise ValidationError(field, _("is not a valid calendar date"), label) from exc
    if today is not None:
        bounds.check_date(day, field, label, today)
    return day


def month(value: str | None, field: str, label: str, *, today: dt.date | None = None) -> str:
    """A month typed as 2017-07 (or 2017年7月, 2017/7, 2017.7), returned as YYYY-MM.

    With ``today`` the month must be plausible (:func:`date`): from 1990-01 to the month five
    years after today.
    """
    text = required(value, field, label)
    match = _MONTH.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        raise ValidationError(field, _("is not a month (write it as 2017-07)"), label)
    year, number = int(match.group(1)), int(match.group(2))
    if today is not None:
        # As the calculator's months: from 1990-01 to the month of the latest plausible day.
        bounds.check_date(dt.date(year, number, 1), field, label, today)
    return f"{year:04d}-{number:02d}"
