"""A kind of document is declared once and found everywhere: a throwaway kind, added in a fixture
with one declaration in the core's registry and one renderer, shows in the ``print`` command's
``--doc`` choices, on the case view's Documents page, and in the case file (卷宗)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot
from reportlab.platypus.flowables import Flowable

from mediation_app.cli import build_parser
from mediation_app.documents.canonical import canonical_json, load
from mediation_app.domain.actor import Actor
from mediation_app.services.documents import registry
from mediation_app.services.documents.document_type import DocumentSource, DocumentType
from mediation_app.services.documents.finalise import build_document
from mediation_app.storage.uow import Database
from reports import blocks
from reports import registry as renderers
from reports.page import PageDecor, PdfInfo, build_pdf
from tests.support import pdfcheck
from ui.case_view.case_view import CaseView
from ui.case_view.documents_page import KIND_ROLE
from ui.viewmodels.case.case import CaseViewModel
from ui.viewmodels.workspace import Workspace

KIND = "witness"
STATEMENT = "证人当庭陈述物业公司曾停水三日。"


@dataclass(frozen=True)
class WitnessStatement:
    case_number: str
    date: dt.date
    text: str


def _build(source: DocumentSource) -> WitnessStatement:
    return WitnessStatement(source.case.number, source.today, STATEMENT)


def _story(data: WitnessStatement) -> list[Flowable]:
    return [blocks.title("证人证言"), blocks.body(data.text)]


def _decor(data: WitnessStatement) -> PageDecor:
    return PageDecor("荔城区物业纠纷调处中心", data.case_number)


def _render(data: WitnessStatement) -> bytes:
    return build_pdf(_story(data), PdfInfo("证人证言", "", data.case_number, "", data.date), _decor(data))


@pytest.fixture
def witness_kind() -> Iterator[str]:
    # The one declaration in the core …
    registry.register(DocumentType(KIND, "Witness statement", WitnessStatement, _build, "证"))
    # … and the one renderer.
    renderers.register_renderer(KIND, renderers.DocumentRenderer(WitnessStatement, _render, _story, _decor))
    yield KIND
    registry.unregister(KIND)
    renderers.unregister_renderer(KIND)


def test_the_print_command_offers_the_new_kind(witness_kind: str) -> None:
    parser = build_parser(only="print")
    arguments = parser.parse_args(["print", "荔物调〔2026〕0001号", "--doc", witness_kind, "--out", "x.pdf"])
    assert arguments.doc == witness_kind


def test_the_documents_page_lists_the_new_kind(
    qtbot: QtBot, witness_kind: str, demo_db: Database, actor: Actor
) -> None:
    view = CaseView(CaseViewModel(Workspace(demo_db, actor), 1))
    qtbot.addWidget(view)
    listed = view.findChild(object, "documentKinds")
    assert listed is not None
    kinds = [listed.item(row).data(KIND_ROLE) for row in range(listed.count())]
    assert witness_kind in kinds
    assert kinds.index(witness_kind) == kinds.index("file") + 1  # after those declared before it


def test_the_case_file_holds_and_binds_the_new_kind(witness_kind: str, demo_db: Database) -> None:
    data = build_document(demo_db, 1, "file")
    filed = [section for section in data.sections if section.kind == witness_kind]
    assert [section.data.text for section in filed] == [STATEMENT]
    assert load(canonical_json(data)) == data  # the throwaway type reads back from stored JSON too
    pdf = renderers.render("file", data)
    assert pdfcheck.squeeze(STATEMENT) in pdfcheck.flat_text(pdf)
    outline = [item.title for item in pdfcheck.reader(pdf).outline if not isinstance(item, list)]
    assert "Witness statement" in outline
