"""File names from outside (uploads, imports) made harmless, and stored names kept in their folder.

Attachments are stored under the SHA-256 of their bytes, so a received name never chooses where a
file lands; it is kept only as text to show and to save a copy under. :func:`safe_filename` cleans
it: the last path part only (``/`` and ``\\`` both count), no NUL or other control characters
(PostgreSQL refuses NUL in text), no characters Windows forbids, no reserved device name (``CON``,
``NUL.txt``), at most :data:`MAX_NAME` characters with the extension kept.
:func:`resolve_stored` turns a stored name back into a path and refuses anything that is not
``<sha256>[.ext]`` directly inside the folder, even if a database row was tampered with.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from mediation_app.errors import ValidationError
from mediation_app.i18n import _

MAX_NAME = 200
_STORED = re.compile(r"^[0-9a-f]{64}(\.[A-Za-z0-9]{1,10})?$")
_FORBIDDEN = str.maketrans({ch: "_" for ch in ':*?"<>|'})
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{n}" for n in range(1, 10)),
    *(f"lpt{n}" for n in range(1, 10)),
}


def safe_filename(name: str) -> str:
    """``name`` fit to show and to save a copy under (never empty)."""
    text = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").translate(_FORBIDDEN)
    text = text.strip().strip(".").strip()
    if not text:
        return "file"
    stem, dot, ext = text.rpartition(".")
    if not dot or not stem or len(ext) > 10:
        stem, ext = text, ""
    if stem.split(".")[0].strip().casefold() in _RESERVED:
        stem = "_" + stem
    room = MAX_NAME - (len(ext) + 1 if ext else 0)
    return f"{stem[:room].rstrip()}.{ext}" if ext else stem[:MAX_NAME]


def resolve_stored(folder: Path, stored_name: str) -> Path:
    """The path of ``stored_name`` in ``folder``; :class:`ValidationError` if it could leave it."""
    if not _STORED.match(stored_name):
        raise ValidationError("attachment.stored_name", _("is not the name of a stored file"), _("File"))
    root = folder.resolve()
    path = (root / stored_name).resolve()
    if path.parent != root:
        raise ValidationError("attachment.stored_name", _("points outside the attachments folder"), _("File"))
    return path
