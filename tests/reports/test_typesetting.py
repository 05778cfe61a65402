"""Typesetting a reader trusts, read back from the PDFs of every kind of document: a real 黑体 bold
for headings, labels and clause numbers; no line starting with closing punctuation; no
letter-spaced line; no paragraph leaving a single line at a page's foot or head; labels kept
whole; （以下无正文） before every signature block, and no page holding only signatures; a draft
whose text reads exactly as the final's (its mark is drawn, not written), with no QR code."""

from __future__ import annotations

import dataclasses
import difflib
import io
import re
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reportlab.platypus import PageBreak

from mediation_app.i18n import DEFAULT_LANGUAGE, _, speaking
from reports import blocks, registry, styles, verification
from reports.linebreak import JOINER, tokenize
from reports.page import FRAME_WIDTH, PageDecor, PdfInfo, build_pdf
from reports.text import MAX_GAP, Para, TextStyle, _justify
from tests.support import pdfcheck
from tests.support import sample_case as case
from tests.support.missing import require_module

# Every kind of document with a signature block, and the kind it is rendered as.
SIGNED: dict[str, tuple[str, Callable[[], Any]]] = {
    "agreement": ("agreement", case.agreement),
    "agreement with instalments": ("agreement", lambda: case.agreement(instalments=True)),
    "notice": ("notice", case.notice),
    "statement": ("statement", case.statement),
    "session record": ("record", case.session_record),
    "confirmation": ("confirmation", case.confirmation),
    "follow-up": ("followup", case.followup),
    "closing": ("closing", case.closing),
}
ALL = {**SIGNED, "intake": ("intake", case.intake), "case file": ("file", case.case_file)}


@pytest.fixture(scope="module")
def finals() -> dict[str, bytes]:
    """Every kind made and rendered once for the module, in the default language (spoken here:
    module fixtures come before the suite's per-test language reset)."""
    with speaking(DEFAULT_LANGUAGE):
        return {name: registry.render(kind, build()) for name, (kind, build) in ALL.items()}


@pytest.fixture(scope="module")
def drafts() -> dict[str, bytes]:
    with speaking(DEFAULT_LANGUAGE):
        return {name: registry.render_draft(kind, build()) for name, (kind, build) in ALL.items()}


def fonts_of(pdf: bytes, pattern: str) -> set[str]:
    """The faces the characters of the first line matching ``pattern`` are set in."""
    pdfplumber = require_module("pdfplumber", "the dev extra; it reads character positions")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for line in page.extract_text_lines(return_chars=True):
                found = re.search(pattern, line["text"].replace(" ", ""))
                if found:
                    chars = [char for char in line["chars"] if not char["text"].isspace()]
                    return {char["fontname"].split("+")[-1] for char in chars[found.start() : found.end()]}
    raise AssertionError(f"no line matches {pattern!r}")


def test_headings_labels_and_clause_numbers_are_black_face_bold_and_titles_bold_song(
    finals: dict[str, bytes],
) -> None:
    agreement = finals["agreement"]
    for number in ("一、", "二、", "三、", "四、"):
        # 二 and 三 have only horizontal strokes: in a Song bold they would look regular
        assert fonts_of(agreement, "^" + number) == {"NotoSansCJKsc-Bold"}, number
    assert fonts_of(agreement, "^" + _("Party A (owner)")) == {"NotoSansCJKsc-Bold"}
    assert fonts_of(agreement, "^" + _("Main facts of the dispute and matters in dispute")) == {
        "NotoSansCJKsc-Bold"
    }
    assert fonts_of(agreement, "^" + "".join(_("Settlement Agreement").split())) == {"NotoSerifCJKsc-Bold"}
    assert fonts_of(agreement, "^" + _("(No text follows.)").replace("(", r"\(").replace(")", r"\)")) == {
        "NotoSerifCJKsc-Regular"
    }


@pytest.mark.parametrize("name", list(ALL))
def test_no_line_starts_with_closing_punctuation_and_none_is_letter_spaced(
    name: str, finals: dict[str, bytes]
) -> None:
    pdfcheck.assert_line_rules(finals[name])


def test_justification_never_opens_a_gap_wider_than_normal() -> None:
    tokens = [*tokenize("甲方应于二〇二一年三月十二日前支付人民币贰佰零贰元"), "14,474.72"]
    gaps = _justify(tokens, slack=60.0, size=12.0)  # far more slack than the line's gaps can take
    assert max(gaps) == pytest.approx(MAX_GAP * 12.0)
    assert sum(gaps) < 60.0  # the rest stays at the end of the line: ragged, not letter-spaced


def test_the_line_check_catches_a_letter_spaced_line() -> None:
    spaced = Para("贰佰零贰元整" * 3, TextStyle(letter_space=4))
    pdf = build_pdf([spaced], PdfInfo("t", "t", "t", "t", case.INTAKE), PageDecor(None, None))
    with pytest.raises(AssertionError, match="letter-spaced"):
        pdfcheck.assert_line_rules(pdf)


