"""开始调解 says beforehand why it cannot be taken; the print dialog names the document in the UI
language and offers a copy for each party and one for the centre; the Actions menu in the menu
bar takes the open case's steps, with shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from mediation_app.domain.enums import CaseStatus
from mediation_app.domain.party import Party
from mediation_app.i18n import _
from mediation_app.services.accounts import local_actor
from mediation_app.services.cases import consents
from mediation_app.services.cases import status as case_workflow
from mediation_app.services.documents import registry
from mediation_app.storage.uow import Database
from mediation_app.workflow.actions import Action
from mediation_app.workflow.consent import ConsentMethod, missing_consents
from tests.support.workflow_setup import Centre
from ui.case_view.case_view import CaseView
from ui.case_view.documents_page import DocumentsPage
from ui.case_view.printing import PrinterChoice
from ui.main_window import PAGE_CASES, STEP_SHORTCUTS, MainWindow
from ui.viewmodels.case.case import CaseViewModel
from ui.viewmodels.workspace import Workspace


def open_view(qtbot: QtBot, db: Database, case_id: int) -> CaseView:
    view = CaseView(CaseViewModel(Workspace(db, local_actor()), case_id))
    qtbot.addWidget(view)
    view.show()
    return view


def test_start_mediation_is_greyed_until_both_consents_with_the_reason(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    centre = Centre.build(sqlite_db)
    cid = centre.new_case()
    centre.run(case_workflow.accept, cid)
    centre.run(consents.record_consent, cid, Party.OWNER, ConsentMethod.PHONE, centre.clock.today())
    view = open_view(qtbot, sqlite_db, cid)
    button = view.header.step_buttons[Action.START_MEDIATION]
    assert not button.isEnabled()
    assert button.toolTip() == missing_consents(True, False)  # names the company's missing consent
    assert not view.header.menu_actions[Action.START_MEDIATION].isEnabled()
    centre.run(consents.record_consent, cid, Party.COMPANY, ConsentMethod.SIGNED_FORM, centre.clock.today())
    view.reload()
    assert view.header.step_buttons[Action.START_MEDIATION].isEnabled()


def test_the_print_dialog_names_the_document_and_offers_a_copy_per_party_and_one_more(
    qtbot: QtBot, sqlite_db: Database, monkeypatch
) -> None:
    centre = Centre.build(sqlite_db)
    cid = centre.to(CaseStatus.SIGNED)
    view = open_view(qtbot, sqlite_db, cid)
    asked: list[tuple[str, str, int]] = []

    def cancel(_cls: type, _parent: QWidget | None, doc_name: str, title: str = "", copies: int = 1) -> None:
        asked.append((doc_name, title, copies))
        return None

    monkeypatch.setattr(PrinterChoice, "ask", classmethod(cancel))
    view.print_documents()
    page = view.page("documents")
    assert isinstance(page, DocumentsPage)
    ((doc_name, title, copies),) = asked
    assert doc_name.isascii()  # print queues name their files from it
    detail = view.ctx.detail
    assert detail is not None
    assert title == f"{registry.title('agreement')} {detail.number}"  # 调解协议书 荔物调〔2026〕…号
    assert copies == 3  # the owner, the company, and the centre's copy
    printer, dialog = PrinterChoice.dialog(view, doc_name, title, copies)
    assert dialog.windowTitle() == _("Print {document}").format(document=title)
    assert "agreement" not in dialog.windowTitle() and registry.title("agreement") in dialog.windowTitle()
    assert printer.copyCount() == 3


def test_the_actions_menu_takes_the_open_cases_steps_with_shortcuts(
    qtbot: QtBot, sqlite_db: Database, tmp_path: object
) -> None:
    centre = Centre.build(sqlite_db)
    cid = centre.new_case()
    window = MainWindow(
        Workspace(sqlite_db, local_actor()), QSettings(f"{tmp_path}/s.ini", QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.show()
    assert not window.step_actions[Action.ACCEPT].isEnabled()  # no case open
    assert window.step_actions[Action.RECORD_SESSION].shortcut() == QKeySequence(
        STEP_SHORTCUTS[Action.RECORD_SESSION]
    )
    assert set(window.step_actions) == set(Action)
    assert all(entry in window.steps_menu.actions() for entry in window.step_actions.values())
    window.open_case(cid)
    assert window.pages.currentIndex() == PAGE_CASES
    window.steps_menu.aboutToShow.emit()
    assert window.step_actions[Action.ACCEPT].isEnabled()
    assert not window.step_actions[Action.SIGN].isEnabled() and window.step_actions[Action.SIGN].toolTip()
    # Ctrl+1 … go to the pages, shown in the Go menu
    assert [a.shortcut().toString() for a in window.go_actions][:3] == ["Ctrl+1", "Ctrl+2", "Ctrl+3"]
