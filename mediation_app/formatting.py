"""How figures, dates and periods are written: the one formatter of the screens, the documents, SMS
texts, exports and messages, so that a figure reads the same wherever it appears.

Every function takes ``locale`` (``"zh_CN"`` or ``"en"``); ``None`` means the language in force
(:func:`mediation_app.i18n.language`). Nothing here switches the language: a text in another
language than the screen's (an SMS in its template's language, a document issued in Chinese) passes
its locale. Babel (CLDR) writes the figures and dates, after one rounding rule: half-up, as money is
rounded (a share of 0.1225 is 12.3%, where babel alone rounds half-even to 12.2%).

One form per value and language:

=================  ==========================================  ==========================================
function           zh_CN                                       en
=================  ==========================================  ==========================================
money              ¥14,474.72                                  ¥14,474.72
amount             14,474.72                                   14,474.72
yuan               14,474.72元                                 14,474.72 yuan
rmb                人民币壹万肆仟肆佰柒拾肆元柒角贰分（¥14,474.72）  人民币壹万肆仟肆佰柒拾肆元柒角贰分 (¥14,474.72)
plain_amount       14474.72 (JSON, CSV, an input field: no separators, any language)
count              1,234                                       1,234
number             12.3 (places given, rounded half-up)        12.3
percent            12.3% (a computed share, one decimal)       12.3%
exact_percent      0.05% (an agreed rate, as stated)           0.05%
area               1,119.40平方米                               1,119.40 m²
fee_rate           2.80元/平方米/月                              2.80 yuan/m²/month
rate_figure        2.80                                        2.80
date               2021年3月9日                                 March 9, 2021
moment             2021年3月9日 20:00                           March 9, 2021, 20:00
clock_time         20:00                                       20:00
month              2017年8月                                    August 2017
period             2017年8月1日至2021年3月9日                     August 1, 2017 to March 9, 2021
month_period       2017年8月至2021年2月                           August 2017 to February 2021
short_date         2021-03-09 (table columns, any language)
short_moment       2021-03-09 20:00
short_month        2017-08
short_period       2017-08-01 – 2021-03-09
=================  ==========================================  ==========================================

Money is "¥" in both languages (babel's English symbol is "CN¥"): the documents are Chinese legal
papers and the screen reads exactly like them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from typing import Protocol

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_skeleton
from babel.lists import format_list
from babel.numbers import NumberPattern, parse_pattern
from babel.support import NullTranslations, Translations

from mediation_app.clock import CHINA
from mediation_app.i18n import DOMAIN, N_, language
from mediation_app.money import FEN, to_money, uppercase_rmb
from mediation_app.paths import resources_dir

_GROUPED = parse_pattern("#,##0.00")
_ONE_PLACE_PERCENT = parse_pattern("#,##0.0%")
_TENTH = Decimal("0.001")  # a ratio at one decimal of a percent


class YearMonth(Protocol):
    """A calendar month: :class:`mediation_app.fees.Month`, or any date (its month)."""

    @property
    def year(self) -> int: ...

    @property
    def month(self) -> int: ...


# --- the locale ------------------------------------------------------------------------------------


def _code(locale: str | None) -> str:
    return locale or language()


@cache
def _locale(code: str) -> Locale:
    return Locale.parse(code)


@cache
def _catalogue(code: str) -> NullTranslations:
    """The message catalogue of ``code``, whatever language is in force (English is the ids)."""
    if code == "en" or code.startswith("en_"):
        return NullTranslations()
    folder = resources_dir() / "locale"
    found = Translations.load(str(folder), [code], DOMAIN)
    if not isinstance(found, Translations):
        raise FileNotFoundError(f"no compiled catalogue for {code} in {folder}; run `make catalogues`")
    return found


def _words(message: str, code: str) -> str:
    """``message`` (marked with ``N_``) in the language ``code``."""
    return _catalogue(code).gettext(message)


@cache
def _places_pattern(places: int, suffix: str = "") -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * places if places else "") + suffix)


def _places(value: Decimal) -> int:
    """The decimals ``value`` is written with, trailing zeros dropped (``2.800`` → 1, ``2.805`` → 3)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


# --- money -----------------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _amount(value: Decimal, code: str) -> str:
    # A statement writes ~500 figures, mostly repeats (the same monthly fee): cached per language.
    # The key is already rounded to the fen, so 1.0 and 1.00 (equal as keys) read alike anyway.
    return str(_GROUPED.apply(value, _locale(code)))


def amount(value: Decimal, locale: str | None = None) -> str:
    """``14,474.72``: yuan in figures, thousands separated, two decimals, rounded half-up.

    For a column headed "Amount (yuan)" and a sentence that names the unit itself.
    """
    return _amount(to_money(value), _code(locale))


