"""The case header: number, status, track, organisation and level, mediator, the deadline counting
down, and the steps the workflow allows now.

The steps that move the case on (accept, reach an agreement, sign …) are buttons; every step of
the workflow is in the Actions menu, those not possible now greyed out with the reason as the
tooltip (the status's, from the state machine, or the role's). The deadline reads in days left or
days overdue, green, amber when due within five days, red when overdue.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.enums import label
from mediation_app.i18n import _, ngettext
from mediation_app.queries.case_header import CaseDetail
from mediation_app.security.permissions import Permission
from mediation_app.workflow.actions import Action
from mediation_app.workflow.deadlines import Urgency
from mediation_app.workflow.transitions import allowed_moves
from ui.case_view.actions import ActionRunner, reversal_step_label

URGENCY_COLOURS = {Urgency.ON_TIME: "#1b5e20", Urgency.DUE_SOON: "#a15c00", Urgency.OVERDUE: "#b3261e"}


def deadline_text(detail: CaseDetail) -> str:
    """``End of the mediation period: 2021年4月10日 · 12 days left`` (or overdue, or none)."""
    if detail.next_deadline is None or detail.days_left is None:
        return _("No deadline running")
    what = detail.deadline_kind.label if detail.deadline_kind else _("Next deadline")
    left = detail.days_left
    if left > 0:
        count = ngettext("{count} day left", "{count} days left", left).format(count=left)
    elif left == 0:
        count = _("last day today")
    else:
        count = ngettext("{count} day overdue", "{count} days overdue", -left).format(count=-left)
    return _("{what}: {date} · {count}").format(
        what=what, date=formatting.date(detail.next_deadline), count=count
    )


class CaseHeader(QFrame):
    action_requested = Signal(str)  # an Action id

    def __init__(self, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseHeader")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._runner = runner
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.number = QLabel(self)
        self.number.setObjectName("caseNumber")
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(self)
        self.status.setObjectName("caseStatus")
        self.status.setStyleSheet(
            "QLabel#caseStatus { background: #e8eef7; color: #1a3d6d; border-radius: 3px; padding: 2px 8px; }"
        )
        self.where = QLabel(self)
        self.where.setObjectName("caseWhere")
        self.deadline = QLabel(self)
        self.deadline.setObjectName("caseDeadline")
        top.addWidget(self.number)
        top.addWidget(self.status)
        top.addWidget(self.where, 1)
        top.addWidget(self.deadline)
        layout.addLayout(top)
        bottom = QHBoxLayout()
        self.parties = QLabel(self)
        self.parties.setObjectName("caseParties")
        self.parties.setStyleSheet("color: #444;")
        bottom.addWidget(self.parties, 1)
        self.step_buttons: dict[Action, QPushButton] = {}
        self._buttons_box = QHBoxLayout()
        bottom.addLayout(self._buttons_box)
        self.actions_button = QToolButton(self)
        self.actions_button.setObjectName("caseActions")
        self.actions_button.setText(_("Actions"))
        self.actions_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.actions_menu = QMenu(self.actions_button)
        self.actions_menu.setToolTipsVisible(True)
        self.menu_actions: dict[Action, QAction] = {}
        for action in Action:
            entry = self.actions_menu.addAction(action.label)
            entry.setData(action.value)
            entry.triggered.connect(lambda _checked=False, a=action: self.action_requested.emit(a.value))
            self.menu_actions[action] = entry
        self.actions_button.setMenu(self.actions_menu)
        # 撤销此步: the last status change, recorded in error, reversed (judge or supervisor only)
        self.reverse_button = QPushButton(_("Reverse this step"), self)
        self.reverse_button.setObjectName("reverseStep")
        self.reverse_button.clicked.connect(lambda _checked=False: self._runner.reverse_step())
        bottom.addWidget(self.reverse_button)
        bottom.addWidget(self.actions_button)
        layout.addLayout(bottom)

    def show_detail(self, detail: CaseDetail) -> None:
        self.number.setText(detail.number)
        self.status.setText(label(detail.status))
        self.status.setToolTip(detail.status_reason)
        org = detail.organisation
        parts = [label(detail.track), f"{org.short_name or org.name}（{label(org.level)}）"]
        if detail.mediator:
            parts.append(_("Mediator: {name}").format(name=detail.mediator))
        self.where.setText("  ·  ".join(parts))
        self.where.setToolTip(org.name)
        self.deadline.setText(deadline_text(detail))
        colour = URGENCY_COLOURS.get(detail.urgency, "#444") if detail.urgency else "#666"
        self.deadline.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.parties.setText(
            _("{owner} v {company} · {community} {building} {room}").format(
                owner=detail.owner_name,
                company=detail.company_name,
                community=detail.community,
                building=detail.building,
                room=detail.room,
            )
        )
        self._show_steps(detail)

    def _show_steps(self, detail: CaseDetail) -> None:
        for button in self.step_buttons.values():
            self._buttons_box.removeWidget(button)
            button.deleteLater()
        self.step_buttons = {}
        for action in allowed_moves(detail.status):
            button = QPushButton(action.label, self)
            button.setObjectName(f"step_{action.value}")
            state = self._runner.availability(action)
            button.setEnabled(state.enabled)
            button.setToolTip(state.why)
            button.clicked.connect(lambda _checked=False, a=action: self.action_requested.emit(a.value))
            self._buttons_box.addWidget(button)
            self.step_buttons[action] = button
        for action, entry in self.menu_actions.items():
            state = self._runner.availability(action)
            entry.setEnabled(state.enabled)
            entry.setToolTip(state.why or action.label)
        self._show_reversal()

    def _show_reversal(self) -> None:
        """The 撤销此步 button: shown to those who may reverse, enabled when the last change can be."""
        allowed = self._runner.ctx.can(Permission.REVERSE_STEP)
        last = self._runner.steps.last_status_step() if allowed else None
        self.reverse_button.setVisible(last is not None)
        if last is None:
            return
        self.reverse_button.setEnabled(last.reversible)
        self.reverse_button.setToolTip(
            last.why_not
            or _("Reverse “{step}”: {old} → {new}").format(
                step=reversal_step_label(last.kind), old=label(last.from_status), new=label(last.to_status)
            )
        )
