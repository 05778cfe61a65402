"""The 期限 page in groups: what to act on now, what waits for others, and (folded) the cases that
ended unpaid; the person's own organisation by default, the choices remembered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus, Role
from mediation_app.queries.due import DueGroup
from mediation_app.services.cases import status as case_workflow
from mediation_app.storage.uow import Database
from tests.support.workflow_setup import Centre
from ui.pages.deadlines_page import DeadlinesPage
from ui.viewmodels.deadlines import DeadlinesViewModel
from ui.viewmodels.workspace import Workspace


class Cases:
    def __init__(self, db: Database) -> None:
        centre = Centre.build(db)
        self.centre = centre
        self.act_now = centre.to(CaseStatus.IN_MEDIATION)  # its period ends 30 days on
        self.waiting = centre.to(CaseStatus.PERFORMING)  # the first instalment 40 days on
        self.unperformed = centre.to(CaseStatus.SIGNED)
        centre.run(case_workflow.record_non_performance, self.unperformed, "业主未按期付款")
        centre.later(days=38)  # the period is 8 days past; the instalments fall due in 2 days
        committee = centre.org("区物业人调委")  # where the mediation started: the cases' organisation
        self.member = Actor(centre.staff("mediator.chen"), "陈", Role.MEDIATOR, organization_id=committee)
        self.outsider = Actor(
            centre.staff("mediator.huang"), "黄", Role.MEDIATOR, organization_id=centre.org("区调处中心")
        )


@pytest.fixture
def cases(sqlite_db: Database) -> Cases:
    return Cases(sqlite_db)


def page_for(qtbot: QtBot, cases: Cases, who: Actor, settings: QSettings) -> DeadlinesPage:
    page = DeadlinesPage(DeadlinesViewModel(Workspace(cases.centre.db, who)), settings)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    page.refresh()
    return page


def ids(page: DeadlinesPage, group: DueGroup) -> set[int]:
    return {row.id for row in page.groups[group].model.rows()}


def test_rows_fall_in_their_groups_and_the_unperformed_are_folded(
    qtbot: QtBot, cases: Cases, tmp_path: object, qtmodeltester
) -> None:
    settings = QSettings(f"{tmp_path}/s.ini", QSettings.Format.IniFormat)
    page = page_for(qtbot, cases, cases.member, settings)
    assert page.own_only.isChecked()  # the person's organisation by default
    assert ids(page, DueGroup.ACT_NOW) == {cases.act_now}
    assert ids(page, DueGroup.WAITING) == {cases.waiting}
    assert ids(page, DueGroup.UNPERFORMED) == {cases.unperformed}
    for view in page.groups.values():
        qtmodeltester.check(view.model)
    folded = page.groups[DueGroup.UNPERFORMED]
    assert not folded.table.isVisible() and "1" in folded.header.text()
    folded.header.click()
    assert folded.table.isVisible()
    assert page.groups[DueGroup.ACT_NOW].table.isVisible()


def test_the_own_organisation_is_the_default_and_the_choice_is_remembered(
    qtbot: QtBot, cases: Cases, tmp_path: object
) -> None:
    settings = QSettings(f"{tmp_path}/s.ini", QSettings.Format.IniFormat)
    page = page_for(qtbot, cases, cases.outsider, settings)
    # 黄 belongs to the centre; the cases are the committee's: none of them by default.
    assert page.own_only.isChecked()
    assert all(not view.model.rowCount() for view in page.groups.values())
    page.own_only.setChecked(False)
    page.days.setValue(3)
    page.groups[DueGroup.UNPERFORMED].header.click()  # unfolded
    assert ids(page, DueGroup.ACT_NOW) == {cases.act_now}
    settings.sync()
    again = page_for(qtbot, cases, cases.outsider, QSettings(f"{tmp_path}/s.ini", QSettings.Format.IniFormat))
    assert not again.own_only.isChecked() and again.days.value() == 3
    assert again.groups[DueGroup.UNPERFORMED].unfolded
    assert ids(again, DueGroup.WAITING) == {cases.waiting}
