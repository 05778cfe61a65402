"""Deadlines, dashboard, SMS outbox and settings pages over a demo centre moved along a little."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus
from mediation_app.i18n import language
from mediation_app.services.sms_outbox import SmsStatus, queue_pre_mediation_reminder
from mediation_app.storage.models import SmsMessage
from mediation_app.storage.uow import Database
from mediation_app.workflow.deadlines import Urgency
from tests.ui.conftest import DEMO_CASES, NOW
from tests.ui.workflow_steps import cases_taken_in_before, start_mediation_on
from ui.app import WindowHost
from ui.main_window import PAGE_DASHBOARD, PAGE_SETTINGS, MainWindow
from ui.models.rows_model import ROW_ID_ROLE
from ui.pages.dashboard_page import DashboardPage
from ui.pages.deadlines_page import DeadlinesPage
from ui.pages.settings_page import SettingsPage
from ui.pages.sms_outbox_page import SmsOutboxPage

TODAY = NOW.date()


@pytest.fixture
def moved_db(demo_db: Database, actor: Actor) -> Database:
    """Two cases in mediation: one due in 3 days, one 10 days overdue."""
    soon, late = cases_taken_in_before(demo_db, TODAY - dt.timedelta(days=60), 2)
    start_mediation_on(demo_db, actor, soon, TODAY - dt.timedelta(days=27))
    start_mediation_on(demo_db, actor, late, TODAY - dt.timedelta(days=40))
    return demo_db


def test_deadlines_lists_overdue_then_due_soon(
    qtbot: QtBot, moved_db: Database, actor: Actor, qtmodeltester
) -> None:
    page = DeadlinesPage(moved_db, actor)
    qtbot.addWidget(page)
    page.refresh()
    qtmodeltester.check(page.model)
    rows = page.model.rows()
    assert [row.urgency for row in rows] == [Urgency.OVERDUE, Urgency.DUE_SOON]
    assert rows[0].days_left == -10 and rows[1].days_left == 3
    assert page.model.data(page.model.index(0, 2)).startswith("10")  # "10 days overdue"
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert "1" in page.summary.text()
    page.days.setValue(2)  # due within 2 days: only the overdue one is left
    assert len(page.model.rows()) == 1
    table = page.table
    table.setCurrentIndex(page.model.index(0, 0))
    with qtbot.waitSignal(page.case_activated) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [page.model.data(page.model.index(0, 0), ROW_ID_ROLE)]


def test_dashboard_shows_the_figures(qtbot: QtBot, moved_db: Database) -> None:
    page = DashboardPage(moved_db)
    qtbot.addWidget(page)
    page.refresh()
    figures = page.figures
    assert figures is not None
    assert figures.total == DEMO_CASES
    assert figures.by_status[CaseStatus.IN_MEDIATION] == 2
    assert (figures.due_soon, figures.overdue) == (1, 1)
    assert page.total_tile.value.text() == str(DEMO_CASES)
    assert page.due_tile.value.text() == "1" and page.overdue_tile.value.text() == "1"
    assert page.success_tile.value.text() == "—"  # nothing concluded yet
    assert page.agreed_tile.value.text() == "¥0.00"
    for view in (page.status_view, page.track_view, page.level_view, page.money_view):
        assert view.chart().series()


def test_the_dashboard_page_is_reached_from_the_window(window: MainWindow) -> None:
    window.go_to(PAGE_DASHBOARD)
    page = window.page(PAGE_DASHBOARD)
    assert isinstance(page, DashboardPage) and page.figures is not None


def test_the_outbox_shows_messages_and_queues_a_failed_one_again(
    qtbot: QtBot, demo_db: Database, actor: Actor, qtmodeltester
) -> None:
    with demo_db.unit_of_work(actor) as uow:
        queued = queue_pre_mediation_reminder(uow, 1)
        uow.commit()
    with demo_db.unit_of_work(actor) as uow:
        message = uow.session.get(SmsMessage, queued[0].id)
        message.status, message.attempts, message.last_error = SmsStatus.FAILED.value, 6, "HTTP 503"
        uow.commit()
    page = SmsOutboxPage(demo_db, actor)
    qtbot.addWidget(page)
    page.refresh()
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 1
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert "HTTP 503" in page.text.toPlainText()
    assert "车某" in page.text.toPlainText()
    assert page.requeue_button.isEnabled()
    page.requeue_button.click()
    assert page.model.row_at(0).status is SmsStatus.QUEUED
    page.status_filter.setCurrentIndex(page.status_filter.findData(SmsStatus.FAILED.value))
    assert page.model.rowCount() == 0


def test_switching_the_language_rebuilds_the_window_in_it(
    qtbot: QtBot, demo_db: Database, ui_settings: QSettings, actor: Actor
) -> None:
    host = WindowHost(demo_db, ui_settings, actor)
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
    assert second.navigation.item(0).text() == "Cases"
    assert second.pages.currentIndex() == PAGE_SETTINGS  # where the person was
    assert not first.isVisible()


def test_settings_show_the_database_and_guard_the_sign_in_switch(
    qtbot: QtBot, demo_db: Database, ui_settings: QSettings
) -> None:
    from mediation_app.domain.enums import Role

    clerk = Actor(staff_id=9, name="杨某某", role=Role.CLERK)
    page = SettingsPage(demo_db, clerk, ui_settings)
    qtbot.addWidget(page)
    assert "demo.sqlite3" in page.database_label.text()
    assert not page.sign_in.isEnabled()  # a clerk may not change it
    assert page.sign_in_note.text()
