"""``mediation-app bench --json`` prints its floors and ratios beside the figures (issue 16.6): a
small run, checking that each key is there and a positive number (timings are not asserted)."""

from __future__ import annotations

import argparse
import json

import pytest

from ui.benchmark import figures
from ui.commands import bench

NEW_KEYS = ("floor_window_s", "floor_first_page_ms", "startup_ratio", "search_ratio", "demo_build_s")


def test_the_bench_prints_its_floors_and_ratios(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The calculator, documents and batch benchmarks are not what this test is about (and take a
    # while: the batch one prints 200 agreements).
    monkeypatch.setattr(figures, "run_calc_bench", lambda runs, env: {"note": "skipped in this test"})
    monkeypatch.setattr(figures, "run_documents_bench", lambda runs, env: {"note": "skipped in this test"})
    monkeypatch.setattr(figures, "run_batch_bench", lambda runs, env: {"note": "skipped in this test"})
    monkeypatch.setattr(figures, "DEMO_CASES", 3)  # the demo's build is timed the same way, smaller
    assert bench.run(argparse.Namespace(json=True, cases=60, runs=1)) == 0
    printed = json.loads(capsys.readouterr().out)
    for key in (*NEW_KEYS, "startup_to_list_s", "search_two_chars_ms"):
        value = printed[key]
        assert isinstance(value, int | float) and value > 0, (key, value, printed.get("notes"))
    assert printed["startup_ratio"] == pytest.approx(
        printed["startup_to_list_s"] / printed["floor_window_s"], rel=0.02, abs=0.01
    )
    assert printed["search_ratio"] == pytest.approx(
        printed["search_two_chars_ms"] / printed["floor_first_page_ms"], rel=0.02, abs=0.01
    )
