"""The law of judicial confirmation by date and track, from resources/legal/judicial_confirmation.json."""

from __future__ import annotations

import datetime as dt

import pytest

from mediation_app.domain.enums import Track
from mediation_app.workflow.legal_basis import article_numeral, confirmation_law

D = dt.date


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (10, "十"),
        (29, "二十九"),
        (33, "三十三"),
        (100, "一百"),
        (110, "一百一十"),
        (194, "一百九十四"),
        (205, "二百零五"),
    ],
)
def test_article_numerals_as_statutes_write_them(number: int, words: str) -> None:
    assert article_numeral(number) == words


@pytest.mark.parametrize(
    ("day", "apply", "ruling", "wide"),
    [
        (D(2013, 1, 1), 194, 195, False),
        (D(2021, 12, 31), 194, 195, False),
        (D(2022, 1, 1), 201, 202, True),
        (D(2023, 12, 31), 201, 202, True),
        (D(2024, 1, 1), 205, 206, True),
        (D(2026, 12, 3), 205, 206, True),
    ],
)
def test_the_civil_procedure_law_articles_change_on_the_days_the_amendments_took_effect(
    day: dt.date, apply: int, ruling: int, wide: bool
) -> None:
    law = confirmation_law(Track.ADMINISTRATIVE, day)
    assert (law.apply.number, law.ruling.number, law.wide_courts) == (apply, ruling, wide)
    assert law.peoples_mediation is None  # not a people's mediation committee


def test_peoples_mediation_cites_article_33_first() -> None:
    law = confirmation_law(Track.PEOPLE, D(2024, 5, 1))
    assert law.citation() == (
        "《中华人民共和国人民调解法》第三十三条、《中华人民共和国民事诉讼法》第二百零五条、第二百零六条"
    )
    assert "依法设立的调解组织" in law.apply_text


def test_a_date_before_the_table_is_refused() -> None:
    with pytest.raises(ValueError):
        confirmation_law(Track.PEOPLE, D(2012, 12, 31))
