"""The agreement and its performance: the terms (total in figures and in words, how and where to
pay, undertakings), signing and judicial confirmation, each instalment with what was paid against
it (overdue ones in red), and the follow-up visits; with those steps as buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.i18n import N_, _
from mediation_app.services.agreement.performance import FollowUpRow
from mediation_app.workflow.actions import Action
from mediation_app.workflow.confirmation import ConfirmationOutcome
from mediation_app.workflow.payment_plan import InstalmentProgress, InstalmentState
from ui.case_view.actions import ActionRunner
from ui.case_view.context import CaseContext
from ui.case_view.facts import fact_labels
from ui.case_view.fees_page import table
from ui.case_view.step_button import StepsBox
from ui.models.rows_model import RowColumn, RowsTableModel

STATE_COLOURS = {
    InstalmentState.OVERDUE: "#b3261e",
    InstalmentState.PAID_LATE: "#a15c00",
    InstalmentState.PAID: "#1b5e20",
}

INSTALMENT_COLUMNS: list[RowColumn[InstalmentProgress]] = [
    RowColumn(N_("No."), lambda r: str(r.number), align_right=True),
    RowColumn(N_("Due date"), lambda r: formatting.short_date(r.due_on)),
    RowColumn(N_("Amount"), lambda r: formatting.money(r.amount), align_right=True),
    RowColumn(N_("Paid"), lambda r: formatting.money(r.paid), align_right=True),
    RowColumn(N_("Still owed"), lambda r: formatting.money(r.outstanding), align_right=True),
    RowColumn(N_("State"), lambda r: r.state.label, colour=lambda r: STATE_COLOURS.get(r.state)),
    RowColumn(N_("Settled on"), lambda r: formatting.short_date(r.settled_on)),
]
FOLLOW_UP_COLUMNS: list[RowColumn[FollowUpRow]] = [
    RowColumn(N_("Date"), lambda r: formatting.short_date(r.visited_on)),
    RowColumn(N_("Party"), lambda r: r.visited_party.label),
    RowColumn(N_("Method"), lambda r: r.method),
    RowColumn(
        N_("Satisfied?"), lambda r: "" if r.satisfied is None else (_("Yes") if r.satisfied else _("No"))
    ),
    RowColumn(N_("Notes"), lambda r: r.notes),
]
STEPS = (
    Action.SIGN,
    Action.APPLY_CONFIRMATION,
    Action.RECORD_CONFIRMATION,
    Action.RECORD_REJECTION,
    Action.WITHDRAW_CONFIRMATION,
    Action.START_PERFORMANCE,
    Action.RECORD_PAYMENT,
    Action.COMPLETE_PERFORMANCE,
    Action.RECORD_NON_PERFORMANCE,
    Action.RECORD_FOLLOW_UP,
    Action.RESUME_MEDIATION,
)


class PerformancePage(QWidget):
    def __init__(self, ctx: CaseContext, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("performance")
        self.ctx = ctx
        self.runner = runner
        self.progress_model: RowsTableModel[InstalmentProgress] = RowsTableModel(
            INSTALMENT_COLUMNS, self, text_tips=True
        )
        self.follow_up_model: RowsTableModel[FollowUpRow] = RowsTableModel(
            FOLLOW_UP_COLUMNS, self, text_tips=True
        )
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        terms = QGroupBox(_("Agreement terms"), self)
        self.info = fact_labels(
            QFormLayout(terms),
            terms,
            (
                ("total", _("Agreed total")),
                ("words", _("In words")),
                ("pay", _("How and where to pay")),
                ("undertakings", _("Other undertakings")),
                ("dates", _("Reached and signed")),
                ("confirmation", _("Judicial confirmation")),
                ("progress", _("Paid so far")),
            ),
            "agreement",
        )
        top.addWidget(terms, 3)
        steps = StepsBox(runner, STEPS, self)
        self.step_buttons = steps.buttons
        top.addWidget(steps, 2)
        layout.addLayout(top)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(splitter, 1)
        plan = QGroupBox(_("Instalments"), splitter)
        QVBoxLayout(plan).addWidget(table(self.progress_model, plan, "progressTable"))
        visits = QGroupBox(_("Follow-up visits"), splitter)
        QVBoxLayout(visits).addWidget(table(self.follow_up_model, visits, "followUpTable"))
        splitter.addWidget(plan)
        splitter.addWidget(visits)

    def load(self) -> None:
        detail = self.ctx.detail
        assert detail is not None
        self.follow_up_model.set_rows(self.ctx.case.performance.follow_ups())
        agreement = detail.agreement
        performance = detail.performance
        self.progress_model.set_rows(performance.progress.instalments if performance is not None else [])
        if agreement is None:
            for value in self.info.values():
                value.setText("")
            self.info["total"].setText(_("No agreement recorded yet."))
        else:
            self.info["total"].setText(formatting.money(agreement.total))
            self.info["words"].setText(agreement.total_uppercase)
            self.info["pay"].setText("；".join(v for v in (agreement.pay_method, agreement.pay_place) if v))
            self.info["undertakings"].setText(agreement.undertakings or _("None"))
            reached = formatting.date(agreement.reached_on)
            self.info["dates"].setText(
                _("reached {reached}, signed {signed}").format(
                    reached=reached, signed=formatting.date(agreement.signed_on)
                )
                if agreement.signed_on
                else _("reached {reached}, not signed yet").format(reached=reached)
            )
        self.info["confirmation"].setText(self._confirmation_text())
        if performance is not None:
            self.info["progress"].setText(
                _("{paid} of {total}; {outstanding} still owed").format(
                    paid=formatting.money(performance.paid),
                    total=formatting.money(performance.total),
                    outstanding=formatting.money(performance.outstanding),
                )
            )
        for button in self.step_buttons:
            button.refresh()

    def _confirmation_text(self) -> str:
        detail = self.ctx.detail
        view = detail.confirmation if detail is not None else None
        if view is None:
            return _("Not applied for")
        if view.outcome is ConfirmationOutcome.CONFIRMED:
            return _("Confirmed by {court} on {date}, ruling {ruling}").format(
                court=view.court_name, date=formatting.date(view.decided_on), ruling=view.ruling_number
            )
        if view.outcome is ConfirmationOutcome.REJECTED:
            then = f" · {view.next_step.label}" if view.next_step else ""
            return (
                _("Rejected by {court} on {date}: {reason}").format(
                    court=view.court_name, date=formatting.date(view.decided_on), reason=view.rejection_reason
                )
                + then
            )
        if view.outcome is ConfirmationOutcome.WITHDRAWN:
            return _("Application to {court} withdrawn").format(court=view.court_name)
        return _("Applied to {court} on {date}; waiting for the ruling").format(
            court=view.court_name, date=formatting.date(view.applied_on)
        )
