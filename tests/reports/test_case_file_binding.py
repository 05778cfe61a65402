"""The 卷宗 binds the files handed in: the centre's case with a copy of the owner's identity card
(PNG, and a photo taken sideways as JPEG), the signed scan of the final agreement and a two-page
payment receipt (PDF, its second page turned), and an arrears list (CSV). Read back from the
PDF: each file in its customary place, with its bookmark and its line in the contents at the page
it starts on, numbered like the documents; the PDF pages merged with their own text, the images on
pages of their own; the CSV named on the closing sheet; a file missing from the store said so; the
same data and files giving the same bytes, final or not. On SQLite (the binding does not depend
on the database)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from mediation_app.adapters.attachment_store import attachments_dir
from mediation_app.documents.case_file import CaseFile, FiledAttachment, FiledDocument
from mediation_app.domain.actor import SYSTEM
from mediation_app.domain.enums import AttachmentKind, label
from mediation_app.i18n import _
from mediation_app.services.cases.evidence import attach_evidence
from mediation_app.services.documents import finalise as documents
from mediation_app.storage import migrate
from mediation_app.storage.database import open_engine
from mediation_app.storage.uow import Database
from reports import registry
from reports.fonts import faces
from tests.support import pdfcheck
from tests.support.document_setup import centre_case

RECEIPT_TEXT = ("收款收据第一联", "收款收据第二联")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (420, 270), (226, 236, 244)).save(out, "PNG")
    return out.getvalue()


def _sideways_jpeg() -> bytes:
    """A portrait photo stored landscape, with the EXIF orientation saying "turn 90°"."""
    image = Image.new("RGB", (300, 200), (200, 120, 90))
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=80)
    return out.getvalue()


def _pdf(*pages: str, turned: bool = False) -> bytes:
    """A PDF with one line of text per page (in the document face, so it reads back); the last
    page turned 90° when ``turned``."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(420, 595), invariant=1, initialFontName=faces().regular)
    for text in pages:
        canvas.setFont(faces().regular, 14)
        canvas.drawString(60, 500, text)
        canvas.showPage()
    canvas.save()
    if not turned:
        return out.getvalue()
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(out.getvalue())))
    writer.pages[-1].rotate(90)
    turned_out = io.BytesIO()
    writer.write(turned_out)
    return turned_out.getvalue()


@pytest.fixture
def case_with_files(tmp_path: Path, clock: object) -> Iterator[tuple[Database, int]]:
    engine = open_engine(f"sqlite:///{tmp_path}/binding.sqlite3")
    migrate.upgrade(engine)
    db = Database(engine, clock)  # type: ignore[arg-type]
    _c, cid = centre_case(db)
    with db.unit_of_work(SYSTEM) as uow:
        final = documents.finalise(uow, cid, "agreement", registry.render)
    files = [
        (AttachmentKind.RECEIPT, "收款收据", "receipt.pdf", _pdf(*RECEIPT_TEXT, turned=True), "owner"),
        (AttachmentKind.IDENTITY, "业主车某居民身份证复印件", "id.png", _png(), "owner"),
        (AttachmentKind.IDENTITY, "业主车某手持身份证照片", "photo.jpg", _sideways_jpeg(), "owner"),
        (
            AttachmentKind.EVIDENCE,
            "欠费清单",
            "arrears.csv",
            "月份,金额\n2021-01,334.38\n".encode(),
            "company",
        ),
    ]
    for kind, title, filename, content, by in files:
        with db.unit_of_work(SYSTEM) as uow:
            attach_evidence(
                uow, cid, kind=kind.value, title=title, filename=filename, content=content, submitted_by=by
            )
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(_pdf("调解协议书签署件"))
    with db.unit_of_work(SYSTEM) as uow:
        documents.attach_signed_scan(uow, final.id, scan)
    yield db, cid
    db.dispose()


def _sections(data: CaseFile) -> list[str]:
    return [
        section.kind.value if isinstance(section, FiledAttachment) else section.base_kind
        for section in data.sections
    ]


def test_each_file_is_bound_in_its_customary_place(case_with_files: tuple[Database, int]) -> None:
    db, cid = case_with_files
    data = documents.build_document(db, cid, "file")
    order = _sections(data)
    assert order[:4] == [
        "intake",
        "identity",
        "identity",
        "notice",
    ]  # proofs of identity after the application
    assert order[order.index("agreement") + 1] == "signed_scan"  # the signed paper right after the agreement
    assert order.index("receipt") > max(i for i, kind in enumerate(order) if kind == "followup")
    assert "evidence" not in order  # a CSV stays electronic...
    assert any("arrears.csv" in line for line in data.unbound)  # ...and the closing sheet says so
    identity = [
        s for s in data.sections if isinstance(s, FiledAttachment) and s.kind is AttachmentKind.IDENTITY
    ]
    assert [s.title for s in identity] == [
        "业主车某居民身份证复印件",
        "业主车某手持身份证照片",
    ]  # as attached
    agreement = next(s for s in data.sections if isinstance(s, FiledDocument) and s.base_kind == "agreement")
    assert agreement.final


