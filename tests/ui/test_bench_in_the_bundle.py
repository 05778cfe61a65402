"""``mediation-app bench`` inside the bundle: the client probe runs through the bundle's own
executable (its hidden ``--bench-probe``), since ``sys.executable`` is the app and knows no ``-m``;
the benchmark scripts of the source tree are reported as not there instead of being run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ui.benchmark import figures


def test_outside_the_bundle_the_probe_is_a_module_of_this_python() -> None:
    assert figures.probe_command("sqlite:///x", frozen=False, executable="/venv/bin/python") == [
        "/venv/bin/python",
        "-m",
        "ui.benchmark.client_probe",
        "sqlite:///x",
    ]


def test_inside_the_bundle_the_probe_is_the_bundle_itself(tmp_path: Path) -> None:
    app = tmp_path / "mediation-app"
    assert figures.probe_command("sqlite:///x", frozen=True, executable=str(app)) == [
        str(app),
        "--bench-probe",
        "sqlite:///x",
    ]


def test_on_windows_the_console_executable_runs_the_probe(tmp_path: Path) -> None:
    (tmp_path / "mediation-app-cli.exe").write_bytes(b"")
    command = figures.probe_command(
        "sqlite:///x", frozen=True, executable=str(tmp_path / "mediation-app.exe")
    )
    assert command[:2] == [str(tmp_path / "mediation-app-cli.exe"), "--bench-probe"]


def test_in_the_bundle_the_benchmark_scripts_are_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    calc = figures.run_calc_bench(1, {})
    assert calc.get("calc_10k_units_s") is None and "source tree" in calc["note"]
    documents = figures.run_documents_bench(1, {})
    assert documents.get("agreement_pdf_ms") is None and "source tree" in documents["note"]
    batch = figures.run_batch_bench(1, {})
    assert batch.get("batch_print_s") is None and "source tree" in batch["note"]
