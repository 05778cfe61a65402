"""The agreement's terms: usually accepting a proposal, then how, where and by when the owner pays
— one payment by a date, or instalments that add up to the total exactly.

The instalment editor splits the total into equal monthly instalments (the leftover fen on the
last, :func:`~mediation_app.workflow.payment_plan.split_equally`) and lets the mediator change any
date or amount; the payment-plan rules say at once whether the plan adds up and what is wrong,
under the table, and the service checks it again when the terms are recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.enums import Remedy
from mediation_app.errors import FormErrors, MediationError, ValidationError
from mediation_app.i18n import _
from mediation_app.services.agreement.terms import AgreementTerms, default_remedy
from mediation_app.services.settlement.proposals import ProposalColumn
from mediation_app.workflow import payment_plan
from ui.case_view.context import CaseContext
from ui.case_view.form_dialog import FormDialog
from ui.case_view.inputs import DateField, fill_combo, read_decimal
from ui.case_view.instalment_model import InstalmentModel

OK_STYLE = "color: #1b5e20;"
BAD_STYLE = "color: #b3261e;"


class InstalmentEditor(QWidget):
    """The plan's rows, the equal split, and what the payment-plan rules say of it."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("instalmentEditor")
        self._today = today
        self.total: Decimal | None = None
        self.agreed_on = today
        self._checking = False
        self._ok = False
        self.in_use = True  # False while the agreement is paid in one sum
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        split = QHBoxLayout()
        self.count = QSpinBox(self)
        self.count.setRange(1, 60)
        self.count.setValue(3)
        self.first_due = DateField(today + dt.timedelta(days=30), self)
        self.split_button = QPushButton(_("Split equally"), self)
        self.split_button.setObjectName("splitEqually")
        self.split_button.clicked.connect(self.split_equally)
        split.addWidget(QLabel(_("Instalments"), self))
        split.addWidget(self.count)
        split.addWidget(QLabel(_("monthly from"), self))
        split.addWidget(self.first_due)
        split.addWidget(self.split_button)
        split.addStretch(1)
        layout.addLayout(split)
        self.model = InstalmentModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("instalmentTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        layout.addWidget(self.table)
        rows = QHBoxLayout()
        add = QPushButton(_("Add a row"), self)
        add.clicked.connect(self._add_row)
        remove = QPushButton(_("Remove the row"), self)
        remove.clicked.connect(self._remove_row)
        rows.addWidget(add)
        rows.addWidget(remove)
        rows.addStretch(1)
        layout.addLayout(rows)
        self.check = QLabel(self)
        self.check.setObjectName("planCheck")
        self.check.setWordWrap(True)
        layout.addWidget(self.check)
        self.model.dataChanged.connect(lambda *_args: self.recheck())
        self.model.rowsInserted.connect(lambda *_args: self.recheck())
        self.model.rowsRemoved.connect(lambda *_args: self.recheck())
        self.model.modelReset.connect(self.recheck)

    def set_total(self, total: Decimal | None, agreed_on: dt.date) -> None:
        self.total, self.agreed_on = total, agreed_on
        self.recheck()

    def split_equally(self) -> None:
        if self.total is None:
            self._say(_("State the total first."), ok=False)
            return
        try:
            amounts = payment_plan.split_equally(self.total, self.count.value())
            dates = payment_plan.monthly_due_dates(self.first_due.value(), self.count.value())
        except MediationError as error:
            self._say(error.message, ok=False)
            return
        self.model.set_plan(list(zip(dates, amounts, strict=True)))

    def _add_row(self) -> None:
        rows = self.model.rows()
        last = rows[-1].due_on if rows else self.first_due.value()
        self.model.add_row(payment_plan.monthly_due_dates(last, 2)[1] if rows else last)

    def _remove_row(self) -> None:
        self.model.remove_row(self.table.currentIndex().row())

    def plan(self) -> payment_plan.PaymentPlan:
        """The checked plan, or the error naming the instalment and field."""
        if self.total is None:
            raise ValidationError(
                "agreement.total", _("accept a proposal or state the agreed total"), _("Total")
            )
        return payment_plan.instalment_plan(self.total, self.model.instalments(), self.agreed_on)

    def recheck(self) -> bool:
        if self._checking:  # showing the errors repaints the cells, which would check again
            return self._ok
        self._checking = True
        try:
            self._ok = self._check()
        finally:
            self._checking = False
        return self._ok

    def set_in_use(self, in_use: bool) -> None:
        """Instalments chosen (or not: a payment in one sum needs no rows, nor a word about them)."""
        self.in_use = in_use
        self.setEnabled(in_use)
        self.recheck()

    def _check(self) -> bool:
        if not self.in_use:
            self.model.show_errors({})
            self.check.setText("")
            return True
        if not self.model.rows():
            self.model.show_errors({})
            self._say(_("Add the instalments, or split the total equally."), ok=False)
            return False
        try:
            plan = self.plan()
        except FormErrors as errors:
            self.show_errors(errors.errors)
            return False
        except ValidationError as error:
            self.show_errors([error])
            return False
        self.model.show_errors({})
        self._say(
            _("{count} instalments add up to the total of {total} exactly.").format(
                count=len(plan.instalments), total=formatting.money(plan.total)
            ),
            ok=True,
        )
        return True

    def show_errors(self, errors: list[ValidationError]) -> None:
        cells: dict[tuple[int, str], str] = {}
        general = []
        prefix = "payment_plan.instalments["
        for error in errors:
            if error.field.startswith(prefix) and "]." in error.field:
                index, name = error.field[len(prefix) :].split("].", 1)
                cells[(int(index), name)] = error.message
            general.append(error.message)
        self.model.show_errors(cells)
        self._say("\n".join(general), ok=False)

    def _say(self, text: str, *, ok: bool) -> None:
        self.check.setText(text)
        self.check.setStyleSheet(OK_STYLE if ok else BAD_STYLE)


@dataclass(frozen=True)
class AgreementValues:
    terms: AgreementTerms


class AgreementDialog(FormDialog[AgreementValues]):
    def __init__(
        self,
        ctx: CaseContext,
        proposals: list[ProposalColumn],
        parent: QWidget | None = None,
        *,
        proposal_id: int | None = None,
    ) -> None:
        super().__init__(ctx, _("Record the agreement reached"), parent)
        self.setObjectName("agreementDialog")
        self.setMinimumWidth(620)
        self._proposals = {p.id: p for p in proposals}
        self.proposal = QComboBox()
        items: list[tuple[str, Any]] = [
            (f"{p.name} · {formatting.money(p.figures.payable)}", p.id) for p in proposals
        ]
        items.append((_("No proposal: state the agreed total"), None))
        fill_combo(self.proposal, items, proposal_id)
        self.add_field("proposal", _("Accepted proposal"), self.proposal)
        self.total = QLineEdit()
        self.add_field("agreement.total", _("Total (yuan)"), self.total)
        self.reached_on = DateField(ctx.today())
        self.add_field("agreement.reached_on", _("Date of agreement"), self.reached_on)
        self.pay_method = QLineEdit()
        self.pay_method.setPlaceholderText(_("e.g. WeChat transfer to the company's account"))
        self.add_field("agreement.pay_method", _("How to pay"), self.pay_method)
        self.pay_place = QLineEdit()
        self.add_field("agreement.pay_place", _("Where to pay"), self.pay_place)
        plan = QWidget()
        plan_layout = QVBoxLayout(plan)
        plan_layout.setContentsMargins(0, 0, 0, 0)
        choice = QHBoxLayout()
        self.lump = QRadioButton(_("One payment by"), plan)
        self.due_on = DateField(ctx.today() + dt.timedelta(days=30), plan)
        self.by_instalments = QRadioButton(_("Instalments"), plan)
        self.by_instalments.setObjectName("byInstalments")
        group = QButtonGroup(plan)
        group.addButton(self.lump)
        group.addButton(self.by_instalments)
        self.lump.setChecked(True)
        choice.addWidget(self.lump)
        choice.addWidget(self.due_on)
        choice.addWidget(self.by_instalments)
        choice.addStretch(1)
        plan_layout.addLayout(choice)
        self.editor = InstalmentEditor(ctx.today(), plan)
        plan_layout.addWidget(self.editor)
        self.add_field("payment_plan", _("Payment plan"), plan)
        self.remedy = QComboBox()
        self.remedy.setObjectName("remedy")
        self.add_field("agreement.remedy", _("If Party A does not pay"), self.remedy)
        self.undertakings = QPlainTextEdit()
        self.undertakings.setFixedHeight(60)
        self.add_field("agreement.undertakings", _("Other undertakings"), self.undertakings)
        chosen = self._proposals.get(self.proposal.currentData())
        matters, responsibility = ctx.case.settlement.suggested_wording(chosen.settlement if chosen else None)
        self.matters = QPlainTextEdit(matters)
        self.matters.setObjectName("matters")
        self.matters.setFixedHeight(60)
        self.matters.setToolTip(_("One matter a line; made from the claim lines the owner disputed."))
        self.add_field("agreement.matters", _("Matters in dispute"), self.matters)
        self.responsibility = QPlainTextEdit(responsibility)
        self.responsibility.setObjectName("responsibility")
        self.responsibility.setFixedHeight(80)
        self.responsibility.setToolTip(
            _("A suggestion made from the case's facts: edit it as the parties agree.")
        )
        self.add_field("agreement.responsibility", _("Responsibility of the parties"), self.responsibility)
        self.proposal.currentIndexChanged.connect(self._proposal_changed)
        self.total.textChanged.connect(self._total_changed)
        self.reached_on.dateChanged.connect(lambda _d: self._total_changed())
        self.lump.toggled.connect(self._plan_kind_changed)
        self._proposal_changed()
        self._plan_kind_changed()

    def _proposal_changed(self) -> None:
        chosen = self._proposals.get(self.proposal.currentData())
        if chosen is not None:
            self.total.setText(format(chosen.figures.payable, "f"))
        self.total.setReadOnly(chosen is not None)
        self._total_changed()

    def _total_changed(self) -> None:
        try:
            total = read_decimal(self.total.text(), "agreement.total", _("Total"), required=False)
        except ValidationError:
            total = None
        self.editor.set_total(total, self.reached_on.value())

    def _plan_kind_changed(self) -> None:
        instalments = self.by_instalments.isChecked()
        self.editor.set_in_use(instalments)
        self.due_on.setEnabled(not instalments)
        # Acceleration only makes sense for instalments; the usual remedy is chosen for each plan.
        remedies = [Remedy.ACCELERATION, Remedy.REVIVAL] if instalments else [Remedy.REVIVAL]
        fill_combo(self.remedy, [(r.label, r.value) for r in remedies], default_remedy(instalments).value)

    def values(self) -> AgreementValues:
        proposal_id = self.proposal.currentData()
        total = None
        if proposal_id is None:
            total = read_decimal(self.total.text(), "agreement.total", _("Total"))
        instalments: tuple[payment_plan.Instalment, ...] = ()
        if self.by_instalments.isChecked():
            instalments = self.editor.model.instalments()
        terms = AgreementTerms(
            reached_on=self.reached_on.value(),
            pay_method=self.pay_method.text(),
            pay_place=self.pay_place.text(),
            proposal_id=proposal_id,
            total=total,
            due_on=None if self.by_instalments.isChecked() else self.due_on.value(),
            instalments=instalments,
            undertakings=self.undertakings.toPlainText(),
            responsibility=self.responsibility.toPlainText(),
            matters=self.matters.toPlainText(),
            remedy=Remedy(self.remedy.currentData()),
        )
        return AgreementValues(terms)

    def show_error(self, error: MediationError) -> None:
        super().show_error(error)
        errors = (
            error.errors
            if isinstance(error, FormErrors)
            else [error]
            if isinstance(error, ValidationError)
            else []
        )
        plan_errors = [e for e in errors if e.field.startswith("payment_plan.instalments")]
        if plan_errors:
            self.editor.show_errors(plan_errors)

    @classmethod
    def ask(
        cls,
        ctx: CaseContext,
        parent: QWidget | None,
        submit: Callable[[AgreementValues], Any],
        *,
        proposals: list[ProposalColumn],
        proposal_id: int | None = None,
    ) -> AgreementValues | None:
        return cls(ctx, proposals, parent, proposal_id=proposal_id).run(submit)
