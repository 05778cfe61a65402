"""Benchmark of the arrears calculator (not a test): ``python tests/bench/bench_calc.py``.

10,000 units, each with ten years of monthly service fees (a rate change every year), quarterly
shared utility bills, a few payments, late fees on both kinds of charge with a cap, a limitation
check with an interruption, and three discounts. The inputs are built first and not timed; each
run computes every unit once. Reports the median total over the runs and the median time per
case; the target is under 5 s total on a 2-core machine, and the UI needs under 50 ms a case.

Options: ``--units N`` (default 10000), ``--runs N`` (default 5), ``--json`` (one JSON line).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

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
    calculate,
)

TARGET_TOTAL_SECONDS = 5.0
TARGET_CASE_MS = 50.0


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


def run(units: int, runs: int) -> dict[str, float | int]:
    rng = random.Random(20210309)
    inputs = [make_unit(rng) for _ in range(units)]
    calculate(inputs[0])  # load the rate history and cn2an outside the timing
    totals = []
    cpu_totals = []
    per_case: list[float] = []
    clock = time.perf_counter
    for _ in range(runs):
        began, cpu_began = clock(), time.process_time()
        for inp in inputs:
            case_began = clock()
            calculate(inp)
            per_case.append(clock() - case_began)
        totals.append(clock() - began)
        cpu_totals.append(time.process_time() - cpu_began)
    charges = sum(
        len(inp.utilities) + (inp.service_fee.end.year - inp.service_fee.start.year) * 12 + 12
        for inp in inputs
        if inp.service_fee is not None
    )
    return {
        "units": units,
        "runs": runs,
        "total_median_s": round(statistics.median(totals), 3),
        "total_min_s": round(min(totals), 3),
        "total_max_s": round(max(totals), 3),
        # CPU time of this process: what the figures would be without other load on the machine.
        "cpu_total_median_s": round(statistics.median(cpu_totals), 3),
        "charges_per_run": charges,
        "per_case_median_ms": round(statistics.median(per_case) * 1000, 4),
        "per_case_p99_ms": round(sorted(per_case)[int(len(per_case) * 0.99)] * 1000, 4),
        "per_case_max_ms": round(max(per_case) * 1000, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = run(args.units, args.runs)
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
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
