"""The screens as PNG files: ``mediation-app screenshots --out DIR [--lang zh_CN|en]``.

Builds the demo centre in a temporary folder (or uses ``--db``), opens the real main window
(offscreen unless ``QT_QPA_PLATFORM`` says otherwise, e.g. ``xcb`` under Xvfb) and saves each main
screen: the case list, the list with filters and the status drop-down open, the intake dialog
(empty-form errors beside the fields; a filled form with the open-case warning), the case view
and each of its pages, the dashboard, deadlines, the SMS outbox, the batch page (a company's batch
of imported owners, imported for the screenshots, previewed under 0.40 yuan per m² and half the late
fee), settings and the staff accounts.
Settings, drafts and logs go to the temporary folder, never the user's.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from ui.intake.intake_dialog import IntakeDialog
    from ui.viewmodels.case_list import CaseListViewModel
    from ui.viewmodels.workspace import Workspace

WINDOW_SIZE = (1280, 800)


def take(out: Path, languages: list[str], db_url: str | None = None, *, cases: int = 300) -> list[Path]:
    """Save the screenshots of each language under ``out/<language>/``; returns the files."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    with tempfile.TemporaryDirectory(prefix="mediation-shots-") as folder:
        os.environ["MEDIATION_DATA_DIR"] = folder
        from mediation_app.backup.startup import open_for_app
        from mediation_app.demo.centre import build_demo
        from mediation_app.paths import sqlite_url
        from mediation_app.services.accounts import local_actor
        from ui.viewmodels.workspace import Workspace

        url = db_url or sqlite_url(Path(folder) / "demo.sqlite3")
        db = open_for_app(url)
        try:
            if db_url is None:
                build_demo(db, cases=cases)
                demo_batch(Workspace(db, local_actor()), Path(folder))
            workspace = Workspace(db, replace(local_actor(), without_sign_in=False))  # a tool, not a person
            saved: list[Path] = []
            for language in languages:
                saved += _shots(workspace, out / language, language, Path(folder))
            return saved
        finally:
            db.dispose()


