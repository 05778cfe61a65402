"""Benchmark of the documents (not a test): ``python tests/bench/bench_documents.py``.

1. The settlement agreement of the centre's own case, rendered repeatedly in one warm process
   (fonts registered, modules imported, one render done first): median and spread of the wall
   time per render, and the PDF's size. Targets: under 50 ms, under 150 KB.
2. 1,000 arrears statements in one batch — each a different case (number, owner, flat, area,
   period), 40-90 monthly lines and as many utility bills — rendered through
   :func:`reports.batch.render_all` with progress on stderr. Target: under 30 s. The data is
   built first and not timed; the time from the first render to the last PDF in hand is.
   ``--workers 1`` runs the same batch in a single process. Wall times depend on what else the
   machine is doing; the agreement's CPU time is reported beside its wall time for that reason.

Options: ``--runs N`` (agreement renders, default 50), ``--statements N`` (default 1000),
``--workers N`` (default: every core), ``--json`` (one JSON line on stdout).
For scale: filling a DOCX and converting it with LibreOffice measured ~0.84 s for one document
and ~0.12 s per document in a batch on these machines (MACHINE-NOTES.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mediation_app.documents.statement import ArrearsStatement, FeeMonth, UtilityBillLine
from mediation_app.i18n import DEFAULT_LANGUAGE, set_language
from reports import agreement, statement
from reports.batch import default_workers, render_all
from tests.support import sample_case as case

SURNAMES = "陈林黄郑吴王李张刘蔡许方杨朱翁余徐周谢车宋柯卓游彭"


def bench_agreement(runs: int) -> dict[str, float]:
    data = case.agreement()
    pdf = agreement.render(data)  # warm: fonts registered, caches filled
    times = []
    cpu = []
    for _run in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        agreement.render(data)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return {
        "agreement_median_ms": round(statistics.median(times) * 1000, 1),
        "agreement_cpu_median_ms": round(statistics.median(cpu) * 1000, 1),
        "agreement_min_ms": round(min(times) * 1000, 1),
        "agreement_p90_ms": round(sorted(times)[int(len(times) * 0.9) - 1] * 1000, 1),
        "agreement_kb": round(len(pdf) / 1024, 1),
    }


def statements(count: int) -> list[ArrearsStatement]:
    """``count`` different statements, derived from the sample case: other numbers, owners,
    flats and areas, and periods of 40 to 90 months."""
    base = case.statement()
    result = []
    for index in range(count):
        months = 40 + index % 51
        area = Decimal(8000 + (index * 37) % 8000) / 100
        fees = []
        first = dt.date(2014, 1, 1)
        for number in range(months):
            year, month = divmod(first.month - 1 + number, 12)
            day = dt.date(first.year + year, month + 1, 1)
            amount = case.money(area * case.RATE)
            fees.append(
                FeeMonth(f"{day:%Y-%m}", 30, 30, case.RATE, amount, day, amount, Decimal("0.00"), False)
            )
        bills = [
            UtilityBillLine(line.month, Decimal("45.00"), line.due, Decimal("45.00"), Decimal("0.00"), False)
            for line in fees
        ]
        principal = sum((line.outstanding for line in fees), Decimal(0)) + Decimal("45.00") * len(bills)
        owner = SURNAMES[index % len(SURNAMES)] + ("某" if index % 2 else "某某")
        result.append(
            dataclasses.replace(
                base,
                case_number=f"荔物调〔2026〕{index + 1:04d}号",
                owners=(owner,),
                unit=dataclasses.replace(base.unit, room=f"{100 + index}", area=area),
                service_fees=tuple(fees),
                utilities=tuple(bills),
                late_fee_computed=Decimal("0.00"),
                late_fee_total=Decimal("0.00"),
                time_barred_principal=Decimal("0.00"),
                principal_outstanding=principal,
                notes=(),
            )
        )
    return result


def bench_statements(count: int, workers: int) -> dict[str, float]:
    items = statements(count)
    last_report = [0.0]
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if done == total or now - last_report[0] >= 1.0:
            last_report[0] = now
            print(f"  {done:5d}/{total} statements  {now - started:6.1f} s", file=sys.stderr, flush=True)

    sizes = [len(pdf) for pdf in render_all(items, statement.render, progress=progress, workers=workers)]
    elapsed = time.perf_counter() - started
    return {
        "statements": count,
        "statement_workers": workers,
        "statements_s": round(elapsed, 2),
        "statement_ms_each": round(elapsed / count * 1000, 1),
        "statement_kb_median": round(statistics.median(sizes) / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--statements", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    set_language(DEFAULT_LANGUAGE)
    figures = bench_agreement(args.runs)
    print(
        f"agreement: median {figures['agreement_median_ms']} ms (min {figures['agreement_min_ms']}, "
        f"p90 {figures['agreement_p90_ms']}; CPU median {figures['agreement_cpu_median_ms']} ms) over "
        f"{args.runs} warm renders, {figures['agreement_kb']} KB",
        file=sys.stderr,
    )
    figures.update(bench_statements(args.statements, args.workers))
    print(
        f"statements: {figures['statements']} in {figures['statements_s']} s with {args.workers} worker(s), "
        f"{figures['statement_ms_each']} ms each, median {figures['statement_kb_median']} KB",
        file=sys.stderr,
    )
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
