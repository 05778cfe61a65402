"""Printing the agreement through the real print system, by the same code as the Print button.

As root on Debian (CI runs so), a session fixture starts CUPS if it is not running and adds a
cups-pdf queue named PDF; the test opens a signed case's documents page, presses Print with the
print dialog answered by that queue (the dialog is the only thing replaced), waits for the queue
to drain, and checks the PDF that cups-pdf wrote: its name comes from the document name set for
the job, and it has the agreement's pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from mediation_app.domain.enums import CaseStatus
from mediation_app.storage.uow import Database
from tests.support.missing import skip_unless_ci
from tests.support.workflow_setup import Centre
from ui.case_view.case_view import CaseView
from ui.case_view.documents_page import DocumentsPage
from ui.case_view.printing import PrinterChoice
from ui.viewmodels.case.case import CaseViewModel
from ui.viewmodels.workspace import Workspace

QUEUE = "PDF"
OUTPUT = Path.home() / "PDF"  # cups-pdf writes into the job user's home (root here)
WAIT_S = 60


def _run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=check, timeout=30)


def _scheduler_running() -> bool:
    return _run("lpstat", "-r", check=False).stdout.strip() == "scheduler is running"


@pytest.fixture(scope="session")
def pdf_queue() -> Iterator[str]:
    if os.geteuid() != 0:
        skip_unless_ci("printing through CUPS needs root (to start cupsd and add a queue); CI runs as root")
    if not Path("/etc/debian_version").is_file() or shutil.which("cupsd") is None:
        skip_unless_ci(
            "needs Debian's cups and printer-driver-cups-pdf (apt-get install cups printer-driver-cups-pdf)"
        )
    if not _scheduler_running():
        subprocess.Popen(
            ["cupsd"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )  # forks into the background
        deadline = time.monotonic() + 20
        while not _scheduler_running():
            assert time.monotonic() < deadline, "cupsd did not start"
            time.sleep(0.2)
    if _run("lpstat", "-p", QUEUE, check=False).returncode != 0:
        models = [
            line.split(" ", 1)[0]
            for line in _run("lpinfo", "-m").stdout.splitlines()
            if "cups-pdf" in line.lower()
        ]
        if not models:
            skip_unless_ci("no cups-pdf model: apt-get install printer-driver-cups-pdf")
        _run("lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-m", models[0])
    yield QUEUE


def _wait_until_printed(queue: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while _run("lpstat", "-o", queue, check=False).stdout.strip():
        assert time.monotonic() < deadline, f"the {queue} queue did not drain in {WAIT_S} s"
        time.sleep(0.3)


def test_the_print_button_prints_the_agreement_on_a_cups_pdf_printer(
    qtbot: QtBot, sqlite_db: Database, pdf_queue: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    centre = Centre.build(sqlite_db)
    case_id = centre.to(CaseStatus.SIGNED)
    info = next((p for p in QPrinterInfo.availablePrinters() if p.printerName() == pdf_queue), None)
    assert info is not None, "Qt does not list the PDF queue: is cupsd running?"
    chosen: list[str] = []

    def printer_for(_cls: type, _parent: QWidget | None, doc_name: str, *_title_copies: object) -> QPrinter:
        chosen.append(doc_name)
        return QPrinter(info, QPrinter.PrinterMode.HighResolution)

    monkeypatch.setattr(PrinterChoice, "ask", classmethod(printer_for))
    view = CaseView(CaseViewModel(Workspace(sqlite_db, centre.actor("judge.lin")), case_id))
    qtbot.addWidget(view)
    view.show()
    OUTPUT.mkdir(exist_ok=True)
    started = time.time() - 1  # cups-pdf may reuse a file name: a fresh file is a recent one

    documents = view.show_page("documents")
    assert isinstance(documents, DocumentsPage)
    documents.select_kind("agreement")
    qtbot.mouseClick(documents.print_button, Qt.MouseButton.LeftButton)

    assert chosen == [f"agreement-case{case_id}"]
    pages = documents.pages_printed
    assert pages == documents.preview.document.pageCount() >= 1
    _wait_until_printed(pdf_queue)
    printed = _new_file(started, chosen[0])
    info_text = _run("pdfinfo", str(printed)).stdout
    page_line = next(line for line in info_text.splitlines() if line.startswith("Pages:"))
    assert int(page_line.split()[1]) == pages


def _new_file(started: float, doc_name: str) -> Path:
    deadline = time.monotonic() + WAIT_S
    while True:
        fresh = [p for p in OUTPUT.glob(f"{doc_name}*.pdf") if p.stat().st_mtime >= started]
        if fresh and fresh[0].stat().st_size > 0:
            return fresh[0]
        assert time.monotonic() < deadline, f"cups-pdf wrote no {doc_name}*.pdf under {OUTPUT}"
        time.sleep(0.3)
