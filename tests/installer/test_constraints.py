"""The bundle is built from known versions: ``installer/constraints.txt`` pins every requirement
within pyproject's bounds, and ``installer/build.py`` refuses to build from anything else."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.support.installer_modules import load

ROOT = Path(__file__).resolve().parents[2]
build = load("build.py")


def _project_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        texts += extra
    requirements = [Requirement(text) for text in texts]
    return [r for r in requirements if build.canonical(r.name) != build.PROJECT]


def test_every_requirement_of_pyproject_is_pinned_within_its_bounds() -> None:
    pins = build.pinned_versions()
    outside = []
    for requirement in _project_requirements():
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        pinned = pins.get(build.canonical(requirement.name))
        if pinned is None or not requirement.specifier.contains(pinned, prereleases=True):
            outside.append(f"{requirement}: pinned {pinned}")
    assert outside == []


def test_every_tool_of_the_dev_extra_has_an_upper_bound() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    dev = [Requirement(text) for text in project["optional-dependencies"]["dev"]]
    unbounded = [
        str(r)
        for r in dev
        if build.canonical(r.name) != build.PROJECT
        and not any(spec.operator in ("<", "<=", "==", "~=") for spec in r.specifier)
    ]
    assert unbounded == []


def test_names_compare_as_pip_compares_them() -> None:
    assert build.canonical("PySide6_Addons") == build.canonical("pyside6-addons") == "pyside6-addons"
    assert build.canonical("pdfminer.six") == "pdfminer-six"


def test_a_differing_or_missing_package_is_named_with_both_versions() -> None:
    pins = {"ruff": "0.17.6", "mypy": "2.4.1", "segno": "1.6.6"}
    installed = {"ruff": "0.18.0", "mypy": "2.4.1"}
    assert build.version_differences(pins, installed) == [
        "ruff: 0.18.0 is installed, 0.17.6 is pinned",
        "segno: 1.6.6 is pinned but not installed",
    ]
    assert build.version_differences(pins, {**installed, "ruff": "0.17.6", "segno": "1.6.6"}) == []


def test_a_line_that_pins_nothing_is_refused_with_its_number(tmp_path: Path) -> None:
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("# header\nruff==0.17.6\nmypy>=2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 3: expected NAME==VERSION"):
        build.pinned_versions(constraints)


def test_the_build_refuses_other_versions_before_running_pyinstaller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("pytest==0.0.1\n", encoding="utf-8")  # surely not the installed pytest
    monkeypatch.setattr(build, "CONSTRAINTS", constraints)
    monkeypatch.setattr(build, "ROOT", tmp_path)
    monkeypatch.setattr(sys, "argv", ["build.py"])

    def no_pyinstaller(*args: object, **kwargs: object) -> int:
        raise AssertionError("PyInstaller ran although the versions differ")

    monkeypatch.setattr(build.subprocess, "call", no_pyinstaller)
    assert build.main() == 1
    err = capsys.readouterr().err
    assert "differ from constraints.txt" in err
    assert f"pytest: {pytest.__version__} is installed, 0.0.1 is pinned" in err
    assert "--sync" in err
