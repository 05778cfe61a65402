"""The resident ID check (身份证号): the check digit, a real birth date and a county code that has
ever existed, but never the county's creation year (issue 15: real owners were refused)."""

from __future__ import annotations

import datetime as dt

import pytest
from stdnum.cn import ric

from mediation_app.domain import validators as v
from mediation_app.domain.enums import Sex
from mediation_app.errors import ValidationError

pytestmark = pytest.mark.usefixtures("english")

TODAY = dt.date(2026, 12, 3)


def numbered(body: str) -> str:
    """``body`` (17 digits) with its right check digit."""
    return body + ric.calc_check_digit(body + "0")


@pytest.mark.parametrize(
    ("number", "birth", "sex"),
    [
        # 荔城区 (350304) was created in 2002; this owner was born in 1995 and registered there later.
        ("350304199506121233", dt.date(1995, 6, 12), Sex.MALE),
        (numbered("35030419860101122"), dt.date(1986, 1, 1), Sex.FEMALE),
        # 莆田县 (350321, 1983–2002) no longer exists, and existed before this owner's birth neither.
        (numbered("35032119800101123"), dt.date(1980, 1, 1), Sex.MALE),
        # An old code that still stands, and an X check digit.
        ("35030119980113592X", dt.date(1998, 1, 13), Sex.FEMALE),
    ],
)
def test_real_numbers_pass_whatever_year_their_county_was_created(
    number: str, birth: dt.date, sex: Sex
) -> None:
    checked = v.id_number(number, "owner.id_number", "ID number", today=TODAY)
    assert (checked.number, checked.birth_date, checked.sex) == (number, birth, sex)


def test_the_library_check_alone_would_refuse_the_1995_owner() -> None:
    """Why the parts of stdnum's cn.ric are called one by one: its validate() refuses him."""
    assert not ric.is_valid("350304199506121233")
    assert v.id_number("350304199506121233", "f", "F").number == "350304199506121233"


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("350304199506121234", "check digit"),
        ("35030419950612123", "18 characters (it has 17)"),
        ("3503041995061212A3", "not a valid resident ID number"),
        (numbered("35030419951312123"), "birth date in the number (19951312) is not a date"),
        (numbered("35030419950230123"), "birth date in the number (19950230) is not a date"),
        (numbered("35030420270101123"), "(2027-01-01) is not plausible"),  # born after today
        (numbered("35030418991231123"), "(1899-12-31) is not plausible"),
        (numbered("99030419950612123"), "region code in the number (990304)"),  # no province 99
        (numbered("35039919950612123"), "region code in the number (350399)"),  # no such county
        (numbered("35031119950612123"), "region code in the number (350311)"),
    ],
)
def test_wrong_numbers_are_refused_with_the_part_that_is_wrong(number: str, problem: str) -> None:
    with pytest.raises(ValidationError) as caught:
        v.id_number(number, "owner.id_number", "ID number", today=TODAY)
    assert caught.value.field == "owner.id_number" and problem in caught.value.problem


def test_full_width_digits_and_spaces_are_read_as_typed_on_a_chinese_keyboard() -> None:
    typed = "３５０３０４ １９９５０６１２ １２３３"
    assert v.id_number(typed, "f", "F").number == "350304199506121233"
