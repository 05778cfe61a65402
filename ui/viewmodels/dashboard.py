"""The dashboard's view model: the figures as of today (read off the GUI thread by the page)."""

from __future__ import annotations

from mediation_app.queries.dashboard import Dashboard, dashboard
from ui.viewmodels.workspace import Workspace


class DashboardViewModel:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def figures(self) -> Dashboard:
        """A year of statistics: it takes a moment at volume, so the page calls it in the background
        (a session of its own, never shared with the GUI thread)."""
        with self.workspace.db.read() as session:
            return dashboard(session, self.workspace.today())
