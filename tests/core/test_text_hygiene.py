"""Text hygiene (issue 15 item 6): names and free text are normalised (NFKC, Chinese prose
punctuation kept) and invisible characters are refused with the field named, by the one
function intake, import and corrections use (mediation_app.domain.text.clean_text)."""

from __future__ import annotations

import pytest

from mediation_app.domain import validators as v
from mediation_app.domain.text import clean_text, invisible_problem, normalise
from mediation_app.errors import ValidationError

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ＡＢＣ物业", "ABC物业"),
        ("３号楼１５０２室", "3号楼1502室"),
        ("\u3000车某\u3000", "车某"),  # ideographic spaces: a space, then trimmed
        ("荔景花园（二期），３幢：１５０２！？；", "荔景花园（二期），3幢：1502！？；"),  # prose marks kept
        ("ｆｉ ﬁ ㎡", "fi fi m2"),  # compatibility forms
        ("第一行\n第二行\t备注", "第一行\n第二行\t备注"),  # line breaks and tabs kept
        ("plain ASCII, (kept): yes!", "plain ASCII, (kept): yes!"),
        ("车某", "车某"),
    ],
)
def test_text_is_stored_in_one_normal_form(typed: str, stored: str) -> None:
    assert clean_text(typed, "owner.name", "Owner's name") == stored
    assert normalise(normalise(typed)) == normalise(typed)  # idempotent


@pytest.mark.parametrize(
    ("char", "problem"),
    [
        ("\u200b", "zero-width character (U+200B)"),
        ("\u200c", "zero-width character (U+200C)"),
        ("\u200d", "zero-width character (U+200D)"),
        ("\u2060", "zero-width character (U+2060)"),
        ("\ufeff", "zero-width character (U+FEFF)"),
        ("\u180e", "zero-width character (U+180E)"),
        ("\u202a", "text-direction control (U+202A)"),
        ("\u202b", "text-direction control (U+202B)"),
        ("\u202c", "text-direction control (U+202C)"),
        ("\u202d", "text-direction control (U+202D)"),
        ("\u202e", "text-direction control (U+202E)"),
        ("\u2066", "text-direction control (U+2066)"),
        ("\u2067", "text-direction control (U+2067)"),
        ("\u2068", "text-direction control (U+2068)"),
        ("\u2069", "text-direction control (U+2069)"),
        ("\u200e", "text-direction control (U+200E)"),
        ("\u200f", "text-direction control (U+200F)"),
        ("\u061c", "text-direction control (U+061C)"),
        ("\u00ad", "formatting character (U+00AD)"),
        ("\U000e0041", "formatting character (U+E0041)"),  # a tag character
        ("\x00", "control character"),
        ("\x1b", "control character"),
        ("\x85", "control character"),
    ],
)
def test_invisible_characters_are_refused_with_the_field_named(char: str, problem: str) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_text(f"车{char}某", "owner.name", "Owner's name")
    assert caught.value.field == "owner.name" and problem in caught.value.problem
    assert caught.value.message.startswith("Owner's name: ")
    # The same refusal in every validator that reads text.
    for check in (
        lambda: v.required(f"车{char}某", "f", "F"),
        lambda: v.text_field(f"车{char}某", "f", "F", max_length=60),
        lambda: v.id_number(f"350304199506121233{char}", "f", "F"),
        lambda: v.date(f"2021-03-09{char}", "f", "F"),
        lambda: v.amount(f"12.30{char}", "f", "F"),
        lambda: v.phone(f"1385901{char}2345", "f", "F"),
    ):
        with pytest.raises(ValidationError) as again:
            check()
        assert problem in again.value.problem


def test_visible_text_passes_quickly() -> None:
    assert invisible_problem("荔城区物业纠纷调处中心 3幢 1502（东）") is None
    assert invisible_problem("line\nbreak\ttab\r") is None
    assert invisible_problem("emoji 🏠 and 𠀀 (outside the BMP)") is None
