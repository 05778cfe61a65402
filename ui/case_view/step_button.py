"""Buttons bound to a workflow step or a permission: greyed out, with the reason as tooltip, when
the step is not possible now or the role may not take it; and a page's box of step buttons."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QGridLayout, QGroupBox, QPushButton, QWidget

from mediation_app.i18n import _
from mediation_app.security.permissions import Permission
from mediation_app.workflow.actions import Action
from ui.case_view.actions import ActionRunner, Availability, permission_availability


class StepButton(QPushButton):
    """Takes one workflow step through the runner."""

    def __init__(
        self, runner: ActionRunner, action: Action, parent: QWidget | None = None, text: str = ""
    ) -> None:
        super().__init__(text or action.label, parent)
        self.setObjectName(f"page_{action.value}")
        self.runner = runner
        self.action = action
        self.clicked.connect(lambda _checked=False: self.runner.run(self.action))

    def refresh(self) -> None:
        state = self.runner.availability(self.action)
        self.setEnabled(state.enabled)
        self.setToolTip(state.why)


class StepsBox(QGroupBox):
    """A page's "Steps" box: a :class:`StepButton` for each of ``actions``, two to a row, in order."""

    def __init__(
        self, runner: ActionRunner, actions: Sequence[Action], parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Steps"), parent)
        self._grid = QGridLayout(self)
        self.buttons: list[StepButton] = []
        for action in actions:
            button = StepButton(runner, action, self)
            self.buttons.append(button)
            self.add(button)

    def add(self, button: QPushButton) -> None:
        """Put ``button`` in the next place (after the step buttons and those added before)."""
        count = self._grid.count()
        self._grid.addWidget(button, count // 2, count % 2)


def set_availability(button: QPushButton, state: Availability) -> None:
    button.setEnabled(state.enabled)
    button.setToolTip(state.why)


class PermissionButton(QPushButton):
    """A button for work that is not a status step (compute, attach, send): the role decides,
    and ``extra`` may add a reason of the page's own (nothing selected …)."""

    def __init__(
        self,
        runner: ActionRunner,
        permission: Permission,
        text: str,
        parent: QWidget | None = None,
        *,
        extra: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.runner = runner
        self.permission = permission
        self.extra = extra

    def refresh(self) -> None:
        state = permission_availability(self.runner.ctx.actor, self.permission)
        if state.enabled and self.extra is not None:
            why = self.extra()
            if why:
                state = Availability(False, why)
        set_availability(self, state)
