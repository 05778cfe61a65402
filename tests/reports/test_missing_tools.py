"""A missing tool skips only what needs it on a developer's machine, and fails in CI."""

from __future__ import annotations

import pytest

from tests.support import pdfcheck


@pytest.fixture
def no_pdffonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdfcheck, "missing_tools", lambda *names: list(names))


def test_locally_only_the_font_check_is_left_out(no_pdffonts: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.warns(UserWarning, match="pdffonts"):
        pdfcheck.assert_fonts_embedded(b"%PDF-1.4 not even a document")
    # the test goes on: the line after the font check runs
    assert pdfcheck.fonts(b"%PDF-1.4") is None


def test_in_ci_a_missing_tool_fails_the_test(no_pdffonts: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="pdffonts"):
        pdfcheck.assert_fonts_embedded(b"%PDF-1.4")
    with pytest.raises(pytest.fail.Exception, match="zbarimg"):
        pdfcheck.require_tools("zbarimg")


def test_locally_a_missing_tool_skips(no_pdffonts: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        pdfcheck.require_tools("pdftotext")
