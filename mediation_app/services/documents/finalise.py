"""Case documents: building their data, finalising them, finding them again, and checking a file.

* :func:`build_document` — the data a document prints (a draft, or what a final one is made from).
* :func:`finalise` — makes a document final: it gets its number (``荔物调协〔2026〕0001号`` for an
  agreement; each kind has its own register, per year of the document's date, reserved under a
  lock like case numbers), is rendered by the injected ``renderer(kind, data) -> bytes`` (the core
  never imports ``reports``), and is stored with its data (canonical JSON), its PDF, the PDF's
  SHA-256, who and when — audited, and shown in the case's path. A final document never changes:
  finalising again returns it as it is while the case's data still gives the same document, and
  makes version N+1 (a new row, the same number) once it does not.
* :func:`final_document` — the newest final version; printing a final document writes its stored
  bytes, never a new rendering.
* :func:`attach_signed_scan` — the signed paper, scanned, attached to the final document.
* :func:`verify_file` — whether a file is a final document (or its registered signed scan): its
  SHA-256 is looked up, so one changed byte means "not found".

Final documents are issued in Chinese, the language of the centre's paperwork, whatever the
language of the screen (spoken for the block only, :func:`mediation_app.i18n.speaking`); drafts follow the screen. Re-rendering a final
document's stored data in that language gives its stored bytes (:func:`rerender`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.adapters import attachment_store
from mediation_app.adapters.attachment_store import AttachmentRow
from mediation_app.adapters.numbering import CASE_PREFIX, next_case_number, peek_case_number
from mediation_app.documents.canonical import canonical_json, load, normalised
from mediation_app.domain.audit_chain import event_hash
from mediation_app.domain.party import Submitter
from mediation_app.errors import ConflictError, NotFoundError, ValidationError
from mediation_app.i18n import DEFAULT_LANGUAGE, _, speaking
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.step import add_event
from mediation_app.services.documents.builders import common
from mediation_app.services.documents.registry import DocumentRef, build, resolve
from mediation_app.storage.models import AuditEvent, AuditHead, Case, Document, Staff
from mediation_app.storage.uow import Database, UnitOfWork

log = logging.getLogger(__name__)


class Renderer(Protocol):
    """``renderer(kind, data, locale=...) -> bytes``: the PDF ring's renderer registry, handed in by
    the client and the commands (the core never imports it)."""

    def __call__(self, kind: str, data: Any, *, locale: str | None = None) -> bytes: ...


FINAL_LANGUAGE = DEFAULT_LANGUAGE
SIGNED_SCAN = "signed_scan"


@dataclass(frozen=True)
class FinalDocument:
    id: int
    case_id: int
    case_number: str
    ref: DocumentRef
    number: str
    version: int
    sha256: str
    content: bytes
    data_json: str
    finalised_at: dt.datetime
    finalised_by: str
    created: bool = False  # made by this call (False: it already existed)

    @property
    def title(self) -> str:
        return self.ref.describe()


@dataclass(frozen=True)
class Verification:
    """What :func:`verify_file` found out about a file."""

    sha256: str
    found: bool
    signed_scan: bool = False  # the file is the signed scan attached to the document
    case_number: str = ""
    document_number: str = ""
    title: str = ""
    version: int = 0
    latest_version: int = 0
    finalised_at: dt.datetime | None = None
    finalised_by: str = ""

    @property
    def superseded(self) -> bool:
        return self.found and self.latest_version > self.version

    def message(self) -> str:
        """The finding in one or two sentences, in the user's language."""
        if not self.found:
            return _(
                "Not found: this file is not a final document recorded in this database. It may have been "
                "altered (even one changed byte gives another SHA-256), or it is a draft, or it comes from "
                "another database. SHA-256 {sha256}."
            ).format(sha256=self.sha256)
        assert self.finalised_at is not None
        when = formatting.moment(self.finalised_at)
        what = _signed_scan_of if self.signed_scan else _unaltered
        text = what().format(
            title=self.title,
            number=self.document_number,
            version=self.version,
            case=self.case_number,
            when=when,
            who=self.finalised_by or _("unknown"),
        )
        if self.superseded:
            text = _("{sentence} {next}").format(
                sentence=text,
                next=_("A newer version ({version}) has been finalised since.").format(
                    version=self.latest_version
                ),
            )
        return text


