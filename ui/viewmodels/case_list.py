"""The case list's view model: the filter bar's choices, the matching ids, rows by the block, and
the export of the list as filtered.

The list keeps only ids and asks for rows a block at a time (:mod:`ui.models.case_table_model`),
each read in its own short session, so a list of 100,000 cases never holds a session open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mediation_app.queries import lookups
from mediation_app.queries.case_list import CaseFilter, CaseRow, Sort, case_ids, case_rows
from ui.viewmodels.workspace import Workspace

if TYPE_CHECKING:
    from mediation_app.exports import ExportSummary


@dataclass(frozen=True)
class FilterChoices:
    """What the filter bar offers: every organisation, company and community on record."""

    organizations: list[lookups.OrganizationChoice]
    companies: list[lookups.CompanyChoice]
    communities: list[lookups.CommunityChoice]


class CaseListViewModel:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def filter_choices(self) -> FilterChoices:
        with self.workspace.db.read() as session:
            return FilterChoices(
                lookups.organizations(session), lookups.companies(session), lookups.communities(session)
            )

    def case_ids(
        self,
        filters: CaseFilter = CaseFilter(),  # noqa: B008
        sort: Sort = Sort(),  # noqa: B008
        *,
        limit: int | None = None,
    ) -> list[int]:
        """Every matching case's id, in display order (the first ``limit`` only, when given)."""
        with self.workspace.db.read() as session:
            return case_ids(session, filters, sort, limit=limit)

    def case_rows(self, ids: Sequence[int]) -> list[CaseRow]:
        """The rows of ``ids``, in that order."""
        with self.workspace.db.read() as session:
            return case_rows(session, ids)

    def export(self, path: Path, filters: CaseFilter, sort: Sort) -> ExportSummary:
        """The list as filtered and sorted, to an XLSX file (audited); off the GUI thread."""
        # openpyxl loads only when someone exports: start-up to the case list stays quick.
        from mediation_app.exports import export_case_list

        return export_case_list(self.workspace.db, self.workspace.actor, path, filters, sort)
