"""What only documents write: Chinese numerals and the numbering of clauses and sub-items.

Every figure, amount (in figures and in financial uppercase), percentage, area, date and period
comes from :mod:`mediation_app.formatting`, the formatter the screens use too, so a document never
disagrees with the screen.
"""

from __future__ import annotations

from mediation_app.i18n import language

_NUMERALS = "〇一二三四五六七八九"


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (clause numbers)."""
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    text = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens] + "十")
    return text + (_NUMERALS[units] if units else "")


def _chinese(locale: str | None) -> bool:
    return (locale or language()).startswith("zh")


def clause_number(number: int, locale: str | None = None) -> str:
    """The number of an agreed term: ``一、`` in Chinese, ``1. `` otherwise."""
    if _chinese(locale):
        return chinese_number(number) + "、"
    return f"{number}. "


def item_number(number: int, locale: str | None = None) -> str:
    """The number of a sub-item: ``（一）`` in Chinese, ``(1) `` otherwise."""
    if _chinese(locale):
        return f"（{chinese_number(number)}）"
    return f"({number}) "


__all__ = ["chinese_number", "clause_number", "item_number"]