def _unaltered() -> str:
    return _(
        "Unaltered final document: {title} {number}, version {version}, of case {case}; finalised "
        "{when} by {who}."
    )


def _signed_scan_of() -> str:
    return _(
        "The registered signed scan of {title} {number}, version {version}, of case {case} "
        "(finalised {when} by {who})."
    )


# --- building ------------------------------------------------------------------------------------


def build_document(
    source: Database | Session,
    case_id: int,
    kind: str,
    *,
    item: int | None = None,
    today: dt.date | None = None,
) -> Any:
    """The data of a case's document as the case stands (a draft: an agreement shows no number
    yet unless it is final), read back through its canonical form so it renders exactly as the
    final document would. ``today`` (the clock's, for a Database) dates what has no date of its own:
    an application not yet recorded, a case file of an open case."""
    if isinstance(source, Database):
        with source.read() as session:
            return build_document(session, case_id, kind, item=item, today=today or source.clock.today())
    if today is None:
        raise TypeError("build_document on a session needs today")
    ref = resolve(source, case_id, kind, item)
    number = common.final_number(source, case_id, ref.stored_kind) or None
    return normalised(build(source, case_id, ref, today=today, number=number))


def document_day(ref: DocumentRef, data: Any) -> dt.date:
    """The document's own date (its number is counted in that year)."""
    return ref.type.date_of(data)


# --- finalising ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberPreview:
    """What finalising the document would give it now, shown before the user confirms."""

    title: str
    number: str
    version: int
    unchanged: bool  # the final document already says exactly this: finalising changes nothing

    @property
    def new_number(self) -> bool:
        return self.version == 1 and not self.unchanged


