"""After 保存为方案 in the real window: the new proposal's column is in view and selected, the status
bar says it was saved, the entry is empty, the payable is shown in 大写, and no timing is shown."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from mediation_app.domain.enums import CaseStatus
from mediation_app.services.accounts import local_actor
from mediation_app.storage.uow import Database
from tests.support.workflow_setup import Centre
from ui.case_view.settlement_page import SettlementPage
from ui.main_window import MainWindow
from ui.viewmodels.workspace import Workspace


def test_each_saved_proposal_is_scrolled_to_announced_and_the_entry_cleared(
    qtbot: QtBot, sqlite_db: Database, tmp_path: object
) -> None:
    centre = Centre.build(sqlite_db)
    cid = centre.to(CaseStatus.IN_MEDIATION, case_id=centre.centre_case)
    window = MainWindow(
        Workspace(sqlite_db, local_actor()), QSettings(f"{tmp_path}/s.ini", QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.open_case_on(cid, "settlement")
    view = window.case_area.case_view_at(window.case_area.currentIndex())
    assert view is not None
    page = view.page("settlement")
    assert isinstance(page, SettlementPage) and view.tabs.currentWidget() is page
    for n, per_m2 in enumerate(("0.10", "0.20", "0.30", "0.40", "0.50"), start=1):
        page.terms.per_m2.setText(per_m2)
        page.terms.waiver.setText("50")
        page.proposal_name.setText(f"方案{n}")
        page.save_proposal()
        saved = page.proposals()[-1]
        assert saved.name == f"方案{n}" and page.selected_proposal_id() == saved.id
        column = page.table.currentIndex().column()
        rect = page.table.visualRect(page.model.index(0, column))
        assert page.table.viewport().rect().intersects(rect), f"方案{n}'s column is off-screen"
        assert page.table.selectionModel().isColumnSelected(column)
        assert f"方案{n}" in window.statusBar().currentMessage()
        assert (page.terms.per_m2.text(), page.terms.waiver.text(), page.proposal_name.text()) == ("", "", "")
        assert "元" in page.reconciliation.uppercase.text()  # the payable in 大写 (…元…)
    shown = " ".join(label.text() for label in page.findChildren(QLabel) if label.isVisible())
    assert "毫秒" not in shown and " ms" not in shown and "用时" not in shown
