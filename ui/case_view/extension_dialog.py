"""Extending the mediation period: how many days, why, and both parties' consent (how, when)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from mediation_app.i18n import _
from mediation_app.services.cases.extension import ConsentGiven
from mediation_app.workflow.consent import ConsentMethod
from ui.case_view.context import CaseContext
from ui.case_view.form_dialog import FormDialog
from ui.case_view.inputs import DateField, fill_combo, read_int

DEFAULT_DAYS = 15


@dataclass(frozen=True)
class ExtensionValues:
    days: int
    reason: str
    owner: ConsentGiven | None
    company: ConsentGiven | None


class _ConsentRow(QWidget):
    """Given? how? when? for one party."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.given = QCheckBox(_("Consented"), self)
        self.given.setChecked(True)
        self.method = QComboBox(self)
        fill_combo(self.method, ConsentMethod.choices())
        self.day = DateField(today, self)
        row.addWidget(self.given)
        row.addWidget(self.method, 1)
        row.addWidget(self.day)

    def value(self) -> ConsentGiven | None:
        return (
            ConsentGiven(ConsentMethod(self.method.currentData()), self.day.value())
            if self.given.isChecked()
            else None
        )


class ExtensionDialog(FormDialog[ExtensionValues]):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("Extend the mediation period"),
            parent,
            intro=_("The period is extended only with both parties' consent; each consent is recorded."),
        )
        self.setObjectName("extensionDialog")
        self.days = QLineEdit(str(DEFAULT_DAYS))
        self.add_field("extension.days", _("Days"), self.days)
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(70)
        self.add_field("reason", _("Reason"), self.reason)
        self.owner = _ConsentRow(ctx.today())
        self.add_field("extension.consents[0].given_on", _("Owner's consent"), self.owner)
        self.company = _ConsentRow(ctx.today())
        self.add_field("extension.consents[1].given_on", _("Company's consent"), self.company)

    def values(self) -> ExtensionValues:
        days = read_int(self.days.text(), "extension.days", _("Days"))
        return ExtensionValues(days, self.reason.toPlainText(), self.owner.value(), self.company.value())

    @classmethod
    def ask(
        cls, ctx: CaseContext, parent: QWidget | None, submit: Callable[[ExtensionValues], Any]
    ) -> ExtensionValues | None:
        return cls(ctx, parent).run(submit)
