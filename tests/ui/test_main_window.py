"""The main window: pages, shortcuts, opening a case, printing, remembered layout."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.i18n import _
from mediation_app.storage.uow import Database
from tests.support.demo import DEMO_CASES
from ui.case_view.case_view import CaseView
from ui.main_window import (
    PAGE_CASES,
    PAGE_DASHBOARD,
    PAGE_DEADLINES,
    PAGE_SETTINGS,
    PAGE_SMS,
    PAGE_TODAY,
    MainWindow,
)
from ui.viewmodels.workspace import Workspace


def test_the_window_opens_on_today_with_the_case_list_loaded(window: MainWindow) -> None:
    assert window.navigation.currentRow() == PAGE_TODAY
    assert window.case_list.model.rowCount() == DEMO_CASES
    assert window.count_label.text().replace(",", "").find(str(DEMO_CASES)) >= 0
    # The count speaks of the case list: shown there only.
    assert not window.count_label.isVisible()
    window.go_to(PAGE_CASES)
    assert window.count_label.isVisible()
    # Today and the case list are built at start: the other pages wait for their first visit.
    assert all(page.content is None for index, page in window._lazy.items() if index != PAGE_TODAY)


def test_each_page_is_built_on_its_first_visit(window: MainWindow) -> None:
    for index, name in (
        (PAGE_DEADLINES, "deadlinesPage"),
        (PAGE_DASHBOARD, "dashboardPage"),
        (PAGE_SMS, "smsOutboxPage"),
        (PAGE_SETTINGS, "settingsPage"),
    ):
        window.go_to(index)
        assert window.pages.currentIndex() == index
        assert window._lazy[index].content is not None
        assert window._lazy[index].content.objectName() == name


def test_shortcuts_are_the_promised_ones(window: MainWindow) -> None:
    assert window.new_case_action.shortcut() == QKeySequence("Ctrl+N")
    assert window.find_action.shortcut() == QKeySequence("Ctrl+F")
    assert window.print_action.shortcut() == QKeySequence("Ctrl+P")
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")


def test_ctrl_f_brings_the_search_box_from_another_page(qtbot: QtBot, window: MainWindow) -> None:
    window.go_to(PAGE_SETTINGS)
    window.find_action.trigger()
    assert window.pages.currentIndex() == PAGE_CASES
    assert window.case_list.search.hasFocus() or QApplication.focusWidget() is window.case_list.search


def test_searching_narrows_the_list(qtbot: QtBot, window: MainWindow) -> None:
    first_number = window.case_list.model.data(window.case_list.model.index(0, 0))
    window.case_list.search.setText(first_number)
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 1)
    assert window.count_label.text() == _("{count} cases (filtered)").format(count="1")


def test_print_is_disabled_with_a_reason_until_a_case_is_open(window: MainWindow) -> None:
    assert not window.print_action.isEnabled()
    assert window.print_action.toolTip()  # says why (open a case first)


def test_double_click_opens_the_case_in_a_tab_of_its_own(qtbot: QtBot, window: MainWindow) -> None:
    table = window.case_list.table
    table.selectRow(0)
    index = window.case_list.model.index(0, 0)
    number = window.case_list.model.data(index)
    with qtbot.waitSignal(window.case_opened) as opened:
        table.doubleClicked.emit(index)
    view = window.case_area.currentWidget()
    assert isinstance(view, CaseView) and view.case_id == opened.args[0]
    assert window.case_area.tabText(window.case_area.currentIndex()).startswith(number)
    assert window.print_action.isEnabled()  # a case is open: Ctrl+P prints its documents
    table.doubleClicked.emit(index)  # opened again: the same tab, not a second one
    assert window.case_area.count() == 2


def test_enter_on_the_list_opens_the_selected_case(qtbot: QtBot, window: MainWindow) -> None:
    window.case_list.table.setFocus()
    window.case_list.table.selectRow(2)
    expected = window.case_list.current_case_id()
    with qtbot.waitSignal(window.case_list.case_activated) as activated:
        qtbot.keyClick(window.case_list.table, Qt.Key.Key_Return)
    assert activated.args == [expected]
    assert window.case_area.current_case_id() == expected


def test_an_opened_case_shows_its_parties_unit_claims_and_path(window: MainWindow) -> None:
    view = window.case_area.open_case(1)
    assert view.ctx.detail is not None and view.ctx.detail.owner_name == "车某"
    assert "车某" in view.header.parties.text() and view.ctx.detail.room in view.header.parties.text()
    fees = view.show_page("fees")
    assert fees.claim_model.rowCount() == 3
    assert fees.claim_model.data(fees.claim_model.index(1, 2)) == "¥14,474.72"
    mediation = view.show_page("mediation")
    assert mediation.timeline_model.rowCount() >= 1


def test_a_new_case_from_ctrl_n_is_selected_and_opened(
    qtbot: QtBot, window: MainWindow, monkeypatch, demo_db: Database
) -> None:
    from mediation_app.services.cases.intake import CaseRef
    from ui.intake.intake_dialog import IntakeDialog

    monkeypatch.setattr(IntakeDialog, "ask", classmethod(lambda cls, model, parent=None: CaseRef(1, "x")))
    opened: list[int] = []
    window.case_opened.connect(opened.append)
    window.new_case_action.trigger()
    assert opened == [1]
    assert window.case_list.current_case_id() == 1
    assert window.case_area.current_case_id() == 1


def test_a_role_without_intake_cannot_start_one(
    qtbot: QtBot, demo_db: Database, ui_settings: QSettings
) -> None:
    supervisor = Actor(staff_id=99, name="翁某某", role=Role.SUPERVISOR)
    main = MainWindow(Workspace(demo_db, supervisor), ui_settings)
    qtbot.addWidget(main)
    assert not main.new_case_action.isEnabled()
    assert main.new_case_action.toolTip()
    sms_item = main.navigation.item(PAGE_SMS)
    assert not sms_item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert sms_item.toolTip()


def test_layout_is_remembered(qtbot: QtBot, demo_db: Database, ui_settings: QSettings, actor: Actor) -> None:
    first = MainWindow(Workspace(demo_db, actor), ui_settings)
    qtbot.addWidget(first)
    first.show()
    first.case_list.table.setColumnWidth(1, 217)
    first.close()
    second = MainWindow(Workspace(demo_db, actor), ui_settings)
    qtbot.addWidget(second)
    assert second.case_list.table.columnWidth(1) == 217


def test_exporting_the_filtered_list_runs_in_the_background(
    qtbot: QtBot, window: MainWindow, tmp_path, monkeypatch
) -> None:
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    from mediation_app.domain.enums import Level

    target = tmp_path / "cases.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window.case_list.filter_bar.levels.action_for(Level.TOWN.value).setChecked(True)
    expected = window.case_list.model.rowCount()
    window.export_action.trigger()
    qtbot.waitUntil(target.exists, timeout=10000)
    qtbot.waitUntil(lambda: "cases.xlsx" in window.statusBar().currentMessage(), timeout=10000)
    sheet = load_workbook(target).active
    numbers = {
        row[0] for row in sheet.iter_rows(values_only=True) if row and str(row[0]).startswith("荔物调")
    }
    assert len(numbers) == expected


def test_qt_standard_buttons_speak_the_apps_language(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.app import install_qt_translations

    install_qt_translations(qapp, "zh_CN")
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    finally:
        install_qt_translations(qapp, "en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
