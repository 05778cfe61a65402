"""Build the one-folder bundle: ``python installer/build.py`` → ``dist/mediation-app/``.

Runs PyInstaller on ``installer/mediation-app.spec`` from the project root (work files in
``build/pyinstaller``), then prints the bundle's size. Use the project's virtual environment
(``.venv/bin/python installer/build.py``; on Windows ``.venv\\Scripts\\python installer\\build.py``):
the bundle takes the packages installed there, so it first checks them against
``installer/constraints.txt`` and refuses to build (exit status 1, naming each difference) when
one differs or is missing; ``--sync`` installs the constraints' versions first
(``pip install -c installer/constraints.txt -e .[dev]``). Exit status otherwise: PyInstaller's.

    python installer/build.py [--sync] [--clean]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from importlib.metadata import distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "mediation-app.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "mediation-app"
CATALOGUES = ROOT / "resources" / "locale"
CONSTRAINTS = ROOT / "installer" / "constraints.txt"
PROJECT = "mediation-app"  # the project itself is installed editable, not pinned


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def stale_catalogues() -> list[Path]:
    """Translations whose .po is newer than the compiled .mo the bundle would ship."""
    stale = []
    for po in CATALOGUES.glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale.append(po)
    return stale


def canonical(name: str) -> str:
    """A distribution name as pip compares them (PEP 503): ``PySide6_Addons`` is ``pyside6-addons``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned_versions(constraints: Path | None = None) -> dict[str, str]:
    """``name==version`` lines of the constraints file (default: :data:`CONSTRAINTS`), by canonical name."""
    constraints = constraints or CONSTRAINTS
    pins = {}
    for number, raw in enumerate(constraints.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, separator, version = line.partition("==")
        if not separator or not name.strip() or not version.strip():
            raise ValueError(f"{constraints.name}, line {number}: expected NAME==VERSION, found {raw!r}")
        pins[canonical(name.strip())] = version.strip()
    return pins


def installed_versions() -> dict[str, str]:
    """Every distribution importable by this interpreter, by canonical name."""
    return {canonical(dist.metadata["Name"]): dist.version for dist in distributions()}


def version_differences(pins: dict[str, str], installed: dict[str, str]) -> list[str]:
    """What keeps the installed packages from being the pinned ones, one line each (empty: none)."""
    problems = []
    for name, version in sorted(pins.items()):
        found = installed.get(name)
        if found is None:
            problems.append(f"{name}: {version} is pinned but not installed")
        elif found != version:
            problems.append(f"{name}: {found} is installed, {version} is pinned")
    return problems


def unpinned(pins: dict[str, str], installed: dict[str, str]) -> list[str]:
    """Installed distributions the constraints do not name (pip's own tools and the project aside)."""
    tools = {"pip", "setuptools", "wheel", canonical(PROJECT)}
    return sorted(name for name in installed if name not in pins and name not in tools)


def sync_to_constraints() -> int:
    """Install the pinned versions into this interpreter's environment (the project editable)."""
    command = [sys.executable, "-m", "pip", "install", "-q", "-c", str(CONSTRAINTS), "-e", f"{ROOT}[dev]"]
    return subprocess.call(command, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description="Build dist/mediation-app/ with PyInstaller.")
    parser.add_argument("--clean", action="store_true", help="discard PyInstaller's cache first")
    parser.add_argument(
        "--sync", action="store_true", help=f"install the versions of {CONSTRAINTS.name} first"
    )
    args = parser.parse_args()
    if args.sync and sync_to_constraints() != 0:
        print(f"error: pip could not install the versions of {CONSTRAINTS}", file=sys.stderr)
        return 1
    pins = pinned_versions()
    installed = installed_versions()
    problems = version_differences(pins, installed)
    if problems:
        print(
            f"error: the installed packages differ from {CONSTRAINTS.relative_to(ROOT)}, so the bundle "
            "would not be built from known versions:",
            file=sys.stderr,
        )
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        print(
            "Run `python installer/build.py --sync` to install the pinned versions, or, if the new "
            "versions are meant, `make test` and then `make constraints` to record them.",
            file=sys.stderr,
        )
        return 1
    for name in unpinned(pins, installed):
        print(f"warning: {name} is installed but not pinned in {CONSTRAINTS.name}", file=sys.stderr)
    for po in stale_catalogues():
        print(
            f"warning: {po.relative_to(ROOT)} is newer than its .mo; run `make catalogues` first",
            file=sys.stderr,
        )
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        f"--distpath={DIST}",
        f"--workpath={WORK}",
        str(SPEC),
    ]
    if args.clean:
        command.insert(3, "--clean")
    status = subprocess.call(command, cwd=ROOT)
    if status != 0:
        return status
    executable = BUNDLE / ("mediation-app.exe" if sys.platform == "win32" else "mediation-app")
    if not executable.exists():
        print(f"error: {executable} was not built", file=sys.stderr)
        return 1
    print(f"Built {BUNDLE} ({folder_size(BUNDLE) / 1e6:.0f} MB); run {executable}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
