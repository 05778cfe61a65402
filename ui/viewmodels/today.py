"""The 今日 page's view model: the signed-in person's day (see :mod:`mediation_app.queries.today`).

The query module is imported when the day is first read: at start that happens off the GUI
thread (:meth:`ui.pages.today_page.TodayPage.load`), and the module brings the calculator and the
agreement services with it, which the first window does not need to show itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.viewmodels.workspace import Workspace

if TYPE_CHECKING:
    from mediation_app.queries.today import Today


class TodayViewModel:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def today(self) -> Today:
        from mediation_app.queries.today import today_view

        with self.workspace.db.read() as session:
            return today_view(session, self.workspace.actor, self.workspace.today())
