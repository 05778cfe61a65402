"""The import preview: every row of a company's file checked, nothing written.

:func:`preview` reads the file, maps its columns, reads each cell for its column (:mod:`.cells`),
checks each row with the intake validators (:mod:`.rows`) and against the rest of the file and
the database (:mod:`.registered`), and returns an :class:`~.model.ImportPreview`: the rows, the
ones that can be imported, and each problem with its cell. It only reads; the caller may use a
read-only session.

Rules the preview applies (beyond the intake dialog's own):

- **Merged cells.** A merge down one column (a community name merged over the rows of its
  flats, as companies like to do) counts for every row it covers, with a warning. A merge across
  several columns in the data cannot be read one value per column: each row it covers is an
  error on that cell. Merges above the header (titles) are ignored.
- **Formulas.** A formula's saved value is used. A formula without one (files written by
  programs other than Excel) is an error on its cell: it would otherwise read as blank.
- **Duplicates.** The same flat (community + building + room) twice in the file: every such row
  is an error (which one is right cannot be known). The same ID number with different names: an
  error on each. The same ID number on different flats (one owner, two flats): a warning; both
  cases name one owner. A flat that has an open case of the same company in the database: an
  error naming that case. An owner with an open case of the company on another flat: a warning.
- **Owners already registered** (same ID number) are reused; a different name for that number
  is an error.
- **Communities** must be registered by the centre first (an error naming the community), unless
  :attr:`~.model.ImportOptions.create_communities` is set (a warning: it will be created).
- **Totals**: a row whose first cell says 合计/总计/小计 is skipped, with a warning.
- **Hidden rows and columns** (in a workbook) are read like the others, with a warning on each
  hidden row and on each hidden column the import uses: what the company did not show when it
  checked the list is imported too, so the user should look at it.
- Text that looks like a formula (``=HYPERLINK(...)``) is plain text: it is stored as typed and
  exported as text (see :mod:`mediation_app.exports`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from mediation_app.batch_import.cells import CellProblem, cell_text
from mediation_app.batch_import.columns import BY_KEY, COLUMNS, column_for
from mediation_app.batch_import.model import (
    ImportIssue,
    ImportOptions,
    ImportPreview,
    ImportRow,
    Severity,
    SheetColumn,
)
from mediation_app.batch_import.reader import RawSheet, read_file
from mediation_app.batch_import.registered import Registered, lookup
from mediation_app.batch_import.rows import check_row
from mediation_app.batch_import.template import example_values
from mediation_app.errors import NotFoundError
from mediation_app.i18n import _
from mediation_app.storage.models import Company

DISPLAY_MAX = 200
PROGRESS_EVERY = 250
DEFAULT_OPTIONS = ImportOptions()
_TOTAL_WORDS = ("合计", "总计", "小计", "合 计", "总 计", "total", "subtotal")

Progress = Callable[[int, int], None]


@dataclass
class _Draft:
    number: int
    values: dict[str, str]
    display: dict[str, str]
    issues: list[ImportIssue]


class _Layout:
    """Where each known column is in the sheet, and how the file names it."""

    def __init__(self, sheet: RawSheet) -> None:
        self.index: dict[str, int] = {}
        self.header: dict[str, str] = {}
        self.issues: list[ImportIssue] = []
        ignored: list[str] = []
        for position, text in enumerate(sheet.headers):
            if not text:
                continue
            column = column_for(text)
            letter = get_column_letter(position + 1)
            if column is None:
                ignored.append(f"{letter}（{text[:40]}）")
            elif column.key in self.index:
                first = get_column_letter(self.index[column.key] + 1)
                self.issues.append(
                    ImportIssue(
                        Severity.ERROR,
                        _("columns {first} and {second} both hold {name}; keep one of them").format(
                            first=first, second=letter, name=column.zh
                        ),
                    )
                )
            else:
                self.index[column.key] = position
                self.header[column.key] = text
        missing = [column.zh for column in COLUMNS if column.required and column.key not in self.index]
        if missing:
            self.issues.append(
                ImportIssue(
                    Severity.ERROR,
                    _("required columns are missing: {names}").format(names="、".join(missing)),
                )
            )
        if ignored:
            self.issues.append(
                ImportIssue(
                    Severity.WARNING,
                    _("columns not used by the import: {columns}").format(columns="、".join(ignored)),
                )
            )
        self.key_at = {position: key for key, position in self.index.items()}

    def columns(self) -> tuple[SheetColumn, ...]:
        ordered = sorted(self.index.items(), key=lambda item: item[1])
        return tuple(SheetColumn(key, self.header[key], get_column_letter(i + 1)) for key, i in ordered)

    def cell(self, key: str, row: int) -> str:
        return f"{get_column_letter(self.index[key] + 1)}{row}"

    def issue(self, severity: Severity, message: str, row: int, key: str | None) -> ImportIssue:
        if key is None or key not in self.index:
            return ImportIssue(severity, message, row)
        return ImportIssue(severity, message, row, key, self.cell(key, row), self.header[key])


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def preview(
    session: Session,
    file: str | Path,
    company_id: int,
    *,
    today: dt.date,
    options: ImportOptions = DEFAULT_OPTIONS,
    progress: Progress | None = None,
) -> ImportPreview:
    """Check every row of ``file`` as cases of company ``company_id``; write nothing.

    ``progress(done, total)`` is told every few hundred rows while the rows are checked (it may
    raise to abandon the preview). A file that cannot be read at all raises
    :class:`~.reader.ImportFileError`.
    """
    path = Path(file)
    company = session.get(Company, company_id)
    if company is None:
        raise NotFoundError(_("The chosen company no longer exists."))
    sheet = read_file(path)
    layout = _Layout(sheet)
    base = ImportPreview(
        file_name=path.name,
        sha256=file_sha256(path),
        sheet_name=sheet.sheet_name,
        encoding=sheet.encoding,
        company_id=company.id,
        company_name=company.name,
        options=options,
        header_row=sheet.header_row,
        columns=layout.columns(),
        rows=(),
        issues=tuple(layout.issues),
        empty_rows=sheet.empty_rows,
    )
    if base.file_errors:
        return base
    file_issues = list(layout.issues)
    if sheet.uncached_without_reference:
        file_issues.append(
            ImportIssue(
                Severity.ERROR,
                _(
                    "{n} formulas have no saved result; open the file in Excel, save it, and import it again"
                ).format(n=sheet.uncached_without_reference),
            )
        )
    file_issues.extend(_hidden_column_issues(sheet, layout))
    fills, merge_issues = _merges(sheet, layout)
    drafts: list[_Draft] = []
    for raw in sheet.rows:
        draft = _read_row(raw.number, raw.cells, layout, sheet, fills)
        first = next((text for text in draft.values.values() if text), "")
        if first.strip().lower() in _TOTAL_WORDS or _first_cell(raw.cells).lower() in _TOTAL_WORDS:
            file_issues.append(
                ImportIssue(
                    Severity.WARNING,
                    _("looks like a total ({text}) and was skipped").format(text=_first_cell(raw.cells)[:20]),
                    raw.number,
                )
            )
            continue
        if _is_example(draft.values):
            file_issues.append(
                ImportIssue(
                    Severity.WARNING,
                    _("the template's example row was skipped"),
                    raw.number,
                )
            )
            continue
        draft.issues.extend(merge_issues.get(raw.number, ()))
        if raw.number in sheet.hidden_rows:
            draft.issues.append(
                ImportIssue(
                    Severity.WARNING,
                    _("this row is hidden in the workbook; it is imported like the others, so check it"),
                    raw.number,
                )
            )
        drafts.append(draft)
    registered = lookup(
        session,
        company.id,
        (d.values.get("community", "") for d in drafts),
        (_id_key(d.values.get("id_number", "")) for d in drafts if d.values.get("id_number")),
    )
    rows = _check_rows(drafts, layout, registered, company.id, options, today, progress)
    new_communities = sorted(
        {row.community for row in rows if row.ok and row.community not in registered.communities}
    )
    return replace(base, rows=tuple(rows), issues=tuple(file_issues), new_communities=tuple(new_communities))


def _hidden_column_issues(sheet: RawSheet, layout: _Layout) -> list[ImportIssue]:
    issues: list[ImportIssue] = []
    for key, position in sorted(layout.index.items(), key=lambda item: item[1]):
        if position + 1 in sheet.hidden_columns:
            letter = get_column_letter(position + 1)
            issues.append(
                ImportIssue(
                    Severity.WARNING,
                    _(
                        "column {letter} ({header}) is hidden in the workbook; its values are imported, "
                        "so check them"
                    ).format(letter=letter, header=layout.header[key]),
                    column=key,
                    header=layout.header[key],
                )
            )
    return issues


def _is_example(values: dict[str, str]) -> bool:
    example = example_values()
    return all(values.get(key, "") == example[key] for key in ("owner", "phone", "id_number", "room"))


def _first_cell(cells: tuple[object, ...]) -> str:
    for cell in cells:
        if cell is not None and str(cell).strip():
            return str(cell).strip()
    return ""


def _id_key(text: str) -> str:
    return text.strip().upper().replace(" ", "")


def _shorten(text: str) -> str:
    return text if len(text) <= DISPLAY_MAX else text[: DISPLAY_MAX - 1] + "…"


def _merges(
    sheet: RawSheet, layout: _Layout
) -> tuple[dict[tuple[int, int], object], dict[int, list[ImportIssue]]]:
    """Values merged cells lend to the rows they cover, and the issues merges cause, by row."""
    fills: dict[tuple[int, int], object] = {}
    issues: dict[int, list[ImportIssue]] = defaultdict(list)
    by_number = {raw.number: raw for raw in sheet.rows}
    for merged in sheet.merged:
        if merged.max_row <= sheet.header_row:
            continue  # a title above the header
        keys = [
            layout.key_at[c - 1] for c in range(merged.min_col, merged.max_col + 1) if c - 1 in layout.key_at
        ]
        if not keys:
            continue
        span = f"{get_column_letter(merged.min_col)}{merged.min_row}:{get_column_letter(merged.max_col)}{merged.max_row}"
        first_row = max(merged.min_row, sheet.header_row + 1)
        if merged.min_col != merged.max_col:
            for row in range(first_row, merged.max_row + 1):
                if row in by_number:
                    issues[row].append(
                        layout.issue(
                            Severity.ERROR,
                            _(
                                "cells {span} are merged across columns; unmerge them and fill in each cell"
                            ).format(span=span),
                            row,
                            keys[0],
                        )
                    )
            continue
        top = by_number.get(merged.min_row)
        value = top.cells[merged.min_col - 1] if top and merged.min_col - 1 < len(top.cells) else None
        if value is None or merged.min_row <= sheet.header_row:
            continue
        for row in range(merged.min_row + 1, merged.max_row + 1):
            fills[(row, merged.min_col - 1)] = value
        issues[merged.min_row].append(
            layout.issue(
                Severity.WARNING,
                _("cells {span} are merged; the value counts for each of rows {first}–{last}").format(
                    span=span, first=merged.min_row, last=merged.max_row
                ),
                merged.min_row,
                keys[0],
            )
        )
    return fills, issues


def _read_row(
    number: int,
    cells: tuple[object, ...],
    layout: _Layout,
    sheet: RawSheet,
    fills: dict[tuple[int, int], object],
) -> _Draft:
    values: dict[str, str] = {}
    display: dict[str, str] = {}
    issues: list[ImportIssue] = []
    for key, position in layout.index.items():
        raw = cells[position] if position < len(cells) else None
        if raw is None:
            raw = fills.get((number, position))
        if (number, position + 1) in sheet.uncached_formulas:
            issues.append(
                layout.issue(
                    Severity.ERROR,
                    _(
                        "a formula without a saved result; open the file in Excel and save it, or paste values"
                    ),
                    number,
                    key,
                )
            )
            values[key], display[key] = "", ""
            continue
        try:
            text = cell_text(raw, BY_KEY[key].kind, sheet.epoch)
        except CellProblem as problem:
            issues.append(layout.issue(Severity.ERROR, problem.message, number, key))
            values[key], display[key] = "", _shorten(str(raw))
            continue
        values[key] = text
        display[key] = _shorten(text)
    return _Draft(number, values, display, issues)


def _check_rows(
    drafts: list[_Draft],
    layout: _Layout,
    registered: Registered,
    company_id: int,
    options: ImportOptions,
    today: dt.date,
    progress: Progress | None,
) -> list[ImportRow]:
    by_unit: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    by_id: dict[str, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        v = draft.values
        if v.get("community") and v.get("building") and v.get("room"):
            by_unit[(v["community"], v["building"], v["room"])].append(draft.number)
        if v.get("id_number"):
            by_id[_id_key(v["id_number"])].append(draft)
    rows: list[ImportRow] = []
    total = len(drafts)
    for done, draft in enumerate(drafts, start=1):
        rows.append(_check_one(draft, layout, registered, company_id, options, today, by_unit, by_id))
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    return rows


def _check_one(
    draft: _Draft,
    layout: _Layout,
    registered: Registered,
    company_id: int,
    options: ImportOptions,
    today: dt.date,
    by_unit: dict[tuple[str, str, str], list[int]],
    by_id: dict[str, list[_Draft]],
) -> ImportRow:
    values, number = draft.values, draft.number
    issues = list(draft.issues)

    def add(severity: Severity, message: str, key: str | None) -> None:
        issues.append(layout.issue(severity, message, number, key))

    name = values.get("community", "")
    community = registered.communities.get(name)
    if name and community is None:
        if options.create_communities:
            add(
                Severity.WARNING,
                _("{name} is not registered yet; it will be created").format(name=name),
                "community",
            )
        else:
            add(
                Severity.ERROR,
                _(
                    "{name} is not a registered community; ask the centre to add it first "
                    "(or choose to create missing communities)"
                ).format(name=name),
                "community",
            )
    elif community is not None and community.company_id not in (None, company_id):
        add(
            Severity.WARNING,
            _("{name} is registered as served by {company}").format(
                name=name, company=registered.company_names.get(community.company_id, "?")
            ),
            "community",
        )
    organization_id = (
        options.organization_id
        or (community.organization_id if community else None)
        or registered.default_organization_id
    )
    check = check_row(
        values, company_id=company_id, organization_id=organization_id, track=options.track, today=today
    )
    flagged = {issue.column for issue in issues if issue.is_error}
    for key, problem in check.errors:
        if key is None or key not in flagged:
            add(Severity.ERROR, problem, key if key in layout.index else None)
            flagged.add(key)  # one error per cell: the first is the one to fix

    unit_key = (name, values.get("building", ""), values.get("room", ""))
    same_flat = by_unit.get(unit_key, [])
    if len(same_flat) > 1:
        others = "、".join(str(n) for n in same_flat if n != number)
        add(Severity.ERROR, _("the same flat is in rows {rows} too").format(rows=others), "room")
    open_case = registered.open_by_unit.get((community.id, unit_key[1], unit_key[2])) if community else None
    if open_case:
        add(
            Severity.ERROR,
            _("this flat already has an open case of this company: {number}").format(number=open_case),
            "room",
        )
    id_number = _id_key(values.get("id_number", ""))
    if id_number:
        _owner_checks(draft, id_number, by_id, registered, add, flat_case=open_case)

    row_ok = not any(issue.is_error for issue in issues)
    return ImportRow(
        number=number,
        values=draft.display,
        issues=tuple(issues),
        form=check.form if row_ok else None,
        community=name,
    )


def _owner_checks(
    draft: _Draft,
    id_number: str,
    by_id: dict[str, list[_Draft]],
    registered: Registered,
    add: Callable[[Severity, str, str | None], None],
    *,
    flat_case: str | None,
) -> None:
    name = draft.values.get("owner", "")
    same = [other for other in by_id.get(id_number, []) if other.number != draft.number]
    if same:
        rows = "、".join(str(other.number) for other in same)
        if any(other.values.get("owner", "") != name for other in same):
            add(
                Severity.ERROR,
                _("the same ID number is in rows {rows} under another name").format(rows=rows),
                "id_number",
            )
        else:
            add(
                Severity.WARNING,
                _("the same owner is in rows {rows} too (one owner, several flats)").format(rows=rows),
                "id_number",
            )
    known = registered.owners.get(id_number)
    if known is not None:
        if known.name != name:
            add(
                Severity.ERROR,
                _("this ID number is registered to {name}").format(name=known.name),
                "id_number",
            )
        else:
            add(
                Severity.WARNING,
                _("{name} is already registered; the case will name the registered owner").format(name=name),
                "id_number",
            )
    open_case = registered.open_by_owner.get(id_number)
    if open_case and open_case != flat_case:
        add(
            Severity.WARNING,
            _("this owner already has an open case of this company: {number}").format(number=open_case),
            "id_number",
        )
