"""How figures, dates and amounts are written in documents.

Dates and yuan figures come from the same helpers as the screens and messages
(:mod:`mediation_app.workflow.formatting`), and the financial uppercase from
:func:`mediation_app.money.uppercase_rmb`, so a document never disagrees with the screen.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from mediation_app.i18n import _, language
from mediation_app.money import uppercase_rmb
from mediation_app.workflow.formatting import format_amount, format_day

_NUMERALS = "〇一二三四五六七八九"


# babel parses its locale on every call; a statement formats ~500 figures and dates, mostly
# repeats (the same monthly fee, the first of each month), so results are cached per language.
@lru_cache(maxsize=8192)
def _day(value: dt.date, language_code: str) -> str:
    return format_day(value, language_code)


@lru_cache(maxsize=8192)
def _amount(value: Decimal, language_code: str) -> str:
    return format_amount(value, language_code)


def day(value: dt.date | None) -> str:
    """``2021年3月10日``; a blank to fill in by hand when there is no date."""
    if value is None:
        return _("____ year __ month __ day")
    return _day(value, language())


def amount(value: Decimal) -> str:
    """``14,474.72``: thousands separators, two decimals, half-up."""
    return _amount(value, language())


def yuan(value: Decimal) -> str:
    """``14,474.72元``."""
    return _("{amount} yuan").format(amount=amount(value))


def rmb(value: Decimal) -> str:
    """An amount in words and in figures, as agreements state it:
    ``人民币壹万肆仟肆佰柒拾肆元柒角贰分（¥14,474.72）``."""
    return _("{words} (¥{figures})").format(words=uppercase_rmb(value), figures=amount(value))


def area(value: Decimal) -> str:
    """``119.42平方米``."""
    return _("{area} m²").format(area=format(value, "f"))


def rate(value: Decimal) -> str:
    """A fee standard: ``2.80元/平方米/月``."""
    return _("{rate} yuan/m²/month").format(rate=format(value, "f"))


def month(year: int, month_number: int) -> str:
    """``2017年8月``."""
    return _("{month}/{year}").format(year=year, month=month_number)


def span(start: str, end: str) -> str:
    """``A至B``."""
    return _("{start} to {end}").format(start=start, end=end)


def percent(ratio: Decimal | None) -> str:
    """``47.4%`` (one decimal, half-up); a dash when there is nothing to divide."""
    if ratio is None:
        return "—"
    shown = (ratio * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{shown}%"


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (clause numbers)."""
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    text = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens] + "十")
    return text + (_NUMERALS[units] if units else "")


def clause_number(number: int) -> str:
    """The number of an agreed term: ``一、`` in Chinese, ``1. `` otherwise."""
    if language().startswith("zh"):
        return chinese_number(number) + "、"
    return f"{number}. "


def item_number(number: int) -> str:
    """The number of a sub-item: ``（一）`` in Chinese, ``(1) `` otherwise."""
    if language().startswith("zh"):
        return f"（{chinese_number(number)}）"
    return f"({number}) "


__all__ = [
    "amount",
    "area",
    "chinese_number",
    "clause_number",
    "day",
    "item_number",
    "month",
    "percent",
    "rate",
    "rmb",
    "span",
    "yuan",
]
