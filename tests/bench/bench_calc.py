"""Benchmark of the arrears calculator (not a test): ``python tests/bench/bench_calc.py``.

10,000 units, each with ten years of monthly service fees (a rate change every year), quarterly
shared utility bills, a few payments, late fees on both kinds of charge with a cap, a limitation
check with an interruption, and three discounts. The inputs are built first and not timed; each
run computes every unit once. Reports the median total over the runs and the median time per
case; the target is under 5 s total on a 2-core machine, and the UI needs under 50 ms a case.

Options: ``--units N`` (default 10000), ``--runs N`` (default 5), ``--json`` (one JSON line).

``--baseline REF`` (a git commit, branch or tag of this repository) measures the calculator of
REF beside this one, in the same run: two worker processes, one per version, each with the same
inputs, take turns run by run, so both see the same load on the machine. It adds the baseline's
figures (``baseline_total_median_s`` …) and ``speedup`` = baseline median / this median (also
on CPU time), the figure to quote when the calculator is made faster.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TARGET_TOTAL_SECONDS = 5.0
TARGET_CASE_MS = 50.0


def make_inputs(units: int) -> list[Any]:
    """The units, the same for every version of the calculator (only long-standing API used)."""
    from mediation_app.domain.enums import ChargeKind
    from mediation_app.fees import (
        CalcInput,
        FixedDiscount,
        LateFeeTerms,
        LateFeeWaiver,
        LimitationTerms,
        Month,
        Payment,
        RateChange,
        RateReduction,
        ServiceFeeTerms,
        UtilityBill,
    )

    def make_unit(rng: random.Random) -> CalcInput:
        """One unit: fees from 2015-01 to 2024-12, as of 2025-06-30."""
        start = dt.date(2015, 1, rng.randint(1, 28))
        end = dt.date(2024, 12, 31)
        area = Decimal(rng.randint(4000, 20000)).scaleb(-2)  # 40.00 .. 200.00 m²
        base = rng.randint(120, 250)
        rates = tuple(
            RateChange(Month.of(year, 1), Decimal(base + 5 * (year - 2015)).scaleb(-2))
            for year in range(2015, 2025)
        )
        bills = tuple(
            UtilityBill(
                period=Month.of(year, quarter * 3),
                amount=Decimal(rng.randint(3000, 30000)).scaleb(-2),
                due=dt.date(year, quarter * 3, 25),
            )
            for year in range(2015, 2025)
            for quarter in range(1, 5)
        )
        payments = tuple(
            Payment(
                date=dt.date(2015 + rng.randint(0, 9), rng.randint(1, 12), rng.randint(1, 28)),
                amount=Decimal(rng.randint(30000, 200000)).scaleb(-2),
            )
            for _ in range(rng.randint(2, 4))
        )
        return CalcInput(
            area=area,
            as_of=dt.date(2025, 6, 30),
            service_fee=ServiceFeeTerms(rates=rates, start=start, end=end, due_day=rng.choice((1, 10, 31))),
            utilities=bills,
            payments=payments,
            late_fee=LateFeeTerms(
                daily_rate=Decimal("0.0003"),
                grace_days=rng.choice((0, 15)),
                applies_to=(ChargeKind.SERVICE_FEE, ChargeKind.UTILITIES),
                cap_ratio=Decimal("0.3"),
            ),
            limitation=LimitationTerms(claim_date=dt.date(2025, 6, 1), interruptions=(dt.date(2021, 5, 10),)),
            discounts=(
                RateReduction(per_m2=Decimal("0.40"), start=Month.of(2020, 1)),
                LateFeeWaiver(ratio=Decimal("0.5")),
                FixedDiscount(amount=Decimal("50.00")),
            ),
        )

    rng = random.Random(20210309)
    return [make_unit(rng) for _ in range(units)]


class Bench:
    """The inputs, built once, and one timed run over all of them at a time."""

    def __init__(self, units: int) -> None:
        from mediation_app.fees import calculate

        self.calculate = calculate
        self.inputs = make_inputs(units)
        calculate(self.inputs[0])  # load the rate history outside the timing
        self.charges = sum(
            len(inp.utilities) + (inp.service_fee.end.year - inp.service_fee.start.year) * 12 + 12
            for inp in self.inputs
            if inp.service_fee is not None
        )

    def run(self) -> tuple[float, float, list[float]]:
        """(wall seconds, CPU seconds, seconds per case) of one run over every unit."""
        calculate = self.calculate
        clock = time.perf_counter
        per_case = []
        began, cpu_began = clock(), time.process_time()
        for inp in self.inputs:
            case_began = clock()
            calculate(inp)
            per_case.append(clock() - case_began)
        return clock() - began, time.process_time() - cpu_began, per_case


def summary(totals: list[float], cpu_totals: list[float], per_case: list[float]) -> dict[str, float]:
    return {
        "total_median_s": round(statistics.median(totals), 3),
        "total_min_s": round(min(totals), 3),
        "total_max_s": round(max(totals), 3),
        # CPU time of the process: what the figures would be without other load on the machine.
        "cpu_total_median_s": round(statistics.median(cpu_totals), 3),
        "per_case_median_ms": round(statistics.median(per_case) * 1000, 4),
        "per_case_p99_ms": round(sorted(per_case)[int(len(per_case) * 0.99)] * 1000, 4),
        "per_case_max_ms": round(max(per_case) * 1000, 3),
    }


def run(units: int, runs: int) -> dict[str, Any]:
    bench = Bench(units)
    totals, cpu_totals, per_case = [], [], []
    for _ in range(runs):
        total, cpu, cases = bench.run()
        totals.append(total)
        cpu_totals.append(cpu)
        per_case += cases
    return {
        "units": units,
        "runs": runs,
        **summary(totals, cpu_totals, per_case),
        "charges_per_run": bench.charges,
    }


# ------------------------------------------------------------------------ against a baseline


def worker(units: int) -> int:
    """Serve timed runs on stdin/stdout: a line ``run`` → one JSON line of figures."""
    bench = Bench(units)
    print(json.dumps({"ready": True, "charges": bench.charges}), flush=True)
    for line in sys.stdin:
        if line.strip() != "run":
            break
        total, cpu, per_case = bench.run()
        print(json.dumps({"total": total, "cpu": cpu, "per_case": per_case}), flush=True)
    return 0


class Worker:
    def __init__(self, code: Path, units: int) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--worker",
                "--code",
                str(code),
                "--units",
                str(units),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.ready = self._read()
        self.totals: list[float] = []
        self.cpu_totals: list[float] = []
        self.per_case: list[float] = []

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit("a benchmark worker stopped")
        figures: dict[str, Any] = json.loads(line)
        return figures

    def run(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("run\n")
        self.process.stdin.flush()
        figures = self._read()
        self.totals.append(figures["total"])
        self.cpu_totals.append(figures["cpu"])
        self.per_case += figures["per_case"]

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def compare(units: int, runs: int, baseline: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-calc-baseline-") as folder:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", baseline, "mediation_app", "resources"],
            capture_output=True,
            check=False,
        )
        if archive.returncode:
            raise SystemExit(f"git archive {baseline}: {archive.stderr.decode().strip()}")
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        old, new = Worker(Path(folder), units), Worker(ROOT, units)
        try:
            for turn in range(runs):
                # Alternate who goes first, so neither always meets the same moment of load.
                for bench in (old, new) if turn % 2 == 0 else (new, old):
                    bench.run()
        finally:
            old.close()
            new.close()
    figures = summary(new.totals, new.cpu_totals, new.per_case)
    before = summary(old.totals, old.cpu_totals, old.per_case)
    return {
        "units": units,
        "runs": runs,
        **figures,
        "charges_per_run": new.ready["charges"],
        "baseline": baseline,
        **{f"baseline_{key}": value for key, value in before.items()},
        "speedup": round(before["total_median_s"] / figures["total_median_s"], 2),
        "cpu_speedup": round(before["cpu_total_median_s"] / figures["cpu_total_median_s"], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--baseline", metavar="REF", help="also time the calculator of this git commit")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(args.code))
    if args.worker:
        return worker(args.units)
    figures = compare(args.units, args.runs, args.baseline) if args.baseline else run(args.units, args.runs)
    figures["target_total_s"] = TARGET_TOTAL_SECONDS
    figures["ok"] = int(
        figures["total_median_s"] < TARGET_TOTAL_SECONDS and figures["per_case_max_ms"] < TARGET_CASE_MS
    )
    if args.json:
        print(json.dumps(figures))
    else:
        print(
            f"{figures['units']} units × {figures['runs']} runs: median total {figures['total_median_s']} s "
            f"(min {figures['total_min_s']}, max {figures['total_max_s']}; CPU {figures['cpu_total_median_s']} s; "
            f"target < {TARGET_TOTAL_SECONDS} s; {figures['charges_per_run']} charges a run); "
            f"per case median {figures['per_case_median_ms']} ms, p99 {figures['per_case_p99_ms']} ms, "
            f"max {figures['per_case_max_ms']} ms (UI target < {TARGET_CASE_MS} ms)"
        )
        if args.baseline:
            print(
                f"baseline {args.baseline}: median total {figures['baseline_total_median_s']} s "
                f"(CPU {figures['baseline_cpu_total_median_s']} s, per case median "
                f"{figures['baseline_per_case_median_ms']} ms); speedup ×{figures['speedup']} "
                f"(CPU ×{figures['cpu_speedup']})"
            )
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