def test_the_pdf_has_a_bookmark_a_contents_line_and_numbered_pages_for_each_file(
    case_with_files: tuple[Database, int],
) -> None:
    db, cid = case_with_files
    data = documents.build_document(db, cid, "file")
    pdf = registry.render("file", data)
    assert registry.render("file", data) == pdf  # same data and files, same bytes
    pdfcheck.assert_fonts_embedded(pdf)
    reader = pdfcheck.reader(pdf)
    texts = pdfcheck.page_texts(pdf)
    numbered = len(texts) - 3
    contents = pdfcheck.squeeze(texts[1])
    outline = [item for item in reader.outline if not isinstance(item, list)][2:-1]
    assert len(outline) == len(data.sections)
    starts: dict[str, int] = {}
    for item, section in zip(outline, data.sections, strict=True):
        physical = reader.get_destination_page_number(item)
        footer = _("Page {page} of {pages}").format(page=physical - 1, pages=numbered)
        assert pdfcheck.squeeze(footer) in pdfcheck.squeeze(texts[physical]), item.title
        assert pdfcheck.squeeze(item.title) in contents
        if isinstance(section, FiledAttachment):
            title = _("{kind}: {title}").format(kind=label(section.kind), title=section.title)
            assert item.title == title
            assert pdfcheck.squeeze(title) in pdfcheck.squeeze(texts[physical])  # its caption
            starts[section.title] = physical
    receipt = starts["收款收据"]
    assert RECEIPT_TEXT[0] in pdfcheck.squeeze(texts[receipt])  # merged page by page, text and all
    assert RECEIPT_TEXT[1] in pdfcheck.squeeze(texts[receipt + 1])
    assert "调解协议书签署件" in pdfcheck.squeeze(
        texts[
            starts[
                _("Signed scan of {title} {number}").format(
                    title=_("Settlement Agreement"),
                    number=next(
                        s.data.number
                        for s in data.sections
                        if isinstance(s, FiledDocument) and s.base_kind == "agreement"
                    ),
                )
            ]
        ]
    )
    for title in ("业主车某居民身份证复印件", "业主车某手持身份证照片"):
        page = reader.pages[starts[title]]
        images = [
            name
            for name, obj in page["/Resources"]["/XObject"].items()
            if obj.get_object()["/Subtype"] == "/Image"
        ]
        assert len(images) == 1, title
    pdfcheck.assert_shows(pdf, "arrears.csv")
    pdfcheck.assert_no_page_of_signatures_only(pdf)


def test_the_bound_agreement_carries_its_verification_code_and_a_draft_file_none(
    case_with_files: tuple[Database, int],
) -> None:
    db, cid = case_with_files
    data = documents.build_document(db, cid, "file")
    with db.read() as session:
        final = documents.final_document(session, cid, "agreement")
    assert final is not None
    pdf = registry.render("file", data)
    reader = pdfcheck.reader(pdf)
    agreement_pages = [
        reader.get_destination_page_number(item)
        for item in reader.outline
        if not isinstance(item, list) and item.title == _("Settlement Agreement")
    ]
    last = agreement_pages[0] + len(pdfcheck.page_texts(final.content))  # 1-based: its last page
    assert pdfcheck.qr_payloads(
        final.content, len(pdfcheck.page_texts(final.content))
    ) == pdfcheck.qr_payloads(pdf, last)
    draft = registry.render_draft("file", data)
    assert pdfcheck.qr_payloads(draft, last) == []


def test_a_file_missing_from_the_store_is_said_missing_not_left_out(
    case_with_files: tuple[Database, int],
) -> None:
    db, cid = case_with_files
    data = documents.build_document(db, cid, "file")
    receipt = next(
        s for s in data.sections if isinstance(s, FiledAttachment) and s.kind is AttachmentKind.RECEIPT
    )
    (attachments_dir() / receipt.stored_name).unlink()
    pdf = registry.render("file", data)
    text = pdfcheck.flat_text(pdf)
    assert pdfcheck.squeeze(receipt.title) in text and receipt.sha256 in text
    assert RECEIPT_TEXT[0] not in text


def test_the_final_case_file_rerenders_to_its_stored_bytes(case_with_files: tuple[Database, int]) -> None:
    db, cid = case_with_files
    with db.unit_of_work(SYSTEM) as uow:
        final = documents.finalise(uow, cid, "file", registry.render)
    assert documents.rerender(final, registry.render) == final.content
    assert RECEIPT_TEXT[1] in pdfcheck.squeeze("".join(pdfcheck.page_texts(final.content)))
