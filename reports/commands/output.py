"""Writing a command's PDF: all or nothing, so a failed command never leaves half a file (or
overwrites a good one with one)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from mediation_app.errors import ValidationError
from mediation_app.i18n import _


def check_target(path: Path) -> Path:
    """Refuse an output path whose folder does not exist, before any work is done."""
    folder = path.expanduser().resolve().parent
    if not folder.is_dir():
        raise ValidationError("out", _("the folder does not exist: {folder}").format(folder=folder), "--out")
    if path.is_dir():
        raise ValidationError("out", _("is a folder; give a file name: {path}").format(path=path), "--out")
    return path.expanduser()


def write_file(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder."""
    target = check_target(path)
    handle, temporary = tempfile.mkstemp(dir=target.resolve().parent, prefix=".printing-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ValidationError(
            "out", _("cannot be written: {reason}").format(reason=exc.strerror or exc), "--out"
        ) from exc