def preview_number(
    session: Session, case_id: int, kind: str, *, today: dt.date, item: int | None = None
) -> NumberPreview:
    """The number (and version) :func:`finalise` would give the document now, without reserving
    anything: a new document peeks at its register's next number, a changed one keeps its number
    as version N+1, an unchanged one is already final. Nothing is written."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    ref = resolve(session, case_id, kind, item)
    latest = _newest(session, case_id, ref.stored_kind)
    with speaking(FINAL_LANGUAGE):
        data = normalised(build(session, case_id, ref, today=today, number=latest.number if latest else None))
    title = ref.describe()
    if latest is not None:
        unchanged = latest.data_json == canonical_json(data).decode("utf-8")
        version = latest.version_no if unchanged else latest.version_no + 1
        return NumberPreview(title, latest.number, version, unchanged)
    prefix = CASE_PREFIX + ref.type.number_prefix
    number = peek_case_number(session, document_day(ref, data).year, prefix)[0]
    return NumberPreview(title, number, 1, False)


def finalise(
    uow: UnitOfWork,
    case_id: int,
    kind: str,
    renderer: Renderer,
    *,
    item: int | None = None,
    expected_number: str | None = None,
) -> FinalDocument:
    """Make the document final (see the module docstring) and commit; returns the final document.
    ``expected_number``: the number the user was shown and confirmed (:func:`preview_number`);
    when another workstation took it meanwhile, nothing is written and the user is asked again."""
    authorize(uow.actor, Permission.FINALISE_AGREEMENT)
    session = uow.session
    # One finaliser per case at a time: a second waits, then finds the first one's document.
    case = session.execute(select(Case).where(Case.id == case_id).with_for_update()).scalar_one_or_none()
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    ref = resolve(session, case_id, kind, item)
    latest = _newest(session, case_id, ref.stored_kind)
    with speaking(FINAL_LANGUAGE):
        data = normalised(
            build(session, case_id, ref, today=uow.clock.today(), number=latest.number if latest else None)
        )
        text = canonical_json(data).decode("utf-8")
        if latest is not None and latest.data_json == text:
            return _final(session, latest, case.number)
        if latest is not None:
            number, version = latest.number, latest.version_no + 1
        else:
            prefix = CASE_PREFIX + ref.type.number_prefix
            number = next_case_number(session, document_day(ref, data).year, prefix)[0]
            version = 1
            if expected_number is not None and number != expected_number:
                raise ConflictError(
                    _(
                        "The number {shown} was taken by another document meanwhile; this one would be "
                        "{number}. Nothing was finalised: look at the number and confirm again."
                    ).format(shown=expected_number, number=number)
                )
            if ref.type.prints_number:
                data = dataclasses.replace(data, number=number)
                text = canonical_json(data).decode("utf-8")
        content = renderer(ref.kind, data, locale=FINAL_LANGUAGE)
        title = ref.describe()
    record = Document(
        case_id=case_id,
        kind=ref.stored_kind,
        number=number,
        version_no=version,
        data_json=text,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        finalised_at=uow.clock.now(),
        finalised_by=uow.actor.staff_id,
    )
    session.add(record)
    uow.flush()
    shown = _("{title} {number}").format(title=title, number=number)
    if version > 1:
        shown = _("{document}, version {version}").format(document=shown, version=version)
    add_event(uow, case, "document", "", shown)
    uow.audit(
        "document.finalise",
        "document",
        record.id,
        None,
        {"kind": ref.stored_kind, "number": number, "version": version, "sha256": record.sha256},
        case_id=case_id,
    )
    uow.commit()
    log.info(
        "document finalised: %s %s, version %d, of case %s (document %d)",
        ref.stored_kind,
        number,
        version,
        case.number,
        record.id,
    )
    return dataclasses.replace(_final(session, record, case.number), created=True)


def final_document(
    session: Session, case_id: int, kind: str, *, item: int | None = None
) -> FinalDocument | None:
    """The newest final version of the document (None when it has not been finalised)."""
    ref = resolve(session, case_id, kind, item)
    record = _newest(session, case_id, ref.stored_kind)
    if record is None:
        return None
    number = session.scalar(select(Case.number).where(Case.id == case_id)) or ""
    return _final(session, record, number)


def final_documents(session: Session, case_id: int) -> list[FinalDocument]:
    """Every final document of the case, every version, in the order they were finalised."""
    number = session.scalar(select(Case.number).where(Case.id == case_id)) or ""
    rows = session.scalars(select(Document).where(Document.case_id == case_id).order_by(Document.id))
    return [_final(session, row, number) for row in rows]


def rerender(final: FinalDocument, renderer: Renderer) -> bytes:
    """The final document rendered again from its stored data (the same bytes as stored)."""
    return renderer(final.ref.kind, load(final.data_json), locale=FINAL_LANGUAGE)


def _newest(session: Session, case_id: int, stored_kind: str) -> Document | None:
    return session.scalar(
        select(Document)
        .where(Document.case_id == case_id, Document.kind == stored_kind)
        .order_by(Document.version_no.desc())
        .limit(1)
    )


def finaliser_name(session: Session, record: Document) -> str:
    """Who finalised ``record`` (the staff member, else the actor the audit trail names)."""
    if record.finalised_by is not None:
        name = session.scalar(select(Staff.name).where(Staff.id == record.finalised_by))
        if name:
            return name
    return common.audit_actor(session, "document.finalise", record.id)


def _final(session: Session, record: Document, case_number: str) -> FinalDocument:
    return FinalDocument(
        id=record.id,
        case_id=record.case_id,
        case_number=case_number,
        ref=DocumentRef.parse(record.kind),
        number=record.number,
        version=record.version_no,
        sha256=record.sha256,
        content=record.content,
        data_json=record.data_json,
        finalised_at=record.finalised_at,
        finalised_by=finaliser_name(session, record),
    )


# --- the signed paper, and checking a file ------------------------------------------------------------


def attach_signed_scan(uow: UnitOfWork, document_id: int, file: Path) -> AttachmentRow:
    """Attach the scan of the signed paper to final document ``document_id`` and commit."""
    authorize(uow.actor, Permission.RECORD_EVIDENCE)
    record = uow.session.get(Document, document_id)
    if record is None:
        raise NotFoundError(_("Document {id} does not exist.").format(id=document_id))
    try:
        content = file.read_bytes()
    except OSError as exc:
        raise ValidationError(
            "signed_scan", _("cannot be read: {reason}").format(reason=exc.strerror or exc), _("File")
        ) from exc
    ref = DocumentRef.parse(record.kind)
    stored = attachment_store.store(
        uow,
        record.case_id,
        kind=SIGNED_SCAN,
        title=_("Signed scan of {title} {number}").format(title=ref.describe(), number=record.number)[:200],
        filename=file.name,
        content=content,
        submitted_by=Submitter.CENTRE,
    )
    stored.document_id = record.id
    uow.flush()
    uow.audit(
        "document.signed_scan",
        "attachment",
        stored.id,
        None,
        {"document_id": record.id, "number": record.number, "sha256": stored.sha256, "size": stored.size},
        case_id=record.case_id,
    )
    uow.commit()
    return AttachmentRow(
        stored.id,
        stored.case_id,
        stored.kind,
        stored.title,
        stored.filename,
        stored.sha256,
        stored.size,
        stored.mime,
        stored.submitted_by,
    )


FINALISING_ACTIONS = ("document.finalise", "document.signed_scan")


def verify_file(session: Session, content: bytes) -> Verification:
    """Whether ``content`` is a final document of a case (or the signed scan attached to one).

    The file's SHA-256 is looked up in the audit chain's finalisation events (and signed-scan
    events), not in the document table: a hash written into ``document.sha256`` behind the app's
    back vouches for nothing. The event found must still be intact (its own hash recomputed, and
    the next event, or the chain's head, linking to it).
    """
    digest = hashlib.sha256(content).hexdigest()
    needle = json.dumps({"sha256": digest})[1:-1]  # '"sha256": "<hex>"', as the audit writes it
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action.in_(FINALISING_ACTIONS), AuditEvent.after_json.contains(needle))
        .order_by(AuditEvent.id)
    ).all()
    event = next((e for e in events if _intact(session, e)), None)
    if event is None:
        return Verification(sha256=digest, found=False)
    after = json.loads(event.after_json)
    scan = event.action == "document.signed_scan"
    document_id = int(after["document_id"]) if scan else int(event.entity_id)
    record = session.get(Document, document_id)
    kind = record.kind if record is not None else str(after.get("kind", ""))
    case_id = event.case_id if event.case_id is not None else (record.case_id if record else None)
    latest = _newest(session, case_id, kind) if case_id is not None and kind else None
    case_number = (
        session.scalar(select(Case.number).where(Case.id == case_id)) if case_id is not None else None
    )
    version = (
        int(after.get("version", record.version_no if record else 1))
        if not scan
        else (record.version_no if record is not None else 1)
    )
    finaliser = _finalisation_event(session, document_id) if scan else event
    return Verification(
        sha256=digest,
        found=True,
        signed_scan=scan,
        case_number=case_number or "",
        document_number=str(after.get("number", record.number if record else "")),
        title=DocumentRef.parse(kind).describe() if kind else "",
        version=version,
        latest_version=latest.version_no if latest is not None else version,
        finalised_at=finaliser.at if finaliser is not None else (record.finalised_at if record else event.at),
        finalised_by=_actor_name(session, finaliser) if finaliser is not None else "",
    )


def _actor_name(session: Session, event: AuditEvent) -> str:
    """The staff member's name (the event keeps the name the actor signed in with)."""
    if event.actor_id is not None:
        name = session.scalar(select(Staff.name).where(Staff.id == event.actor_id))
        if name:
            return name
    return event.actor_name


def _finalisation_event(session: Session, document_id: int) -> AuditEvent | None:
    return session.scalar(
        select(AuditEvent)
        .where(AuditEvent.action == "document.finalise", AuditEvent.entity_id == str(document_id))
        .order_by(AuditEvent.id)
        .limit(1)
    )


def _intact(session: Session, event: AuditEvent) -> bool:
    """The event still hashes to its stored hash, and what follows it in the chain links to it."""
    recomputed = event_hash(
        prev_hash=event.prev_hash,
        at=event.at,
        actor_id=event.actor_id,
        actor_name=event.actor_name,
        action=event.action,
        entity=event.entity,
        entity_id=event.entity_id,
        case_id=event.case_id,
        before_json=event.before_json,
        after_json=event.after_json,
        rows_json=event.rows_json,
    )
    if recomputed != event.hash:
        return False
    following = session.scalar(
        select(AuditEvent.prev_hash).where(AuditEvent.id > event.id).order_by(AuditEvent.id).limit(1)
    )
    if following is None:
        following = session.scalar(select(AuditHead.last_hash).where(AuditHead.id == 1))
    return following == event.hash


__all__ = [
    "FINAL_LANGUAGE",
    "DocumentRef",
    "FinalDocument",
    "Renderer",
    "Verification",
    "attach_signed_scan",
    "build_document",
    "final_document",
    "final_documents",
    "finalise",
    "rerender",
    "verify_file",
]