def money(value: Decimal, locale: str | None = None) -> str:
    """``¥14,474.72`` (``-¥5.00`` below zero)."""
    rounded = to_money(value)
    sign = "-" if rounded < 0 else ""
    return f"{sign}¥{_amount(abs(rounded), _code(locale))}"


def yuan(value: Decimal, locale: str | None = None) -> str:
    """``14,474.72元`` / ``14,474.72 yuan``."""
    code = _code(locale)
    return _words(N_("{amount} yuan"), code).format(amount=amount(value, code))


def rmb(value: Decimal, locale: str | None = None) -> str:
    """An amount in words and in figures, as agreements state it:
    ``人民币壹万肆仟肆佰柒拾肆元柒角贰分（¥14,474.72）``. ValueError below zero."""
    code = _code(locale)
    return _words(N_("{words} (¥{figures})"), code).format(
        words=uppercase_rmb(value), figures=amount(value, code)
    )


def plain_amount(value: Decimal) -> str:
    """``14474.72``: the figure as stored and exchanged (JSON, an input field to edit): two
    decimals, rounded half-up, no separators, the same in every language."""
    return format(to_money(value), "f")


# --- counts and other figures ----------------------------------------------------------------------


def count(value: int, locale: str | None = None) -> str:
    """``1,234``: a number of cases, payments, days."""
    return str(_places_pattern(0).apply(value, _locale(_code(locale))))


def number(value: Decimal, places: int, locale: str | None = None) -> str:
    """A measured figure with ``places`` decimals, rounded half-up (an average of 12.25 days, one
    place: ``12.3``)."""
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return str(_places_pattern(places).apply(rounded, _locale(_code(locale))))


# --- percentages -----------------------------------------------------------------------------------


def percent(ratio: Decimal | None, locale: str | None = None) -> str:
    """A computed share (0..1) as ``12.3%``: one decimal, rounded half-up (0.1225 → 12.3%,
    0.1224999 → 12.2%); a dash when there is nothing to divide."""
    if ratio is None:
        return "—"
    rounded = ratio.quantize(_TENTH, rounding=ROUND_HALF_UP)
    return str(_ONE_PLACE_PERCENT.apply(rounded, _locale(_code(locale))))


def exact_percent(ratio: Decimal, locale: str | None = None) -> str:
    """A rate or share as agreed or typed (0.0005 → ``0.05%``, 0.5 → ``50%``, 1 → ``100%``),
    with every decimal it has: rounding an agreed figure would change what was agreed."""
    return _exact_percent(ratio, _code(locale))


# Cached like the amounts. Equal decimals of another scale (0.5, 0.50) are one key, and rightly:
# these forms drop trailing zeros first, so they read alike.
@lru_cache(maxsize=1024)
def _exact_percent(ratio: Decimal, code: str) -> str:
    pattern = _places_pattern(_places(ratio.scaleb(2)), "%")
    return str(pattern.apply(ratio, _locale(code)))


# --- areas and fee standards -----------------------------------------------------------------------


def area(value: Decimal, locale: str | None = None) -> str:
    """``1,119.40平方米`` / ``1,119.40 m²``: two decimals, rounded half-up."""
    code = _code(locale)
    figures = str(_GROUPED.apply(value.quantize(FEN, rounding=ROUND_HALF_UP), _locale(code)))
    return _words(N_("{area} m²"), code).format(area=figures)


def rate_figure(value: Decimal, locale: str | None = None) -> str:
    """A fee standard in yuan per m² per month, figures only: ``2.80`` (at least two decimals,
    more when it has them: ``2.805``; a standard is stated, never rounded)."""
    return _rate_figure(value, _code(locale))


@lru_cache(maxsize=1024)
def _rate_figure(value: Decimal, code: str) -> str:
    return str(_places_pattern(max(2, _places(value))).apply(value, _locale(code)))


def fee_rate(value: Decimal, locale: str | None = None) -> str:
    """``2.80元/平方米/月`` / ``2.80 yuan/m²/month``."""
    code = _code(locale)
    return _words(N_("{rate} yuan/m²/month"), code).format(rate=rate_figure(value, code))


# --- dates, times, months, periods -----------------------------------------------------------------


@lru_cache(maxsize=8192)
def _date(value: dt.date, code: str) -> str:
    return _babel_date(value, "long", locale=_locale(code))


def date(value: dt.date | None, locale: str | None = None) -> str:
    """``2021年3月9日`` / ``March 9, 2021``: on screens and on paper alike; empty for no date."""
    if value is None:
        return ""
    return _date(value, _code(locale))


