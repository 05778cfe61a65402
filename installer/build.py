"""Build the one-folder bundle: ``python installer/build.py`` → ``dist/mediation-app/``.

Runs PyInstaller on ``installer/mediation-app.spec`` from the project root (work files in
``build/pyinstaller``), then prints the bundle's size. Use the project's virtual environment
(``.venv/bin/python installer/build.py``; on Windows ``.venv\\Scripts\\python installer\\build.py``):
the bundle takes the packages installed there, so it first checks them against
``installer/constraints.txt`` and refuses to build (exit status 1, naming each difference) when
one differs or is missing; ``--sync`` installs the constraints' versions first
(``pip install -c installer/constraints.txt -e .[dev]``).

One version: ``version`` in ``pyproject.toml``. The bundle reports it through the installed
package metadata it carries, so the build refuses when that metadata says another version (an
editable install made before the version changed); it writes the Windows executables' version
resource from it (``build/version/mediation-app-version.txt``, handed to the spec through
``MEDIATION_VERSION_FILE``), and the setup script (``installer/windows/mediation-app.iss``)
refuses a version that differs from the executable's.

Before PyInstaller it makes the user manual's screenshots (``mediation-app manual``) into
``resources/manual/build``, which the bundle ships. After PyInstaller, it checks what the bundle
must hold (reportlab's C accelerator ``_rl_accel``, none of the test tools) and, on Linux, writes ``mediation-app.desktop`` into the bundle: a
desktop entry with the bundle's own paths and the centre's icon. Exit status: 1 for a refusal or
a failed check, else PyInstaller's.

    python installer/build.py [--sync] [--clean]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, distributions
from importlib.metadata import version as distribution_version
from pathlib import Path

from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "mediation-app.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "mediation-app"
CATALOGUES = ROOT / "resources" / "locale"
CONSTRAINTS = ROOT / "installer" / "constraints.txt"
MANUAL_BUILD = ROOT / "resources" / "manual" / "build"  # where ui.manual.built_roots() looks first
PROJECT = "mediation-app"  # the project itself is installed editable, not pinned
PYPROJECT = ROOT / "pyproject.toml"
VERSION_FILE = ROOT / "build" / "version" / "mediation-app-version.txt"
VERSION_FILE_ENV_VAR = "MEDIATION_VERSION_FILE"  # the spec reads the version resource from there
DESKTOP_TEMPLATE = ROOT / "installer" / "linux" / "mediation-app.desktop"
ICON_IN_BUNDLE = Path("_internal") / "resources" / "icons" / "mediation-app.png"
# In the version resource: what Explorer's Details tab shows.
PRODUCT_NAME = "物业纠纷调处"
COMPANY_NAME = "荔城区物业纠纷调处中心"
LANGUAGE_CHINESE_PRC = 0x0804  # the resource's language (zh-CN), written in Unicode (code page 1200)
UNICODE_CODE_PAGE = 1200


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


def project_version(pyproject: Path | None = None) -> str:
    """``version`` in ``pyproject.toml``: the one version of the app, its bundle and its setup."""
    data = tomllib.loads((pyproject or PYPROJECT).read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def installed_project_version() -> str | None:
    """The version the installed package metadata states (what the bundle will report), or None."""
    try:
        return distribution_version(PROJECT)
    except PackageNotFoundError:
        return None


def version_problem(declared: str, installed: str | None) -> str | None:
    """Why the bundle would not report ``declared``, or None when it would."""
    if installed is None:
        return f"{PROJECT} is not installed in this environment, so the bundle would carry no version"
    if installed != declared:
        return (
            f"pyproject.toml says version {declared}, but the installed metadata says {installed} "
            "(the bundle would report that): reinstall the project, e.g. `python installer/build.py --sync`"
        )
    return None


def windows_version_numbers(text: str) -> tuple[int, int, int, int]:
    """The four numbers of a Windows version resource for the version ``text`` (1.2.3rc1 → 1.2.3.0)."""
    try:
        release = Version(text).release
    except InvalidVersion as exc:
        raise ValueError(f"{text!r} is not a version number (PEP 440)") from exc
    numbers = (*release[:4], 0, 0, 0, 0)[:4]
    if any(number > 0xFFFF for number in numbers):
        raise ValueError(f"{text!r}: a Windows version number has parts of at most 65535")
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def version_info_text(text: str) -> str:
    """PyInstaller's version-resource file (a ``VSVersionInfo`` expression) for the version ``text``."""
    numbers = windows_version_numbers(text)
    table = f"{LANGUAGE_CHINESE_PRC:04x}{UNICODE_CODE_PAGE:04x}"
    strings = {
        "CompanyName": COMPANY_NAME,
        "FileDescription": PRODUCT_NAME,
        "FileVersion": text,
        "InternalName": PROJECT,
        "ProductName": PRODUCT_NAME,
        "ProductVersion": text,
    }
    structs = ",\n".join(f"          StringStruct({key!r}, {value!r})" for key, value in strings.items())
    return f"""# -*- coding: utf-8 -*-
# The version resource of the Windows executables, written by installer/build.py from the version in
# pyproject.toml; regenerated by every build, never edited.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3F,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0),
  ),
  kids=[
    StringFileInfo(
      [
        StringTable(
          {table!r},
          [
{structs},
          ],
        )
      ]
    ),
    VarFileInfo([VarStruct('Translation', [{LANGUAGE_CHINESE_PRC}, {UNICODE_CODE_PAGE}])]),
  ],
)
"""


