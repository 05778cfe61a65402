"""Confirming an import: every valid row of the preview becomes a case, in one transaction.

The cases are grouped in a :class:`~mediation_app.storage.models.Batch` of the company (the
centre can then mediate them together as model cases). Each case is recorded by the intake
service itself (``_record_case``: the same numbering, parties, unit, claim, events and audit as a
case typed into the dialog); the batch adds one audit event of its own. Either every valid row is
recorded or, if anything fails, nothing is.

The preview's rows are used as they were shown, not re-read from the file. What may have changed
in the database since the preview (a case filed for one of the flats, a community or owner
registered) is looked up again inside the transaction; a new conflict stops the whole import with
a message that says which rows to look at.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from mediation_app.batch_import.model import ImportPreview, ImportRow
from mediation_app.batch_import.registered import Registered, lookup
from mediation_app.batch_import.rows import PLACEHOLDER_COMMUNITY
from mediation_app.errors import ConflictError, NotFoundError, ValidationError, WorkflowError
from mediation_app.i18n import _, ngettext
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.intake import CaseRef, IntakeForm, _record_case
from mediation_app.storage.models import Batch, Community, Company, Owner
from mediation_app.storage.uow import UnitOfWork

log = logging.getLogger(__name__)

_ROWS_NAMED = 10  # at most this many row numbers in a message
_PROGRESS_EVERY = 50


@dataclass(frozen=True)
class ImportResult:
    batch_id: int
    cases: tuple[CaseRef, ...]
    skipped_rows: int  # rows with errors, not imported
    created_communities: tuple[str, ...] = ()


def commit_import(
    uow: UnitOfWork, preview: ImportPreview, *, progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    """Record the preview's valid rows as cases of one batch; one transaction, audited.

    ``progress(done, total)`` is told every few dozen cases (about 6 ms each on SQLite, so 10,000
    rows take about a minute); if it raises, nothing is written.
    """
    authorize(uow.actor, Permission.INTAKE_CASE)
    rows = preview.valid_rows
    if not preview.can_commit:
        raise WorkflowError(_("There is nothing to import: no row of the file can be imported."))
    s = uow.session
    company = s.get(Company, preview.company_id)
    if company is None:
        raise NotFoundError(_("The chosen company no longer exists."))
    registered = lookup(
        s,
        company.id,
        (row.community for row in rows),
        (_id(row) for row in rows if _id(row)),
    )
    _check_still_valid(preview, rows, registered)
    communities = _communities(uow, preview, rows, registered, company)
    now = uow.clock.now()
    note = preview.options.note.strip() or _("{n} cases imported from {file}").format(
        n=len(rows), file=preview.file_name
    )
    batch = Batch(company_id=company.id, created_at=now, source_file=preview.file_name[:260], note=note[:200])
    s.add(batch)
    uow.flush()
    refs: list[CaseRef] = []
    for done, row in enumerate(rows, start=1):
        form = _final_form(uow, row, communities)
        try:
            refs.append(_record_case(uow, form, batch_id=batch.id))
        except ValidationError as error:
            raise ValidationError(
                error.field,
                _("row {n}: {problem} (nothing was imported)").format(n=row.number, problem=error.problem),
                error.label,
            ) from error
        if progress is not None and (done % _PROGRESS_EVERY == 0 or done == len(rows)):
            progress(done, len(rows))
    uow.audit(
        "batch.import",
        "batch",
        batch.id,
        None,
        {
            "company": company.name,
            "file": preview.file_name,
            "sha256": preview.sha256,
            "sheet": preview.sheet_name,
            "rows": len(preview.rows),
            "imported": len(refs),
            "skipped": len(preview.rows) - len(rows),
            "first_case": refs[0].number,
            "last_case": refs[-1].number,
            "created_communities": sorted(communities.created),
        },
    )
    uow.commit()
    log.info(
        "import committed: batch %d of company %d, %d cases (%s to %s), %d rows skipped, "
        "%d communities created",
        batch.id,
        company.id,
        len(refs),
        refs[0].number,
        refs[-1].number,
        len(preview.rows) - len(rows),
        len(communities.created),
    )
    return ImportResult(
        batch_id=batch.id,
        cases=tuple(refs),
        skipped_rows=len(preview.rows) - len(rows),
        created_communities=tuple(sorted(communities.created)),
    )


def _id(row: ImportRow) -> str:
    form = row.form
    return form.owner.id_number.strip().upper().replace(" ", "") if form is not None else ""


def _rows_text(numbers: list[int]) -> str:
    shown = "、".join(str(n) for n in numbers[:_ROWS_NAMED])
    return shown + ("…" if len(numbers) > _ROWS_NAMED else "")


def _check_still_valid(preview: ImportPreview, rows: tuple[ImportRow, ...], registered: Registered) -> None:
    """Refuse the import when the database now conflicts with rows the preview found valid."""
    conflicts: list[int] = []
    for row in rows:
        form = row.form
        assert form is not None
        community = registered.communities.get(row.community)
        if community is None and not preview.options.create_communities:
            conflicts.append(row.number)
            continue
        if community is not None and registered.open_by_unit.get(
            (community.id, form.unit.building.strip(), form.unit.room.strip())
        ):
            conflicts.append(row.number)
            continue
        owner = registered.owners.get(_id(row))
        if owner is not None and owner.name != form.owner.name.strip():
            conflicts.append(row.number)
    if conflicts:
        raise ConflictError(
            ngettext(
                "The database changed since the preview (row {rows}). Preview the file again; nothing was imported.",
                "The database changed since the preview (rows {rows}). Preview the file again; nothing was imported.",
                len(conflicts),
            ).format(rows=_rows_text(conflicts))
        )


class _Communities:
    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.organizations: dict[str, int | None] = {}
        self.created: set[str] = set()


def _communities(
    uow: UnitOfWork,
    preview: ImportPreview,
    rows: tuple[ImportRow, ...],
    registered: Registered,
    company: Company,
) -> _Communities:
    """The community id of each row's community name, creating the missing ones if asked to."""
    found = _Communities()
    for name, known in registered.communities.items():
        found.ids[name] = known.id
        found.organizations[name] = known.organization_id
    organization_id = preview.options.organization_id or registered.default_organization_id
    missing = sorted({row.community for row in rows} - set(found.ids))
    if missing:
        authorize(uow.actor, Permission.MANAGE_SETTINGS)  # communities are the centre's settings
    for name in missing:
        community = Community(name=name, company_id=company.id, organization_id=organization_id)
        uow.session.add(community)
        uow.flush()
        uow.audit(
            "community.create",
            "community",
            community.id,
            None,
            {"name": name, "company": company.name, "organization_id": organization_id, "by": "import"},
        )
        found.ids[name] = community.id
        found.organizations[name] = organization_id
        found.created.add(name)
    return found


def _final_form(uow: UnitOfWork, row: ImportRow, communities: _Communities) -> IntakeForm:
    """The row's form with the real community, the handling organisation and a registered owner."""
    assert row.form is not None
    form = copy.deepcopy(row.form)
    if form.unit.community_id == PLACEHOLDER_COMMUNITY:
        form.unit.community_id = communities.ids[row.community]
    if form.organization_id is None:
        form.organization_id = communities.organizations.get(row.community)
    id_number = form.owner.id_number.strip().upper().replace(" ", "")
    if id_number:
        # An owner registered before, or by an earlier row of this same import.
        existing = uow.session.scalar(select(Owner.id).where(Owner.id_number == id_number))
        if existing is not None:
            form.owner.existing_id = existing
    return form
