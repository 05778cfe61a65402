"""Plausible ranges for every figure and date the application accepts, in one place.

Intake, spreadsheet import, corrections and the calculator all check their input with these
functions, so a figure refused in one place is refused everywhere, with the same words. Each
check takes the value, the ``field`` (a stable path such as ``"payments[1].amount"``) and the
``label`` the user knows the field by, returns the value when it is plausible and raises
:class:`~mediation_app.errors.ValidationError` otherwise.

Why bounds at all: a figure nobody could mean (an area of 1e-10000000 m², a 5,001-digit amount,
a calculation date in 9999) is either a typing slip or an attack; in exact arithmetic it can
cost minutes or overflow a database column. Numbers are therefore checked *before* any
arithmetic: :func:`check_number_text` on the written form (no exponent, a bounded number of
digits), :func:`check_number` on a Decimal (finite, bounded digits and exponent), then the
range of what the figure is.

The ranges:

- money: 0 ≤ amount < 10,000,000,000 yuan, whole fen;
- building area: 0 < area ≤ 100,000 m²;
- fee standard (unit price): 0 ≤ rate ≤ 1,000 yuan per m² per month, at most four decimals;
- late-fee daily rate: 0 < rate ≤ 0.01 (1% a day, far above any contract's 万分之三–千分之三);
- ratios (a waiver, a cap): 0 ≤ ratio ≤ 1;
- dates: from 1990-01-01 (before any property-service fee dispute this centre handles) to five
  years after today (a payment plan's last instalment; a later date is a typing slip).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from mediation_app.errors import ValidationError
from mediation_app.i18n import _

EARLIEST_DATE = dt.date(1990, 1, 1)
FUTURE_YEARS = 5

# How a figure may be written: digits before and after the point. Every check below keeps exact
# arithmetic on accepted figures to a few dozen digits.
MAX_INTEGER_DIGITS = 12
MAX_DECIMAL_PLACES = 20

MAX_AMOUNT = Decimal(10) ** 10  # yuan, exclusive
AMOUNT_PLACES = 2
MAX_AREA = Decimal(100_000)  # m², inclusive
MAX_RATE = Decimal(1000)  # yuan per m² per month, inclusive
RATE_PLACES = 4
MAX_DAILY_RATE = Decimal("0.01")
MAX_RATIO = Decimal(1)

# A number in scientific notation, as JSON and Decimal() would read it ("1e-10000000", "5E2").
_EXPONENT_FORM = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+")

_QUOTED_LENGTH = 24  # a value quoted in an error is cut to this: one short line, whatever came in


def shown(value: object) -> str:
    """``value`` as an error message quotes it: cut short, so a hostile input stays one line."""
    text = value if isinstance(value, str) else str(value)
    text = text.replace("\n", " ")
    return text if len(text) <= _QUOTED_LENGTH else text[:_QUOTED_LENGTH] + "…"


def _error(field: str, label: str | None, problem: str) -> ValidationError:
    return ValidationError(field, problem, label)


def check_number_text(text: str, field: str, label: str | None = None) -> str:
    """A figure as written (``"-2.80"``): refuse an exponent or too many digits *before* the text
    becomes a number. Anything else that is not digits is left to the caller's own check."""
    if _EXPONENT_FORM.fullmatch(text):
        raise _error(
            field,
            label,
            _("is written with an exponent ({value}); write the figure out in digits").format(
                value=shown(text)
            ),
        )
    whole, _point, fraction = text.lstrip("+-").partition(".")
    if len(whole.lstrip("0")) > MAX_INTEGER_DIGITS or len(fraction) > MAX_DECIMAL_PLACES:
        raise _error(field, label, _too_many_digits(len(whole) + len(fraction)))
    return text


def check_integer(value: int, field: str, label: str | None = None) -> int:
    """A whole number with at most ``MAX_INTEGER_DIGITS`` digits, checked without printing it
    (a 5,001-digit integer cannot even be turned into text)."""
    if abs(value) >= 10**MAX_INTEGER_DIGITS:
        raise _error(
            field,
            label,
            _("is too large: more than {integer} digits").format(integer=MAX_INTEGER_DIGITS),
        )
    return value


def _too_many_digits(count: int) -> str:
    return _(
        "has too many digits ({count}): at most {integer} before the decimal point and {places} after"
    ).format(count=count, integer=MAX_INTEGER_DIGITS, places=MAX_DECIMAL_PLACES)


