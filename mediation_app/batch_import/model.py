"""The plain values an import preview consists of: options, issues, rows and the preview itself.

They hold no database objects, so the preview can be built off the GUI thread, shown in a table,
kept while the user decides, and handed to :func:`mediation_app.batch_import.commit_import`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from mediation_app import formatting
from mediation_app.domain.enums import Track
from mediation_app.i18n import _
from mediation_app.services.cases.intake import IntakeForm


@dataclass(frozen=True)
class ImportOptions:
    """Choices the user makes before the preview.

    ``create_communities``: a community the centre has not registered is created with the import
    (served by the importing company, handled by ``organization_id`` or the district centre)
    instead of making its rows errors. Off by default: the centre registers communities itself,
    and a misspelt name would otherwise quietly become a second community.

    ``organization_id``: the organisation that handles every imported case; by default each case
    goes to the organisation of its community, else to the district centre.
    """

    create_communities: bool = False
    organization_id: int | None = None
    track: Track = Track.PEOPLE
    note: str = ""


class Severity(StrEnum):
    ERROR = "error"  # the row is not imported
    WARNING = "warning"  # the row is imported; the user should know


@dataclass(frozen=True)
class ImportIssue:
    """One problem, located as precisely as possible: a cell, a row, or the whole file."""

    severity: Severity
    message: str
    row: int | None = None  # the sheet row (None: the file)
    column: str | None = None  # the column key (see columns.COLUMNS)
    cell: str = ""  # "C7" (empty for a row or the file)
    header: str = ""  # the column's header as the file names it

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    def __str__(self) -> str:
        """As shown: 'C7 身份证号: <problem>', 'row 7: <problem>', or the problem (the file)."""
        if self.cell:
            where = f"{self.cell} {self.header}".strip()
        elif self.row is not None:
            where = _("row {n}").format(n=self.row)
        else:
            return self.message
        return formatting.labelled(where, self.message)


@dataclass(frozen=True)
class ImportRow:
    """A data row: what it says (as text), what is wrong with it, and the case it would become."""

    number: int
    values: Mapping[str, str]  # column key -> the cell's text (shortened for display)
    issues: tuple[ImportIssue, ...]
    form: IntakeForm | None = field(default=None, compare=False)  # None when the row has errors
    community: str = ""

    @property
    def ok(self) -> bool:
        return not any(issue.is_error for issue in self.issues)

    @property
    def errors(self) -> tuple[ImportIssue, ...]:
        return tuple(issue for issue in self.issues if issue.is_error)

    @property
    def warnings(self) -> tuple[ImportIssue, ...]:
        return tuple(issue for issue in self.issues if not issue.is_error)


@dataclass(frozen=True)
class SheetColumn:
    key: str
    header: str  # as the file names it
    letter: str  # A, B, … AA


@dataclass(frozen=True)
class ImportPreview:
    """Everything the user confirms before anything is written (see :func:`.preview.preview`)."""

    file_name: str
    sha256: str
    sheet_name: str
    encoding: str
    company_id: int
    company_name: str
    options: ImportOptions
    header_row: int
    columns: tuple[SheetColumn, ...]
    rows: tuple[ImportRow, ...]
    issues: tuple[ImportIssue, ...]  # about the whole file
    empty_rows: int = 0
    new_communities: tuple[str, ...] = ()

    @property
    def valid_rows(self) -> tuple[ImportRow, ...]:
        return tuple(row for row in self.rows if row.ok)

    @property
    def error_rows(self) -> tuple[ImportRow, ...]:
        return tuple(row for row in self.rows if not row.ok)

    @property
    def file_errors(self) -> tuple[ImportIssue, ...]:
        return tuple(issue for issue in self.issues if issue.is_error)

    @property
    def can_commit(self) -> bool:
        """True when there is something to import and nothing wrong with the file as a whole."""
        return not self.file_errors and any(row.ok for row in self.rows)

    def all_issues(self) -> list[ImportIssue]:
        """File issues first, then each row's, in sheet order."""
        return [*self.issues, *(issue for row in self.rows for issue in row.issues)]