def write_version_file(text: str, target: Path | None = None) -> Path:
    target = target or VERSION_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(version_info_text(text), encoding="utf-8")
    return target


def bundle_problems(bundle: Path) -> list[str]:
    """What the built bundle lacks or holds against the spec's promises, one line each."""
    contents = bundle / "_internal"
    problems = []
    if not any(path.name.startswith("_rl_accel") for path in contents.glob("_rl_accel*")):
        problems.append("reportlab's C accelerator _rl_accel is not in the bundle")
    for tool in ("cn2an", "proces", "pytest", "hypothesis"):
        if (contents / tool).exists():
            problems.append(f"the test tool {tool} is in the bundle")
    return problems


def desktop_entry(bundle: Path, template: Path | None = None) -> str:
    """The Linux desktop entry for ``bundle``: the template with the bundle's executable and icon."""
    executable = (bundle / PROJECT).resolve()
    icon = (bundle / ICON_IN_BUNDLE).resolve()
    lines = []
    for line in (template or DESKTOP_TEMPLATE).read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            # The Exec key's quoting rules: a path with spaces goes in double quotes.
            line = f'Exec="{executable}"' if " " in str(executable) else f"Exec={executable}"
        elif line.startswith("Icon="):
            line = f"Icon={icon}"
        lines.append(line)
    return "\n".join(lines) + "\n"


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
    declared = project_version()
    problem = version_problem(declared, installed_project_version())
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    for name in unpinned(pins, installed):
        print(f"warning: {name} is installed but not pinned in {CONSTRAINTS.name}", file=sys.stderr)
    for po in stale_catalogues():
        print(
            f"warning: {po.relative_to(ROOT)} is newer than its .mo; run `make catalogues` first",
            file=sys.stderr,
        )
    # The manual's screenshots, made from this very code, ship in the bundle (F1 finds them there).
    manual = subprocess.run([sys.executable, "-m", "mediation_app", "manual", "--out", str(MANUAL_BUILD)])
    if manual.returncode != 0:
        print(
            "error: `mediation-app manual` failed; the bundle would ship a manual without pictures",
            file=sys.stderr,
        )
        return 1
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
    version_file = write_version_file(declared)
    status = subprocess.call(command, cwd=ROOT, env={**os.environ, VERSION_FILE_ENV_VAR: str(version_file)})
    if status != 0:
        return status
    executable = BUNDLE / ("mediation-app.exe" if sys.platform == "win32" else "mediation-app")
    if not executable.exists():
        print(f"error: {executable} was not built", file=sys.stderr)
        return 1
    problems = bundle_problems(BUNDLE)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        return 1
    if sys.platform.startswith("linux"):
        entry = BUNDLE / DESKTOP_TEMPLATE.name
        entry.write_text(desktop_entry(BUNDLE), encoding="utf-8")
        print(f"Desktop entry: {entry} (copy it to ~/.local/share/applications/)")
    print(f"Built {BUNDLE}, version {declared} ({folder_size(BUNDLE) / 1e6:.0f} MB); run {executable}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