def check_number(value: Decimal, field: str, label: str | None = None) -> Decimal:
    """A finite Decimal with at most ``MAX_INTEGER_DIGITS`` digits before the point and
    ``MAX_DECIMAL_PLACES`` after, checked without any arithmetic on it."""
    if type(value) is not Decimal or not value.is_finite():
        raise _error(field, label, _("must be a finite decimal number"))
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    if value.adjusted() >= MAX_INTEGER_DIGITS:
        raise _error(field, label, _("is too large: {value}").format(value=shown(value)))
    if exponent < -MAX_DECIMAL_PLACES:
        raise _error(
            field,
            label,
            _("has more than {places} decimal places: {value}").format(
                places=MAX_DECIMAL_PLACES, value=shown(value)
            ),
        )
    return value


def _check_places(value: Decimal, places: int, field: str, label: str | None) -> None:
    # By value: 2.50 and 2.5 both have at most two places; 2.505 does not.
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise _error(
            field,
            label,
            _("has more than {places} decimal places: {value}").format(places=places, value=shown(value)),
        )


def _not_negative(value: Decimal, field: str, label: str | None) -> None:
    if value < 0:
        raise _error(field, label, _("must not be negative: {value}").format(value=shown(value)))


def _positive(value: Decimal, field: str, label: str | None) -> None:
    if value <= 0:
        raise _error(field, label, _("must be greater than zero: {value}").format(value=shown(value)))


def check_amount(value: Decimal, field: str, label: str | None = None, *, positive: bool = False) -> Decimal:
    """An amount of money in yuan: whole fen, 0 ≤ amount < 10^10 (> 0 with ``positive``)."""
    check_number(value, field, label)
    if positive:
        _positive(value, field, label)
    else:
        _not_negative(value, field, label)
    if value >= MAX_AMOUNT:
        raise _error(
            field,
            label,
            _("must be less than {maximum} yuan: {value}").format(
                maximum=f"{MAX_AMOUNT:,.0f}", value=shown(value)
            ),
        )
    _check_places(value, AMOUNT_PLACES, field, label)
    return value


def check_area(value: Decimal, field: str, label: str | None = None) -> Decimal:
    """A building area in m²: 0 < area ≤ 100,000."""
    check_number(value, field, label)
    _positive(value, field, label)
    if value > MAX_AREA:
        raise _error(
            field,
            label,
            _("must be at most {maximum} m²: {value}").format(maximum=f"{MAX_AREA:,.0f}", value=shown(value)),
        )
    return value


def check_rate(value: Decimal, field: str, label: str | None = None) -> Decimal:
    """A fee standard in yuan per m² per month: 0 ≤ rate ≤ 1,000, at most four decimals."""
    check_number(value, field, label)
    _not_negative(value, field, label)
    if value > MAX_RATE:
        raise _error(
            field,
            label,
            _("must be at most {maximum} yuan per m² per month: {value}").format(
                maximum=f"{MAX_RATE:,.0f}", value=shown(value)
            ),
        )
    _check_places(value, RATE_PLACES, field, label)
    return value


def check_daily_rate(value: Decimal, field: str, label: str | None = None) -> Decimal:
    """A late-fee rate per day: 0 < rate ≤ 0.01."""
    check_number(value, field, label)
    if not 0 < value <= MAX_DAILY_RATE:
        raise _error(
            field,
            label,
            _("must be greater than zero and at most {maximum} a day: {value}").format(
                maximum=MAX_DAILY_RATE, value=shown(value)
            ),
        )
    return value


def check_ratio(value: Decimal, field: str, label: str | None = None) -> Decimal:
    """A share of something: 0 ≤ ratio ≤ 1."""
    check_number(value, field, label)
    if not 0 <= value <= MAX_RATIO:
        raise _error(field, label, _("must be between 0 and 1: {value}").format(value=shown(value)))
    return value


def latest_date(today: dt.date) -> dt.date:
    """The latest plausible date: the same calendar day ``FUTURE_YEARS`` after ``today``."""
    try:
        return today.replace(year=today.year + FUTURE_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + FUTURE_YEARS, day=28)


def check_date(value: dt.date, field: str, label: str | None, today: dt.date) -> dt.date:
    """A date from 1990-01-01 to five years after ``today``."""
    if value < EARLIEST_DATE:
        raise _error(
            field,
            label,
            _("{date} is before {earliest}").format(
                date=value.isoformat(), earliest=EARLIEST_DATE.isoformat()
            ),
        )
    latest = latest_date(today)
    if value > latest:
        raise _error(
            field,
            label,
            _("{date} is after {latest}, more than {years} years from today").format(
                date=value.isoformat(), latest=latest.isoformat(), years=FUTURE_YEARS
            ),
        )
    return value
