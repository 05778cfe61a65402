"""File → Verify a document: the window's File menu opens it; a final document's PDF is found
unaltered; the code of a paper copy (typed as its QR code reads) matches, a forged digest does not
(said in red), and text that is no code is answered with what a code looks like."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mediation_app.documents.canonical import content_hash, load
from mediation_app.documents.verification import VerificationCode
from mediation_app.domain.actor import SYSTEM, Actor
from mediation_app.i18n import _
from mediation_app.queries.case_header import find_case_id
from mediation_app.services.documents import finalise as documents
from mediation_app.storage.uow import Database
from reports import registry
from ui.case_view.files import OpenFile
from ui.main_window import MainWindow
from ui.verify_dialog import FOUND_STYLE, NOT_FOUND_STYLE, VerifyDialog
from ui.viewmodels.verification import VerificationViewModel
from ui.viewmodels.workspace import Workspace

CENTRE_CASE = "荔物调〔2021〕0001号"


@pytest.fixture
def final(demo_db: Database) -> documents.FinalDocument:
    with demo_db.read() as session:
        cid = find_case_id(session, CENTRE_CASE)
    with demo_db.unit_of_work(SYSTEM) as uow:
        return documents.finalise(uow, cid, "agreement", registry.render)


def test_the_file_menu_offers_verification(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert window.verify_action in file_menu.actions()
    assert window.verify_action.text() == _("Verify a document …")


def test_a_pdf_and_a_paper_copys_code_are_checked(
    qtbot: QtBot,
    demo_db: Database,
    actor: Actor,
    final: documents.FinalDocument,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = VerifyDialog(VerificationViewModel(Workspace(demo_db, actor)))
    qtbot.addWidget(dialog)
    pdf = tmp_path / "agreement.pdf"
    pdf.write_bytes(final.content)
    monkeypatch.setattr(OpenFile, "ask", classmethod(lambda cls, parent, title, filters: pdf))
    dialog.open_button.click()
    assert final.number in dialog.finding_label.text() and dialog.finding_label.styleSheet() == FOUND_STYLE

    code = VerificationCode(final.number, content_hash(load(final.data_json))).payload()
    dialog.code.setText(code)
    dialog.code_button.click()
    assert final.number in dialog.finding_label.text() and CENTRE_CASE in dialog.finding_label.text()
    assert dialog.finding_label.styleSheet() == FOUND_STYLE

    dialog.code.setText(code.replace("SHA256:", "SHA256:0"))
    dialog.code_button.click()
    assert (
        dialog.finding_label.styleSheet() == NOT_FOUND_STYLE and final.number in dialog.finding_label.text()
    )

    dialog.code.setText("扫码结果")
    dialog.code_button.click()
    assert dialog.finding_label.styleSheet() == NOT_FOUND_STYLE and "SHA256:" in dialog.finding_label.text()
