"""The pieces documents are built from: titles, party paragraphs, tables, signature and seal
blocks. Each returns reportlab flowables laid out with :class:`reports.text.Para`, so every line
of every document follows the same line-breaking rules and the same type scale.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.parties import Company, Owner
from mediation_app.domain.enums import label
from mediation_app.i18n import _
from reports import styles
from reports.fonts import faces
from reports.ledger import Ledger
from reports.linebreak import JOINER, glued
from reports.page import FRAME_WIDTH
from reports.text import Align, Content, Para, Run, TextStyle, text_width

CELL_PADDING = 3.5
# A form label too wide for its cell is set smaller rather than split, down to this size.
SMALLEST_LABEL = 7.5
_BEFORE_BRACKET = re.compile(r"(?=[（(〔【])")


# --- words kept whole ----------------------------------------------------------------------------


def whole_label(text: str) -> str:
    """A label that never splits inside a word: ``登记人（签名）`` may break only before its
    bracket (``登记人`` / ``（签名）``), ``联系电话`` nowhere. Spaces (English) stay break points."""
    return "".join(glued(part) for part in _BEFORE_BRACKET.split(text))


def term(template: str, **values: str) -> str:
    """A translated template filled in, its own words kept whole: with ``"联系电话{phone}"`` the
    line may break between 联系电话 and the number, never inside 联系电话."""
    parts: list[str] = []
    for literal, field, spec, conversion in string.Formatter().parse(template):
        parts.append(glued(literal) if literal else "")
        if field is not None:
            value = values[field]
            parts.append(format(repr(value) if conversion == "r" else value, spec or ""))
    return "".join(parts)


def fitted_label(text: str, style: TextStyle, width: float) -> Para:
    """A label for a cell ``width`` wide (padding included): kept whole (:func:`whole_label`)
    and, when a part of it is still wider than the cell, set smaller to fit."""
    usable = width - 2 * CELL_PADDING - 0.5
    font = faces().pick(style.bold)
    widest = max((text_width(part, font, style.size) for part in _BEFORE_BRACKET.split(text)), default=0.0)
    if widest > usable > 0:
        size = max(SMALLEST_LABEL, style.size * usable / widest)
        style = style.but(size=size, leading=style.leading * size / style.size)
    return Para(whole_label(text), style)


def title(text: str) -> Para:
    return Para(text, styles.TITLE)


def number_line(number: str) -> Para:
    """``编号：荔物调〔2026〕0001号``, flush right under the title."""
    return Para(_("No. {number}").format(number=number), styles.NUMBER)


def heading(text: str) -> Para:
    return Para(text, styles.HEADING)


def body(content: Content, style: TextStyle = styles.BODY) -> Para:
    return Para(content, style)


def labelled(label_text: str, value: Content, style: TextStyle = styles.PARTY) -> Para:
    """A bold label and its value in one paragraph: ``**甲方（业主）：**车某，男，…``."""
    parts: list[str | Run] = [Run(whole_label(_("{label}: ").format(label=label_text)), bold=True)]
    if isinstance(value, (str, Run)):
        parts.append(value)
    else:
        parts.extend(value)
    return Para(parts, style)


def listing(fragments: Sequence[str]) -> str:
    """Fragments joined by commas, empty ones left out: ``林某某，总经理``."""
    return _(", ").join(fragment for fragment in fragments if fragment)


def sentence(fragments: Sequence[str]) -> str:
    """Fragments joined as one sentence: ``车某，男，…。`` / ``Che, male, ….``"""
    shown = listing(fragments)
    return shown + _(".") if shown else ""


def owner_text(owner: Owner) -> str:
    """An owner as a party is introduced: name, sex, birth, ID number, address, phone."""
    return sentence(
        [
            owner.name,
            label(owner.sex) if owner.sex is not None else "",
            term(_("born on {date}"), date=formatting.date(owner.birth_date)) if owner.birth_date else "",
            term(_("ethnicity {ethnicity}"), ethnicity=owner.ethnicity) if owner.ethnicity else "",
            term(_("ID number {number}"), number=owner.id_number) if owner.id_number else "",
            term(_("living at {address}"), address=owner.address) if owner.address else "",
            term(_("phone {phone}"), phone=owner.phone) if owner.phone else "",
        ]
    )


def owner_block(role: str, owner: Owner) -> list[Flowable]:
    return [labelled(role, owner_text(owner))]


def company_block(role: str, company: Company) -> list[Flowable]:
    """A company party: name, domicile, credit code; its legal representative; its agent."""
    lines: list[Flowable] = [
        labelled(
            role,
            sentence(
                [
                    company.name,
                    term(_("domicile {address}"), address=company.domicile) if company.domicile else "",
                    term(_("unified social credit code {code}"), code=company.credit_code)
                    if company.credit_code
                    else "",
                    term(_("phone {phone}"), phone=company.phone) if company.phone else "",
                ]
            ),
        )
    ]
    indented = styles.PARTY.but(left=2 * styles.PARTY.size)
    if company.legal_representative:
        lines.append(
            labelled(
                _("Legal representative"),
                sentence([company.legal_representative, company.legal_representative_title]),
                indented,
            )
        )
    if company.agent is not None:
        agent = company.agent
        lines.append(
            labelled(
                _("Authorised agent"),
                sentence(
                    [
                        agent.name,
                        agent.capacity,
                        term(_("ID number {number}"), number=agent.id_number) if agent.id_number else "",
                        term(_("phone {phone}"), phone=agent.phone) if agent.phone else "",
                    ]
                ),
                indented,
            )
        )
    return lines


# --- tables -----------------------------------------------------------------------------------

_ALIGN = {"left": "LEFT", "center": "CENTER", "right": "RIGHT", "justify": "LEFT"}


def base_commands(size: float = styles.CELL.size) -> list[tuple[object, ...]]:
    """Every table sets the document face, even for empty cells: reportlab's default is
    Helvetica, which would then be listed in the PDF without being embedded."""
    return [("FONTNAME", (0, 0), (-1, -1), faces().regular), ("FONTSIZE", (0, 0), (-1, -1), size)]


def _grid_style(header_rows: int, size: float, extra: Sequence[tuple[object, ...]] = ()) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        *base_commands(size),
        ("GRID", (0, 0), (-1, -1), 0.5, black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), styles.LIGHT))
    commands.extend(extra)
    return TableStyle(commands)


def _fits(text: str, font: str, size: float, width: float) -> bool:
    """Whether ``text`` can be drawn as it is in a cell ``width`` wide (a word joiner must go
    through a paragraph, which removes it)."""
    return (
        "\n" not in text
        and JOINER not in text
        and text_width(text, font, size) <= width - 2 * CELL_PADDING - 0.5
    )


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[Content | Flowable]],
    widths: Sequence[float],
    aligns: Sequence[Align],
    *,
    bold_rows: Sequence[int] = (),
    style: TextStyle = styles.CELL,
    extra: Sequence[tuple[object, ...]] = (),
) -> Flowable:
    """A ruled table with a shaded header row that repeats on every page the table runs onto.

    ``widths`` are fractions of the text width (they are scaled to it); ``bold_rows`` are row
    indexes (in ``rows``) set in bold, such as totals. Text too long for its cell wraps, with the
    line-breaking rules; short text (most figures) is drawn directly, which keeps long
    statements fast. Rows never split across pages; the table does, between rows."""
    scale = FRAME_WIDTH / sum(widths)
    column_widths = [width * scale for width in widths]
    face = faces()
    size = style.size
    header_style = styles.CELL_HEAD.but(size=size, leading=style.leading)
    if not extra and all(
        isinstance(content, str) and _fits(content, face.pick(index in bold_rows), size, column_widths[col])
        for index, row in enumerate(rows)
        for col, content in enumerate(row)
    ):
        return Ledger(
            [
                fitted_label(text, header_style, width)
                for text, width in zip(header, column_widths, strict=True)
            ],
            [[str(content) for content in row] for row in rows],
            column_widths,
            aligns,
            size=size,
            padding=CELL_PADDING,
            bold_rows=frozenset(bold_rows),
            shade=styles.LIGHT,
        )
    data: list[list[Flowable | str]] = [
        [fitted_label(text, header_style, width) for text, width in zip(header, column_widths, strict=True)]
    ]
    commands: list[tuple[object, ...]] = [
        ("ALIGN", (col, 1), (col, -1), _ALIGN[align]) for col, align in enumerate(aligns)
    ]
    for index, row in enumerate(rows):
        bold = index in bold_rows
        font = face.pick(bold)
        if bold:
            commands.append(("FONTNAME", (0, index + 1), (-1, index + 1), font))
        cells: list[Flowable | str] = []
        for col, (content, align) in enumerate(zip(row, aligns, strict=True)):
            if (isinstance(content, str) and _fits(content, font, size, column_widths[col])) or isinstance(
                content, Flowable
            ):
                cells.append(content)
            else:
                cells.append(Para(content, style.but(align=align, bold=bold)))
        data.append(cells)
    commands.extend(extra)
    return Table(
        data,
        colWidths=column_widths,
        repeatRows=1,
        style=_grid_style(1, size, commands),
        hAlign="LEFT",
    )


@dataclass(frozen=True)
class Label:
    """A label cell of a form (bold, shaded)."""

    text: str


FormCell: TypeAlias = Label | Content | Flowable


class Form:
    """A registration form on a four-column grid (label, value, label, value)::

    form = Form()
    form.pair(_("Name"), owner.name, _("Sex"), label(owner.sex))
    form.wide(_("Address"), owner.address)  # the value spans three columns
    form.section(_("The company"))           # a shaded row across the form
    table = form.table()
    """

    WIDTHS = (0.17, 0.33, 0.17, 0.33)

    def __init__(self, widths: Sequence[float] = WIDTHS) -> None:
        self.widths = tuple(widths)
        self.rows: list[list[FormCell]] = []
        self.spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
        self.heights: list[float | None] = []

    def pair(
        self,
        label1: str,
        value1: Content | Flowable,
        label2: str,
        value2: Content | Flowable,
        *,
        height: float | None = None,
    ) -> Form:
        self.rows.append([Label(label1), value1, Label(label2), value2])
        self.heights.append(height)
        return self

    def wide(self, label_text: str, value: Content | Flowable, *, height: float | None = None) -> Form:
        """A label and a value taking the rest of the row (the only kind of row of a
        two-column form)."""
        row = len(self.rows)
        if len(self.widths) == 2:
            self.rows.append([Label(label_text), value])
        else:
            self.rows.append([Label(label_text), value, "", ""])
            self.spans.append(((1, row), (3, row)))
        self.heights.append(height)
        return self

    def section(self, text: str) -> Form:
        row = len(self.rows)
        self.rows.append([Label(text), "", "", ""])
        self.spans.append(((0, row), (3, row)))
        self.heights.append(None)
        return self

    def table(self) -> Table:
        scale = FRAME_WIDTH / sum(self.widths)
        data: list[list[Flowable | str]] = []
        commands: list[tuple[object, ...]] = [("SPAN", start, end) for start, end in self.spans]
        spanned = {start: end for start, end in self.spans}
        label_style = styles.CELL.but(bold=True, align="center")
        for row_index, row in enumerate(self.rows):
            cells: list[Flowable | str] = []
            for col_index, cell in enumerate(row):
                if isinstance(cell, Label):
                    last = spanned.get((col_index, row_index), (col_index, row_index))[0]
                    width = sum(self.widths[col_index : last + 1]) * scale
                    cells.append(fitted_label(cell.text, label_style, width))
                    commands.append(
                        ("BACKGROUND", (col_index, row_index), (col_index, row_index), styles.LIGHT)
                    )
                elif isinstance(cell, Flowable):
                    cells.append(cell)
                elif cell == "":
                    cells.append("")
                else:
                    cells.append(Para(cell, styles.CELL.but(align="left")))
            data.append(cells)
        return Table(
            data,
            colWidths=[width * scale for width in self.widths],
            style=_grid_style(0, styles.CELL.size, commands),
            hAlign="LEFT",
            minRowHeights=[height or 0 for height in self.heights],
        )


# --- signatures and seal ------------------------------------------------------------------------


def signature_rows(entries: Sequence[str], *, with_date: bool = True) -> Table:
    """One line per signer: ``甲方（签名/按指印）：________　日期：________``."""
    data: list[list[Flowable | str]] = []
    for entry in entries:
        row: list[Flowable | str] = [
            Para(whole_label(_("{label}: ").format(label=entry)), styles.SIGN.but(bold=True)),
            "",
        ]
        if with_date:
            row += [Para(_("Date: "), styles.SIGN.but(align="right")), ""]
        data.append(row)
    widths = [0.45, 0.25, 0.1, 0.2] if with_date else [0.45, 0.55]
    underline = [("LINEBELOW", (1, 0), (1, -1), 0.6, black)]
    if with_date:
        underline.append(("LINEBELOW", (3, 0), (3, -1), 0.6, black))
    return Table(
        data,
        colWidths=[width * FRAME_WIDTH for width in widths],
        minRowHeights=[10 * mm] * len(data),
        style=TableStyle(
            [
                *base_commands(),
                *underline,
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        ),
        hAlign="LEFT",
    )


def no_more_text() -> Para:
    """``（以下无正文）``: nothing of the document's text follows, only signatures and seals (so
    nothing can be written into the space above them)."""
    return Para(_("(No text follows.)"), styles.BODY.but(space_before=2))


def signed_ending(
    flowables: Sequence[Flowable], signatures: Sequence[Flowable], *, keep: int = 1
) -> list[Flowable]:
    """``flowables`` ended by ``（以下无正文）`` and the signature block ``signatures``, which never
    stands alone on a page: the last ``keep`` flowables of the text go with it onto one page (a
    page of nothing but signatures could be attached to another text)."""
    split = max(len(flowables) - keep, 0)
    return [*flowables[:split], KeepTogether([*flowables[split:], no_more_text(), *signatures])]


def seal_block(organisation: str, date_text: str, *, seal_note: str | None = None) -> list[Flowable]:
    """The organisation's name and the date, flush right, with room above for the seal. A list,
    for the caller to keep together with what precedes it (a KeepTogether inside another one
    would make reportlab believe the whole group can never fit)."""
    note = seal_note if seal_note is not None else _("(seal)")
    return [
        Spacer(1, 14 * mm),
        Para([organisation, Run(note)], styles.SIGN.but(align="right")),
        Para(date_text, styles.SIGN.but(align="right")),
    ]


__all__ = [
    "Form",
    "Label",
    "body",
    "company_block",
    "fitted_label",
    "grid",
    "heading",
    "labelled",
    "listing",
    "no_more_text",
    "number_line",
    "owner_block",
    "owner_text",
    "seal_block",
    "sentence",
    "signature_rows",
    "signed_ending",
    "term",
    "title",
    "whole_label",
]
