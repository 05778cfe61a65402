"""Which of the files PyInstaller's hooks collect go into the bundle (``mediation-app.spec``).

The hooks collect more than the client uses: Qt's Quick/QML and virtual-keyboard libraries,
software OpenGL, image plugins for formats the app never reads, Qt's and babel's translations for
every language. :func:`kept` decides per file, by its destination inside the bundle, the same way
on Linux and on Windows — where the names differ (``libQt6Quick.so.6`` / ``Qt6Quick.dll``) and
so do the folders: PySide6's Qt files are under ``PySide6/Qt/`` on Linux and macOS but directly
under ``PySide6\\`` on Windows (``PySide6\\translations\\qt_zh_CN.qm``), with backslashes.
Tested with both kinds of paths in ``tests/installer/test_bundle_contents.py``.

:func:`metadata_problems` checks the package metadata the bundle will carry (``copy_metadata``
takes whatever an earlier ``pip install -e`` left, in ``.venv`` or as ``*.egg-info`` in the source
tree) against ``pyproject.toml``: its version is what ``--version`` and the window title show,
and its entry points are the commands the bundle knows.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable

COMMAND_GROUP = "mediation_app.commands"  # the entry points the commands register through

# Names compared in lower case, without the platform's "lib" prefix and with their suffixes.
DROPPED_LIBRARIES = ("qt6quick", "qt6qml", "qt6virtualkeyboard", "opengl32sw")
DROPPED_PLUGINS = ("qtvirtualkeyboardplugin", "qgtk3", "qtiff", "qwebp", "qicns", "qtga", "qwbmp")
KEPT_QT_TRANSLATIONS = ("qt_zh_cn.qm", "qtbase_zh_cn.qm")
KEPT_BABEL_LOCALES = (
    "root.dat",
    "en.dat",
    "en_001.dat",
    "en_us.dat",
    "zh.dat",
    "zh_hans.dat",
    "zh_hans_cn.dat",
)


def kept(destination: str) -> bool:
    """Whether the file bound for ``destination`` (relative to the bundle's contents) ships."""
    path = destination.replace("\\", "/").lower()
    parts = path.split("/")
    name = parts[-1]
    stem = name[3:] if name.startswith("lib") else name
    if any(stem.startswith(prefix) for prefix in DROPPED_LIBRARIES):
        return False
    if "plugins" in parts[:-1] and any(part in stem for part in DROPPED_PLUGINS):
        return False
    if parts[0] == "pyside6" and len(parts) >= 2 and parts[-2] == "translations":
        return name in KEPT_QT_TRANSLATIONS
    if path.startswith("babel/locale-data/"):
        return name in KEPT_BABEL_LOCALES
    return True


def metadata_problems(pyproject_text: str, version: str, commands: Iterable[str]) -> list[str]:
    """How the installed metadata (``version``, the ``commands`` it registers) differs from pyproject."""
    project = tomllib.loads(pyproject_text)["project"]
    problems = []
    if version != project["version"]:
        problems.append(f"its version is {version}, pyproject.toml says {project['version']}")
    declared = set(project["entry-points"][COMMAND_GROUP])
    found = set(commands)
    if found != declared:
        missing, extra = sorted(declared - found), sorted(found - declared)
        problems.append(
            f"its commands differ from pyproject.toml's (missing: {missing}, not declared: {extra})"
        )
    return problems
