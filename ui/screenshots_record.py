"""Screenshots of the completed record: the payments tab with entries (one voided) and the
out-of-date notice, and the 定稿 confirmation showing the number the document will take.

Called by :mod:`ui.screenshots` for each language; the entries are made once, through the
services, on an open case of the demo centre (the screenshot database is a scratch copy).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.case_view.fees_page import FeesPage
from ui.case_view.finalise_dialog import FinaliseConfirmation
from ui.main_window import MainWindow
from ui.viewmodels.record_sample import agreement_preview, case_with_entries
from ui.viewmodels.workspace import Workspace


def record_shots(window: MainWindow, workspace: Workspace, save: Callable[[QWidget, str], None]) -> None:
    case_id = case_with_entries(workspace)
    if case_id is not None:
        view = window.case_area.open_case(case_id)
        page = view.show_page("fees")
        assert isinstance(page, FeesPage)
        page.load()
        page.sources.setCurrentIndex(page.sources.count() - 1)  # 已缴款项
        page.payment_table.selectRow(0)
        save(window, "fees-payments")
        page.sources.setCurrentIndex(page.sources.count() - 2)  # 公摊水电费账单
        save(window, "fees-bills")
        window.case_area.close_current()
    preview = agreement_preview(workspace)
    if preview is not None:
        dialog = FinaliseConfirmation(preview, window)
        dialog.show()
        save(dialog, "finalise-confirmation")
        dialog.close()
