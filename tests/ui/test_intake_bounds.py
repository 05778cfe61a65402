"""The intake dialog refuses what the bounds refuse, each message beside its field: the dialog
calls the intake service's validators, the same the import and the calculator use."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from mediation_app.domain.actor import Actor
from mediation_app.storage.models import Case
from mediation_app.storage.uow import Database
from ui.intake.claims_model import AMOUNT_COLUMN
from ui.intake.drafts import DraftStore
from ui.intake.intake_dialog import IntakeDialog
from ui.viewmodels.intake import IntakeViewModel
from ui.viewmodels.workspace import Workspace

pytestmark = pytest.mark.usefixtures("english")


def test_implausible_figures_dates_and_hidden_characters_are_refused_beside_their_fields(
    qtbot: QtBot, demo_db: Database, actor: Actor, tmp_path: Path
) -> None:
    dialog = IntakeDialog(IntakeViewModel(Workspace(demo_db, actor)), store=DraftStore(tmp_path / "d.json"))
    qtbot.addWidget(dialog)
    dialog.show()
    with demo_db.read() as session:
        before = session.scalar(select(func.count()).select_from(Case))
    dialog.inputs["owner.name"].setText("车\u200b某")
    dialog.inputs["unit.area"].setText("1e30")
    dialog.inputs["unit.handover_date"].setText("1900-01-01")
    model = dialog.claims.model
    model.setData(model.index(0, AMOUNT_COLUMN), "12345678901234567890")
    dialog.register_button.click()
    expected = {
        "owner.name": "zero-width character (U+200B)",
        "unit.area": "exponent",
        "unit.handover_date": "before 1990-01-01",
    }
    for path, words in expected.items():
        label = dialog.errors.label_for(path)
        assert label is not None and label.isVisibleTo(dialog) and words in label.text(), path
    assert "too many digits (20)" in (model.error_at(0, AMOUNT_COLUMN) or "")
    with demo_db.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == before