def _local(value: dt.datetime) -> dt.datetime:
    """A moment on the centre's clock (China Standard Time); a naive one is taken as it is."""
    return value.astimezone(CHINA) if value.tzinfo is not None else value


def clock_time(value: dt.datetime | dt.time, *, seconds: bool = False) -> str:
    """``20:00`` (24-hour, China Standard Time; ``20:00:05`` with ``seconds``)."""
    shown = _local(value) if isinstance(value, dt.datetime) else value
    return shown.strftime("%H:%M:%S" if seconds else "%H:%M")


def moment(value: dt.datetime, locale: str | None = None) -> str:
    """``2021年3月9日 20:00`` / ``March 9, 2021, 20:00``: a date with its clock time, joined as the
    language joins them (CLDR)."""
    code = _code(locale)
    local = _local(value)
    glue = _locale(code).datetime_formats["medium"]
    return str(glue).format(clock_time(local), date(local.date(), code))


def month(value: YearMonth, locale: str | None = None) -> str:
    """``2017年8月`` / ``August 2017``."""
    return _month(value.year, value.month, _code(locale))


@lru_cache(maxsize=4096)
def _month(year: int, month_number: int, code: str) -> str:
    # A statement names every month of the claim: babel's skeleton matching is worth caching.
    return format_skeleton("yMMMM", dt.date(year, month_number, 1), locale=_locale(code))


def _span(start: str, end: str, code: str) -> str:
    if start == end:
        return start
    return _words(N_("{start} to {end}"), code).format(start=start, end=end)


def period(
    start: dt.date, end: dt.date, locale: str | None = None, *, whole: Callable[[str], str] = str
) -> str:
    """``2017年8月1日至2021年3月9日`` / ``August 1, 2017 to March 9, 2021``; one date when both
    ends are the same day. ``whole`` keeps each date from being split across lines (a PDF table
    cell passes its word joiner: the line then breaks beside 至, not inside a date)."""
    code = _code(locale)
    return _span(whole(date(start, code)), whole(date(end, code)), code)


def month_period(first: YearMonth, last: YearMonth, locale: str | None = None) -> str:
    """``2017年8月至2021年2月`` / ``August 2017 to February 2021``; one month when they are the same."""
    code = _code(locale)
    return _span(month(first, code), month(last, code), code)


def short_date(value: dt.date | None) -> str:
    """``2021-03-09``: for table columns, where dates must line up and sort; empty for no date."""
    return value.isoformat() if value else ""


def short_moment(value: dt.datetime | None, *, seconds: bool = False) -> str:
    """``2021-03-09 20:00`` (China Standard Time): for tables and logs; empty for none."""
    if value is None:
        return ""
    local = _local(value)
    return f"{local.date().isoformat()} {clock_time(local, seconds=seconds)}"


def short_month(value: YearMonth) -> str:
    """``2017-08``: a month in a table column."""
    return f"{value.year:04d}-{value.month:02d}"


def short_period(start: dt.date | None, end: dt.date | None) -> str:
    """``2017-08-01 – 2021-03-09`` for a table column; an open end is left blank; empty for neither."""
    if start is None and end is None:
        return ""
    return f"{short_date(start)} – {short_date(end)}"


# --- words around values ---------------------------------------------------------------------------


def quoted(text: str, locale: str | None = None) -> str:
    """A label set off in the sentence (“…” in both languages; the catalogue may change it)."""
    return _words(N_("“{text}”"), _code(locale)).format(text=text)


def labelled(label: str, value: str, locale: str | None = None) -> str:
    """``短信已发送：…`` / ``SMS sent: …``: a label and what follows it, with the colon of the
    language (a full-width one beside Chinese)."""
    return _words(N_("{label}: {value}"), _code(locale)).format(label=label, value=value)


def any_of(labels: Iterable[str], locale: str | None = None) -> str:
    """``A、B或C`` / ``A, B, or C``."""
    return format_list(list(labels), style="or", locale=_locale(_code(locale)))


def all_of(labels: Iterable[str], locale: str | None = None) -> str:
    """``A、B和C`` / ``A, B, and C``."""
    return format_list(list(labels), locale=_locale(_code(locale)))


__all__ = [
    "YearMonth",
    "all_of",
    "amount",
    "any_of",
    "area",
    "clock_time",
    "count",
    "date",
    "exact_percent",
    "fee_rate",
    "labelled",
    "moment",
    "money",
    "month",
    "month_period",
    "number",
    "percent",
    "period",
    "plain_amount",
    "quoted",
    "rate_figure",
    "rmb",
    "short_date",
    "short_moment",
    "short_month",
    "short_period",
    "yuan",
]
