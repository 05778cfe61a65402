"""Money: exact decimal yuan, half-up rounding to the fen, strict parsing, and 大写金额.

Money in the core is :class:`decimal.Decimal` (never float). Figures are rounded half-up to the
fen (0.01 yuan) per line; storage keeps whole fen as integers (:func:`to_fen`, :func:`from_fen`).
Hot loops (the arrears calculator) work in integer fen and round exact fractions with
:func:`round_half_up`, which gives the same result as ``Decimal.quantize(..., ROUND_HALF_UP)`` on
the exact value.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from mediation_app.domain.bounds import (
    MAX_INTEGER_DIGITS,
    check_integer,
    check_number,
    check_number_text,
    shown,
)
from mediation_app.errors import ValidationError
from mediation_app.i18n import _

FEN = Decimal("0.01")
ZERO = Decimal("0.00")

# Digits, an optional fraction; an optional leading minus. No exponent, no spaces, no "NaN":
# what a person types in a figure and nothing that Decimal() would also accept by surprise.
_DECIMAL_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?")


# 大写 covers up to 9999 万亿 (16 integer digits), the range of the financial uppercase rules.
_UPPERCASE_LIMIT = Decimal(10) ** 16


def to_money(value: Decimal) -> Decimal:
    """``value`` rounded half-up to the fen (``Decimal("2.345")`` → ``Decimal("2.35")``)."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def round_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded to the nearest integer, halves away from zero.

    Exact on integers: the calculator keeps money in fen and fractions as integer pairs, so
    this is the one rounding step for every line, the same rule as ``ROUND_HALF_UP``.
    """
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    if numerator < 0:
        return -((-2 * numerator + denominator) // (2 * denominator))
    return (2 * numerator + denominator) // (2 * denominator)


def to_fen(value: Decimal) -> int:
    """Whole fen in ``value`` (``Decimal("12.30")`` → ``1230``); refuses a fraction of a fen.

    Round first with :func:`to_money` if the figure may carry more than two decimals: silently
    dropping part of a fen here would hide an error upstream.
    """
    numerator, denominator = value.as_integer_ratio()  # exact; ValueError for NaN/Infinity
    if 100 % denominator:
        raise ValueError(f"{value} is not a whole number of fen")
    return numerator * (100 // denominator)


def from_fen(fen: int) -> Decimal:
    """``fen`` as yuan with two decimals (``1230`` → ``Decimal("12.30")``).

    ``FEN * fen`` is exact (the int converts exactly, the product has FEN's exponent) and about
    four times faster than ``Decimal(fen).scaleb(-2)``: no constructor call, no argument parsing.
    """
    return FEN * fen


def parse_decimal(
    value: Any,
    field: str,
    *,
    max_places: int | None = None,
    label: str | None = None,
) -> Decimal:
    """Read a decimal figure strictly, naming ``field`` in the error.

    Accepts a string of digits with an optional fraction and leading minus (``"2.20"``), an int,
    or a finite Decimal. A float is refused: it has already lost the exact figure. With
    ``max_places`` the figure may not have more decimals than that (``"1.234"`` is not money).
    """
    # The bounds on digits and exponent come before Decimal(): "1e-10000000" or a 5,001-digit
    # figure would otherwise cost minutes of exact arithmetic later.
    if isinstance(value, bool):
        raise ValidationError(field, _('must be a number written as text, such as "2.20"'), label)
    if isinstance(value, str):
        check_number_text(value, field, label)
        if not _DECIMAL_TEXT.fullmatch(value):
            raise ValidationError(field, _("is not a number: {value!r}").format(value=shown(value)), label)
        number = Decimal(value)
    elif isinstance(value, int):
        number = Decimal(check_integer(value, field, label))
    elif isinstance(value, Decimal) and value.is_finite():
        number = value
    else:
        raise ValidationError(field, _('must be a number written as text, such as "2.20"'), label)
    check_number(number, field, label)
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # finite by construction
    if max_places is not None and -exponent > max_places:
        raise ValidationError(
            field,
            _("has more than {places} decimal places: {value}").format(places=max_places, value=number),
            label,
        )
    return number


def parse_money(value: Any, field: str, *, label: str | None = None) -> Decimal:
    """A money amount: a decimal figure with at most two decimal places (whole fen)."""
    return parse_decimal(value, field, max_places=2, label=label)


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("仟", "佰", "拾", "")


@cache  # at most 9,999 groups, read again and again (every payable of every case)
def _group_words(group: int) -> str:
    """1–9999 in uppercase: one 零 for a run of zeros inside, none for trailing zeros."""
    words: list[str] = []
    zero = False
    for unit, digit in zip(_SMALL_UNITS, f"{group:04d}", strict=True):
        if digit == "0":
            zero = bool(words)
        else:
            if zero:
                words.append("零")
                zero = False
            words.append(_DIGITS[int(digit)] + unit)
    return "".join(words)


def _below_yi(number: int) -> str:
    """0–99999999 in uppercase (two groups of four digits around 万)."""
    high, low = divmod(number, 10_000)
    words = _group_words(high) + "万" if high else ""
    if low:
        if high and low < 1000:
            words += "零"  # zeros between 万 and the next digit
        words += _group_words(low)
    return words


def _integer_words(number: int) -> str:
    high, low = divmod(number, 100_000_000)
    words = _below_yi(high) + "亿" if high else ""
    if low:
        # One 零 when the first non-zero group below 亿 starts with a zero (壹亿零伍佰万,
        # 壹亿零壹元); an all-zero 万 group is not read on its own (壹亿壹仟, as cn2an and the
        # schoolbook rule "zeros ending a group are not read").
        first_group = low // 10_000 or low
        if high and first_group < 1000:
            words += "零"
        words += _below_yi(low)
    return words


def uppercase_rmb(amount: Decimal) -> str:
    """The financial uppercase (大写) of ``amount``, e.g. ``人民币壹万零伍元整``.

    The figure is rounded half-up to the fen first. The rules (issue 3, rule 7): prefix 人民币;
    壹拾 for ten; one 零 for each run of zeros inside the number and between 万/亿 groups
    (壹万零伍元整, 壹拾万零伍佰元整; zeros ending a group are not read, as the payment rules allow:
    壹拾万壹仟元整, 壹亿壹仟元整); 元整 when
    there are no jiao and fen; nothing after 角 when there is no fen (伍角); 元零X分 when the jiao
    is zero; 人民币零元整 for zero. The tests check it against cn2an's ``an2cn(…, "rmb")``, which
    follows the same rules but takes ~70 ms to import and truncates past the fen. Raises
    ValueError for a negative amount or one of 10^16 yuan or more.
    """
    rounded = to_money(amount)
    if rounded < 0:
        raise ValueError(f"no uppercase form for a negative amount: {amount}")
    if rounded >= _UPPERCASE_LIMIT:
        raise ValueError(f"too large for the uppercase form: {amount}")
    integer, cents = divmod(to_fen(rounded), 100)
    jiao, fen = divmod(cents, 10)
    if not integer:
        if not cents:
            return "人民币零元整"
        return "人民币" + (_DIGITS[jiao] + "角" if jiao else "") + (_DIGITS[fen] + "分" if fen else "")
    words = "人民币" + _integer_words(integer) + "元"
    if not cents:
        return words + "整"
    if not jiao:
        return words + "零" + _DIGITS[fen] + "分"
    return words + _DIGITS[jiao] + "角" + (_DIGITS[fen] + "分" if fen else "")


__all__ = [
    "FEN",
    "MAX_INTEGER_DIGITS",
    "ZERO",
    "from_fen",
    "parse_decimal",
    "parse_money",
    "round_half_up",
    "to_fen",
    "to_money",
    "uppercase_rmb",
]
