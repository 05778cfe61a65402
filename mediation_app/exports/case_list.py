"""The case list, with the filters in force, to an XLSX file for people who work in Excel.

The file opens with what it contains: a title, the filters in words, and the line
:func:`mediation_app.security.privacy.export_notice` writes for every export (how many rows,
whether ID numbers and phones are masked, who exported it and when). ID numbers and phones are
shown as the exporting person's role allows (:mod:`mediation_app.security.privacy`); the export
is recorded in the audit trail (:func:`mediation_app.services.cases.disclosure.record_export`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus, Level, Track, label
from mediation_app.exports.sheet import cell, header_row, save_atomically, set_widths, title_row
from mediation_app.i18n import _
from mediation_app.queries.case_list import CaseFilter, CaseRow, Sort, case_ids, case_rows
from mediation_app.security.permissions import Permission, authorize
from mediation_app.security.privacy import export_notice, sees_full_identity, shown_id_number, shown_phone
from mediation_app.services.cases.disclosure import record_export
from mediation_app.storage.models import Case, Community, Company, Organization, Owner
from mediation_app.storage.uow import Database

CHUNK = 1000
SHEET_TITLE = "案件清单"
FIRST_DATA_ROW = 6  # title, filters, notice, blank, column names


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    rows: int
    masked: bool  # ID numbers and phones masked


def _columns() -> list[tuple[str, float]]:
    return [
        (_("Case number"), 22),
        (_("Owner"), 12),
        (_("ID number"), 21),
        (_("Phone"), 14),
        (_("Community"), 14),
        (_("Building"), 8),
        (_("Room"), 8),
        (_("Company"), 28),
        (_("Claimed (yuan)"), 14),
        (_("Status"), 14),
        (_("Track"), 14),
        (_("Handling organisation"), 18),
        (_("Level"), 14),
        (_("Intake date"), 12),
        (_("Next deadline"), 12),
    ]


def describe_filters(session: Session, filters: CaseFilter) -> str:
    """The filters in words, as the export's second line states them."""
    parts: list[str] = []
    if filters.text.strip():
        parts.append(_("text contains “{text}”").format(text=filters.text.strip()))
    for title, members in (
        (_("status"), [s for s in CaseStatus if s in filters.statuses]),
        (_("track"), [t for t in Track if t in filters.tracks]),
        (_("level"), [lv for lv in Level if lv in filters.levels]),
    ):
        if members:
            parts.append(formatting.labelled(title, "、".join(label(member) for member in members)))
    for title, model, ident in (
        (_("organisation"), Organization, filters.organization_id),
        (_("company"), Company, filters.company_id),
        (_("community"), Community, filters.community_id),
    ):
        if ident is not None:
            record = session.get(model, ident)
            parts.append(formatting.labelled(title, str(getattr(record, "name", "?"))))
    if filters.intake_from is not None:
        parts.append(_("intake from {day}").format(day=formatting.date(filters.intake_from)))
    if filters.intake_to is not None:
        parts.append(_("intake to {day}").format(day=formatting.date(filters.intake_to)))
    if filters.closed_from is not None:
        parts.append(_("closed from {day}").format(day=formatting.date(filters.closed_from)))
    if filters.closed_to is not None:
        parts.append(_("closed to {day}").format(day=formatting.date(filters.closed_to)))
    return "; ".join(parts) if parts else _("all cases")


def _identities(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    stmt = select(Case.id, Owner.id_number, Owner.phone).join(Owner, Owner.id == Case.owner_id)
    return {
        case_id: (id_number or "", phone or "")
        for case_id, id_number, phone in session.execute(stmt.where(Case.id.in_(list(ids))))
    }


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def export_case_list(
    db: Database,
    actor: Actor,
    path: Path,
    filters: CaseFilter = CaseFilter(),  # noqa: B008 - frozen, shared safely
    sort: Sort = Sort(),  # noqa: B008
) -> ExportSummary:
    """Write the cases matching ``filters`` (in ``sort`` order) to ``path``; audited."""
    actor = db.current_actor(actor)  # a deactivated or changed account writes no file
    authorize(actor, Permission.EXPORT_DATA)
    masked = not sees_full_identity(actor)
    now = db.clock.now()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    columns = _columns()
    set_widths(sheet, (width for _name, width in columns))
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    with db.read() as session:
        ids = case_ids(session, filters, sort)
        described = describe_filters(session, filters)
        contents = _("case list ({filters})").format(filters=described)
        sheet.append(title_row(sheet, _("Case list")))
        sheet.append([cell(sheet, _("Filters: {filters}").format(filters=described))])
        sheet.append([cell(sheet, export_notice(actor, contents, len(ids), now))])
        sheet.append([])
        sheet.append(header_row(sheet, [name for name, _width in columns]))
        for chunk in _chunks(ids):
            identities = _identities(session, chunk)
            for row in case_rows(session, chunk):
                id_number, phone = identities.get(row.id, ("", ""))
                sheet.append(_cells(sheet, row, shown_id_number(actor, id_number), shown_phone(actor, phone)))
    written = save_atomically(workbook, path)
    with db.unit_of_work(actor) as uow:
        record_export(uow, contents[:200], len(ids), full_identity=not masked)
    return ExportSummary(written, len(ids), masked)


def _cells(sheet: WriteOnlyWorksheet, row: CaseRow, id_number: str, phone: str) -> list[object]:
    values: list[object] = [
        row.number,
        row.owner,
        id_number,
        phone,
        row.community,
        row.building,
        row.room,
        row.company,
        row.claimed_total,
        label(row.status),
        label(row.track),
        row.organization,
        label(row.level),
        row.intake_date,
        row.next_deadline,
    ]
    return [cell(sheet, value) for value in values]
