"""How dates and amounts look inside workflow messages and SMS texts.

One place, so that a deadline named in an error and the same deadline in an SMS read alike. The
locale is the language in force (:func:`mediation_app.i18n.language`) unless one is given: an SMS
is written in its template's language whatever the clerk's screen shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from babel.dates import format_date as _babel_format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from mediation_app.i18n import _, language
from mediation_app.money import to_money


def format_day(day: dt.date, locale: str | None = None) -> str:
    """``2026年3月5日`` in Chinese, ``March 5, 2026`` in English."""
    return _babel_format_date(day, "long", locale=locale or language())


def format_moment(moment: dt.datetime, locale: str | None = None) -> str:
    """A date with its clock time (24-hour), as a session notice states it."""
    return f"{format_day(moment.date(), locale)} {moment:%H:%M}"


def format_amount(amount: Decimal, locale: str | None = None) -> str:
    """Yuan with thousands separators and exactly two decimals (``14,474.72``), rounded half-up.

    The unit (元, CNY) is written by the sentence around it, so a template reads naturally.
    """
    return format_decimal(to_money(amount), "#,##0.00", locale=locale or language())


def quoted(text: str) -> str:
    """A label set off in the sentence (“…” in both languages; the catalogue may change it)."""
    return _("“{text}”").format(text=text)


def any_of(labels: Iterable[str]) -> str:
    """``A、B或C`` / ``A, B, or C``."""
    return format_list(list(labels), style="or", locale=language())


def all_of(labels: Iterable[str]) -> str:
    """``A、B和C`` / ``A, B, and C``."""
    return format_list(list(labels), locale=language())
