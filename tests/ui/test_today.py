"""The 今日 page: a signed-in mediator's day in five lists, each row opening the case on its page."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from mediation_app.clock import CHINA
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus, Role, SessionMode
from mediation_app.domain.party import Party
from mediation_app.queries.today import CaseTab, today_view
from mediation_app.services.accounts import local_actor
from mediation_app.services.cases import consents, sessions
from mediation_app.services.cases import status as case_workflow
from mediation_app.storage.uow import Database
from mediation_app.workflow.consent import ConsentMethod
from tests.support.workflow_setup import Centre
from ui.case_view.case_view import CaseView
from ui.main_window import PAGE_CASES, PAGE_TODAY, MainWindow
from ui.pages.today_page import TodayPage, TodaySectionBox
from ui.viewmodels.workspace import Workspace


class Day:
    """A centre on a Monday with one case in each of the five lists, all mediated by 陈 (chen)."""

    def __init__(self, db: Database) -> None:
        centre = Centre.build(db)
        self.centre = centre
        # Before: a case whose mediation period ends soon … and one paying under its agreement.
        self.deadline = centre.to(CaseStatus.IN_MEDIATION)  # the period ends 30 days on
        self.instalment = centre.to(CaseStatus.PERFORMING)  # the first instalment 40 days on
        centre.later(days=37)  # the period ended a week ago; the instalment falls due in 3 days
        self.today = centre.clock.today()
        self.session = centre.to(CaseStatus.IN_MEDIATION)
        at = dt.datetime.combine(self.today, dt.time(15, 0), CHINA)
        centre.run(
            sessions.schedule_session,
            self.session,
            sessions.SessionInput(at, SessionMode.IN_PERSON, place="调解室二"),
        )
        self.consent = centre.new_case()
        centre.run(case_workflow.accept, self.consent)
        centre.run(consents.record_consent, self.consent, Party.OWNER, ConsentMethod.PHONE, self.today)
        self.document = centre.to(CaseStatus.AGREEMENT_REACHED)
        self.chen = Actor(
            centre.staff("mediator.chen"), "陈志明", Role.MEDIATOR, organization_id=centre.org("区调处中心")
        )
        self.huang = Actor(
            centre.staff("mediator.huang"),
            "黄丽华",
            Role.MEDIATOR,
            organization_id=centre.org("区调处中心"),
        )


@pytest.fixture
def day(sqlite_db: Database) -> Day:
    return Day(sqlite_db)


def test_a_mediator_sees_each_list_of_the_day(day: Day) -> None:
    with day.centre.db.read() as session:
        mine = today_view(session, day.chen, day.today)
        theirs = today_view(session, day.huang, day.today)
    # the session held this morning (the agreement's case) and the one planned for the afternoon
    assert [(r.case_id, r.when) for r in mine.sessions.rows] == [
        (day.document, "09:00"),
        (day.session, "15:00"),
    ]
    assert (
        "调解室二" in mine.sessions.rows[1].what and mine.sessions.rows[0].what != mine.sessions.rows[1].what
    )
    assert [r.case_id for r in mine.consents.rows] == [day.consent]
    assert "物业" in mine.consents.rows[0].what  # the company's consent is the one missing
    assert [(r.case_id, r.overdue) for r in mine.deadlines.rows] == [(day.deadline, True)]
    assert [(r.case_id, r.tab) for r in mine.instalments.rows] == [(day.instalment, CaseTab.PERFORMANCE)]
    assert [(r.case_id, r.tab) for r in mine.documents.rows] == [(day.document, CaseTab.DOCUMENTS)]
    # Another mediator of the same centre: none of 陈's cases, the centre's consents all the same.
    assert not theirs.sessions.rows and not theirs.deadlines.rows and not theirs.instalments.rows
    assert not theirs.documents.rows
    assert [r.case_id for r in theirs.consents.rows] == [day.consent]


def test_without_sign_in_every_case_of_the_seat_is_mine(day: Day) -> None:
    with day.centre.db.read() as session:
        seat = today_view(session, local_actor(), day.today)
    assert day.session in {r.case_id for r in seat.sessions.rows}
    assert day.deadline in {r.case_id for r in seat.deadlines.rows}
    assert seat.scope.everything


def test_a_cut_list_keeps_its_first_rows_and_its_total(day: Day) -> None:
    """Counted by SQL, cut by LIMIT: a list cut to one row starts as the whole list and says how many."""
    with day.centre.db.read() as session:
        whole = today_view(session, local_actor(), day.today)
        cut = today_view(session, local_actor(), day.today, limit=1)
    for name in ("sessions", "consents", "deadlines", "instalments", "documents"):
        full, short = getattr(whole, name), getattr(cut, name)
        assert short.total == full.total == len(full.rows), name
        assert short.rows == full.rows[:1], name
    assert whole.sessions.total == 2  # so the cut is tried on a list longer than its limit


def _window(qtbot: QtBot, day: Day, tmp_path: object, actor: Actor | None = None) -> MainWindow:
    settings = QSettings(f"{tmp_path}/settings.ini", QSettings.Format.IniFormat)
    window = MainWindow(Workspace(day.centre.db, actor or day.chen), settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.load()
    _read(qtbot, window)
    return window


def _read(qtbot: QtBot, window: MainWindow) -> TodayPage:
    """The Today page once its day, read off the GUI thread as the window opens, is shown."""
    today = window.page(PAGE_TODAY)
    assert isinstance(today, TodayPage)
    qtbot.waitUntil(lambda: today.shown is not None, timeout=10_000)
    return today


@pytest.mark.parametrize(
    ("section", "attribute", "page"),
    [
        ("sessions", "session", "mediation"),
        ("consents", "consent", "parties"),
        ("deadlines", "deadline", "mediation"),
        ("instalments", "instalment", "performance"),
        ("documents", "document", "documents"),
    ],
)
def test_the_window_opens_on_today_and_a_click_opens_the_case_on_its_page(
    qtbot: QtBot, day: Day, tmp_path: object, section: str, attribute: str, page: str
) -> None:
    window = _window(qtbot, day, tmp_path)
    assert window.pages.currentIndex() == PAGE_TODAY
    today = _read(qtbot, window)
    box: TodaySectionBox = today.sections[section]
    assert box.table.isVisible() and not box.empty.isVisible()
    case_id = getattr(day, attribute)
    row = [r.case_id for r in box.model.rows()].index(case_id)
    rect = box.table.visualRect(box.model.index(row, 1))
    qtbot.mouseClick(box.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.pages.currentIndex() == PAGE_CASES
    view = window.case_area.currentWidget()
    assert isinstance(view, CaseView) and view.case_id == case_id
    assert view.tabs.currentWidget() is view.page(page)


def test_an_empty_list_says_so(qtbot: QtBot, day: Day, tmp_path: object) -> None:
    today = _read(qtbot, _window(qtbot, day, tmp_path, day.huang))
    box = today.sections["sessions"]
    assert not box.table.isVisible() and box.empty.isVisible()
    assert box.empty.text()
    assert today.sections["consents"].table.isVisible()  # the centre's consents: 黄's too


def test_enter_opens_the_current_row(qtbot: QtBot, day: Day, tmp_path: object) -> None:
    today = _read(qtbot, _window(qtbot, day, tmp_path))
    box = today.sections["documents"]
    box.table.setCurrentIndex(box.model.index(0, 0))
    with qtbot.waitSignal(today.case_tab_requested) as opened:
        qtbot.keyClick(box.table, Qt.Key.Key_Return)
    assert opened.args == [day.document, "documents"]


def test_the_day_is_read_off_the_gui_thread_and_a_refresh_meanwhile_wins(
    qtbot: QtBot, day: Day, tmp_path: object
) -> None:
    window = _window(qtbot, day, tmp_path)
    today = _read(qtbot, window)
    today.load()
    assert today._loading is not None and "…" in today.whose.text()  # the window is not held up
    today.refresh()  # a change elsewhere: read at once
    shown = today.shown
    qtbot.waitUntil(lambda: today._loading is None, timeout=10_000)
    assert today.shown is shown  # the older background reading is dropped
