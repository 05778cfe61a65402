"""The paragraph flowable in a real PDF: lines read back obey the 禁则 rules, a paragraph that
runs over several pages loses nothing, a long name in a table cell wraps inside the cell."""

from __future__ import annotations

import datetime as dt
import random

from mediation_app.i18n import _
from reports import blocks
from reports.linebreak import CANNOT_END, CANNOT_START
from reports.page import PageDecor, PdfInfo, build_pdf
from reports.text import Para, TextStyle
from tests.support import pdfcheck

HAN = "调解协议书甲乙方业主物业服务费公摊水电违约金人民币元整支付履行期限双方当事人自愿达成如下"
CLOSING = "，。、；：？！）》」』】〉”’"
OPENING = "（《「『【〈“‘"
INFO = PdfInfo("t", "t", "t", "t", dt.date(2021, 3, 22))
DECOR = PageDecor(None, None)


def document_like_text(seed: int, words: int) -> str:
    rng = random.Random(seed)
    parts = []
    for _word in range(words):
        word = "".join(rng.choice(HAN) for _char in range(rng.randint(1, 5)))
        if rng.random() < 0.15:
            word = rng.choice(["14,474.72", "2021年3月9日", "¥2,151.20", "第九百四十四条"])
        if rng.random() < 0.25:
            word = rng.choice(OPENING) + word + rng.choice("）》」』】〉”’")
        parts.append(word + (rng.choice(CLOSING) if rng.random() < 0.4 else ""))
    return "".join(parts)


def test_no_line_read_back_from_the_pdf_breaks_a_rule() -> None:
    texts = [document_like_text(seed, 160) for seed in range(6)]
    pdf = build_pdf([Para(text, TextStyle(indent=2)) for text in texts], INFO, DECOR)
    footer = _("Page {page} of {pages}").split("{")[0].strip()
    lines = [line for line in pdfcheck.text_lines(pdf) if not line.startswith(footer)]
    assert len(lines) > 100
    starts = [line for line in lines if line[0] in CANNOT_START]
    ends = [line for line in lines if line[-1] in CANNOT_END]
    assert not starts, starts[:5]
    assert not ends, ends[:5]


def test_a_paragraph_over_several_pages_keeps_every_character_in_order() -> None:
    text = document_like_text(42, 900)
    pdf = build_pdf([Para(text, TextStyle(indent=2))], INFO, DECOR)
    pages = pdfcheck.assert_page_numbers(pdf)
    assert pages >= 3
    body = "".join(
        pdfcheck.squeeze(page).replace(
            pdfcheck.squeeze(_("Page {page} of {pages}").format(page=n, pages=pages)), ""
        )
        for n, page in enumerate(pdfcheck.page_texts(pdf), start=1)
    )
    assert body == pdfcheck.squeeze(text)


def test_a_long_name_in_a_table_cell_wraps_inside_its_cell() -> None:
    name = "莆田市荔城区拱辰街道荔景花园业主委员会与福建省莆田市荔安物业服务有限公司荔景花园项目部"
    table = blocks.grid(
        ["项目", "内容"], [["当事人", name], ["地址", "福建省莆田市荔城区拱辰街道荔园路88号荔景花园3幢1502室"]],
        widths=[0.2, 0.8], aligns=["center", "left"],
    )  # fmt: skip
    pdf = build_pdf([table], INFO, DECOR)
    pdfcheck.assert_shows(pdf, name)  # all of it is there...
    lines = [pdfcheck.squeeze(line) for line in pdfcheck.text_lines(pdf)]
    assert not any(name in line for line in lines)  # ...but on more than one line of its cell
    assert any(line.endswith(name[-6:]) for line in lines)
