"""Deadlines, dashboard, SMS outbox and settings pages over a demo centre moved along a little."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from mediation_app import formatting
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus, SmsStatus
from mediation_app.i18n import language
from mediation_app.queries.case_list import CaseFilter, case_ids
from mediation_app.queries.due import DueGroup, due_cases
from mediation_app.services.sms import queue_pre_mediation_reminder
from mediation_app.storage.models import SmsMessage
from mediation_app.storage.uow import Database
from mediation_app.workflow.deadlines import Urgency
from tests.support.demo import DEMO_CASES, NOW
from tests.support.workflow_steps import new_case_taken_in, start_mediation_on
from ui.app import WindowHost
from ui.main_window import PAGE_CASES, PAGE_DASHBOARD, PAGE_SETTINGS, MainWindow
from ui.models.rows_model import ROW_ID_ROLE
from ui.pages.dashboard_page import DashboardPage
from ui.pages.deadlines_page import DeadlinesPage, days_text
from ui.pages.settings_page import SettingsPage
from ui.pages.sms_outbox_page import SmsOutboxPage
from ui.viewmodels.dashboard import DashboardViewModel
from ui.viewmodels.deadlines import DeadlinesViewModel
from ui.viewmodels.settings import SettingsViewModel
from ui.viewmodels.sms_outbox import SmsOutboxViewModel
from ui.viewmodels.workspace import Workspace

TODAY = NOW.date()


@pytest.fixture
def moved(demo_db: Database, actor: Actor) -> tuple[int, int]:
    """Two new cases in mediation: one due in 3 days, one 10 days overdue; their ids."""
    soon = new_case_taken_in(demo_db, actor, TODAY - dt.timedelta(days=70), "9001")
    late = new_case_taken_in(demo_db, actor, TODAY - dt.timedelta(days=70), "9002")
    start_mediation_on(demo_db, actor, soon, TODAY - dt.timedelta(days=27))
    start_mediation_on(demo_db, actor, late, TODAY - dt.timedelta(days=40))
    return soon, late


def test_deadlines_lists_overdue_then_due_soon(
    qtbot: QtBot, demo_db: Database, moved: tuple[int, int], actor: Actor, qtmodeltester
) -> None:
    soon, late = moved
    page = DeadlinesPage(DeadlinesViewModel(Workspace(demo_db, actor)))
    qtbot.addWidget(page)
    page.refresh()
    qtmodeltester.check(page.model)
    rows = page.model.rows()
    urgencies = [row.urgency for row in rows]
    assert urgencies == sorted(urgencies, key=lambda u: u is not Urgency.OVERDUE)  # overdue first
    mine = {row.id: row for row in rows if row.id in moved}
    assert (mine[late].urgency, mine[late].days_left) == (Urgency.OVERDUE, -10)
    assert (mine[soon].urgency, mine[soon].days_left) == (Urgency.DUE_SOON, 3)
    late_row = next(i for i, row in enumerate(rows) if row.id == late)
    assert page.model.data(page.model.index(late_row, 2)) == days_text(-10)  # "10 days overdue"
    assert "10" in days_text(-10)
    assert page.model.data(page.model.index(late_row, 0), Qt.ItemDataRole.BackgroundRole) is not None
    page.days.setValue(2)  # due within 2 days: the case due in 3 days drops out, the overdue stays
    ids = {row.id for row in page.model.rows()}
    assert late in ids and soon not in ids
    table = page.table
    table.setCurrentIndex(page.model.index(0, 0))
    with qtbot.waitSignal(page.case_activated) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [page.model.data(page.model.index(0, 0), ROW_ID_ROLE)]


def test_dashboard_shows_the_figures(
    qtbot: QtBot, demo_db: Database, actor: Actor, moved: tuple[int, int]
) -> None:
    with demo_db.read() as session:
        due = due_cases(session, TODAY)
        in_mediation = len(case_ids(session, CaseFilter(statuses=frozenset({CaseStatus.IN_MEDIATION}))))
    page = DashboardPage(DashboardViewModel(Workspace(demo_db, actor)))
    qtbot.addWidget(page)
    page.refresh()  # read off the GUI thread
    qtbot.waitUntil(lambda: page.figures is not None)
    figures = page.figures
    assert figures is not None
    assert figures.total == DEMO_CASES + 2
    assert figures.by_status[CaseStatus.IN_MEDIATION] == in_mediation
    # The dashboard's counts agree with the deadlines list, less the folded 未履行 group.
    overdue = [row for row in due.overdue if row.group is not DueGroup.UNPERFORMED]
    soon = [row for row in due.due_soon if row.group is not DueGroup.UNPERFORMED]
    assert len(overdue) < len(due.overdue)  # the demo has cases concluded as not performed
    assert (figures.due_soon, figures.overdue) == (len(soon), len(overdue))
    assert page.total_tile.value.text() == str(DEMO_CASES + 2)
    assert page.overdue_tile.value.text() == str(len(overdue))
    assert page.agreed_tile.value.text() == formatting.money(figures.agreed_total)
    assert len(figures.months) == 12 and figures.months[-1].month == "2026-11"
    for view in (page.status_view, page.track_view, page.level_view, page.money_view):
        assert view.chart().series()


def test_the_dashboard_page_is_reached_from_the_window(qtbot: QtBot, window: MainWindow) -> None:
    window.go_to(PAGE_DASHBOARD)
    page = window.page(PAGE_DASHBOARD)
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.figures is not None)


def test_the_outbox_shows_messages_and_queues_a_failed_one_again(
    qtbot: QtBot, demo_db: Database, actor: Actor, qtmodeltester
) -> None:
    with demo_db.unit_of_work(actor) as uow:
        queued = queue_pre_mediation_reminder(uow, 1)
        uow.commit()
    with demo_db.unit_of_work(actor) as uow:
        message = uow.session.get(SmsMessage, queued[0].id)
        message.status, message.attempts, message.last_error = SmsStatus.FAILED, 6, "HTTP 503"
        uow.commit()
    page = SmsOutboxPage(SmsOutboxViewModel(Workspace(demo_db, actor)))
    qtbot.addWidget(page)
    page.refresh()
    qtmodeltester.check(page.model)
    page.status_filter.setCurrentIndex(page.status_filter.findData(SmsStatus.FAILED.value))
    row = next(i for i, r in enumerate(page.model.rows()) if r.id == queued[0].id)
    page.table.setCurrentIndex(page.model.index(row, 0))
    assert "HTTP 503" in page.text.toPlainText()
    assert "车某" in page.text.toPlainText()
    assert page.requeue_button.isEnabled()
    page.requeue_button.click()
    assert queued[0].id not in {r.id for r in page.model.rows()}  # no longer failed
    page.status_filter.setCurrentIndex(page.status_filter.findData(SmsStatus.QUEUED.value))
    assert queued[0].id in {r.id for r in page.model.rows()}


def test_switching_the_language_rebuilds_the_window_in_it(
    qtbot: QtBot, demo_db: Database, ui_settings: QSettings, actor: Actor
) -> None:
    host = WindowHost(Workspace(demo_db, actor), ui_settings)
    first = host.open()
    qtbot.addWidget(first)
    first.go_to(PAGE_SETTINGS)
    page = first.page(PAGE_SETTINGS)
    assert isinstance(page, SettingsPage)
    page.language.setCurrentIndex(page.language.findData("en"))
    second = host.window
    assert second is not None and second is not first
    qtbot.addWidget(second)
    assert language() == "en"
    assert ui_settings.value("language") == "en"
    assert second.navigation.item(PAGE_CASES).text() == "Cases"
    assert second.pages.currentIndex() == PAGE_SETTINGS  # where the person was
    assert not first.isVisible()


def test_settings_show_the_database_and_guard_the_sign_in_switch(
    qtbot: QtBot, demo_db: Database, ui_settings: QSettings
) -> None:
    from mediation_app.domain.enums import Role

    clerk = Actor(staff_id=9, name="杨某某", role=Role.CLERK)
    page = SettingsPage(SettingsViewModel(Workspace(demo_db, clerk)), ui_settings)
    qtbot.addWidget(page)
    assert "demo.sqlite3" in page.database_label.text()
    assert not page.sign_in.isEnabled()  # a clerk may not change it
    assert page.sign_in_note.text()


def test_the_outbox_masks_phones_for_a_role_that_may_not_see_them(
    qtbot: QtBot, demo_db: Database, actor: Actor
) -> None:
    from mediation_app.domain.enums import Role

    with demo_db.unit_of_work(actor) as uow:
        queued = queue_pre_mediation_reminder(uow, 1)
        uow.commit()
    supervisor = Actor(staff_id=11, name="翁某某", role=Role.SUPERVISOR)
    page = SmsOutboxPage(SmsOutboxViewModel(Workspace(demo_db, supervisor)))
    qtbot.addWidget(page)
    page.refresh()
    row = next(i for i, r in enumerate(page.model.rows()) if r.id == queued[0].id)
    shown = page.model.data(page.model.index(row, 5))
    assert shown != queued[0].phone and "*" in shown
    assert not page.send_button.isEnabled()  # a supervisor does not send SMS
