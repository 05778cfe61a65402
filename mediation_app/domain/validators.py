"""Validation of what people type: ID numbers, credit codes, phones, areas, dates, amounts.

Each validator takes the raw text, the field's stable path and the field's label (already
translated), and returns the clean value or raises :class:`ValidationError` naming the field.
The check digits are checked by python-stdnum (身份证号: ``cn.ric``; 统一社会信用代码: ``cn.uscc``),
phone numbers by phonenumbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import phonenumbers
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

from mediation_app.domain.enums import Sex
from mediation_app.errors import ValidationError
from mediation_app.i18n import _

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(text: str, field: str, label: str) -> str:
    """Refuse invisible control characters (a NUL byte from a pasted file, say); keep line breaks."""
    if CONTROL_CHARACTERS.search(text):
        raise ValidationError(field, _("contains an invisible control character; please retype it"), label)
    return text


def required(value: str | None, field: str, label: str) -> str:
    text = no_control_characters((value or "").strip(), field, label)
    if not text:
        raise ValidationError(field, _("is required"), label)
    return text


def text_field(value: str | None, field: str, label: str, *, max_length: int, required_: bool = False) -> str:
    text = no_control_characters((value or "").strip(), field, label)
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


def id_number(value: str | None, field: str, label: str) -> IdNumber:
    text = required(value, field, label).upper().replace(" ", "")
    if len(text) != 18:
        raise ValidationError(field, _("must have 18 characters (it has {n})").format(n=len(text)), label)
    try:
        number = ric.validate(text)
    except stdnum_errors.InvalidChecksum as exc:
        raise ValidationError(field, _("the check digit is wrong; please check the number"), label) from exc
    except stdnum_errors.InvalidComponent as exc:
        raise ValidationError(field, _("the birth date or region in the number is not valid"), label) from exc
    except stdnum_errors.ValidationError as exc:
        raise ValidationError(field, _("is not a valid resident ID number"), label) from exc
    birth = ric.get_birth_date(number)
    sex = Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE
    return IdNumber(number, birth, sex)


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
    text = (value or "").strip()
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


def decimal_value(value: str | Decimal | None, field: str, label: str, *, places: int) -> Decimal:
    if isinstance(value, Decimal):
        number = value
    else:
        text = required(value, field, label).replace(",", "").replace("，", "")
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise ValidationError(field, _("is not a number"), label) from exc
    if not number.is_finite():
        raise ValidationError(field, _("is not a number"), label)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise ValidationError(field, _("may have at most {n} decimal places").format(n=places), label)
    return number


def area(value: str | Decimal | None, field: str, label: str) -> Decimal:
    number = decimal_value(value, field, label, places=2)
    if number <= 0:
        raise ValidationError(field, _("must be greater than zero"), label)
    if number > Decimal("100000"):
        raise ValidationError(field, _("is implausibly large for one unit"), label)
    return number


def amount(value: str | Decimal | None, field: str, label: str, *, allow_zero: bool = False) -> Decimal:
    number = decimal_value(value, field, label, places=2)
    if number < 0 or (number == 0 and not allow_zero):
        raise ValidationError(field, _("must be greater than zero"), label)
    return number


_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_CN_DATE = re.compile(r"^(\d{4})[年/.](\d{1,2})[月/.](\d{1,2})日?$")


def date(value: str | dt.date | None, field: str, label: str) -> dt.date:
    """A date typed as 2021-03-09, 2021/3/9, 2021.3.9 or 2021年3月9日."""
    if isinstance(value, dt.date):
        return value
    text = required(value, field, label)
    match = _CN_DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    elif _ISO_DATE.match(text):
        year, month, day = (int(part) for part in text.split("-"))
    else:
        raise ValidationError(field, _("is not a date (write it as 2021-03-09)"), label)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValidationError(field, _("is not a valid calendar date"), label) from exc


def month(value: str | None, field: str, label: str) -> str:
    """A month typed as 2017-07 (or 2017年7月), returned as YYYY-MM."""
    text = required(value, field, label)
    match = re.match(r"^(\d{4})[-年/.](\d{1,2})月?$", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(field, _("is not a month (write it as 2017-07)"), label)
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"
