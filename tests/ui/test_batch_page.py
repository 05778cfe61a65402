"""The Batch page: choosing a batch shows each owner's claim and recomputation; the terms are
previewed off the GUI thread with totals (the refused owner tinted, with the reason); applying
asks first, naming how many proposals and who is refused; cancelling a preview or an apply writes
nothing; the accepted agreements print in one go. Every figure shown is the service's."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from mediation_app import formatting
from mediation_app.clock import FixedClock
from mediation_app.domain.actor import SYSTEM
from mediation_app.i18n import _
from mediation_app.services.accounts import local_actor
from mediation_app.services.batch import preview_batch
from mediation_app.storage.models import AuditEvent, Base, Proposal
from mediation_app.storage.uow import Database
from tests.support.batch_setup import TERMS, accept, imported_batch, owner_rows
from tests.support.import_sheets import good_row, unique_id_number
from tests.support.workflow_setup import START, Centre
from ui.main_window import PAGE_BATCHES, MainWindow
from ui.models.rows_model import ROW_ID_ROLE
from ui.pages.batch_page import CASE_COLUMNS, BatchConfirm, BatchPage, FolderChoice
from ui.viewmodels.batch import BatchViewModel
from ui.viewmodels.workspace import Workspace


@pytest.fixture
def centre(tmp_path: Path) -> Iterator[Centre]:
    db = Database.open(f"sqlite:///{tmp_path}/batch.sqlite3", FixedClock(START))
    yield Centre.build(db)
    db.dispose()


@pytest.fixture
def batch(centre: Centre, tmp_path: Path) -> tuple[int, list[int]]:
    """Four owners; the fourth claims no late fee, so a late-fee waiver is refused for it."""
    rows = owner_rows(3)
    rows.append(good_row(3, building="9幢", room="104", id_number=unique_id_number(9999), late_fee=None))
    return imported_batch(centre, tmp_path, rows)


@pytest.fixture
def page(qtbot: QtBot, centre: Centre, batch: tuple[int, list[int]]) -> BatchPage:
    shown = BatchPage(BatchViewModel(Workspace(centre.db, local_actor())))
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    shown.refresh()
    _finished(qtbot, shown)
    return shown


def _finished(qtbot: QtBot, page: BatchPage) -> None:
    """Wait until the page's work has ended and been shown, including the preview it starts
    afterwards (applying and printing read the batch again): none outlives the test."""

    def idle() -> bool:
        task = page.task
        return task is None or (task.wait(0) and task not in _running())

    qtbot.waitUntil(idle, timeout=120_000)


def _running() -> set[Any]:
    from ui import tasks

    return tasks._running


def _counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def _cell(page: BatchPage, row: int, header: str) -> str:
    """The text of the cell under the column whose header is ``header`` (its English message id)."""
    column = [c.header for c in CASE_COLUMNS].index(header)
    return str(page.cases.index(row, column).data())


def _type_terms(page: BatchPage) -> None:
    page.terms.per_m2.setText("0.40")
    page.terms.waiver.setText("50")


def _held(call: Callable[..., Any]) -> tuple[Callable[..., Any], threading.Event, threading.Event]:
    """``call`` made to wait, once it has started, until the test lets it go on."""
    started, proceed = threading.Event(), threading.Event()

    def held(*args: Any) -> Any:
        started.set()
        proceed.wait(10)
        return call(*args)

    return held, started, proceed


def test_choosing_the_batch_shows_each_owner_s_claim_and_recomputation(
    page: BatchPage, centre: Centre, batch: tuple[int, list[int]]
) -> None:
    batch_id, case_ids = batch
    assert page.current_batch_id() == batch_id
    assert [page.cases.index(r, 0).data(ROW_ID_ROLE) for r in range(page.cases.rowCount())] == case_ids
    with centre.db.read() as session:
        plain = preview_batch(session, batch_id, SYSTEM, centre.clock.today())
    assert _cell(page, 0, "Claimed") == formatting.money(plain.cases[0].claimed)
    assert _cell(page, 0, "Recomputed") == formatting.money(plain.cases[0].recomputed)  # type: ignore[arg-type]
    assert formatting.money(plain.totals.claimed) in page.totals.text()
    assert not page.apply_button.isEnabled()  # nothing to apply before terms are previewed


def test_preview_shows_the_terms_with_totals_and_apply_asks_then_stores_one_proposal_per_open_case(
    qtbot: QtBot,
    page: BatchPage,
    centre: Centre,
    batch: tuple[int, list[int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    batch_id, case_ids = batch
    _type_terms(page)
    page.preview_button.click()
    _finished(qtbot, page)
    with centre.db.read() as session:
        expected = preview_batch(session, batch_id, SYSTEM, centre.clock.today(), TERMS)
    for row, owner in enumerate(expected.cases[:3]):
        assert _cell(page, row, "Concession") == formatting.money(owner.concession)
        assert _cell(page, row, "Payable") == formatting.money(owner.payable)  # type: ignore[arg-type]
    assert _cell(page, 3, "Payable") == "—" and _cell(page, 3, "Refused because")
    assert formatting.money(expected.totals.payable) in page.totals.text()
    assert page.apply_button.isEnabled()

    asked: list[str] = []
    monkeypatch.setattr(
        BatchConfirm, "ask", classmethod(lambda cls, parent, title, text: asked.append(text) or True)
    )
    page.apply_button.click()
    _finished(qtbot, page)
    (question,) = asked
    numbers = [owner.number for owner in expected.cases]
    assert "3" in question and numbers[3] in question and numbers[0] not in question
    with centre.db.read() as session:
        stored = session.scalars(select(Proposal.case_id).order_by(Proposal.id)).all()
    assert stored == case_ids[:3]
    assert page.last_applied is not None and len(page.last_applied.proposals) == 3


def test_typing_other_terms_after_a_preview_disables_apply_until_previewed(
    qtbot: QtBot, page: BatchPage
) -> None:
    _type_terms(page)
    page.preview_button.click()
    _finished(qtbot, page)
    assert page.apply_button.isEnabled()
    page.terms.per_m2.setText("0.50")
    assert not page.apply_button.isEnabled()
    page.terms.per_m2.setText("abc")
    page.preview_button.click()
    assert "abc" in page.terms_error.text()


def test_a_refused_apply_question_stores_nothing(
    qtbot: QtBot, page: BatchPage, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    _type_terms(page)
    page.preview_button.click()
    _finished(qtbot, page)
    before = _counts(centre.db)
    monkeypatch.setattr(BatchConfirm, "ask", classmethod(lambda cls, parent, title, text: False))
    assert page.apply() is None
    assert _counts(centre.db) == before


def test_cancelling_the_preview_writes_nothing_and_keeps_what_was_shown(
    qtbot: QtBot, page: BatchPage, centre: Centre
) -> None:
    before, shown = _counts(centre.db), page.shown
    held, started, proceed = _held(page._model.preview)
    page._model.preview = held  # type: ignore[method-assign]
    _type_terms(page)
    handle = page.preview()
    assert handle is not None and started.wait(10)
    handle.cancel()
    proceed.set()
    _finished(qtbot, page)
    assert page.shown is shown
    assert page.message.text() == _("Preview cancelled; nothing was written.")
    assert _counts(centre.db) == before


def test_cancelling_the_apply_stores_nothing(
    qtbot: QtBot, page: BatchPage, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    _type_terms(page)
    page.preview_button.click()
    _finished(qtbot, page)
    with centre.db.read() as session:
        events = session.scalar(select(func.count()).select_from(AuditEvent))
    monkeypatch.setattr(BatchConfirm, "ask", classmethod(lambda cls, parent, title, text: True))
    held, started, proceed = _held(page._model.apply)
    page._model.apply = held  # type: ignore[method-assign]
    handle = page.apply()
    assert handle is not None and started.wait(10)
    handle.cancel()
    proceed.set()
    _finished(qtbot, page)
    with centre.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Proposal)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == events
    assert page.last_applied is None


def test_the_agreements_reached_print_in_one_go(
    qtbot: QtBot,
    page: BatchPage,
    centre: Centre,
    batch: tuple[int, list[int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    batch_id, case_ids = batch
    assert not page.print_button.isEnabled()  # nobody has agreed yet
    with centre.db.unit_of_work(SYSTEM) as uow:
        from mediation_app.services.batch import apply_terms

        apply_terms(uow, batch_id, TERMS[:1])  # the fee standard lowered: every owner gets a proposal
    for case_id in case_ids:  # four: rendered on two processes, started from the worker thread
        accept(centre, case_id)
    page.refresh()
    _finished(qtbot, page)
    assert page.print_button.isEnabled()
    asked: list[str] = []
    monkeypatch.setattr(
        BatchConfirm, "ask", classmethod(lambda cls, parent, title, text: asked.append(text) or True)
    )
    monkeypatch.setattr(FolderChoice, "ask", classmethod(lambda cls, parent, start: tmp_path / "printed"))
    page.print_button.click()
    _finished(qtbot, page)
    job = page.last_job
    assert job is not None and [a.case_id for a in job.agreements] == case_ids
    assert job.combined.is_file() and all(a.path.is_file() for a in job.agreements)
    assert job.finalised_now == 4 and "4" in asked[0]


def test_the_batch_page_is_in_the_window_s_navigation(
    qtbot: QtBot, centre: Centre, batch: tuple[int, list[int]], tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    window = MainWindow(
        Workspace(centre.db, local_actor()), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.go_to(PAGE_BATCHES)
    content = window.page(PAGE_BATCHES)
    assert isinstance(content, BatchPage) and content.objectName() == "batchPage"
    assert window.navigation.item(PAGE_BATCHES).text() == "批量调解"
    _finished(qtbot, content)
