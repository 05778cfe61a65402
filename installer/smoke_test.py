"""Smoke-test the built bundle: ``python installer/smoke_test.py [--bundle dist/mediation-app]``.

Runs the frozen executable (never the source tree) offscreen, in a private data and settings
folder, and checks that it

1. answers ``--version`` with pyproject's version (and how fast a command starts);
2. runs in UTF-8 mode, with reportlab's C accelerator ``_rl_accel`` and without the test tools
   (``--bundle-smoke --report``, see ``bundle_smoke.py``);
3. builds a fresh demo database (``demo``: the Alembic migrations are in the bundle);
4. opens the main window on it and closes again (``--bundle-smoke``, see ``bundle_smoke.py``;
   the time from launch to the window on screen is the start time);
5. prints Chinese through a pipe whatever the code page: ``--help`` and ``cases find`` of a case
   whose owner is 刘䶮 (䶮 is outside GBK), with ``PYTHONIOENCODING`` set to cp1252 and to cp936
   as on an English and a Chinese Windows (the bundle must write UTF-8 all the same);
6. prints the settlement agreement of a demo case with the ``print`` command; the PDF is read
   back here and must contain the agreement's title (fonts, reportlab, the QR code in the bundle);
7. writes the import template and the month's statistics as XLSX (openpyxl in the bundle);
8. backs up and restores the default database of a data folder whose path holds ``#``, ``%`` and
   a space, as a Windows profile folder may;
9. runs ``bench`` on a small database (the client probe through the bundle's own executable);
10. on Linux: the desktop entry ``build.py`` wrote points at the executable and the icon.

The demo centre is a single-seat installation: before step 4 this script turns sign-in off
through the accounts service (as the settings page would), since nobody is there to sign in.
Prints one line per step and a summary (bundle size, start times); exit status 0 when every step
passed. Its own output is made safe for any code page as the app's is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's own modules: set up the databases the bundle reads
DEFAULT_BUNDLE = ROOT / "dist" / "mediation-app"
STEP_TIMEOUT = 180
RARE_NAME = "刘䶮"  # 䶮 (U+4DAE, CJK Extension A) is outside GBK: cp936 cannot write it
CODE_PAGES = ("cp1252", "cp936")  # an English and a Chinese Windows
AWKWARD_FOLDER = "档案 #1 %23 50%"  # what a Windows profile folder may hold


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


def with_code_page(env: dict[str, str], code_page: str) -> dict[str, str]:
    """``env`` with Python's standard streams set to ``code_page``, as Windows sets them for a pipe
    when Python does not run in UTF-8 mode."""
    return {**env, "PYTHONIOENCODING": code_page}


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


def piped(bundle: Path, args: list[str], env: dict[str, str], name: str) -> str:
    """Run the bundle with its output to a pipe; the output as text, or SmokeFailure.

    The text must be UTF-8 (UTF-8 mode), or — should a frozen app ever honour a cp936
    ``PYTHONIOENCODING`` — GB18030 (the commands widen GBK to it): either way every character.
    """
    started = time.perf_counter()
    done = subprocess.run(
        [str(executable(bundle)), *args], capture_output=True, env=env, timeout=STEP_TIMEOUT, check=False
    )
    for encoding in ("utf-8", "gb18030"):
        try:
            text = done.stdout.decode(encoding) + done.stderr.decode(encoding)
        except UnicodeDecodeError:
            continue
        check(name, Outcome(done.returncode, text, time.perf_counter() - started))
        return text
    raise SmokeFailure(f"{name}: the output is neither UTF-8 nor GB18030: {done.stdout[:200]!r}")


def check(name: str, outcome: Outcome, condition: bool = True) -> Outcome:
    if outcome.status != 0 or not condition:
        raise SmokeFailure(f"{name}: exit {outcome.status}\n{outcome.output}")
    print(f"ok   {name} ({outcome.seconds:.2f} s)", flush=True)
    return outcome


def allow_without_sign_in(url: str) -> None:
    """The demo centre as a single-seat installation: no sign-in (the settings page's switch)."""
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


def add_case_of(url: str, name: str) -> str:
    """Register a case of the owner ``name`` in the demo centre (the intake service); its number."""
    from sqlalchemy import select

    from mediation_app.domain.enums import ChargeKind
    from mediation_app.services.accounts import local_actor
    from mediation_app.services.cases.intake import (
        ClaimLine,
        CompanyForm,
        IntakeForm,
        OwnerForm,
        UnitForm,
        intake_case,
    )
    from mediation_app.storage.models import Community, Company, Organization
    from mediation_app.storage.uow import Database

    db = Database.open(url, upgrade=False)
    try:
        with db.read() as session:
            organization = session.scalar(select(Organization.id).order_by(Organization.id).limit(1))
            community = session.scalar(select(Community.id).order_by(Community.id).limit(1))
            company = session.scalar(select(Company.id).order_by(Company.id).limit(1))
        form = IntakeForm(
            owner=OwnerForm(name=name, phone="13859012345"),
            company=CompanyForm(existing_id=company),
            unit=UnitForm(community_id=community, building="9幢", room="901", area="88.00"),
            claims=[ClaimLine(ChargeKind.SERVICE_FEE, "物业服务费", "2024-01-01", "2024-12-31", "1234.56")],
            organization_id=organization,
            intake_date=dt.date.today().isoformat(),
        )
        with db.unit_of_work(local_actor()) as uow:
            return intake_case(uow, form).number
    finally:
        db.dispose()


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(path).pages)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def expected_version() -> str:
    """``version`` in pyproject.toml, the one the bundle must report."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(project["version"])


def desktop_entry_problems(bundle: Path) -> list[str]:
    """What is wrong with the Linux desktop entry build.py wrote into ``bundle`` (empty: nothing)."""
    entry = bundle / "mediation-app.desktop"
    if not entry.is_file():
        return [f"{entry} is missing"]
    keys = dict(line.split("=", 1) for line in entry.read_text(encoding="utf-8").splitlines() if "=" in line)
    problems = []
    if not Path(keys.get("Exec", "").strip('"')).is_file():
        problems.append(f"Exec={keys.get('Exec')} is not the bundle's executable")
    if not Path(keys.get("Icon", "")).is_file():
        problems.append(f"Icon={keys.get('Icon')} is not a file")
    return problems


def smoke(bundle: Path, folder: Path) -> dict[str, float]:
    from mediation_app.paths import sqlite_url

    env = environment(folder)
    for sub in ("data", "config", "home", "out"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    out = folder / "out"
    url = sqlite_url(folder / "demo.sqlite3")
    figures: dict[str, float] = {}

    version = check(
        "--version",
        launch(bundle, ["--version"], env),
    )
    if expected_version() not in version.output:
        raise SmokeFailure(f"--version says {version.output.strip()!r}, expected {expected_version()}")
    figures["version_seconds"] = version.seconds

    report = check("interpreter and modules", launch(bundle, ["--bundle-smoke", "--report"], env))
    print("\n".join(f"     {line}" for line in report.output.splitlines() if line.startswith("SMOKE")))

    check("demo database", launch(bundle, ["demo", "--db", url, "--cases", "40"], env))
    allow_without_sign_in(url)

    window = check("main window", launch(bundle, ["--bundle-smoke", "--db", url], env))
    if window.first_window_seconds is None:
        raise SmokeFailure(f"the main window was not shown:\n{window.output}")
    figures["window_seconds"] = window.first_window_seconds
    figures["gui_process_seconds"] = window.seconds

    rare = add_case_of(url, RARE_NAME)
    for code_page in CODE_PAGES:
        narrow = with_code_page(env, code_page)
        helped = piped(bundle, ["--lang", "zh_CN", "--help"], narrow, f"--help through a pipe, {code_page}")
        if "打开桌面客户端" not in helped:
            raise SmokeFailure(f"--help with {code_page} lost its Chinese:\n{helped}")
        found = piped(
            bundle,
            ["cases", "find", RARE_NAME, "--db", url],
            narrow,
            f"cases find {RARE_NAME} through a pipe, {code_page}",
        )
        if RARE_NAME not in found or rare not in found:
            raise SmokeFailure(f"cases find with {code_page} did not print {RARE_NAME}:\n{found}")

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

    profile = folder / AWKWARD_FOLDER
    profile.mkdir()
    shutil.copy(folder / "demo.sqlite3", profile / "mediation.sqlite3")
    in_profile = {**env, "MEDIATION_DATA_DIR": str(profile)}
    backup = check(f"backup in {AWKWARD_FOLDER!r}", launch(bundle, ["backup"], in_profile))
    archives = sorted((profile / "backups").glob("mediation-*.zip"))
    if not archives:
        raise SmokeFailure(f"no backup in {profile / 'backups'}:\n{backup.output}")
    check(
        f"restore in {AWKWARD_FOLDER!r}", launch(bundle, ["restore", str(archives[-1]), "--yes"], in_profile)
    )

    bench = check(
        "bench (client probe in the bundle)",
        launch(bundle, ["bench", "--json", "--cases", "300", "--runs", "1"], env),
    )
    figures_json = json.loads(bench.output[bench.output.index("{") :])
    if figures_json.get("startup_to_list_s") is None:
        raise SmokeFailure(f"bench measured no start-up in the bundle:\n{bench.output}")
    figures["bench_startup_seconds"] = figures_json["startup_to_list_s"]

    if sys.platform.startswith("linux"):
        problems = desktop_entry_problems(bundle)
        if problems:
            raise SmokeFailure("; ".join(problems))
        print("ok   desktop entry (executable and icon)")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description="Smoke-test the built bundle offscreen.")
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE)
    parser.add_argument(
        "--keep", type=Path, help="work in this folder and keep it (default: a temporary one)"
    )
    args = parser.parse_args()
    from mediation_app.commands.stdio import prepare_output

    prepare_output()  # this script prints Chinese too, through whatever pipe runs it
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
        f"{figures['gui_process_seconds']:.2f} s); bench start-up to the case list "
        f"{figures['bench_startup_seconds']:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
