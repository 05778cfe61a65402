"""Nothing a reader needs is cut off: every page and dialog, in Chinese and English, at 1280×800
and 1920×1080 (issue 16).

The walk opens each page of the main window, a case in each status the demo centre holds with
each of its tabs, every step of the case's 操作 menu that is open to the local administrator (its
dialog is checked where it would wait for the user, then cancelled, so nothing is written), and
the dialogs opened from the menus: intake (with its messages), staff accounts and an account's
form, password change, document verification, sign-in and spreadsheet import. A dialog sizes
itself whatever the window's size, so dialogs are walked at the first size only. Each is checked by
:func:`tests.support.layout_check.problems`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from mediation_app.domain.enums import CaseStatus
from mediation_app.i18n import set_language
from mediation_app.storage.models import Case, Company
from mediation_app.storage.uow import Database
from tests.support import layout_check
from tests.support.import_sheets import good_row, write_xlsx
from ui.accounts_dialog import AccountsDialog
from ui.app import install_qt_translations
from ui.change_password_dialog import ChangePasswordDialog
from ui.import_dialog import ImportDialog
from ui.intake.drafts import DraftStore
from ui.intake.intake_dialog import IntakeDialog
from ui.main_window import MainWindow
from ui.sign_in_dialog import SignInDialog
from ui.verify_dialog import VerifyDialog
from ui.viewmodels.accounts import AccountsViewModel
from ui.viewmodels.batch_import import ImportViewModel
from ui.viewmodels.intake import IntakeViewModel
from ui.viewmodels.sign_in import SignInViewModel
from ui.viewmodels.verification import VerificationViewModel
from ui.viewmodels.workspace import Workspace

SIZES = [(1280, 800), (1920, 1080)]


class Walk:
    """The problems found so far, each with where the walk was."""

    def __init__(self, app: QApplication, chinese: bool) -> None:
        self.app = app
        self.chinese = chinese
        self.found: list[str] = []
        self.place = ""
        self.dialogs: set[str] = set()

    def settle(self) -> None:
        for _ in range(5):
            self.app.processEvents()

    def check(self, widget: QWidget, place: str) -> None:
        self.settle()
        for problem in layout_check.problems(widget, chinese=self.chinese):
            self.found.append(f"{place}: {problem}")

    def text(self, text: str, place: str) -> None:
        if self.chinese and layout_check.ascii_punctuation(text):
            self.found.append(f"{place}: ASCII punctuation in Chinese: {text!r}")


@pytest.fixture
def walk(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[Walk]:
    language = request.node.callspec.params["language"]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    set_language(language)
    install_qt_translations(app, language)
    walker = Walk(app, chinese=language == "zh_CN")

    def exec_checked(dialog: QDialog) -> int:
        """A dialog waits for the user: check what it shows, then cancel it."""
        dialog.show()
        walker.dialogs.add(type(dialog).__name__)
        walker.check(dialog, f"{walker.place} → {dialog.windowTitle() or type(dialog).__name__}")
        dialog.reject()
        return int(QDialog.DialogCode.Rejected)

    def message(kind: str) -> Callable[..., Any]:
        def shown(parent: QWidget | None, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            walker.text(title, f"{walker.place} → {kind}")
            walker.text(text, f"{walker.place} → {kind}")
            return QMessageBox.StandardButton.No

        return shown

    monkeypatch.setattr(QDialog, "exec", exec_checked)
    for kind in ("warning", "question", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(message(kind)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    yield walker
    set_language("zh_CN")
    install_qt_translations(app, "zh_CN")


def _one_case_per_status(db: Database) -> list[int]:
    with db.read() as session:
        rows = session.execute(select(Case.id, Case.status).order_by(Case.id)).all()
    chosen: dict[CaseStatus, int] = {}
    for case_id, status in rows:
        chosen.setdefault(status, case_id)
    return list(chosen.values())


def _walk_window(walk: Walk, window: MainWindow, db: Database, size: tuple[int, int], *, steps: bool) -> None:
    window.resize(*size)
    for index in range(window.navigation.count()):
        walk.place = f"page {window.navigation.item(index).text()}"
        window.go_to(index)
        page = window.page(index)
        for _ in range(200):
            if getattr(page, "_loading", None) is None:
                break
            walk.app.processEvents()
        walk.check(window, walk.place)
    window.go_to(0)
    for case_id in _one_case_per_status(db):
        view = window.case_area.open_case(case_id)
        tabs = view.tabs
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            walk.place = f"case {case_id} tab {tabs.tabText(index)}"
            walk.check(window, walk.place)
        for entry in view.header.menu_actions.values():
            if steps and entry.isEnabled():
                walk.place = f"case {case_id} step {entry.text()}"
                entry.trigger()
                walk.settle()
        window.case_area.close_current()


def _company_id(db: Database) -> int:
    with db.read() as session:
        company_id = session.scalar(select(Company.id).order_by(Company.id))
    assert company_id is not None
    return company_id


def _walk_dialogs(walk: Walk, qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "draft.json")
    intake = IntakeDialog(IntakeViewModel(workspace), store=store)
    qtbot.addWidget(intake)
    intake.show()
    walk.check(intake, "intake")
    intake.register()  # the empty form: every message beside its field
    walk.check(intake, "intake with its messages")
    store.discard()
    accounts = AccountsDialog(AccountsViewModel(workspace))
    qtbot.addWidget(accounts)
    accounts.show()
    accounts.select_username("mediator.chen")
    walk.check(accounts, "staff accounts")
    walk.place = "staff accounts"
    accounts.add_user()
    password = ChangePasswordDialog(AccountsViewModel(workspace))
    qtbot.addWidget(password)
    password.show()
    walk.check(password, "change password")
    verify = VerifyDialog(VerificationViewModel(workspace))
    qtbot.addWidget(verify)
    verify.show()
    walk.check(verify, "verify a document")
    sign_in = SignInDialog(SignInViewModel(workspace.db).sign_in)
    qtbot.addWidget(sign_in)
    sign_in.show()
    walk.check(sign_in, "sign in")
    sheet = write_xlsx(
        tmp_path / "list.xlsx", [good_row(1, building="99幢"), good_row(2, building="99幢", area="一百")]
    )
    importing = ImportDialog(ImportViewModel(workspace), path=sheet, company_id=_company_id(workspace.db))
    qtbot.addWidget(importing)
    importing.show()
    qtbot.waitUntil(lambda: importing.preview is not None and not importing.busy, timeout=30_000)
    walk.check(importing, "import preview")


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_no_text_is_cut_off_anywhere(
    walk: Walk,
    qtbot: QtBot,
    demo_db: Database,
    ui_settings: QSettings,
    actor: Any,
    tmp_path: Path,
    language: str,
    size: tuple[int, int],
) -> None:
    workspace = Workspace(demo_db, actor)
    window = MainWindow(workspace, ui_settings)
    qtbot.addWidget(window)
    window.show()
    window.load()
    # A dialog sizes itself, whatever the main window's size: the dialogs are walked at one size.
    first_size = size == SIZES[0]
    _walk_window(walk, window, demo_db, size, steps=first_size)
    if first_size:
        _walk_dialogs(walk, qtbot, workspace, tmp_path)
        # The walk reached the steps' dialogs (a walk that opens none would pass for nothing).
        assert {"SessionDialog", "PaymentDialog", "ApplyConfirmationDialog", "UserDialog"} <= walk.dialogs, (
            walk.dialogs
        )
    assert walk.found == [], "\n".join(walk.found)


def test_the_check_sees_a_clipped_label_and_an_ascii_colon(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout

    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    label = QLabel("短信已发送: 一条很长很长很长很长很长很长的说明文字")
    label.setMaximumWidth(60)
    edit = QLineEdit()
    edit.setPlaceholderText("起始月份，例如 2017-08 至今的每一个月")
    edit.setMaximumWidth(60)
    layout.addWidget(label)
    layout.addWidget(edit)
    box.show()
    found = layout_check.problems(box, chinese=True)
    assert any(problem.startswith("label clipped") for problem in found)
    assert any(problem.startswith("ASCII punctuation") for problem in found)
    assert any(problem.startswith("placeholder cut") for problem in found)
    assert not layout_check.ascii_punctuation("文件(&F)")
    assert not layout_check.ascii_punctuation("荔物调〔2026〕0104号：已受理")
