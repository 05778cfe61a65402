"""Money helpers: rounding, fen conversion, strict parsing, and the financial uppercase."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_app.errors import ValidationError
from mediation_app.money import (
    from_fen,
    parse_decimal,
    parse_money,
    round_half_up,
    to_fen,
    to_money,
    uppercase_rmb,
)

# ------------------------------------------------------------------------------------ rounding


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.345", "2.35"),
        ("2.344", "2.34"),
        ("0.005", "0.01"),
        ("0.004", "0.00"),
        ("1", "1.00"),
        ("-2.345", "-2.35"),
    ],
)
def test_to_money_rounds_half_up_to_the_fen(value: str, expected: str) -> None:
    assert str(to_money(Decimal(value))) == expected


@given(st.integers(-(10**12), 10**12), st.integers(1, 10**6))
def test_round_half_up_matches_decimal_half_up_on_the_exact_fraction(
    numerator: int, denominator: int
) -> None:
    exact = Fraction(numerator, denominator)
    whole = exact.numerator // exact.denominator
    rest = exact - whole
    if numerator >= 0:
        expected = whole + (1 if rest >= Fraction(1, 2) else 0)
    else:  # halves away from zero, like ROUND_HALF_UP
        expected = whole + (1 if rest > Fraction(1, 2) else 0)
    assert round_half_up(numerator, denominator) == expected


@pytest.mark.parametrize(
    ("n", "d", "expected"), [(5, 10, 1), (4, 10, 0), (15, 10, 2), (-5, 10, -1), (-4, 10, 0)]
)
def test_round_half_up_examples(n: int, d: int, expected: int) -> None:
    assert round_half_up(n, d) == expected
    assert Decimal(n) / Decimal(d) == Decimal(n) / Decimal(d)  # exact here
    assert (Decimal(n) / Decimal(d)).quantize(Decimal(1), rounding=ROUND_HALF_UP) == expected


def test_round_half_up_refuses_a_non_positive_denominator() -> None:
    with pytest.raises(ValueError):
        round_half_up(1, 0)


# ---------------------------------------------------------------------------------------- fen


@given(st.integers(-(10**15), 10**15))
def test_fen_round_trip(fen: int) -> None:
    value = from_fen(fen)
    assert value.as_tuple().exponent == -2
    assert to_fen(value) == fen


def test_to_fen_accepts_trailing_zeros_and_refuses_fractions_of_a_fen() -> None:
    assert to_fen(Decimal("12.30")) == 1230
    assert to_fen(Decimal("12.3000")) == 1230
    assert to_fen(Decimal("7")) == 700
    with pytest.raises(ValueError):
        to_fen(Decimal("0.001"))


# ------------------------------------------------------------------------------------ parsing


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.20", Decimal("2.20")),
        ("0", Decimal(0)),
        ("-3.5", Decimal("-3.5")),
        (7, Decimal(7)),
        (Decimal("1.5"), Decimal("1.5")),
    ],
)
def test_parse_decimal_accepts_plain_figures(value: object, expected: Decimal) -> None:
    parsed = parse_decimal(value, "area")
    assert parsed == expected
    assert str(parsed) == str(expected)  # keeps the written decimals ("2.20" stays 2.20)


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "",
        " 1",
        "1 ",
        "1e3",
        "1E3",
        "NaN",
        "Infinity",
        "+1",
        "1.",
        ".5",
        "1,000",
        "１２",
        "0x10",
        True,
        None,
        1.5,
        [],
        {},
    ],
)
def test_parse_decimal_refuses_anything_else_and_names_the_field(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_decimal(value, "payments[2].amount", label="Payment amount")
    assert caught.value.field == "payments[2].amount"
    assert caught.value.label == "Payment amount"
    assert caught.value.message.startswith("Payment amount")  # the label first, in any language


def test_parse_decimal_refuses_non_finite_decimals_and_huge_figures() -> None:
    for value in (Decimal("NaN"), Decimal("Infinity"), "1000000000000", Decimal("1E+20")):
        with pytest.raises(ValidationError):
            parse_decimal(value, "area")
    assert parse_decimal("999999999999.99", "area") == Decimal("999999999999.99")


def test_parse_money_allows_at_most_two_decimals() -> None:
    assert parse_money("12.30", "x") == Decimal("12.30")
    assert parse_money("12", "x") == Decimal(12)
    with pytest.raises(ValidationError) as caught:
        parse_money("12.301", "utilities[0].amount")
    assert caught.value.field == "utilities[0].amount"
    assert "2" in caught.value.problem


# ---------------------------------------------------------------------------------- uppercase

UPPERCASE_EXAMPLES = [
    ("0", "人民币零元整"),
    ("0.00", "人民币零元整"),
    ("10", "人民币壹拾元整"),
    ("10005", "人民币壹万零伍元整"),
    ("100500", "人民币壹拾万零伍佰元整"),
    ("101000", "人民币壹拾万壹仟元整"),
    ("1010", "人民币壹仟零壹拾元整"),
    ("100010000", "人民币壹亿零壹万元整"),
    ("100000001", "人民币壹亿零壹元整"),
    ("100001000", "人民币壹亿壹仟元整"),  # an all-zero 万 group is not read on its own
    ("105000000", "人民币壹亿零伍佰万元整"),
    ("1000000000000", "人民币壹万亿元整"),
    ("0.50", "人民币伍角"),
    ("3.50", "人民币叁元伍角"),
    ("10.05", "人民币壹拾元零伍分"),
    ("100000000.01", "人民币壹亿元零壹分"),
    ("1774.11", "人民币壹仟柒佰柒拾肆元壹角壹分"),
    ("10497.30", "人民币壹万零肆佰玖拾柒元叁角"),
    ("1680.32", "人民币壹仟陆佰捌拾元叁角贰分"),
    ("0.05", "人民币伍分"),
    ("1.235", "人民币壹元贰角肆分"),  # rounded half-up first, not truncated
    ("9999999999999999.99", "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
]


@pytest.mark.parametrize(("figure", "words"), UPPERCASE_EXAMPLES)
def test_uppercase_follows_rule_7(figure: str, words: str) -> None:
    assert uppercase_rmb(Decimal(figure)) == words


def test_uppercase_refuses_negative_and_too_large_amounts() -> None:
    with pytest.raises(ValueError):
        uppercase_rmb(Decimal("-0.01"))
    with pytest.raises(ValueError):
        uppercase_rmb(Decimal("10000000000000000"))


# Figures with many zeros: where the 零 rules matter.
zero_heavy_fen = st.text(alphabet="0000000123456789", min_size=1, max_size=18).map(int)


DIGITS = {"零": 0, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
SMALL_UNITS = {"拾": 10, "佰": 100, "仟": 1000}


def _read_integer(words: str) -> int:
    """Read an uppercase integer: 万 and 亿 close a group; 亿 also scales what precedes it."""
    total = 0  # everything closed by 亿
    section = 0  # closed by 万, below 亿
    group = 0  # the current group below 万
    digit = 0
    for char in words:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in SMALL_UNITS:
            assert digit, f"a unit without a digit in {words}"
            group += digit * SMALL_UNITS[char]
            digit = 0
        elif char == "万":
            section += (group + digit) * 10_000
            group = digit = 0
        elif char == "亿":
            total = (total + section + group + digit) * 100_000_000
            section = group = digit = 0
        else:
            raise AssertionError(f"unexpected {char!r} in {words}")
    return total + section + group + digit


def from_uppercase(words: str) -> Decimal:
    """The inverse of :func:`uppercase_rmb`, written independently for the property test."""
    assert words.startswith("人民币")
    body = words.removeprefix("人民币")
    if body.endswith("整"):
        body = body.removesuffix("整")
        assert body.endswith("元"), words
    yuan_part, _, small = body.rpartition("元") if "元" in body else ("", "", body)
    integer = _read_integer(yuan_part) if yuan_part else 0
    jiao = fen = 0
    small = small.removeprefix("零")
    if "角" in small:
        head, _, small = small.partition("角")
        jiao = DIGITS[head]
    if "分" in small:
        fen = DIGITS[small.removesuffix("分")]
    return Decimal(integer) + Decimal(jiao) / 10 + Decimal(fen) / 100


@given(st.integers(0, 10**18 - 1) | zero_heavy_fen)
def test_uppercase_converts_back_to_the_figure(fen: int) -> None:
    figure = from_fen(fen)
    words = uppercase_rmb(figure)
    assert from_uppercase(words) == figure
    # Spelling rules that the inverse would not notice.
    assert "零零" not in words
    assert not words.removeprefix("人民币").startswith("零") or words == "人民币零元整"
    assert not words.endswith("零元整") or words == "人民币零元整"
    if fen % 100 == 0:
        assert words.endswith("元整")
    elif fen % 10 == 0:
        assert words.endswith("角")
    if fen >= 100 and fen % 100 and (fen // 10) % 10 == 0:
        assert "元零" in words


@given(st.integers(0, 10**18 - 1) | zero_heavy_fen)
def test_uppercase_agrees_with_cn2an(fen: int) -> None:
    """cn2an's financial form (a maintained library) is the oracle: same words, prefix apart."""
    from cn2an import an2cn

    figure = from_fen(fen)
    assert uppercase_rmb(figure) == "人民币" + an2cn(format(figure, "f"), "rmb")


@given(st.integers(0, 10**6).map(lambda n: Decimal(n).scaleb(-3)))
def test_uppercase_rounds_half_up_first(figure: Decimal) -> None:
    assert uppercase_rmb(figure) == uppercase_rmb(to_money(figure))


def test_the_inverse_reads_the_issue_examples() -> None:
    for figure, words in UPPERCASE_EXAMPLES:
        assert from_uppercase(words) == to_money(Decimal(figure))
