"""Entering what intake left out: a payment made before mediation (with its receipt), a utility
bill for a month, a quarter or a range, and bills pasted from a spreadsheet as rows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from mediation_app.errors import ValidationError
from mediation_app.i18n import _
from mediation_app.services.cases.fee_records import PAYMENT_METHODS, BillForm, PaymentForm, Receipt
from ui.case_view.context import CaseContext
from ui.case_view.files import OpenFile
from ui.case_view.form_dialog import FormDialog
from ui.case_view.inputs import DateField

MAX_RECEIPT = 50 * 1024 * 1024


class PriorPaymentDialog(FormDialog[PaymentForm]):
    """A payment the owner made to the company before mediation (已缴款项)."""

    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("Add a payment made before mediation"),
            parent,
            intro=_(
                "As the receipt or the company's records show it; it counts against the oldest fees first."
            ),
        )
        self.setObjectName("priorPaymentDialog")
        self.paid_on = DateField(ctx.today())
        self.add_field("payment.paid_on", _("Date of payment"), self.paid_on)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(_("yuan, e.g. 1200.00"))
        self.add_field("payment.amount", _("Amount (yuan)"), self.amount)
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(list(PAYMENT_METHODS))
        self.method.setCurrentIndex(-1)
        self.add_field("payment.method", _("Method"), self.method)
        self.note = QLineEdit()
        self.add_field("payment.note", _("Note"), self.note)
        receipt = QWidget()
        row = QHBoxLayout(receipt)
        row.setContentsMargins(0, 0, 0, 0)
        self.receipt = QLineEdit()
        self.receipt.setObjectName("receiptPath")
        self.receipt.setPlaceholderText(_("optional: a scan or photo of the receipt"))
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(lambda _c=False: self._choose_receipt())
        row.addWidget(self.receipt, 1)
        row.addWidget(choose)
        self.add_field("attachment.file", _("Receipt"), receipt)

    def _choose_receipt(self) -> None:
        path = OpenFile.ask(self, _("Receipt"), _("Scans (*.pdf *.jpg *.jpeg *.png);;All files (*)"))
        if path is not None:
            self.receipt.setText(str(path))

    def values(self) -> PaymentForm:
        return PaymentForm(
            self.paid_on.value(),
            self.amount.text(),
            self.method.currentText(),
            self.note.text(),
            self._read_receipt(),
        )

    def _read_receipt(self) -> Receipt | None:
        text = self.receipt.text().strip()
        if not text:
            return None
        path = Path(text)
        try:
            if path.stat().st_size > MAX_RECEIPT:
                raise ValidationError(
                    "attachment.file", _("is larger than {limit} MB").format(limit=50), _("Receipt")
                )
            return Receipt(path.name, path.read_bytes())
        except OSError:
            raise ValidationError(
                "attachment.file", _("cannot be read: {path}").format(path=text), _("Receipt")
            ) from None

    @classmethod
    def ask(
        cls, ctx: CaseContext, parent: QWidget | None, submit: Callable[[PaymentForm], Any]
    ) -> PaymentForm | None:
        return cls(ctx, parent).run(submit)


PERIOD_HINT = "2023-03 / 2023-Q1 / 2023-01-01..2023-03-31"


class BillDialog(FormDialog[BillForm]):
    """One shared water and electricity bill (公摊水电费)."""

    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("Add a utility bill"),
            parent,
            intro=_(
                "A month, a quarter or a range of days; a period may not overlap a bill already on file."
            ),
        )
        self.setObjectName("billDialog")
        self.period = QLineEdit()
        self.period.setPlaceholderText(PERIOD_HINT)
        self.add_field("bill.period", _("Period"), self.period)
        self.amount = QLineEdit()
        self.add_field("bill.amount", _("Amount (yuan)"), self.amount)
        self.due = QLineEdit()
        self.due.setPlaceholderText(_("optional; the last day of the period if blank"))
        self.add_field("bill.due", _("Due"), self.due)

    def values(self) -> BillForm:
        return BillForm(self.period.text(), self.amount.text(), self.due.text())

    @classmethod
    def ask(
        cls, ctx: CaseContext, parent: QWidget | None, submit: Callable[[BillForm], Any]
    ) -> BillForm | None:
        return cls(ctx, parent).run(submit)


class PasteBillsDialog(FormDialog[str]):
    """Bills copied from a spreadsheet: one row each, the period and the amount separated by a tab."""

    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("Paste utility bills"),
            parent,
            intro=_(
                "Copy two columns from the spreadsheet — period, amount (a third, the due date, is "
                "optional) — and paste them here. All rows are saved, or none: each wrong row is named."
            ),
        )
        self.setObjectName("pasteBillsDialog")
        self.setMinimumWidth(560)
        self.rows = QPlainTextEdit()
        self.rows.setObjectName("pastedRows")
        self.rows.setPlaceholderText("2023-01\t52.30\n2023-02\t48.70\n2023-Q2\t150.00")
        self.rows.setMinimumHeight(200)
        self.add_field("bills", _("Rows"), self.rows)

    def values(self) -> str:
        return self.rows.toPlainText()

    @classmethod
    def ask(cls, ctx: CaseContext, parent: QWidget | None, submit: Callable[[str], Any]) -> str | None:
        return cls(ctx, parent).run(submit)