def _shots(workspace: Workspace, folder: Path, language: str, scratch: Path) -> list[Path]:
    from PySide6.QtCore import QPoint, QSettings
    from PySide6.QtWidgets import QApplication

    from mediation_app.domain.enums import CaseStatus, Level
    from mediation_app.i18n import set_language
    from mediation_app.queries.case_list import CaseFilter
    from ui.accounts_dialog import AccountsDialog
    from ui.app import create_application, install_qt_translations
    from ui.intake.drafts import DraftStore
    from ui.intake.intake_dialog import IntakeDialog
    from ui.main_window import (
        PAGE_BATCHES,
        PAGE_CASES,
        PAGE_DASHBOARD,
        PAGE_DEADLINES,
        PAGE_SETTINGS,
        PAGE_SMS,
        PAGE_TODAY,
        MainWindow,
    )
    from ui.pages.batch_page import BatchPage
    from ui.screenshots_record import record_shots
    from ui.viewmodels.accounts import AccountsViewModel
    from ui.viewmodels.intake import IntakeViewModel

    app = create_application()
    set_language(language)
    install_qt_translations(app, language)
    folder.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(scratch / f"settings-{language}.ini"), QSettings.Format.IniFormat)
    saved: list[Path] = []

    def settle(rounds: int = 30) -> None:
        for _ in range(rounds):
            app.processEvents()

    def save(widget: QWidget, name: str) -> None:
        settle()
        path = folder / f"{len(saved) + 1:02d}-{name}.png"
        widget.grab().save(str(path))
        saved.append(path)

    window = MainWindow(workspace, settings)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.load()
    _wait_for(app, _loaded(window.page(PAGE_TODAY)))
    save(window, "today")
    window.go_to(PAGE_CASES)
    window.case_list.model.wait_until_complete()  # the count, read after the first screenful
    save(window, "cases")

    bar = window.case_list.filter_bar
    bar.set_filters(
        CaseFilter(
            statuses=frozenset({CaseStatus.IN_MEDIATION, CaseStatus.AWAITING_CONSENT, CaseStatus.INTAKE}),
            levels=frozenset({Level.DISTRICT, Level.TOWN}),
        )
    )
    window.case_list.model.wait_until_complete()
    save(window, "cases-filtered")
    menu = bar.statuses.menu()
    menu.popup(bar.statuses.mapToGlobal(QPoint(0, bar.statuses.height())))
    save(menu, "filter-status-menu")
    menu.close()
    bar.clear()

    first_case = _centre_case_id(window.cases) or window.case_list.model.case_id(0)
    view = window.case_area.open_case(first_case)
    save(window, "case-view")
    for index, page_name in _case_view_pages(view):
        save(window, f"case-view-{index}-{page_name}")
    _correction_shots(view, save)
    window.case_area.close_current()
    record_shots(window, workspace, save)

    store = DraftStore(scratch / f"draft-{language}.json")
    intake = IntakeDialog(IntakeViewModel(workspace), window, store=store)
    intake.show()
    intake.register()  # an empty form: every message beside its field
    save(intake, "intake-errors")
    intake.close()
    store.discard()
    intake = IntakeDialog(IntakeViewModel(workspace), window, store=store)
    intake.show()
    _fill_intake_like_case_one(intake, workspace)
    save(intake, "intake-filled")
    intake.close()  # keeps a draft in the scratch folder (discarding would ask first)
    store.discard()

    for page, name in (
        (PAGE_DASHBOARD, "dashboard"),
        (PAGE_DEADLINES, "deadlines"),
        (PAGE_SMS, "sms-outbox"),
        (PAGE_SETTINGS, "settings"),
    ):
        window.go_to(page)
        content = window.page(page)
        _wait_for(app, _loaded(content))
        if page == PAGE_SMS:
            table = getattr(content, "table", None)
            if table is not None and table.model().rowCount():
                table.selectRow(0)
        save(window, name)

    window.go_to(PAGE_BATCHES)
    batches = window.page(PAGE_BATCHES)
    _wait_for(app, _task_done(batches))
    save(window, "batch")
    if isinstance(batches, BatchPage) and batches.current_batch() is not None:
        batches.terms.per_m2.setText("0.40")
        batches.terms.waiver.setText("50")
        batches.preview()
        _wait_for(app, _task_done(batches))
        save(window, "batch-preview")

    accounts_dialog = AccountsDialog(AccountsViewModel(workspace), window)
    accounts_dialog.show()
    accounts_dialog.select_username("mediator.chen")
    save(accounts_dialog, "accounts")
    accounts_dialog.close()

    window.close()
    window.deleteLater()
    settle()
    QApplication.processEvents()
    return saved


def _correction_shots(view: object, save: Callable[[QWidget, str], None]) -> None:
    """The 更正 menu of the parties page, and the correction dialog: as opened, and refused for
    want of a reason (the message beside the field; nothing is written)."""
    from PySide6.QtCore import QPoint

    from ui.case_view.case_view import CaseView
    from ui.case_view.correction_dialog import CorrectionDialog, CorrectionValues
    from ui.case_view.parties_page import PartiesPage

    if not isinstance(view, CaseView):
        return
    parties = view.show_page("parties")
    if not isinstance(parties, PartiesPage):
        return
    button = parties.correct_button
    button.menu_.popup(button.mapToGlobal(QPoint(0, button.height())))
    save(button.menu_, "correction-menu")
    button.menu_.close()
    items = {item.key: item for item in parties.correctable()}
    phone = items.get("owner.phone")
    if phone is not None:
        dialog = CorrectionDialog(view.ctx, phone.key, phone.current, view)
        if dialog.line is not None:
            dialog.line.setText("13959400002")
        dialog.reason.setPlainText("受理时录入错误，业主本人来电核实")
        dialog.show()
        save(dialog, "correction-dialog")
        dialog.close()
    area = items.get("unit.area")
    if area is not None:
        dialog = CorrectionDialog(view.ctx, area.key, area.current, view)
        if dialog.line is not None:
            dialog.line.setText("98.50")

        def submit(values: CorrectionValues) -> object:
            return view.ctx.save(lambda: area.save(values.value, values.reason))

        dialog._submit = submit
        dialog.show()
        dialog.accept()  # no reason: refused, beside the field
        save(dialog, "correction-dialog-refused")
        dialog.close()


def _loaded(page: object) -> Callable[[], bool]:
    """Whether ``page`` has finished reading in the background (the dashboard reads its figures so)."""
    return lambda: getattr(page, "_loading", None) is None


