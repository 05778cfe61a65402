"""Files attached to a case: evidence, signed scans. Stored by content, checked when read back.

A file is written once to ``<data dir>/attachments/<sha256>.<ext>`` (the same bytes attached twice
are stored once) and described by an :class:`~mediation_app.storage.models.Attachment` row with
its original name, size, type and SHA-256. Reading it back checks the hash, so a file changed on
disk is reported instead of being shown as evidence. The file is written before the row is
committed: a failed transaction can leave an unreferenced file behind, never a row without a file.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.domain.party import Submitter
from mediation_app.errors import NotFoundError, ValidationError
from mediation_app.i18n import _
from mediation_app.paths import data_dir
from mediation_app.security.filenames import resolve_stored, safe_filename
from mediation_app.storage.models import Attachment
from mediation_app.storage.uow import UnitOfWork

MAX_SIZE = 50 * 1024 * 1024
"""The largest file accepted (a phone photo or a scanned contract is far smaller)."""

_EXTENSION = re.compile(r"^\.[A-Za-z0-9]{1,10}$")


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    case_id: int
    kind: str
    title: str
    filename: str
    sha256: str
    size: int
    mime: str
    submitted_by: Submitter | None


def attachments_dir() -> Path:
    folder = data_dir() / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store(
    uow: UnitOfWork,
    case_id: int,
    *,
    kind: str,
    title: str,
    filename: str,
    content: bytes,
    submitted_by: Submitter | None = None,
) -> Attachment:
    """Write ``content`` to the store and add its row (the caller audits and commits)."""
    clean_title = title.strip()
    if not clean_title:
        raise ValidationError("attachment.title", _("give the file a title"), _("Title"))
    if len(clean_title) > 200:
        raise ValidationError(
            "attachment.title", _("at most {limit} characters").format(limit=200), _("Title")
        )
    if not content:
        raise ValidationError("attachment.file", _("the file is empty"), _("File"))
    if len(content) > MAX_SIZE:
        raise ValidationError(
            "attachment.file",
            _("is larger than {limit} MB").format(limit=MAX_SIZE // (1024 * 1024)),
            _("File"),
        )
    name = safe_filename(filename)
    digest = hashlib.sha256(content).hexdigest()
    extension = Path(name).suffix.lower()
    stored_name = digest + (extension if _EXTENSION.match(extension) else "")
    target = attachments_dir() / stored_name
    if not target.exists():
        _write_atomically(target, content)
    record = Attachment(
        case_id=case_id,
        kind=kind,
        title=clean_title,
        filename=name,
        stored_name=stored_name,
        sha256=digest,
        size=len(content),
        mime=mimetypes.guess_type(name)[0] or "application/octet-stream",
        submitted_by=submitted_by,
        uploaded_by=uow.actor.staff_id,
        uploaded_at=uow.clock.now(),
    )
    uow.session.add(record)
    uow.flush()
    return record


def read(session: Session, attachment_id: int) -> bytes:
    """The file's bytes; refuses a file that is missing or no longer matches its hash."""
    record = session.get(Attachment, attachment_id)
    if record is None:
        raise NotFoundError(_("Attachment {id} does not exist.").format(id=attachment_id))
    return read_stored(record.stored_name, record.sha256, record.title)


def read_stored(stored_name: str, sha256: str, title: str) -> bytes:
    """The bytes of the stored file ``stored_name`` (no database needed: the store is addressed
    by content); refuses a file that is missing or no longer matches ``sha256``."""
    path = resolve_stored(attachments_dir(), stored_name)
    if not path.is_file():
        raise NotFoundError(_("The file of “{title}” is missing from {path}.").format(title=title, path=path))
    content = path.read_bytes()
    if hashlib.sha256(content).hexdigest() != sha256:
        raise ValidationError(
            "attachment.file",
            _("the stored file of “{title}” was changed after it was attached").format(title=title),
            _("File"),
        )
    return content


def case_attachments(session: Session, case_id: int) -> list[AttachmentRow]:
    rows = session.scalars(select(Attachment).where(Attachment.case_id == case_id).order_by(Attachment.id))
    return [
        AttachmentRow(r.id, r.case_id, r.kind, r.title, r.filename, r.sha256, r.size, r.mime, r.submitted_by)
        for r in rows
    ]


def _write_atomically(target: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
