"""Judicial confirmation (司法确认): the joint application to the competent court, and the court's
answer — the ruling number, or the rejection with its reason and what happens next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from mediation_app.i18n import _
from mediation_app.workflow.confirmation import NextStep
from ui.case_view.context import CaseContext
from ui.case_view.form_dialog import FormDialog
from ui.case_view.inputs import DateField, fill_combo


@dataclass(frozen=True)
class ApplicationValues:
    applied_on: dt.date
    court_name: str


@dataclass(frozen=True)
class RulingValues:
    ruling_number: str
    decided_on: dt.date


@dataclass(frozen=True)
class RejectionValues:
    reason: str
    decided_on: dt.date
    next_step: NextStep | None
    next_reason: str = ""


class ApplyConfirmationDialog(FormDialog[ApplicationValues]):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("Apply for judicial confirmation"),
            parent,
            intro=_("Both parties apply jointly within 30 days of the agreement taking effect."),
        )
        self.setObjectName("applyConfirmationDialog")
        proposal = ctx.case.steps.proposed_court()
        self.applied_on = DateField(ctx.today())
        self.add_field("applied_on", _("Date of application"), self.applied_on)
        self.court = QLineEdit(proposal.court)
        self.add_field("court_name", _("Court"), self.court)
        why = QLabel(proposal.explanation, self)
        why.setWordWrap(True)
        why.setStyleSheet("color: #555;")
        why.setMinimumWidth(440)  # a form row's wrapped label gets too little height when narrow
        self.form.addRow(why)

    def values(self) -> ApplicationValues:
        return ApplicationValues(self.applied_on.value(), self.court.text())

    @classmethod
    def ask(
        cls, ctx: CaseContext, parent: QWidget | None, submit: Callable[[ApplicationValues], Any]
    ) -> ApplicationValues | None:
        return cls(ctx, parent).run(submit)


class RulingDialog(FormDialog[RulingValues]):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Record the confirmation ruling"), parent)
        self.setObjectName("rulingDialog")
        self.ruling = QLineEdit()
        self.ruling.setPlaceholderText(_("e.g. （2021）闽0304民特123号"))
        self.add_field("ruling_number", _("Ruling number"), self.ruling)
        self.decided_on = DateField(ctx.today())
        self.add_field("decided_on", _("Date of the decision"), self.decided_on)

    def values(self) -> RulingValues:
        return RulingValues(self.ruling.text(), self.decided_on.value())

    @classmethod
    def ask(
        cls, ctx: CaseContext, parent: QWidget | None, submit: Callable[[RulingValues], Any]
    ) -> RulingValues | None:
        return cls(ctx, parent).run(submit)


class RejectionDialog(FormDialog[RejectionValues]):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Record the rejection of confirmation"), parent)
        self.setObjectName("rejectionDialog")
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(70)
        self.add_field("reason", _("Reason"), self.reason)
        self.decided_on = DateField(ctx.today())
        self.add_field("decided_on", _("Date of the decision"), self.decided_on)
        self.next_step = QComboBox()
        items: list[tuple[str, Any]] = [(_("Not decided yet"), None)]
        items += NextStep.choices()
        fill_combo(self.next_step, items)
        self.add_field("next_step", _("What happens next"), self.next_step)

    def values(self) -> RejectionValues:
        step = self.next_step.currentData()
        return RejectionValues(
            self.reason.toPlainText(), self.decided_on.value(), NextStep(step) if step else None
        )

    @classmethod
    def ask(
        cls, ctx: CaseContext, parent: QWidget | None, submit: Callable[[RejectionValues], Any]
    ) -> RejectionValues | None:
        return cls(ctx, parent).run(submit)
