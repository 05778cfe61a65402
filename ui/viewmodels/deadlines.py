"""The deadlines page's view model: the open cases overdue or due within some days, as of today."""

from __future__ import annotations

from mediation_app.queries.due import DueList, due_cases
from ui.viewmodels.workspace import Workspace


class DeadlinesViewModel:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    @property
    def has_own_organisation(self) -> bool:
        """Whether the person belongs to an organisation (the list can then be narrowed to it)."""
        return self.workspace.actor.organization_id is not None

    def due(self, days: int, *, own_organisation_only: bool = False) -> DueList:
        organization = self.workspace.actor.organization_id if own_organisation_only else None
        with self.workspace.db.read() as session:
            return due_cases(session, self.workspace.today(), days=days, organization_id=organization)
