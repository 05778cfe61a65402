"""Fees: what the calculator works from and what it makes of it, line by line.

Left, the sources: the company's claim as it stated it (with the owner's answer to each line), the
fee terms and standards, the shared-utilities bills and the owner's payments on record — each
entered (新增, bills also pasted from a spreadsheet) and voided with a reason (作废: the row stays,
marked) here. After such a change a notice says the stored figures are out of date, with 重新计算. Right,
the recomputed statement: warnings in plain words first (charges that may be time-barred, a late
fee above the courts' yardstick), the totals, then every month's service fee and every utilities
bill with what is still owed and its late fee. The figures are the latest stored statement's;
without one, a calculation as of today that is not kept until "Compute and keep the statement".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.corrections import numbered
from mediation_app.domain.enums import ChargeKind, OwnerPosition, label
from mediation_app.fees import Result
from mediation_app.i18n import N_, _
from mediation_app.queries.fee_ledger import BillRow, FeeLedger, PaymentRow, RateRow
from mediation_app.security.permissions import Permission
from mediation_app.services.settlement.proposals import ClaimedLine
from ui.case_view.actions import ActionRunner
from ui.case_view.context import CaseContext
from ui.case_view.correction_dialog import Correctable, CorrectionMenu
from ui.case_view.facts import fact_labels
from ui.case_view.fee_record_dialogs import BillDialog, PasteBillsDialog, PriorPaymentDialog
from ui.case_view.feedback import Notice, attempt
from ui.case_view.late_fee_terms_dialog import LateFeeTermsDialog
from ui.case_view.reason_dialog import ReasonDialog
from ui.case_view.stale_notice import StaleNotice
from ui.case_view.step_button import PermissionButton
from ui.models.rows_model import RowColumn, RowsTableModel

WARNING_STYLE = "QLabel { background: #fff4e0; border: 1px solid #e0b060; padding: 6px; color: #5a3b00; }"
CLEAR_STYLE = "QLabel { background: #eef6ee; border: 1px solid #9cc79c; padding: 6px; color: #1b4d1b; }"
BARRED_COLOUR = "#a15c00"


@dataclass(frozen=True)
class StatementLine:
    """One line of the recomputed statement, as shown (figures from the calculator's result)."""

    kind: ChargeKind
    period: str
    days: str
    rate: str
    amount: Decimal
    due: dt.date
    outstanding: Decimal
    late_fee: Decimal
    time_barred: bool


def statement_lines(result: Result) -> list[StatementLine]:
    lines = [
        StatementLine(
            ChargeKind.SERVICE_FEE,
            formatting.short_month(line.month),
            f"{line.days}/{line.days_in_month}",
            formatting.rate_figure(line.rate),
            line.amount,
            line.due,
            line.outstanding,
            line.late_fee,
            line.time_barred,
        )
        for line in result.service_fee_lines
    ]
    lines += [
        StatementLine(
            ChargeKind.UTILITIES,
            str(line.period),
            "",
            "",
            line.amount,
            line.due,
            line.outstanding,
            line.late_fee,
            line.time_barred,
        )
        for line in result.utility_lines
    ]
    return lines


def position_text(line: ClaimedLine) -> str:
    text = label(line.owner_position)
    if line.owner_position is OwnerPosition.DISPUTED and line.position_reason:
        text += _(": {reason}").format(reason=line.position_reason)
    return text


CLAIM_COLUMNS: list[RowColumn[ClaimedLine]] = [
    RowColumn(N_("Item"), lambda r: r.description or label(r.kind)),
    RowColumn(N_("Period"), lambda r: formatting.short_period(r.period_from, r.period_to)),
    RowColumn(N_("Claimed"), lambda r: formatting.money(r.amount), align_right=True),
    RowColumn(
        N_("Owner's answer"),
        position_text,
        colour=lambda r: "#b3261e" if r.owner_position is OwnerPosition.DISPUTED else None,
    ),
]
RATE_COLUMNS: list[RowColumn[RateRow]] = [
    RowColumn(N_("From month"), lambda r: r.from_month),
    RowColumn(N_("Yuan per m² per month"), lambda r: formatting.rate_figure(r.rate), align_right=True),
]
VOIDED_COLOUR = "#8a8a8a"


def _voided(row: BillRow | PaymentRow) -> str | None:
    return VOIDED_COLOUR if row.voided else None


def _state(row: BillRow | PaymentRow) -> str:
    """作废 with its reason for a voided entry; blank for one that counts."""
    if not row.voided:
        return ""
    return _("Voided: {reason}").format(reason=row.void_reason) if row.void_reason else _("Voided")


BILL_COLUMNS: list[RowColumn[BillRow]] = [
    RowColumn(N_("Period"), lambda r: r.period, colour=_voided),
    RowColumn(N_("Amount"), lambda r: formatting.money(r.amount), align_right=True, colour=_voided),
    RowColumn(N_("Due"), lambda r: formatting.short_date(r.due), colour=_voided),
    RowColumn(N_("State"), _state, colour=_voided),
]
PAYMENT_COLUMNS: list[RowColumn[PaymentRow]] = [
    RowColumn(N_("Date"), lambda r: formatting.short_date(r.paid_on), colour=_voided),
    RowColumn(N_("Amount"), lambda r: formatting.money(r.amount), align_right=True, colour=_voided),
    RowColumn(N_("Method"), lambda r: r.method, colour=_voided),
    RowColumn(N_("Note"), lambda r: r.note, colour=_voided),
    RowColumn(N_("Receipt"), lambda r: _("attached") if r.receipt_id else "", colour=_voided),
    RowColumn(N_("State"), _state, colour=_voided),
]


def _barred(line: StatementLine) -> str | None:
    return BARRED_COLOUR if line.time_barred else None


LINE_COLUMNS: list[RowColumn[StatementLine]] = [
    RowColumn(N_("Charge"), lambda r: label(r.kind)),
    RowColumn(N_("Month"), lambda r: r.period),
    RowColumn(N_("Days"), lambda r: r.days, align_right=True),
    RowColumn(N_("Rate"), lambda r: r.rate, align_right=True),
    RowColumn(N_("Amount"), lambda r: formatting.money(r.amount), align_right=True),
    RowColumn(N_("Due"), lambda r: formatting.short_date(r.due)),
    RowColumn(N_("Still owed"), lambda r: formatting.money(r.outstanding), align_right=True, colour=_barred),
    RowColumn(N_("Late fee"), lambda r: formatting.money(r.late_fee), align_right=True),
    RowColumn(N_("May be time-barred"), lambda r: _("yes") if r.time_barred else "", colour=_barred),
]


def table(model: QAbstractItemModel, parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


class FeesPage(QWidget):
    def __init__(self, ctx: CaseContext, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fees")
        self.ctx = ctx
        self.runner = runner
        self.ledger: FeeLedger | None = None
        layout = QVBoxLayout(self)
        self.stale_notice = StaleNotice(runner, self)
        layout.addWidget(self.stale_notice)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("feeWarnings")
        self.warnings.setWordWrap(True)
        layout.addWidget(self.warnings)
        late_fee_row = QHBoxLayout()
        self.late_fee_warning = QLabel(self)
        self.late_fee_warning.setObjectName("lateFeeWarningText")
        self.late_fee_warning.setWordWrap(True)
        self.late_fee_warning.setStyleSheet(WARNING_STYLE)
        late_fee_row.addWidget(self.late_fee_warning, 1)
        self.enter_terms_button = PermissionButton(runner, Permission.EDIT_CASE, _("Enter the terms…"), self)
        self.enter_terms_button.setObjectName("enterLateFeeTerms")
        self.enter_terms_button.clicked.connect(lambda _c=False: self.enter_late_fee_terms())
        late_fee_row.addWidget(self.enter_terms_button)
        layout.addLayout(late_fee_row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(splitter, 1)

        sources = QTabWidget(splitter)
        sources.setObjectName("feeSources")
        self.claim_model: RowsTableModel[ClaimedLine] = RowsTableModel(CLAIM_COLUMNS, self, text_tips=True)
        claim_tab = QWidget(sources)
        claim_layout = QVBoxLayout(claim_tab)
        claim_layout.setContentsMargins(0, 0, 0, 0)
        self.claim_table = table(self.claim_model, claim_tab, "claimTable")
        claim_layout.addWidget(self.claim_table, 1)
        claim_row = QHBoxLayout()
        self.correct_claim = CorrectionMenu(
            ctx,
            self.correctable,
            claim_tab,
            text=_("Correct the selected line…"),
            empty=_("Select a line of the claim first."),
            needs=Permission.CORRECT_RECORD,
        )
        self.correct_claim.setObjectName("correctClaim")
        claim_row.addWidget(self.correct_claim)
        claim_row.addStretch(1)
        claim_layout.addLayout(claim_row)
        self.claim_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.claim_table.customContextMenuRequested.connect(
            lambda point: self.correct_claim.menu_.popup(self.claim_table.viewport().mapToGlobal(point))
        )
        sources.addTab(claim_tab, _("Claim"))
        terms = QWidget(sources)
        terms_layout = QVBoxLayout(terms)
        self.terms_form = QFormLayout()
        self.terms = fact_labels(
            self.terms_form,
            terms,
            (
                ("area", _("Building area")),
                ("period", _("Service fee period")),
                ("due_day", _("Due day of the month")),
                ("late_fee", _("Late fee")),
                ("cap", _("Late fee cap")),
            ),
        )
        terms_layout.addLayout(self.terms_form)
        self.rate_model: RowsTableModel[RateRow] = RowsTableModel(RATE_COLUMNS, self, text_tips=True)
        self.rate_table = table(self.rate_model, terms, "rateTable")
        terms_layout.addWidget(self.rate_table, 1)
        rate_row = QHBoxLayout()
        self.correct_rate = CorrectionMenu(
            ctx,
            self.rate_correctable,
            terms,
            text=_("Correct the selected standard…"),
            empty=_("Select a fee standard first."),
            needs=Permission.CORRECT_RECORD,
        )
        self.correct_rate.setObjectName("correctRate")
        rate_row.addWidget(self.correct_rate)
        rate_row.addStretch(1)
        terms_layout.addLayout(rate_row)
        sources.addTab(terms, _("Terms and standards"))
        self.bill_model: RowsTableModel[BillRow] = RowsTableModel(BILL_COLUMNS, self, text_tips=True)
        bills = QWidget(sources)
        self.bill_table = table(self.bill_model, bills, "billTable")
        self.add_bill_button = self._edit_button(_("Add…"), "addBill", bills, lambda: self.add_bill())
        self.paste_bills_button = self._edit_button(
            _("Paste rows…"), "pasteBills", bills, lambda: self.paste_bills()
        )
        self.void_bill_button = self._edit_button(_("Void…"), "voidBill", bills, lambda: self.void_bill())
        self._tab_with_buttons(
            bills, self.bill_table, (self.add_bill_button, self.paste_bills_button, self.void_bill_button)
        )
        self.sources = sources
        sources.addTab(bills, _("Utility bills"))
        self.payment_model: RowsTableModel[PaymentRow] = RowsTableModel(PAYMENT_COLUMNS, self, text_tips=True)
        payments = QWidget(sources)
        self.payment_table = table(self.payment_model, payments, "feePaymentTable")
        self.add_payment_button = self._edit_button(
            _("Add…"), "addPayment", payments, lambda: self.add_payment()
        )
        self.void_payment_button = self._edit_button(
            _("Void…"), "voidPayment", payments, lambda: self.void_payment()
        )
        self._tab_with_buttons(
            payments, self.payment_table, (self.add_payment_button, self.void_payment_button)
        )
        sources.addTab(payments, _("Payments"))

        statement = QWidget(splitter)
        right = QVBoxLayout(statement)
        right.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.basis = QLabel(statement)
        self.basis.setObjectName("statementBasis")
        self.basis.setWordWrap(True)
        top.addWidget(self.basis, 1)
        self.compute_button = PermissionButton(
            runner, Permission.COMPUTE_STATEMENT, _("Compute and keep the statement"), statement
        )
        self.compute_button.setObjectName("computeStatement")
        self.compute_button.clicked.connect(self.compute)
        top.addWidget(self.compute_button)
        right.addLayout(top)
        totals = QGroupBox(_("Totals"), statement)
        self.totals_grid = QGridLayout(totals)
        self.totals: dict[str, QLabel] = {}
        keys = (
            ("service_fee", _("Service fee")),
            ("utilities", _("Shared utilities")),
            ("paid", _("Paid")),
            ("principal", _("Still owed")),
            ("late_fee", _("Late fee")),
            ("yardstick", _("Courts' yardstick")),
            ("time_barred", _("May be time-barred")),
            ("payable", _("Payable")),
        )
        for index, (key, text) in enumerate(keys):
            row, col = divmod(index, 2)
            name = QLabel(text, totals)
            value = QLabel(totals)
            value.setObjectName(f"total_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.totals[key] = value
            self.totals_grid.addWidget(name, row, col * 2)
            self.totals_grid.addWidget(value, row, col * 2 + 1)
        self.uppercase = QLabel(totals)
        self.uppercase.setObjectName("payableUppercase")
        self.uppercase.setWordWrap(True)
        self.totals_grid.addWidget(self.uppercase, len(keys) // 2, 0, 1, 4)
        right.addWidget(totals)
        self.line_model: RowsTableModel[StatementLine] = RowsTableModel(LINE_COLUMNS, self, text_tips=True)
        self.lines = table(self.line_model, statement, "statementLines")
        right.addWidget(self.lines, 1)
        splitter.addWidget(sources)
        splitter.addWidget(statement)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

    def _edit_button(
        self, text: str, name: str, parent: QWidget, handler: Callable[[], object]
    ) -> PermissionButton:
        button = PermissionButton(self.runner, Permission.EDIT_CASE, text, parent)
        button.setObjectName(name)
        button.clicked.connect(lambda _c=False: handler())
        return button

    @staticmethod
    def _tab_with_buttons(tab: QWidget, view: QTableView, buttons: tuple[QPushButton, ...]) -> None:
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(view, 1)

    def load(self) -> None:
        ledger = self.ctx.case.fees.ledger()
        self.stale_notice.refresh()
        for button in (
            self.add_bill_button,
            self.paste_bills_button,
            self.void_bill_button,
            self.add_payment_button,
            self.void_payment_button,
        ):
            button.refresh()
        self.ledger = ledger
        result = ledger.result
        self.claim_model.set_rows(ledger.claimed.lines)
        self.rate_model.set_rows(ledger.rates)
        self.bill_model.set_rows(ledger.bills)
        self.payment_model.set_rows(ledger.payments)
        self.line_model.set_rows(statement_lines(result))
        self._show_terms(ledger)
        self._show_totals(result)
        self._show_warnings(result)
        self.late_fee_warning.setText(ledger.late_fee_warning or "")
        self.late_fee_warning.setVisible(bool(ledger.late_fee_warning))
        self.enter_terms_button.setVisible(bool(ledger.late_fee_warning))
        self.enter_terms_button.refresh()
        if ledger.stored and ledger.computed_at is not None:
            self.basis.setText(
                _("Recomputed as of {date} (statement kept on {kept}).").format(
                    date=formatting.date(ledger.as_of), kept=formatting.date(ledger.computed_at.date())
                )
            )
        else:
            self.basis.setText(
                _("Calculated as of today, {date}; not kept yet.").format(date=formatting.date(ledger.as_of))
            )
        self.compute_button.refresh()
        self.correct_claim.refresh()
        self.correct_rate.refresh()

    def selected_claim(self) -> ClaimedLine | None:
        index = self.claim_table.currentIndex()
        return self.claim_model.row_at(index.row()) if index.isValid() else None

    def correctable(self) -> list[Correctable]:
        """The selected claim line's fields (nothing when no line is selected)."""
        line = self.selected_claim()
        if line is None:
            return []
        fix, n = self.ctx.case.corrections, self.claim_table.currentIndex().row() + 1  # lines in order

        def save(field: str) -> Callable[[str, str], object]:
            return lambda value, reason: fix.claim_line(line.id, field, value, reason)

        def day(value: dt.date | None) -> str:
            return value.isoformat() if value else ""

        return [
            Correctable(numbered("claim.amount", n), f"{line.amount:.2f}", save("amount")),
            Correctable(numbered("claim.period_from", n), day(line.period_from), save("period_from")),
            Correctable(numbered("claim.period_to", n), day(line.period_to), save("period_to")),
            Correctable(numbered("claim.description", n), line.description, save("description")),
        ]

    def rate_correctable(self) -> list[Correctable]:
        """The selected fee standard (nothing when none is selected)."""
        index = self.rate_table.currentIndex()
        row = self.rate_model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return []
        fix, month = self.ctx.case.corrections, row.from_month
        return [
            Correctable(
                numbered("rate.rate", index.row() + 1),
                f"{row.rate}",
                lambda value, reason: fix.fee_rate(month, value, reason),
                title=_("from {month}").format(month=month),
            )
        ]

    def _show_terms(self, ledger: FeeLedger) -> None:
        t = ledger.terms
        self.terms["area"].setText(formatting.area(t.area))
        self.terms["period"].setText(formatting.short_period(t.service_start, t.service_end) or _("None"))
        self.terms["due_day"].setText(str(t.due_day))
        if t.late_fee_daily_rate:
            rate = ledger.result.late_fee
            # "0 days after the due date" reads wrong: without grace days, say "the day after".
            if t.late_fee_grace_days:
                # accrual starts on due date + grace + 1 (the calculator's rule 4)
                sentence = _(
                    "{daily} a day ({annual} a year), from the day after {grace} days of grace past the due date"
                )
            else:
                sentence = _("{daily} a day ({annual} a year), from the day after the due date")
            text = sentence.format(
                daily=formatting.exact_percent(t.late_fee_daily_rate),
                annual=formatting.exact_percent(rate.annual_rate or t.late_fee_daily_rate),
                grace=t.late_fee_grace_days,
            )
            if t.late_fee_on_utilities:
                text += _("; also on shared utilities")
        else:
            text = _("None agreed")
        self.terms["late_fee"].setText(text)
        self.terms["cap"].setText(
            _("{share} of the principal").format(share=formatting.exact_percent(t.late_fee_cap_ratio))
            if t.late_fee_cap_ratio
            else _("None")
        )

    def _show_totals(self, result: Result) -> None:
        values = {
            "service_fee": result.service_fee_total,
            "utilities": result.utilities_total,
            "paid": result.paid,
            "principal": result.principal_outstanding,
            "late_fee": result.late_fee.total,
            "time_barred": result.time_barred.principal,
            "payable": result.payable,
        }
        for key, amount in values.items():
            self.totals[key].setText(formatting.money(amount))
        yardstick = result.yardstick.amount
        self.totals["yardstick"].setText(formatting.money(yardstick) if yardstick is not None else "—")
        self.totals["yardstick"].setStyleSheet("color: #b3261e;" if result.yardstick.exceeded else "")
        self.totals["payable"].setStyleSheet("font-weight: bold;")
        self.uppercase.setText(_("In words: {words}").format(words=result.payable_uppercase))

    def _show_warnings(self, result: Result) -> None:
        texts = [w.text for w in result.warnings]
        if texts:
            self.warnings.setText("\n".join(f"• {t}" for t in texts))
            self.warnings.setStyleSheet(WARNING_STYLE)
        else:
            self.warnings.setText(
                _(
                    "No warnings: no charge looks time-barred and the late fee is within the courts' yardstick."
                )
            )
            self.warnings.setStyleSheet(CLEAR_STYLE)

    def enter_late_fee_terms(self) -> bool:
        fees = self.ctx.case.fees
        done = LateFeeTermsDialog.ask(
            self.ctx, self, lambda form: self.ctx.save(lambda: fees.record_late_fee_terms(form))
        )
        return done is not None

    def compute(self) -> None:
        attempt(self.ctx, self, self.ctx.case.fees.compute_statement)

    # --- entering and voiding payments and bills ---------------------------------------------------

    def add_payment(self) -> bool:
        fees = self.ctx.case.fees
        return (
            PriorPaymentDialog.ask(
                self.ctx, self, lambda form: self.ctx.save(lambda: fees.record_payment(form))
            )
            is not None
        )

    def add_bill(self) -> bool:
        fees = self.ctx.case.fees
        return (
            BillDialog.ask(self.ctx, self, lambda form: self.ctx.save(lambda: fees.record_bill(form)))
            is not None
        )

    def paste_bills(self) -> bool:
        fees = self.ctx.case.fees
        return (
            PasteBillsDialog.ask(self.ctx, self, lambda text: self.ctx.save(lambda: fees.paste_bills(text)))
            is not None
        )

    def selected_payment(self) -> PaymentRow | None:
        return self.payment_model.row_at(self.payment_table.currentIndex().row())

    def selected_bill(self) -> BillRow | None:
        return self.bill_model.row_at(self.bill_table.currentIndex().row())

    def void_payment(self) -> bool:
        row = self.selected_payment()
        title = _("Void a payment")
        if row is None or row.voided:
            Notice.show(self, _("Choose a payment that is not voided yet."), title)
            return False
        intro = _(
            "Void the payment of {amount} on {date}? It stays on the list, marked voided, and no longer counts."
        ).format(amount=formatting.money(row.amount), date=formatting.date(row.paid_on))
        fees = self.ctx.case.fees
        done = ReasonDialog.ask(
            self.ctx,
            self,
            lambda v: self.ctx.save(lambda: fees.void_payment(row.id, v.reason)),
            title=title,
            intro=intro,
        )
        return done is not None

    def void_bill(self) -> bool:
        row = self.selected_bill()
        title = _("Void a utility bill")
        if row is None or row.voided:
            Notice.show(self, _("Choose a bill that is not voided yet."), title)
            return False
        intro = _(
            "Void the bill for {period} of {amount}? It stays on the list, marked voided, and no longer counts."
        ).format(period=row.period, amount=formatting.money(row.amount))
        fees = self.ctx.case.fees
        done = ReasonDialog.ask(
            self.ctx,
            self,
            lambda v: self.ctx.save(lambda: fees.void_bill(row.id, v.reason)),
            title=title,
            intro=intro,
        )
        return done is not None