@pytest.mark.parametrize(
    "lines, room, parts",
    [(3, 2, None), (3, 1, None), (2, 1, None), (5, 1, None), (5, 4, (3, 2)), (6, 5, (4, 2))],
)
def test_a_paragraph_leaves_no_single_line_at_a_page_foot_or_head(
    lines: int, room: int, parts: tuple[int, int] | None
) -> None:
    style = TextStyle(indent=0)
    text = "调解" * 14 * lines  # 28 characters a line at 12 pt on a 336-point measure
    paragraph = Para(text[: 28 * lines - 3], style)
    paragraph.wrap(336, 10_000)
    assert len(paragraph._layout(336)) == lines
    split = paragraph.split(336, room * style.leading + 1)
    if parts is None:
        assert split == []  # it moves whole to the next page
    else:
        assert [len(part._lines) for part in split] == list(parts)


def test_labels_are_never_split_inside_a_word() -> None:
    owner = case.OWNER
    words = [_("phone {phone}"), _("ID number {number}"), _("living at {address}")]
    labels = [word.split("{")[0] for word in words if word.split("{")[0]]
    text = blocks.owner_text(owner) + blocks.owner_text(dataclasses.replace(owner, phone="0594-2687229"))
    assert JOINER in text
    for width in range(150, 460, 3):
        lines = Para(text, styles.PARTY)._layout(width)
        for line in lines:
            shown = "".join(line.tokens)
            for label in labels:
                for cut in range(1, len(label)):
                    assert not shown.endswith(label[:cut]) or shown.endswith(label), (width, shown, label)


def test_a_form_label_breaks_only_before_its_bracket_or_is_set_smaller() -> None:
    cell = blocks.Form.WIDTHS[0] / sum(blocks.Form.WIDTHS) * FRAME_WIDTH
    style = styles.CELL.but(bold=True, align="center")
    signed = blocks.fitted_label(_("Registered by (signature)"), style, cell)
    assert ["".join(line.tokens) for line in signed._layout(cell - 2 * blocks.CELL_PADDING)] in (
        [_("Registered by (signature)")],
        re.split(r"(?=（)", _("Registered by (signature)")),
    )
    code = blocks.fitted_label(_("Credit code"), style, cell)
    assert len(code._layout(cell - 2 * blocks.CELL_PADDING)) == 1
    assert code.style.size <= style.size


@pytest.mark.parametrize("name", list(SIGNED))
def test_no_text_follows_stands_before_every_signature_block(name: str, finals: dict[str, bytes]) -> None:
    text = pdfcheck.flat_text(finals[name])
    marker = pdfcheck.squeeze(_("(No text follows.)"))
    assert text.count(marker) == 1
    first_signature = re.search(r"[（(][^）)]*(签名|盖章|signature|seal)[^）)]*[）)]", text)
    assert first_signature is not None and text.index(marker) < first_signature.start()


@pytest.mark.parametrize("name", list(ALL))
def test_no_page_holds_only_a_signature_block(name: str, finals: dict[str, bytes]) -> None:
    pdfcheck.assert_no_page_of_signatures_only(finals[name])


def test_the_signature_page_check_catches_a_lonely_signature_page() -> None:
    story = [
        blocks.body("本协议一式三份，双方当事人各执一份。"),
        PageBreak(),
        blocks.signature_rows([_("Party B (company seal)")]),
    ]
    pdf = build_pdf(story, PdfInfo("t", "t", "t", "t", case.INTAKE), PageDecor(None, None))
    with pytest.raises(AssertionError, match="only a signature block"):
        pdfcheck.assert_no_page_of_signatures_only(pdf)


@pytest.mark.parametrize("name", list(ALL))
def test_a_draft_reads_exactly_as_the_document_its_mark_drawn_not_written(
    name: str, drafts: dict[str, bytes]
) -> None:
    kind, build = ALL[name]
    with verification.drafting():
        unmarked = registry.render(kind, build())
    assert pdfcheck.pdftotext(drafts[name]) == pdfcheck.pdftotext(unmarked)
    assert pdfcheck.squeeze(_("DRAFT")) not in pdfcheck.squeeze(pdfcheck.pdftotext(drafts[name]))
    assert _page_image(drafts[name]) != _page_image(unmarked)  # but the mark is there to see


def test_a_final_agreement_differs_from_its_draft_only_by_the_verification_block(
    finals: dict[str, bytes], drafts: dict[str, bytes]
) -> None:
    final = [line for line in pdfcheck.pdftotext(finals["agreement"]).splitlines() if line.strip()]
    draft = [line for line in pdfcheck.pdftotext(drafts["agreement"]).splitlines() if line.strip()]
    steps = difflib.SequenceMatcher(None, draft, final, autojunk=False).get_opcodes()
    changed = [
        (step, draft[step[1] : step[2]], final[step[3] : step[4]])
        for step in steps
        if step[0] not in ("equal", "insert")
    ]
    assert not changed  # the final adds lines, changes none
    added = pdfcheck.squeeze(
        "".join("".join(final[j1:j2]) for op, _i1, _i2, j1, j2 in steps if op == "insert")
    )
    assert added.startswith(pdfcheck.squeeze(_("Verification")))
    assert case.AGREEMENT_NUMBER in added and "mediation-app" in added
    assert pdfcheck.qr_payloads(drafts["agreement"], len(pdfcheck.page_texts(drafts["agreement"]))) == []


def _page_image(pdf: bytes, page: int = 1) -> bytes:
    pdfcheck.require_tools("pdftoppm")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "20", "-gray", "-f", str(page), "-l", str(page), str(path), f"{folder}/p"],
            check=True,
        )
        return next(Path(folder).glob("p*")).read_bytes()
