"""How money, dates and areas are written: one place, so the screen and the PDF always agree.

Everything goes through babel with the language in force (:func:`mediation_app.i18n.language`).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as _format_date
from babel.numbers import format_decimal

from mediation_app.i18n import language

FEN = Decimal("0.01")


def money(amount: Decimal, *, symbol: bool = True) -> str:
    """¥14,474.72 (or 14,474.72 without the symbol); always two decimals, rounded half-up."""
    value = amount.quantize(FEN, rounding=ROUND_HALF_UP)
    digits = format_decimal(abs(value), format="#,##0.00", locale=language())
    sign = "-" if value < 0 else ""
    # "¥" in both languages (babel's English symbol is "CN¥"): the documents are Chinese legal
    # papers and the screen must read exactly like them.
    return f"{sign}¥{digits}" if symbol else f"{sign}{digits}"


def area(value: Decimal) -> str:
    """119.42 m²."""
    return f"{format_decimal(value, format='#,##0.00', locale=language())} m²"


def rate(value: Decimal) -> str:
    """A fee standard in yuan per m² per month, with as many decimals as it has (at least two)."""
    places = max(2, -int(value.as_tuple().exponent)) if isinstance(value.as_tuple().exponent, int) else 2
    return format_decimal(value, format="#,##0." + "0" * places, locale=language())


def date(value: dt.date | None) -> str:
    """2021年3月9日 in Chinese, Mar 9, 2021 in English; empty for no date."""
    if value is None:
        return ""
    return _format_date(value, format="long" if language() == "zh_CN" else "medium", locale=language())


def short_date(value: dt.date | None) -> str:
    """2021-03-09: for tables, where columns must line up."""
    return value.isoformat() if value else ""
