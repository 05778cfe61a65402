"""The case list's search forgives how people type (issue 16.5, 15.6): brackets of any kind, spaces,
case and width, a whole ID number, a phone in groups, 5幢1201 / 5-1201 / 5栋1201 / 5幢 1201; each
form finds its case through the real list page, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from mediation_app.demo.centre_case import centre_case_form
from mediation_app.domain.actor import SYSTEM
from mediation_app.services.accounts import local_actor
from mediation_app.services.cases.intake import OwnerForm, UnitForm, intake_case
from mediation_app.storage.uow import Database
from tests.support.workflow_setup import Centre
from ui.pages.case_list_page import CaseListPage
from ui.viewmodels.case_list import CaseListViewModel
from ui.viewmodels.workspace import Workspace

ID_NUMBER = "35030219900612120X"  # valid, with the check character X
PHONE = "13812345678"


@dataclasses.dataclass
class Found:
    page: CaseListPage
    target: int  # the case registered for these tests: Anna林, 5幢1201
    other: int  # the centre's own case: 车某, 3幢1502
    number: str

    def search(self, qtbot: QtBot, text: str) -> list[int]:
        self.page.search.setText(text)
        qtbot.waitUntil(lambda: self.page.model.case_filter.text == text and self.page.model.complete)
        model = self.page.model
        return [model.case_id(row) for row in range(model.rowCount())]


@pytest.fixture
def found(qtbot: QtBot, db: Database, tmp_path: Path) -> Found:
    centre = Centre.build(db)
    form = centre_case_form(centre.ids)
    form.owner = OwnerForm(name="Anna林", id_number=ID_NUMBER, phone=PHONE, address="荔景花园5幢1201室")
    assert form.unit.community_id is not None
    form.unit = UnitForm(
        community_id=form.unit.community_id,
        building="5幢",
        room="1201",
        area="98.50",
        handover_date="2016-05-02",
        rate="2.80",
        rate_from="2016-05",
    )
    form.intake_date = centre.clock.today().isoformat()  # the centre case's day: newer id first
    with db.unit_of_work(SYSTEM) as uow:
        ref = intake_case(uow, form)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    page = CaseListPage(CaseListViewModel(Workspace(db, local_actor())), settings)
    qtbot.addWidget(page)
    page.load()
    qtbot.waitUntil(lambda: page.model.complete)
    assert page.model.rowCount() == 2
    return Found(page, ref.id, centre.centre_case, ref.number)


FORMS = (
    "5幢1201",
    "5-1201",
    "5栋1201",
    "5幢 1201",
    "5号楼1201",
    "荔景花园5幢1201",
    "荔景花园 5幢1201",
    "138 1234 5678",
    "138-1234-5678",
    "1381234 5678",
    "anna",
    "ANNA林",
    "ＡＮＮＡ",
    "an\u200bna",  # a zero-width space pasted with the name
    ID_NUMBER,
    f"{ID_NUMBER[:6]} {ID_NUMBER[6:14]} {ID_NUMBER[14:]}",
    ID_NUMBER[-6:],
    ID_NUMBER.lower(),
)


def test_each_form_finds_its_case_and_only_it(qtbot: QtBot, found: Found) -> None:
    for typed in FORMS:
        assert found.search(qtbot, typed) == [found.target], typed


def test_the_case_number_with_any_brackets_or_spaces(qtbot: QtBot, found: Found) -> None:
    number = found.number  # 荔物调〔2026〕0002号
    assert "〔" in number
    for typed in (
        number,
        number.replace("〔", "(").replace("〕", ")"),
        number.replace("〔", "（").replace("〕", "）"),
        number.replace("〔", "[").replace("〕", "]"),
        number.replace("〔", " ").replace("〕", " "),
        number.replace("〔", "").replace("〕", ""),
    ):
        assert found.search(qtbot, typed) == [found.target], typed


def test_near_misses_find_nothing(qtbot: QtBot, found: Found) -> None:
    assert found.search(qtbot, "5幢1202") == []
    assert found.search(qtbot, "6-1201") == []
    assert found.search(qtbot, "138-1234-5679") == []
    # Privacy: the ID number is never held whole, so its middle (the birth date) finds nothing
    # and neither does a number one digit off.
    assert found.search(qtbot, ID_NUMBER[6:14]) == []
    assert found.search(qtbot, ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1")) == []


def test_every_word_must_match_and_the_other_case_is_found_its_own_way(qtbot: QtBot, found: Found) -> None:
    assert found.search(qtbot, "3幢1502") == [found.other]
    assert found.search(qtbot, "荔景花园") == [found.target, found.other]  # newest intake first
    assert found.search(qtbot, "荔景花园 车某") == [found.other]
