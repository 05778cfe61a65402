"""Performance (履行): a payment under the agreement, and a follow-up visit (回访)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from mediation_app import formatting
from mediation_app.domain.party import Party
from mediation_app.i18n import _
from ui.case_view.context import CaseContext
from ui.case_view.form_dialog import FormDialog
from ui.case_view.inputs import DateField, fill_combo, read_decimal


@dataclass(frozen=True)
class PaymentValues:
    paid_on: dt.date
    amount: Decimal
    method: str = ""
    note: str = ""


@dataclass(frozen=True)
class FollowUpValues:
    visited_on: dt.date
    method: str
    party: Party
    notes: str
    satisfied: bool | None


class CloseAsPerformedPrompt:
    """Asked before a payment that settles everything agreed is recorded: close the case as
    performed (履行完毕) with it? No: the payment is recorded and the case stays open."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> bool:
        box = QMessageBox(parent)
        box.setObjectName("closeAsPerformedPrompt")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Record full performance"))
        box.setText(_("With this payment the agreement is fully performed. Close the case as performed?"))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes


class PaymentDialog(FormDialog[PaymentValues]):
    def __init__(
        self, ctx: CaseContext, parent: QWidget | None = None, *, amount: Decimal | None = None
    ) -> None:
        super().__init__(ctx, _("Record a payment"), parent)
        self.setObjectName("paymentDialog")
        self.paid_on = DateField(ctx.today())
        self.add_field("payment.paid_on", _("Date of payment"), self.paid_on)
        self.amount = QLineEdit(formatting.plain_amount(amount) if amount else "")
        self.add_field("payment.amount", _("Amount (yuan)"), self.amount)
        self.method = QLineEdit()
        self.method.setPlaceholderText(_("e.g. WeChat transfer"))
        self.add_field("payment.method", _("Method"), self.method)
        self.note = QLineEdit()
        self.add_field("payment.note", _("Note"), self.note)

    def values(self) -> PaymentValues:
        amount = read_decimal(self.amount.text(), "payment.amount", _("Amount"))
        assert amount is not None
        return PaymentValues(self.paid_on.value(), amount, self.method.text(), self.note.text())

    @classmethod
    def ask(
        cls,
        ctx: CaseContext,
        parent: QWidget | None,
        submit: Callable[[PaymentValues], Any],
        *,
        amount: Decimal | None = None,
    ) -> PaymentValues | None:
        return cls(ctx, parent, amount=amount).run(submit)


class FollowUpDialog(FormDialog[FollowUpValues]):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Record a follow-up visit"), parent)
        self.setObjectName("followUpDialog")
        self.visited_on = DateField(ctx.today())
        self.add_field("follow_up.visited_on", _("Date of visit"), self.visited_on)
        self.method = QLineEdit()
        self.method.setPlaceholderText(_("e.g. phone, home visit"))
        self.add_field("follow_up.method", _("Method"), self.method)
        self.party = QComboBox()
        fill_combo(self.party, Party.choices())
        self.add_field("follow_up.party", _("Party visited"), self.party)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(80)
        self.add_field("follow_up.notes", _("Notes"), self.notes)
        self.satisfied = QComboBox()
        fill_combo(
            self.satisfied, [(_("Not asked"), None), (_("Satisfied"), True), (_("Not satisfied"), False)]
        )
        self.add_field("follow_up.satisfied", _("Satisfied?"), self.satisfied)

    def values(self) -> FollowUpValues:
        return FollowUpValues(
            self.visited_on.value(),
            self.method.text(),
            Party(self.party.currentData()),
            self.notes.toPlainText(),
            self.satisfied.currentData(),
        )

    @classmethod
    def ask(
        cls, ctx: CaseContext, parent: QWidget | None, submit: Callable[[FollowUpValues], Any]
    ) -> FollowUpValues | None:
        return cls(ctx, parent).run(submit)
