"""Printing the agreements of a batch in one go: every owner who has reached an agreement.

Each agreement goes through the ordinary path of a case document
(:func:`~mediation_app.services.documents.finalise.finalise`): finalised if it is not yet — its
number taken, its PDF rendered by the injected renderer, stored with its SHA-256, audited — or
taken as it was finalised. Each is written to the chosen folder as one PDF, and all of them, in
case-number order, as one combined PDF: the print job sent to the printer. ``combine`` joins PDFs
(the PDF ring's, handed in like the renderer: the core never imports it).

``progress(done, total)`` is told after each agreement; if it raises (Cancel), printing stops
there: the agreements finalised so far stay final (a final document never changes) and their files
stay written, but no combined job is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from sqlalchemy import select

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus
from mediation_app.errors import NotFoundError, ValidationError, WorkflowError
from mediation_app.i18n import _
from mediation_app.security.filenames import safe_filename
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.batch.preview import Progress
from mediation_app.services.documents.finalise import Renderer, finalise
from mediation_app.storage.models import Agreement, Batch, Case, Document, Owner
from mediation_app.storage.uow import Database

KIND = "agreement"


class Combiner(Protocol):
    """``combine(pdfs) -> bytes``: the PDFs one after the other, as one file."""

    def __call__(self, pdfs: Sequence[bytes]) -> bytes: ...


@dataclass(frozen=True)
class AgreementToPrint:
    case_id: int
    case_number: str
    owner: str
    total: Decimal
    document_number: str  # "" while the agreement is not final (finalising gives it its number)


@dataclass(frozen=True)
class PrintedAgreement:
    case_id: int
    case_number: str
    owner: str
    document_number: str
    path: Path
    finalised_now: bool


@dataclass(frozen=True)
class PrintJob:
    batch_id: int
    agreements: tuple[PrintedAgreement, ...]
    combined: Path

    @property
    def finalised_now(self) -> int:
        return sum(1 for a in self.agreements if a.finalised_now)


def agreements_to_print(db: Database, batch_id: int) -> tuple[AgreementToPrint, ...]:
    """The batch's owners with an agreement reached and not yet signed, in case-number order."""
    with db.read() as session:
        if session.get(Batch, batch_id) is None:
            raise NotFoundError(_("Batch {id} does not exist.").format(id=batch_id))
        rows = session.execute(
            select(Case.id, Case.number, Owner.name, Agreement.total)
            .join(Owner, Owner.id == Case.owner_id)
            .join(Agreement, Agreement.case_id == Case.id)
            .where(Case.batch_id == batch_id, Case.status == CaseStatus.AGREEMENT_REACHED)
            .order_by(Case.year, Case.seq, Case.id)
        ).all()
        numbers = dict(
            session.execute(
                select(Document.case_id, Document.number).where(
                    Document.kind == KIND, Document.case_id.in_([row[0] for row in rows])
                )
            ).all()
        )
    return tuple(
        AgreementToPrint(case_id, number, owner, total, numbers.get(case_id, ""))
        for case_id, number, owner, total in rows
    )


def combined_name(batch_id: int, count: int) -> str:
    return safe_filename(_("Batch {id} agreements ({count}).pdf").format(id=batch_id, count=count))


def print_agreements(
    db: Database,
    actor: Actor,
    batch_id: int,
    folder: Path,
    renderer: Renderer,
    combine: Combiner,
    *,
    progress: Progress | None = None,
) -> PrintJob:
    """Finalise (where needed) and write every agreement to print, then the combined print job."""
    authorize(actor, Permission.PRINT_DOCUMENT)
    wanted = agreements_to_print(db, batch_id)
    if not wanted:
        raise WorkflowError(
            _("No owner of this batch has an agreement waiting to be signed: nothing to print.")
        )
    if any(not item.document_number for item in wanted):
        authorize(actor, Permission.FINALISE_AGREEMENT)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValidationError(
            "folder", _("cannot be written: {reason}").format(reason=exc.strerror or exc), _("Folder")
        ) from exc
    printed: list[PrintedAgreement] = []
    contents: list[bytes] = []
    for done, item in enumerate(wanted, start=1):
        with db.unit_of_work(actor) as uow:
            final = finalise(uow, item.case_id, KIND, renderer)
        path = folder / safe_filename(f"{final.number}-{item.owner}.pdf")
        _write(path, final.content)
        contents.append(final.content)
        printed.append(
            PrintedAgreement(item.case_id, item.case_number, item.owner, final.number, path, final.created)
        )
        if progress is not None:
            progress(done, len(wanted))
    combined = folder / combined_name(batch_id, len(contents))
    _write(combined, combine(contents))
    return PrintJob(batch_id, tuple(printed), combined)


def _write(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise ValidationError(
            "folder",
            _("{path} cannot be written: {reason}").format(path=path, reason=exc.strerror or exc),
            _("Folder"),
        ) from exc


__all__ = [
    "AgreementToPrint",
    "Combiner",
    "PrintJob",
    "PrintedAgreement",
    "agreements_to_print",
    "print_agreements",
]
