"""The user manual: its text in ``resources/manual/<language>.md``, its pictures made by the
screenshots command, so the manual never drifts from the screens.

``mediation-app manual`` (:mod:`ui.commands.manual`, and the bundle build) writes ``<root>/<language>/manual.md`` and
``<root>/<language>/screens/<name>.png``, where ``<name>`` is the screenshot's name without its
running number (``07-case-view-3-fees.png`` → ``case-view-fees.png``), so adding a screenshot does
not break the manual's references. The help window looks for the pictures in the bundle's
``resources/manual/build`` first, then in the user's data folder.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mediation_app.paths import data_dir, resources_dir

MANUAL_CASES = 120  # enough for every list and chart to look like a working centre's
_NUMBERED = re.compile(r"^\d+-")
_TAB_NUMBER = re.compile(r"^case-view-\d+-")
_PICTURE = re.compile(r"!\[[^\]]*\]\(screens/([^)]+)\)")


def text_path(language: str) -> Path:
    """The manual's Markdown in ``language``."""
    return resources_dir() / "manual" / f"{language}.md"


def pictures_named(language: str) -> list[str]:
    """The screenshot files the manual in ``language`` shows, in order."""
    return _PICTURE.findall(text_path(language).read_text(encoding="utf-8"))


def picture_name(screenshot: Path) -> str:
    """``07-case-view-3-fees.png`` → ``case-view-fees.png``."""
    name = _NUMBERED.sub("", screenshot.name)
    return _TAB_NUMBER.sub("case-view-", name)


def built_roots() -> list[Path]:
    """Where a built manual may be: the bundle's (made at build time), then the user's."""
    return [resources_dir() / "manual" / "build", data_dir() / "manual"]


def pictures_folder(language: str) -> Path | None:
    """The folder holding ``screens/`` for ``language``, or None while none has been built."""
    for root in built_roots():
        if (root / language / "screens").is_dir() and any((root / language / "screens").iterdir()):
            return root / language
    return None


def build_command(*, frozen: bool | None = None, executable: str | None = None) -> list[str]:
    """How to run ``mediation-app manual`` as a separate process from the client."""
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    executable = executable or sys.executable
    if frozen:  # the bundle's program knows no ``-m``; on Windows its console twin runs commands
        from ui.benchmark.figures import CONSOLE_EXECUTABLE

        console = Path(executable).with_name(CONSOLE_EXECUTABLE)
        return [str(console) if console.is_file() else executable, "manual"]
    return [executable, "-m", "mediation_app", "manual"]
