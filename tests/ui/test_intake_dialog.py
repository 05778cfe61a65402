"""The intake dialog: messages beside fields, picking parties, the duplicate warning, drafts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseSource, ChargeKind
from mediation_app.queries import lookups
from mediation_app.services.cases.intake import ClaimLine, IntakeForm
from mediation_app.storage.models import Case, Owner, Unit
from mediation_app.storage.uow import Database
from mediation_app.workflow.transitions import OPEN_STATUSES
from ui.intake.claims_model import AMOUNT_COLUMN, ClaimItemsModel
from ui.intake.drafts import DraftStore, IntakeDraft
from ui.intake.intake_dialog import IntakeDialog
from ui.viewmodels.intake import IntakeViewModel
from ui.viewmodels.workspace import Workspace


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts" / "intake.json")


@pytest.fixture
def dialog(qtbot: QtBot, demo_db: Database, actor: Actor, store: DraftStore) -> IntakeDialog:
    intake = IntakeDialog(IntakeViewModel(Workspace(demo_db, actor)), store=store)
    qtbot.addWidget(intake)
    intake.show()
    return intake


def case_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def type_text(widget: QWidget, text: str) -> None:
    """Type as a person would, one key at a time (qtbot.keyClicks aborts on Chinese)."""
    widget.setFocus()
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def choose(combo, data) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(data))


def fill_claim(dialog: IntakeDialog, row: int, *values: str) -> None:
    model = dialog.claims.model
    for column, value in enumerate(values, start=1):
        model.setData(model.index(row, column), value)


def test_every_error_appears_beside_its_field(dialog: IntakeDialog, demo_db: Database) -> None:
    before = case_count(demo_db)
    dialog.inputs["owner.id_number"].setText("35030219850618031X")
    dialog.register_button.click()
    assert case_count(demo_db) == before
    for path in (
        "owner.name",
        "owner.id_number",
        "owner.phone",
        "unit.community",
        "unit.building",
        "organization",
    ):
        label = dialog.errors.label_for(path)
        assert label is not None and label.isVisibleTo(dialog) and label.text(), path
        assert dialog.errors.widget_for(path).property("invalid") is True
    # Fields without a mistake stay quiet.
    assert not dialog.errors.label_for("owner.address").isVisibleTo(dialog)
    # The empty claim line's amount is tinted in the table and its message listed under it.
    assert dialog.claims.model.error_at(0, AMOUNT_COLUMN)
    assert dialog.claims.errors.isVisibleTo(dialog)


def test_fixing_a_field_clears_its_message_on_the_next_try(dialog: IntakeDialog) -> None:
    dialog.register_button.click()
    assert dialog.errors.label_for("owner.name").text()
    dialog.inputs["owner.name"].setText("林某")
    dialog.register_button.click()
    assert not dialog.errors.label_for("owner.name").isVisibleTo(dialog)


def test_registering_a_case_with_a_new_owner_and_the_communitys_company(
    qtbot: QtBot, dialog: IntakeDialog, demo_db: Database, store: DraftStore
) -> None:
    with demo_db.read() as session:
        community = next(c for c in lookups.communities(session) if c.name == "海棠湾")
        centre = lookups.organizations(session, handling_only=True)[0]
    type_text(dialog.inputs["owner.name"], "郭某某")
    dialog.inputs["owner.phone"].setText("13805941234")
    choose(dialog.community, community.id)
    # The community's own company is picked for the clerk.
    assert dialog.company_finder.picked_id == community.company_id
    dialog.inputs["unit.building"].setText("7幢")
    dialog.inputs["unit.room"].setText("603")
    dialog.inputs["unit.area"].setText("98.50")
    choose(dialog.organization, centre.id)
    fill_claim(dialog, 0, "物业服务费", "2024-01-01", "2025-12-31", "5200.00")
    dialog.claims.add_line()
    dialog.claims.model.setData(dialog.claims.model.index(1, 0), ChargeKind.LATE_FEE.value)
    fill_claim(dialog, 1, "违约金", "", "", "300.50")
    qtbot.waitUntil(store.exists)  # the draft was kept while typing

    dialog.register_button.click()
    assert dialog.ref is not None, dialog.general_errors.text()
    assert not store.exists()  # registered: the draft is gone
    with demo_db.read() as session:
        case = session.get(Case, dialog.ref.id)
        assert case is not None
        assert case.owner.name == "郭某某"
        assert case.company_id == community.company_id
        assert [str(item.amount) for item in case.claim_items] == ["5200.00", "300.50"]


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform and popups
def test_picking_an_owner_on_record_through_the_finder(qtbot: QtBot, dialog: IntakeDialog) -> None:
    finder = dialog.owner_finder
    finder.line.setText("13859012345")  # the centre's case owner 车某, found by phone
    finder.run_search()
    assert finder.matches.rowCount() == 1
    finder.completer.activated[type(finder.matches.index(0, 0))].emit(
        finder.completer.completionModel().index(0, 0)
    )
    assert finder.picked_id is not None
    assert "车某" in finder.picked_text()
    assert not dialog.owner_new.isVisibleTo(dialog)  # no new-owner fields for a picked owner
    finder.unpick()
    assert dialog.owner_new.isVisibleTo(dialog)


def open_case(db: Database) -> Case:
    """A demo case still open (the same unit and company must not be taken in twice)."""
    with db.read() as session:
        case = session.scalar(select(Case).where(Case.status.in_(OPEN_STATUSES)).order_by(Case.id))
        assert case is not None
        session.expunge(case)
        return case


def show_unit_of(dialog: IntakeDialog, db: Database, case: Case) -> None:
    with db.read() as session:
        unit = session.get(Unit, case.unit_id)
        assert unit is not None
        choose(dialog.community, unit.community_id)
        dialog.inputs["unit.building"].setText(unit.building)
        dialog.inputs["unit.room"].setText(unit.room)


def test_an_open_case_for_the_same_unit_and_company_is_warned_about(
    qtbot: QtBot, dialog: IntakeDialog, demo_db: Database
) -> None:
    case = open_case(demo_db)
    show_unit_of(dialog, demo_db, case)
    dialog.look_up_unit()
    assert dialog.banner.isVisibleTo(dialog)
    assert case.number in dialog.banner.text()
    # The unit is on record: its area is shown and not retyped.
    with demo_db.read() as session:
        area = session.get(Unit, case.unit_id).area  # type: ignore[union-attr]
    assert dialog.inputs["unit.area"].text() == str(area)
    assert dialog.inputs["unit.area"].isReadOnly()
    dialog.inputs["unit.room"].setText(dialog.inputs["unit.room"].text() + "9")
    dialog.look_up_unit()
    assert not dialog.banner.isVisibleTo(dialog)


def test_registering_despite_the_warning_needs_a_confirmation(
    qtbot: QtBot, dialog: IntakeDialog, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = open_case(demo_db)
    with demo_db.read() as session:
        owner = session.get(Owner, case.owner_id)
        assert owner is not None
        dialog.owner_finder.pick(owner.id, owner.name)
    show_unit_of(dialog, demo_db, case)
    choose(dialog.organization, dialog.organization.itemData(1))
    fill_claim(dialog, 0, "物业服务费", "", "", "100.00")
    asked: list[str] = []
    monkeypatch.setattr(dialog, "confirm_duplicate", lambda number: asked.append(number) or False)
    before = case_count(demo_db)
    dialog.register_button.click()
    assert asked and case_count(demo_db) == before


def test_a_refusal_from_the_service_lands_beside_its_field(dialog: IntakeDialog, demo_db: Database) -> None:
    with demo_db.read() as session:
        che_id = session.get(Case, 1).owner.id_number
        community = lookups.communities(session)[0]
    dialog.inputs["owner.name"].setText("车某")
    dialog.inputs["owner.id_number"].setText(che_id)  # already registered: pick that owner instead
    dialog.inputs["owner.phone"].setText("13859012345")
    choose(dialog.community, community.id)
    dialog.inputs["unit.building"].setText("99幢")
    dialog.inputs["unit.room"].setText("101")
    dialog.inputs["unit.area"].setText("80")
    choose(dialog.organization, dialog.organization.itemData(1))
    fill_claim(dialog, 0, "", "", "", "100")
    dialog.register_button.click()
    assert dialog.ref is None
    assert "车某" in dialog.errors.label_for("owner.id_number").text()


def test_court_assignment_asks_for_the_court(dialog: IntakeDialog) -> None:
    assert not dialog.inputs["assigning_court"].isEnabled()
    choose(dialog.source, CaseSource.COURT_ASSIGNMENT.value)
    assert dialog.inputs["assigning_court"].isEnabled()
    dialog.register_button.click()
    assert dialog.errors.label_for("assigning_court").text()


def test_the_draft_survives_closing_the_window_and_is_offered_again(
    qtbot: QtBot, demo_db: Database, actor: Actor, store: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = IntakeDialog(IntakeViewModel(Workspace(demo_db, actor)), store=store)
    qtbot.addWidget(first)
    first.show()
    type_text(first.inputs["owner.name"], "蔡某")
    first.inputs["owner.phone"].setText("13912345678")
    first.company_finder.pick(2, "福建恒顺物业管理有限公司")
    fill_claim(first, 0, "物业服务费", "2023-01-01", "", "888.00")
    first.close()  # closed at once, before the typing pause: saved on close
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    assert saved["form"]["owner"]["name"] == "蔡某"

    offered: list[IntakeDraft] = []
    monkeypatch.setattr(
        IntakeDialog, "resume_choice", staticmethod(lambda parent, d: offered.append(d) or True)
    )
    monkeypatch.setattr(IntakeDialog, "exec", lambda self: captured.append(self) or 0)
    captured: list[IntakeDialog] = []
    assert IntakeDialog.ask(IntakeViewModel(Workspace(demo_db, actor)), store=store) is None
    resumed = captured[0]
    qtbot.addWidget(resumed)
    assert offered and offered[0].form.owner.name == "蔡某"
    assert resumed.inputs["owner.name"].text() == "蔡某"
    assert resumed.inputs["owner.phone"].text() == "13912345678"
    assert resumed.company_finder.picked_id == 2
    assert resumed.claims.model.lines()[0].amount == "888.00"


def test_starting_anew_discards_the_draft(
    qtbot: QtBot, demo_db: Database, actor: Actor, store: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(IntakeDraft(IntakeForm(claims=[ClaimLine(amount="5")])), demo_db.clock.now())
    monkeypatch.setattr(IntakeDialog, "resume_choice", staticmethod(lambda parent, d: False))
    captured: list[IntakeDialog] = []
    monkeypatch.setattr(IntakeDialog, "exec", lambda self: captured.append(self) or 0)
    IntakeDialog.ask(IntakeViewModel(Workspace(demo_db, actor)), store=store)
    qtbot.addWidget(captured[0])
    assert captured[0].claims.model.lines()[0].amount == ""
    assert not store.exists()


def test_a_draft_that_cannot_be_read_is_set_aside(store: DraftStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text("{not json", encoding="utf-8")
    assert store.load() is None
    assert store.path.with_suffix(".unreadable").exists()


def test_discarding_removes_the_draft(
    qtbot: QtBot, dialog: IntakeDialog, store: DraftStore, monkeypatch
) -> None:
    dialog.inputs["owner.name"].setText("王某")
    dialog.save_draft()
    assert store.exists()
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    dialog.discard_button.click()
    assert not store.exists()


def test_the_claim_items_model_passes_the_model_tester(qtmodeltester) -> None:
    model = ClaimItemsModel(
        [ClaimLine(ChargeKind.SERVICE_FEE, "物业服务费", "2020-01-01", "2020-12-31", "100")]
    )
    qtmodeltester.check(model)
    model.add_line(ChargeKind.UTILITIES)
    model.set_errors({(1, "amount"): "金额: 必填"})
    qtmodeltester.check(model)
    assert model.data(model.index(1, AMOUNT_COLUMN), Qt.ItemDataRole.ToolTipRole) == "金额: 必填"
