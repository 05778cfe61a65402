"""Build the one-folder bundle: ``python installer/build.py`` → ``dist/mediation-app/``.

Runs PyInstaller on ``installer/mediation-app.spec`` from the project root (work files in
``build/pyinstaller``), then prints the bundle's size. Use the project's virtual environment
(``.venv/bin/python installer/build.py``; on Windows ``.venv\\Scripts\\python installer\\build.py``):
the bundle takes the packages installed there. Exit status: PyInstaller's.

    python installer/build.py [--clean]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "mediation-app.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "mediation-app"
CATALOGUES = ROOT / "resources" / "locale"


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


def main() -> int:
    parser = argparse.ArgumentParser(description="Build dist/mediation-app/ with PyInstaller.")
    parser.add_argument("--clean", action="store_true", help="discard PyInstaller's cache first")
    args = parser.parse_args()
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
