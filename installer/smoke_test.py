"""Smoke-test the built bundle: ``python installer/smoke_test.py [--bundle dist/mediation-app]``.

Runs the frozen executable (never the source tree) offscreen, in a private data and settings
folder, and checks that it

1. answers ``--version`` with the project's version (and how fast a command starts);
2. builds a fresh demo database (``demo``: the Alembic migrations are in the bundle);
3. opens the main window on it and closes again (``--bundle-smoke``, see ``bundle_smoke.py``;
   the time from launch to the window on screen is the start time);
4. prints the settlement agreement of a demo case with the ``print`` command; the PDF is read
   back here and must contain the agreement's title (fonts, reportlab, the QR code in the bundle);
5. writes the import template and the month's statistics as XLSX (openpyxl in the bundle).

The demo centre is a single-seat installation: before step 3 this script turns sign-in off
through the accounts service (as the settings page would), since nobody is there to sign in.
Prints one line per step and a summary (bundle size, start times); exit status 0 when every step
passed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BUNDLE = ROOT / "dist" / "mediation-app"
STEP_TIMEOUT = 180


@dataclass
class Outcome:
    status: int
    output: str
    seconds: float
    first_window_seconds: float | None = None


class SmokeFailure(Exception):
    pass


def executable(bundle: Path) -> Path:
    return bundle / ("mediation-app-cli.exe" if sys.platform == "win32" else "mediation-app")


def environment(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MEDIATION_DB_URL", "PYTHONPATH", "PYTHONHOME")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QT_LOGGING_RULES="qt.qpa.*=false",
        MEDIATION_DATA_DIR=str(folder / "data"),
        XDG_CONFIG_HOME=str(folder / "config"),  # QSettings: not the real user's
        HOME=str(folder / "home"),
    )
    return env


def launch(bundle: Path, args: list[str], env: dict[str, str]) -> Outcome:
    """Run the bundle; note when a line announcing the main window appears."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(executable(bundle)), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    lines: list[str] = []
    first_window: float | None = None
    assert process.stdout is not None
    deadline = started + STEP_TIMEOUT
    for line in process.stdout:
        lines.append(line)
        if first_window is None and line.startswith("SMOKE windows:") and "MainWindow" in line:
            first_window = time.perf_counter() - started
        if time.perf_counter() > deadline:
            process.kill()
            raise SmokeFailure(f"{' '.join(args)}: no end after {STEP_TIMEOUT} s")
    try:
        status = process.wait(timeout=max(1.0, deadline - time.perf_counter()))
    except subprocess.TimeoutExpired as exc:
        process.kill()
        raise SmokeFailure(f"{' '.join(args)}: no end after {STEP_TIMEOUT} s") from exc
    return Outcome(status, "".join(lines), time.perf_counter() - started, first_window)


def check(name: str, outcome: Outcome, condition: bool = True) -> Outcome:
    if outcome.status != 0 or not condition:
        raise SmokeFailure(f"{name}: exit {outcome.status}\n{outcome.output}")
    print(f"ok   {name} ({outcome.seconds:.2f} s)", flush=True)
    return outcome


def allow_without_sign_in(url: str) -> None:
    """The demo centre as a single-seat installation: no sign-in (the settings page's switch)."""
    sys.path.insert(0, str(ROOT))
    from mediation_app.domain.actor import SYSTEM
    from mediation_app.services.accounts import set_sign_in_required
    from mediation_app.storage.uow import Database

    db = Database.open(url, upgrade=False)
    try:
        with db.unit_of_work(SYSTEM) as uow:
            set_sign_in_required(uow, False)
    finally:
        db.dispose()


def case_with_agreement(url: str) -> str:
    """The number of a demo case that has reached an agreement (the demo moves some that far)."""
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import select

    from mediation_app.storage.models import Agreement, Case
    from mediation_app.storage.uow import Database

    db = Database.open(url, upgrade=False)
    try:
        with db.read() as session:
            number = session.scalar(
                select(Case.number).join(Agreement, Agreement.case_id == Case.id).order_by(Case.id).limit(1)
            )
    finally:
        db.dispose()
    if number is None:
        raise SmokeFailure("the demo database has no case with an agreement to print")
    return number


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(path).pages)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def expected_version() -> str:
    from importlib.metadata import version

    return version("mediation-app")


def smoke(bundle: Path, folder: Path) -> dict[str, float]:
    env = environment(folder)
    for sub in ("data", "config", "home", "out"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    out = folder / "out"
    url = f"sqlite:///{(folder / 'demo.sqlite3').as_posix()}"
    figures: dict[str, float] = {}

    version = check(
        "--version",
        launch(bundle, ["--version"], env),
    )
    if expected_version() not in version.output:
        raise SmokeFailure(f"--version says {version.output.strip()!r}, expected {expected_version()}")
    figures["version_seconds"] = version.seconds

    check("demo database", launch(bundle, ["demo", "--db", url, "--cases", "40"], env))
    allow_without_sign_in(url)

    window = check("main window", launch(bundle, ["--bundle-smoke", "--db", url], env))
    if window.first_window_seconds is None:
        raise SmokeFailure(f"the main window was not shown:\n{window.output}")
    figures["window_seconds"] = window.first_window_seconds
    figures["gui_process_seconds"] = window.seconds

    number = case_with_agreement(url)
    pdf = out / "agreement.pdf"
    check(
        "print the agreement",
        launch(bundle, ["print", number, "--doc", "agreement", "--out", str(pdf), "--db", url], env),
    )
    text = pdf_text(pdf).replace(" ", "")
    if not pdf.read_bytes().startswith(b"%PDF") or "协议书" not in text:
        raise SmokeFailure(f"{pdf} is not the agreement (text: {text[:80]!r})")
    print(
        f"ok   agreement PDF of {number} read back ({pdf.stat().st_size / 1024:.0f} KB, {len(text)} characters)"
    )

    template = out / "template.xlsx"
    check("import template", launch(bundle, ["import", "--template", str(template)], env), template.exists())
    monthly = out / "monthly.xlsx"
    month = dt.date.today().strftime("%Y-%m")
    check(
        "monthly statistics export",
        launch(bundle, ["export", "monthly", "--month", month, "--out", str(monthly), "--db", url], env),
    )
    if not monthly.exists():
        raise SmokeFailure(f"{monthly} was not written")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description="Smoke-test the built bundle offscreen.")
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE)
    parser.add_argument(
        "--keep", type=Path, help="work in this folder and keep it (default: a temporary one)"
    )
    args = parser.parse_args()
    if not executable(args.bundle).exists():
        print(f"error: no bundle at {args.bundle}; run python installer/build.py first", file=sys.stderr)
        return 2
    try:
        if args.keep:
            figures = smoke(args.bundle, args.keep)
        else:
            with tempfile.TemporaryDirectory(prefix="mediation-smoke-") as folder:
                figures = smoke(args.bundle, Path(folder))
    except SmokeFailure as failure:
        print(f"FAILED {failure}", file=sys.stderr)
        return 1
    print(
        f"bundle {args.bundle}: {folder_size(args.bundle) / 1e6:.0f} MB; "
        f"`--version` {figures['version_seconds']:.2f} s; main window on screen "
        f"{figures['window_seconds']:.2f} s after launch (the whole GUI run "
        f"{figures['gui_process_seconds']:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
