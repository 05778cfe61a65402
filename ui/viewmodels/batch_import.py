"""The import dialog's view model: the companies and organisations to choose from, the checked
preview of a spreadsheet, and recording its valid rows as one batch of cases.

The preview and the import are long (10,000 rows take seconds): the dialog runs them off the GUI
thread, each in a session or unit of work of its own, reporting through ``progress``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mediation_app.batch_import import ImportOptions, ImportPreview, ImportResult, commit_import, preview
from mediation_app.queries import lookups
from ui.viewmodels.workspace import Workspace

Progress = Callable[[int, int], None]


class ImportViewModel:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def companies(self) -> list[lookups.CompanyChoice]:
        with self.workspace.db.read() as session:
            return lookups.companies(session)

    def handling_organizations(self) -> list[lookups.OrganizationChoice]:
        with self.workspace.db.read() as session:
            return lookups.organizations(session, handling_only=True)

    def preview(
        self, path: Path, company_id: int, options: ImportOptions, progress: Progress | None = None
    ) -> ImportPreview:
        """Every row of the file, checked; nothing is written."""
        with self.workspace.db.read() as session:
            return preview(
                session, path, company_id, today=self.workspace.today(), options=options, progress=progress
            )

    def commit(self, checked: ImportPreview, progress: Progress | None = None) -> ImportResult:
        """The valid rows of ``checked`` as one batch of cases, in one transaction."""
        with self.workspace.db.unit_of_work(self.workspace.actor) as uow:
            return commit_import(uow, checked, progress=progress)
