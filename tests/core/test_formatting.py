"""The one formatter: each value's form in Chinese and in English, rounding half-up at every edge
(never babel's half-even), and the locale taken from the argument without touching the language
in force."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from mediation_app import formatting as f
from mediation_app.clock import CHINA
from mediation_app.fees import Month
from mediation_app.i18n import language, set_language

D = Decimal
ZH, EN = "zh_CN", "en"


# --- one form per value and language -------------------------------------------------------------


@pytest.mark.parametrize(
    ("write", "zh", "en"),
    [
        (lambda loc: f.money(D("14474.72"), loc), "¥14,474.72", "¥14,474.72"),
        (lambda loc: f.money(D("-5"), loc), "-¥5.00", "-¥5.00"),
        (lambda loc: f.amount(D("14474.72"), loc), "14,474.72", "14,474.72"),
        (lambda loc: f.yuan(D("2067.98"), loc), "2,067.98元", "2,067.98 yuan"),
        (
            lambda loc: f.rmb(D("14474.72"), loc),
            "人民币壹万肆仟肆佰柒拾肆元柒角贰分（¥14,474.72）",
            "人民币壹万肆仟肆佰柒拾肆元柒角贰分 (¥14,474.72)",
        ),
        (lambda loc: f.count(12345, loc), "12,345", "12,345"),
        (lambda loc: f.number(D("12.25"), 1, loc), "12.3", "12.3"),
        (lambda loc: f.percent(D("0.3816"), loc), "38.2%", "38.2%"),
        (lambda loc: f.exact_percent(D("0.0005"), loc), "0.05%", "0.05%"),
        (lambda loc: f.area(D("1119.4"), loc), "1,119.40平方米", "1,119.40 m²"),
        (lambda loc: f.fee_rate(D("2.8"), loc), "2.80元/平方米/月", "2.80 yuan/m²/month"),
        (lambda loc: f.rate_figure(D("2.80"), loc), "2.80", "2.80"),
        (lambda loc: f.date(dt.date(2021, 3, 9), loc), "2021年3月9日", "March 9, 2021"),
        (
            lambda loc: f.moment(dt.datetime(2021, 3, 11, 20, 0, tzinfo=CHINA), loc),
            "2021年3月11日 20:00",
            "March 11, 2021, 20:00",
        ),
        (lambda loc: f.month(Month.of(2017, 8), loc), "2017年8月", "August 2017"),
        (
            lambda loc: f.period(dt.date(2017, 8, 1), dt.date(2021, 3, 9), loc),
            "2017年8月1日至2021年3月9日",
            "August 1, 2017 to March 9, 2021",
        ),
        (
            lambda loc: f.month_period(Month.of(2017, 8), Month.of(2021, 2), loc),
            "2017年8月至2021年2月",
            "August 2017 to February 2021",
        ),
        (lambda loc: f.quoted("调解中", loc), "“调解中”", "“调解中”"),
        (lambda loc: f.any_of(["甲", "乙", "丙"], loc), "甲、乙或丙", "甲, 乙, or 丙"),
        (lambda loc: f.all_of(["甲", "乙"], loc), "甲和乙", "甲 and 乙"),
    ],
)
def test_each_value_has_one_form_per_language(write: Callable[[str], str], zh: str, en: str) -> None:
    assert (write(ZH), write(EN)) == (zh, en)


def test_table_forms_are_the_same_in_every_language() -> None:
    moment = dt.datetime(2021, 3, 9, 12, 0, 5, tzinfo=dt.UTC)  # 20:00:05 in Beijing
    for loc in (ZH, EN):
        set_language(loc)
        assert f.short_date(dt.date(2021, 3, 9)) == "2021-03-09"
        assert f.short_moment(moment) == "2021-03-09 20:00"
        assert f.short_moment(moment, seconds=True) == "2021-03-09 20:00:05"
        assert f.clock_time(moment) == "20:00"
        assert f.short_month(Month.of(2017, 8)) == "2017-08"
        assert f.short_period(dt.date(2017, 8, 1), dt.date(2021, 3, 9)) == "2017-08-01 – 2021-03-09"
        assert f.plain_amount(D("1234567.5")) == "1234567.50"


def test_nothing_is_written_for_nothing() -> None:
    assert f.date(None) == "" and f.short_date(None) == "" and f.short_moment(None) == ""
    assert f.short_period(None, None) == ""
    assert f.short_period(dt.date(2017, 8, 1), None) == "2017-08-01 – "
    assert f.percent(None) == "—"  # nothing to divide


def test_a_period_of_one_day_or_month_is_written_once() -> None:
    assert f.period(dt.date(2021, 3, 9), dt.date(2021, 3, 9), ZH) == "2021年3月9日"
    assert f.month_period(Month.of(2017, 8), Month.of(2017, 8), EN) == "August 2017"


def test_any_date_names_its_month() -> None:
    assert f.month(dt.date(2017, 8, 20), ZH) == "2017年8月"


# --- rounding: half-up, once ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "shown"),
    [
        ("0.1225", "12.3%"),  # the screen once showed 12.2% here (half-even), the PDF 12.3%
        ("0.125", "12.5%"),
        ("0.1235", "12.4%"),  # half-even would also give 12.4%; 0.1225 is where they part
        ("0.1224999", "12.2%"),  # just below the half
        ("0.12249", "12.2%"),  # rounded once: 0.1225 first, then 12.3%, would be wrong
        ("0.0005", "0.1%"),
        ("0.00049", "0.0%"),
        ("0.9995", "100.0%"),
        ("1", "100.0%"),
        ("0", "0.0%"),
        ("12.345", "1,234.5%"),
    ],
)
def test_a_share_is_rounded_half_up_to_one_decimal(ratio: str, shown: str) -> None:
    assert f.percent(D(ratio), ZH) == f.percent(D(ratio), EN) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2.345", "¥2.35"),  # half-even would give 2.34
        ("2.335", "¥2.34"),
        ("0.005", "¥0.01"),
        ("-0.005", "-¥0.01"),
        ("-0.004", "¥0.00"),  # no minus sign on a figure that rounds to nothing
        ("1234567.005", "¥1,234,567.01"),
        ("1E+3", "¥1,000.00"),
    ],
)
def test_money_is_rounded_half_up_to_the_fen(value: str, shown: str) -> None:
    assert f.money(D(value)) == shown
    assert f.amount(D(value)) == shown.replace("¥", "")


def test_areas_and_measured_figures_round_half_up() -> None:
    assert f.area(D("119.425"), EN) == "119.43 m²"
    assert f.area(D("119.424"), EN) == "119.42 m²"
    assert f.number(D("12.35"), 1) == "12.4"  # half-even would give 12.4 too; 12.25 → 12.3 above
    assert f.number(D("0.5"), 0) == "1"


def test_uppercase_money_rounds_like_the_figures_beside_it() -> None:
    assert f.rmb(D("0.125"), ZH) == "人民币壹角叁分（¥0.13）"


def test_agreed_rates_are_stated_exactly_never_rounded() -> None:
    assert f.exact_percent(D("0.5")) == "50%"
    assert f.exact_percent(D("1")) == "100%"
    assert f.exact_percent(D("0.1825")) == "18.25%"
    assert f.exact_percent(D("0.33333")) == "33.333%"
    assert f.rate_figure(D("2.805")) == "2.805"
    assert f.rate_figure(D("2.800")) == "2.80"
    assert f.rate_figure(D("3")) == "3.00"


def test_equal_decimals_of_different_scale_are_not_mixed_up_by_the_cache() -> None:
    assert f.rate_figure(D("2.8")) == "2.80"
    assert f.rate_figure(D("2.800")) == "2.80"
    assert f.amount(D("1.0")) == f.amount(D("1.00")) == "1.00"


# --- the locale is an argument ---------------------------------------------------------------------


def test_the_language_in_force_is_the_default_and_an_argument_overrides_it() -> None:
    day = dt.date(2021, 3, 9)
    set_language(EN)
    assert f.date(day) == "March 9, 2021"
    assert f.date(day, ZH) == "2021年3月9日"
    assert f.yuan(D("1"), ZH) == "1.00元"
    assert language() == EN  # writing Chinese did not switch the language
    set_language(ZH)
    assert f.date(day) == "2021年3月9日"
    assert f.area(D("1"), EN) == "1.00 m²"
    assert language() == ZH
