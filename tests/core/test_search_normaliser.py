"""One normaliser for the stored search text and the typed query (issue 15.6, 16.5): whatever it
folds, it folds on both sides, so the database needs nothing but a plain LIKE."""

from __future__ import annotations

import pytest

from mediation_app.domain import search
from mediation_app.queries import case_list
from mediation_app.services.cases import search_text

ID_NUMBER = "35030219900612120X"


def stored_parts(text: str) -> list[str]:
    """The parts of a stored text other than ID tokens (written in private-use characters)."""
    return [
        part for part in text.split(search.SEPARATOR) if not all(0xE000 <= ord(ch) <= 0xE00F for ch in part)
    ]


def test_the_stored_text_and_the_query_go_through_the_same_function(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = search.normalise

    def spy(text: str) -> str:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(search, "normalise", spy)
    stored = search.compose(
        "荔物调〔2026〕0002号", [("Anna林", "13812345678", ID_NUMBER)], "荔景花园", "5栋", "1201", "某物业"
    )
    assert "Anna林" in calls and "5栋" in calls
    calls.clear()
    case_list.search_conditions("ＡＮＮＡ 5-1201")
    assert calls == ["ＡＮＮＡ 5-1201"]
    # Nothing else folds: the services and the query use the domain's functions themselves.
    assert search_text.compose is search.compose
    assert case_list.query_words is search.query_words
    assert "anna林" in stored_parts(stored)


def test_stored_parts_are_already_folded() -> None:
    stored = search.compose(
        "荔物调（2026）0002号",
        [("ＡＮＮＡ\u200b林", "138 1234 5678", ID_NUMBER.lower())],
        "Lijing Garden",
        "5号楼",
        "1201",
        "ABC物业",
    )
    for part in stored_parts(stored):
        assert search.normalise(part) == part
        assert search.query_words(part) == [part]  # a stored part typed back is one word: itself


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("荔物调(2026)0104号", "荔物调〔2026〕0104号"),
        ("荔物调（2026）0104号", "荔物调[2026]0104号"),
        ("ＡＢＣ", "abc"),
        ("ABC", "abc"),
        ("５幢", "5幢"),
        ("5栋1201", "5幢1201"),
        ("5号楼1201", "5幢1201"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("张\u200b三", "张三"),
        ("  张三  ", "张三"),
    ],
)
def test_equivalent_forms_fold_alike(one: str, other: str) -> None:
    assert search.normalise(one) == search.normalise(other)


def test_what_stays_apart() -> None:
    assert search.normalise("5-1201") == "5-1201"  # a room, not a phone: fewer than seven digits
    assert search.query_words("5幢 1201") == ["5幢", "1201"]
    assert search.normalise("\ue003abc") == "abc"  # private-use characters are never typed


def test_a_whole_id_number_becomes_its_token_and_nothing_else_does() -> None:
    token = search.id_token(ID_NUMBER)
    assert search.query_words(ID_NUMBER) == [token]
    assert search.query_words(ID_NUMBER.lower()) == [token]
    assert search.query_words(f"{ID_NUMBER[:6]} {ID_NUMBER[6:14]} {ID_NUMBER[14:]}") == [token]
    stored = search.compose("N", [("某", "", ID_NUMBER)], "C", "1幢", "101", "P")
    assert token in stored.split(search.SEPARATOR)
    assert ID_NUMBER.lower() not in stored and ID_NUMBER[6:14] not in stored
    assert ID_NUMBER[-6:].lower() in stored.split(search.SEPARATOR)
    assert search.id_token("350302199006121218") != token
