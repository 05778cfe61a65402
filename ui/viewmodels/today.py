"""The 今日 page's view model: the signed-in person's day (see :mod:`mediation_app.queries.today`)."""

from __future__ import annotations

from mediation_app.queries.today import Today, today_view
from ui.viewmodels.workspace import Workspace


class TodayViewModel:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def today(self) -> Today:
        with self.workspace.db.read() as session:
            return today_view(session, self.workspace.actor, self.workspace.today())
