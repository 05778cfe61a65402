"""Received file names cannot choose a path, and stored names cannot leave their folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_app.errors import ValidationError
from mediation_app.security.filenames import MAX_NAME, resolve_stored, safe_filename

HASH = "ab" * 32


@pytest.mark.parametrize(
    ("received", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\system32\\config\\SAM", "SAM"),
        ("/etc/shadow", "shadow"),
        ("欠费明细\x00.pdf", "欠费明细.pdf"),
        ("a\nb\tc.jpg", "abc.jpg"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ('what?:*"<>|.png', "what_______.png"),
        ("..", "file"),
        ("", "file"),
        ("   . ", "file"),
        ("物业服务合同.PDF", "物业服务合同.PDF"),
    ],
)
def test_hostile_names_are_cleaned(received: str, kept: str) -> None:
    assert safe_filename(received) == kept


def test_a_very_long_name_keeps_its_extension() -> None:
    name = safe_filename("照" * 10_000 + ".jpeg")
    assert len(name) == MAX_NAME and name.endswith(".jpeg")


@given(st.text())
def test_any_name_is_one_plain_component(received: str) -> None:
    name = safe_filename(received)
    assert name and len(name) <= MAX_NAME
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert name not in {".", ".."}


@pytest.mark.parametrize(
    "stored",
    [
        "../../etc/passwd",
        f"../{HASH}.pdf",
        f"{HASH}/../../x",
        f"{HASH}.pdf\x00",
        "passwd",
        f"{HASH}.p/df",
        "",
    ],
)
def test_stored_names_cannot_escape(tmp_path: Path, stored: str) -> None:
    with pytest.raises(ValidationError):
        resolve_stored(tmp_path, stored)


def test_a_real_stored_name_resolves_inside(tmp_path: Path) -> None:
    assert resolve_stored(tmp_path, f"{HASH}.pdf") == (tmp_path / f"{HASH}.pdf").resolve()
