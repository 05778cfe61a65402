"""Printing the agreements of a batch in one go: every owner who has reached an agreement.

Each agreement goes through the ordinary path of a case document
(:func:`~mediation_app.services.documents.finalise.finalise`): finalised if it is not yet — its
number taken, its PDF rendered by the injected renderer, stored with its SHA-256, audited — or
taken as it was finalised. Each is written to the chosen folder as one PDF, and all of them, in
case-number order, as one combined PDF: the print job sent to the printer. ``combine`` joins PDFs
(the PDF ring's, handed in like the renderer: the core never imports it).

Rendering is most of the work, so the agreements not final yet may first be rendered together by
``render_many`` (the PDF ring's, on every core): each as :func:`finalise` will make it — its data
built as finalising builds it, with the number the register will give it next. Finalising then
takes the rendered bytes when its document is exactly that one (same canonical data), and renders
it itself otherwise (a number taken meanwhile by another workstation, say): the stored documents
are the same either way, since rendering is deterministic.

``progress(done, total)`` is told after each rendering and each agreement written; if it raises
(Cancel), printing stops there: the agreements finalised so far stay final (a final document never
changes) and their files stay written, but no combined job is made.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.adapters.numbering import CASE_PREFIX, format_case_number
from mediation_app.documents.canonical import canonical_json, normalised
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus
from mediation_app.errors import NotFoundError, ValidationError, WorkflowError
from mediation_app.i18n import _, speaking
from mediation_app.security.filenames import safe_filename
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.batch.preview import Progress
from mediation_app.services.documents.finalise import FINAL_LANGUAGE, Renderer, document_day, finalise
from mediation_app.services.documents.registry import build, resolve
from mediation_app.storage.models import Agreement, Batch, Case, CaseNumberCounter, Document, Owner
from mediation_app.storage.uow import Database

KIND = "agreement"


class Combiner(Protocol):
    """``combine(pdfs) -> bytes``: the PDFs one after the other, as one file."""

    def __call__(self, pdfs: Sequence[bytes]) -> bytes: ...


class ManyRenderer(Protocol):
    """``render_many(items, locale=..., progress=...)``: the PDF of each ``(kind, data)``, in order."""

    def __call__(
        self, items: Sequence[tuple[str, Any]], *, locale: str | None = None, progress: Progress | None = None
    ) -> Iterator[bytes]: ...


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
    render_many: ManyRenderer | None = None,
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
    to_render = [item for item in wanted if not item.document_number] if render_many is not None else []
    steps = len(to_render) + len(wanted)
    rendered: dict[bytes, bytes] = {}
    if render_many is not None and to_render:
        with db.read() as session:
            items = _as_finalise_will_make_them(session, to_render, db.clock.today())

        def rendering(done: int, _total: int) -> None:
            if progress is not None:
                progress(done, steps)

        for (_kind, data), pdf in zip(
            items, render_many(items, locale=FINAL_LANGUAGE, progress=rendering), strict=True
        ):
            rendered[canonical_json(data)] = pdf

    def render(kind: str, data: Any, *, locale: str | None = None) -> bytes:
        ready = rendered.pop(canonical_json(data), None) if locale == FINAL_LANGUAGE else None
        return ready if ready is not None else renderer(kind, data, locale=locale)

    printed: list[PrintedAgreement] = []
    contents: list[bytes] = []
    for done, item in enumerate(wanted, start=1):
        with db.unit_of_work(actor) as uow:
            final = finalise(uow, item.case_id, KIND, render)
        path = folder / safe_filename(f"{final.number}-{item.owner}.pdf")
        _write(path, final.content)
        contents.append(final.content)
        printed.append(
            PrintedAgreement(item.case_id, item.case_number, item.owner, final.number, path, final.created)
        )
        if progress is not None:
            progress(len(to_render) + done, steps)
    combined = folder / combined_name(batch_id, len(contents))
    _write(combined, combine(contents))
    return PrintJob(batch_id, tuple(printed), combined)


def _as_finalise_will_make_them(
    session: Session, items: Sequence[AgreementToPrint], today: Any
) -> list[tuple[str, Any]]:
    """Each agreement's kind and data as :func:`finalise` will render it, numbered in order from
    the register's next number (see the module docstring: a wrong guess only costs a rendering)."""
    made: list[tuple[str, Any]] = []
    last: dict[tuple[str, int], int] = {}
    with speaking(FINAL_LANGUAGE):
        for item in items:
            ref = resolve(session, item.case_id, KIND)
            data = normalised(build(session, item.case_id, ref, today=today, number=None))
            prefix, year = CASE_PREFIX + ref.type.number_prefix, document_day(ref, data).year
            if (prefix, year) not in last:
                last[(prefix, year)] = (
                    session.scalar(
                        select(CaseNumberCounter.last).where(
                            CaseNumberCounter.prefix == prefix, CaseNumberCounter.year == year
                        )
                    )
                    or 0
                )
            last[(prefix, year)] += 1
            if ref.type.prints_number:
                data = dataclasses.replace(
                    data, number=format_case_number(prefix, year, last[(prefix, year)])
                )
            made.append((ref.kind, data))
    return made


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
    "ManyRenderer",
    "PrintJob",
    "PrintedAgreement",
    "agreements_to_print",
    "print_agreements",
]
