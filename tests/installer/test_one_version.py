"""One version, pyproject's: the installed metadata the bundle reports from must state it (the build
refuses otherwise), and the Windows executables' version resource is generated from it — checked
here with PyInstaller's own reader of that file."""

from __future__ import annotations

import importlib.util
import sys
import types
from importlib.metadata import version
from pathlib import Path

import pytest

from mediation_app import __version__
from tests.support.installer_modules import load

build = load("build.py")


def test_the_installed_metadata_states_pyprojects_version() -> None:
    """What `build.py` checks before it builds: a stale editable install would ship a wrong version."""
    assert build.project_version() == version("mediation-app") == __version__
    assert build.version_problem(build.project_version(), build.installed_project_version()) is None


def test_a_stale_or_missing_install_is_named() -> None:
    stale = build.version_problem("0.2.0", "0.1.0")
    assert stale is not None and "0.2.0" in stale and "0.1.0" in stale and "--sync" in stale
    missing = build.version_problem("0.2.0", None)
    assert missing is not None and "not installed" in missing


def test_the_build_refuses_a_stale_install_before_running_pyinstaller(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(build, "installed_project_version", lambda: "0.0.1")
    monkeypatch.setattr(build, "version_differences", lambda pins, installed: [])
    monkeypatch.setattr(sys, "argv", ["build.py"])

    def no_pyinstaller(*args: object, **kwargs: object) -> int:
        raise AssertionError("PyInstaller ran although the version is stale")

    monkeypatch.setattr(build.subprocess, "call", no_pyinstaller)
    assert build.main() == 1
    assert "0.0.1" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.3.4rc1", (2, 3, 4, 0)), ("1.2.3.4.5", (1, 2, 3, 4))],
)
def test_a_version_becomes_the_four_numbers_of_a_windows_resource(
    text: str, numbers: tuple[int, ...]
) -> None:
    assert build.windows_version_numbers(text) == numbers


@pytest.mark.parametrize("text", ["next", "1.70000"])
def test_what_a_windows_resource_cannot_hold_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=text):
        build.windows_version_numbers(text)


def _pyinstaller_versioninfo(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """PyInstaller's reader of version files; its Windows-only imports are stood in for."""
    import PyInstaller.compat

    monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    found = importlib.util.find_spec("PyInstaller.utils.win32.versioninfo")
    assert found is not None and found.origin is not None
    spec = importlib.util.spec_from_file_location("pyinstaller_versioninfo", found.origin)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)  # a private copy: sys.modules keeps the real one
    spec.loader.exec_module(module)
    return module


def test_pyinstaller_reads_the_version_resource_written_from_pyproject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    versioninfo = _pyinstaller_versioninfo(monkeypatch)
    path = build.write_version_file("1.4.2", tmp_path / "version.txt")
    info = versioninfo.load_version_info_from_text_file(str(path))
    assert (info.ffi.fileVersionMS, info.ffi.fileVersionLS) == ((1 << 16) | 4, 2 << 16)
    assert (info.ffi.productVersionMS, info.ffi.productVersionLS) == ((1 << 16) | 4, 2 << 16)
    strings = {struct.name: struct.val for struct in info.kids[0].kids[0].kids}
    assert strings["ProductVersion"] == strings["FileVersion"] == "1.4.2"
    assert strings["ProductName"] == "物业纠纷调处"
    raw = info.toRaw()  # what PyInstaller writes into the executable
    assert "物业纠纷调处".encode("utf-16-le") in raw and "1.4.2".encode("utf-16-le") in raw


def test_the_desktop_entry_points_at_the_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "my apps" / "mediation-app"
    entry = build.desktop_entry(bundle)
    keys = dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)
    assert keys["Exec"] == f'"{bundle / "mediation-app"}"'  # quoted: the path has a space
    assert keys["Icon"] == str(bundle / "_internal" / "resources" / "icons" / "mediation-app.png")
    assert keys["Name"] == "物业纠纷调处" and keys["Type"] == "Application"


def test_a_bundle_without_the_accelerator_or_with_test_tools_is_refused(tmp_path: Path) -> None:
    contents = tmp_path / "_internal"
    (contents / "cn2an").mkdir(parents=True)
    assert build.bundle_problems(tmp_path) == [
        "reportlab's C accelerator _rl_accel is not in the bundle",
        "the test tool cn2an is in the bundle",
    ]
    (contents / "cn2an").rmdir()
    (contents / "_rl_accel.abi3.so").write_bytes(b"")
    assert build.bundle_problems(tmp_path) == []
