"""The verification block of a final document, and whether a document is being drawn as a draft.

A final document carries a QR code (:mod:`reports.qr`) and, beside it, the same in words: the
document number, the first 16 hex digits of the SHA-256 of its recorded data (the content hash,
:func:`mediation_app.documents.canonical.content_hash`) and how to check it. Whoever holds the
paper can read it without a scanner; whoever scans it gets the same line
(:mod:`mediation_app.documents.verification`).

A draft carries no verification block: it has no number yet and is recorded nowhere, so there is
nothing to verify. :func:`drafting` says, for the stories built inside it, that they are drafts
(:func:`reports.registry.render_draft` and the case file's unfinalised documents use it); the
renderers ask :func:`is_drafting`. It is a context variable, like the language
(:func:`mediation_app.i18n.speaking`), so threads and batches do not see each other's drafts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle
from reportlab.platypus.flowables import Flowable

from mediation_app.documents.canonical import content_hash
from mediation_app.documents.verification import COMMAND, DIGEST_DIGITS, VerificationCode
from mediation_app.i18n import _
from reports import blocks, styles
from reports.linebreak import glued
from reports.page import FRAME_WIDTH
from reports.qr import QrCode
from reports.text import Para, Run

QR_SIZE = 26 * mm
# The command, never split over two lines (a no-break space holds it together as one word).
COMMAND_WORDS = COMMAND.replace(" ", "\u00a0")
WORDS = styles.NOTE.but(size=9, leading=13.5, align="left")

_drafting: ContextVar[bool] = ContextVar("drafting", default=False)


@contextlib.contextmanager
def drafting(draft: bool = True) -> Iterator[None]:
    """Documents whose stories are built inside are drafts (``draft=False``: finals again)."""
    token = _drafting.set(draft)
    try:
        yield
    finally:
        _drafting.reset(token)


def is_drafting() -> bool:
    return _drafting.get()


def code_for(number: str, data: Any) -> VerificationCode:
    """The verification code of document ``number`` printed from ``data``."""
    return VerificationCode(number, content_hash(data))


def words(code: VerificationCode) -> list[Para]:
    """The code in words: the number, which hash and its first digits, how to check."""
    return [
        Para([Run(_("Verification"), bold=True)], WORDS),
        Para(_("Document number: {number}").format(number=code.document_number), WORDS),
        Para(
            _(
                "Content digest: the first {digits} hex digits of the SHA-256 of the document's recorded data: "
                "{digest}"
            ).format(digits=DIGEST_DIGITS, digest=code.short_digest),
            WORDS,
        ),
        Para(
            _(
                "To check: in the mediation client, File → Verify a document, open this PDF or enter the text of "
                "the QR code; or run {command} FILE.pdf, for a paper copy {command} {option} followed by the QR "
                "code's text."
            ).format(command=COMMAND_WORDS, option=glued("--code")),
            WORDS,
        ),
    ]


def verification_block(number: str, data: Any) -> Flowable | None:
    """The QR code with its words beside it, for final document ``number`` printed from ``data``;
    None for a draft (see :func:`drafting`)."""
    if is_drafting():
        return None
    code = code_for(number, data)
    return Table(
        [[QrCode(code.payload(), QR_SIZE), words(code)]],
        colWidths=[QR_SIZE + 4 * mm, FRAME_WIDTH - QR_SIZE - 4 * mm],
        style=TableStyle(
            [
                *blocks.base_commands(),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
        hAlign="LEFT",
    )


__all__ = ["QR_SIZE", "code_for", "drafting", "is_drafting", "verification_block", "words"]