def _task_done(page: object) -> Callable[[], bool]:
    """Whether the long work ``page`` started (a preview) has ended and been shown."""
    from ui import tasks

    return lambda: getattr(page, "task", None) is None or getattr(page, "task", None) not in tasks._running


def demo_batch(workspace: Workspace, folder: Path, owners: int = 24) -> None:
    """A company's spreadsheet of ``owners`` owners of 荔景花园 20幢, imported as one batch through the
    import's view model (the demo itself has none); one owner claims no late fee, so a late-fee
    waiver is refused for that owner with the reason."""
    import csv
    import random

    from mediation_app.batch_import import ImportOptions
    from mediation_app.batch_import.columns import COLUMNS
    from mediation_app.demo import identities
    from ui.viewmodels.batch_import import ImportViewModel

    rng = random.Random(20)
    path = folder / "荔安物业欠费清单.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([column.zh for column in COLUMNS])
        for index in range(owners):
            area = 80 + rng.randint(0, 6000) / 100
            months = rng.randint(12, 30)
            values = {
                "owner": identities.person_name(rng),
                "phone": identities.mobile(rng),
                "id_number": identities.id_number(rng),
                "community": "荔景花园",
                "building": "20幢",
                "room": f"{index // 4 + 1}{index % 4 + 1:02d}",
                "area": f"{area:.2f}",
                "handover_date": "2016-05-02",
                "paid_up_to": f"{2023 - months // 12}-{12 - months % 12:02d}",
                "arrears_to": "2023-12-31",
                "rate": "2.20",
                "service_fee": f"{area * 2.2 * months:.2f}",
                "utilities": f"{rng.randint(30, 60) * months:.2f}",
                "late_fee": "" if index == 5 else f"{area * 2.2 * months * 0.12:.2f}",
            }
            writer.writerow([values.get(column.key, "") for column in COLUMNS])
    importing = ImportViewModel(workspace)
    company = next(c.id for c in importing.companies() if c.name == "莆田市荔安物业服务有限公司")
    checked = importing.preview(path, company, ImportOptions())
    if checked.can_commit:
        importing.commit(checked)


def _case_view_pages(view: object) -> Iterator[tuple[int, str]]:
    """Show each page of the case view in turn (its first tab widget), naming them.

    A generator: each page is on screen while the caller saves it.
    """
    from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

    if not isinstance(view, QWidget):
        return
    tabs = view.findChild(QTabWidget)
    if tabs is None:
        return
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        page = tabs.widget(index)
        name = (page.objectName() if page is not None else "") or f"page{index + 1}"
        yield index + 1, name


def _centre_case_id(cases: CaseListViewModel) -> int | None:
    """The centre's own case (owner 车某, 荔景花园 3幢1502), the one the screens are shown with."""
    from mediation_app.queries.case_list import CaseFilter

    ids = cases.case_ids(CaseFilter(text="车某 荔景花园 1502"))
    return ids[-1] if ids else None


def _wait_for(app: QApplication, done: Callable[[], bool], timeout_s: float = 20.0) -> None:
    import time

    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout_s
    while not done() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def _fill_intake_like_case_one(dialog: IntakeDialog, workspace: Workspace) -> None:
    """A second claim on the centre's own case's unit: shows pickers, the unit and the warning."""
    from mediation_app.errors import NotFoundError
    from ui.viewmodels.case.case import CaseViewModel
    from ui.viewmodels.intake import IntakeViewModel

    try:
        parties = CaseViewModel(workspace, 1).parties.parties()
    except NotFoundError:
        return
    intake = IntakeViewModel(workspace)
    owner = intake.find_owners(parties.owner.phone)[0]
    community_id = next(c.id for c in intake.choices().communities if c.name == parties.unit.community)
    dialog.owner_finder.pick(owner.id, dialog._owner_text(owner))
    dialog.community.setCurrentIndex(dialog.community.findData(community_id))
    dialog.inputs["unit.building"].setText(parties.unit.building)
    dialog.inputs["unit.room"].setText(parties.unit.room)
    dialog.look_up_unit()
    dialog.organization.setCurrentIndex(1)
    model = dialog.claims.model
    for column, value in enumerate(("物业服务费", "2021-03-10", "2024-12-31", "9786.40"), start=1):
        model.setData(model.index(0, column), value)
