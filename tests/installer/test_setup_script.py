"""The Windows setup script, read as text (there is no Inno Setup compiler here): Chinese first and
by default, from a messages file beside the script that only the Inno Setup project's own file can
become; no version but the one given; Windows 10 1809 at least; every file it names is where it
says. What only a Windows machine can confirm is listed in installer/README.md."""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

import pytest

from tests.support.installer_modules import INSTALLER, load

ISS = INSTALLER / "windows" / "mediation-app.iss"
messages = load("windows/get_chinese_messages.py")


def _script() -> str:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark: the Chinese names stay Unicode"
    return raw.decode("utf-8-sig")


def _section(name: str) -> list[str]:
    lines = _script().splitlines()
    start = lines.index(f"[{name}]") + 1
    body = []
    for line in lines[start:]:
        if line.startswith("["):
            break
        if line.strip() and not line.startswith(";"):
            body.append(line)
    return body


def _setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in _section("Setup"))


def test_no_version_is_made_up() -> None:
    script = _script()
    assert re.search(r"#ifndef AppVersion\s*\r?\n\s*#error ", script)
    assert "0.0.0" not in script
    # …and the one given must be the executable's (its version resource comes from pyproject).
    assert '#define ExeVersion GetStringFileInfo(BundleExe, "ProductVersion")' in script
    assert re.search(r"#if ExeVersion != AppVersion\s*\r?\n\s*#error ", script)
    assert _setup()["VersionInfoVersion"] == "{#ExeVersionNumbers}"


def test_windows_10_1809_at_least() -> None:
    assert _setup()["MinVersion"] == "10.0.17763"


def test_the_setup_speaks_chinese_by_default_from_the_file_beside_the_script() -> None:
    setup = _setup()
    assert setup["LanguageDetectionMethod"] == "none" and setup["ShowLanguageDialog"] == "no"
    first, *others = _section("Languages")
    assert first == 'Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"'
    assert 'Name: "english"; MessagesFile: "compiler:Default.isl"' in others
    # The file the fetcher writes is the one the script names, beside it; the script refuses without it.
    assert ISS.parent / "ChineseSimplified.isl" == messages.TARGET
    assert re.search(r"#if !FileExists\(ChineseMessages\)\s*\r?\n\s*#error ", _script())


def test_every_file_the_script_names_is_there() -> None:
    setup = _setup()
    icon = ISS.parent / PureWindowsPath(setup["SetupIconFile"]).as_posix()
    assert icon.resolve() == (INSTALLER.parent / "resources" / "icons" / "mediation-app.ico").resolve()
    assert icon.is_file()
    assert (
        ISS.parent / PureWindowsPath(setup["OutputDir"]).as_posix()
    ).resolve() == INSTALLER.parent / "dist"
    assert '#define Bundle Here + "..\\..\\dist\\mediation-app"' in _script()


def test_the_data_folder_is_never_named() -> None:
    body = "\n".join(line for line in _script().splitlines() if not line.startswith(";"))
    for place in ("{localappdata}", "{userappdata}", "LichengMediation", "HKCU"):
        assert place not in body


# --- the Chinese messages: the Inno Setup project's file, checked before it is used ---------------

SAMPLE = "\n".join(
    [
        "; *** Inno Setup version 6.5.0+ Chinese Simplified messages ***",
        "[LangOptions]",
        "LanguageName=简体中文",
        "LanguageID=$0804",
        "LanguageCodePage=936",
        "[Messages]",
        "ButtonNext=下一步(&N) >",
        "[CustomMessages]",
        "LaunchProgram=运行 %1",
    ]
)


def test_the_file_is_checked_and_written_for_inno_setup(tmp_path: Path) -> None:
    source = tmp_path / "download.isl"
    source.write_bytes(SAMPLE.encode("utf-8"))
    target = tmp_path / "ChineseSimplified.isl"
    assert messages.main(["--from", str(source), "--out", str(target)]) == 0
    written = target.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") and b"\r\n" in written and b"\n\n" not in written
    assert written.decode("utf-8-sig").splitlines() == SAMPLE.splitlines()


@pytest.mark.parametrize(
    "wrong",
    [
        SAMPLE.replace("LanguageID=$0804", "LanguageID=$0404"),  # Traditional Chinese
        SAMPLE.replace("Chinese Simplified", "English"),
        "<html><body>404: Not Found</body></html>",
    ],
)
def test_another_file_is_refused(wrong: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "download.isl"
    source.write_bytes(wrong.encode("utf-8"))
    target = tmp_path / "ChineseSimplified.isl"
    assert messages.main(["--from", str(source), "--out", str(target)]) == 1
    assert not target.exists() and "not the Chinese (Simplified) messages file" in capsys.readouterr().err


def test_a_failed_download_says_where_to_get_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def offline(url: str = messages.URL) -> bytes:
        raise OSError("no route to host")

    monkeypatch.setattr(messages, "download", offline)
    assert messages.main(["--out", str(tmp_path / "x.isl")]) == 1
    err = capsys.readouterr().err
    assert "no route to host" in err and "--from" in err and messages.COMMIT in err


def test_the_download_is_the_inno_setup_projects_file_at_a_fixed_commit() -> None:
    assert (
        "https://raw.githubusercontent.com/jrsoftware/issrc/"
        f"{messages.COMMIT}/Files/Languages/Unofficial/ChineseSimplified.isl"
    ) == messages.URL
    assert re.fullmatch(r"[0-9a-f]{40}", messages.COMMIT)
