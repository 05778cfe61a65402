"""Settlement: the claim reconciled line by line, the proposals side by side, recomputed live while
a discount is typed; how similar cases settled; the agreement's terms with the instalment plan.

The reconciliation table (:class:`~ui.case_view.reconciliation_table.ReconciliationTable`) shows,
for the proposal being edited (or the proposal whose column is selected), each item claimed →
recomputed → settled on → taken off → conceded → payable, the total and the payable in 大写; while
editing, the mediator chooses each line's basis there. Typing a discount (the fee standard lowered
by 0.40 yuan per m², part of the late fee waived, a fixed reduction) recomputes the "being edited"
column and the table at once through :func:`~mediation_app.services.settlement.preview.preview`,
which writes nothing (the time it took is kept in :attr:`SettlementPage.recalc_ms` and the log, not
shown). "Save as proposal" stores it as a new column, selects it, says so, and clears the entry.
A late fee claimed without recorded terms is said at the top, with what can be done about it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.corrections import FIELDS
from mediation_app.domain.enums import ChargeKind
from mediation_app.errors import MediationError, ValidationError
from mediation_app.fees import Discount
from mediation_app.fees.reconciliation import Base
from mediation_app.i18n import N_, _, ngettext
from mediation_app.queries.similar_cases import SettledCase, SimilarSettlements
from mediation_app.security.permissions import Permission
from mediation_app.services.agreement.terms import AgreementView
from mediation_app.services.settlement.preview import PreviewBase, preview
from mediation_app.services.settlement.proposals import ProposalColumn, Scenarios
from mediation_app.services.settlement.settle import LineChoices
from mediation_app.workflow.actions import Action
from mediation_app.workflow.transitions import is_open
from ui.case_view.actions import ActionRunner, Availability, permission_availability
from ui.case_view.agreement_dialog import AgreementDialog, AgreementValues
from ui.case_view.context import CaseContext
from ui.case_view.correction_dialog import (
    Correctable,
    CorrectionMenu,
    SupplementDialog,
    SupplementValues,
)
from ui.case_view.feedback import Confirm, attempt, show_status
from ui.case_view.fees_page import table
from ui.case_view.late_fee_terms_dialog import LateFeeTermsDialog
from ui.case_view.reason_dialog import ReasonDialog, ReasonValues
from ui.case_view.reconciliation_table import ReconciliationTable
from ui.case_view.scenarios_model import (
    ScenariosModel,
    claimed_scenario,
    live_scenario,
    proposal_scenario,
    recomputed_scenario,
)
from ui.case_view.stale_notice import StaleNotice
from ui.case_view.step_button import PermissionButton, set_availability
from ui.models.rows_model import RowColumn, RowsTableModel
from ui.widgets.discount_terms import DiscountTermFields
from ui.widgets.field_errors import ErrorLabel

log = logging.getLogger(__name__)


def _relation(row: SettledCase) -> str:
    if row.same_company and row.same_community:
        return _("Same company and community")
    return _("Same company") if row.same_company else _("Same community")


SIMILAR_COLUMNS: list[RowColumn[SettledCase]] = [
    RowColumn(N_("Case"), lambda r: r.number),
    RowColumn(N_("Community"), lambda r: r.community),
    RowColumn(N_("Alike in"), _relation),
    RowColumn(N_("Claimed"), lambda r: formatting.money(r.claimed), align_right=True),
    RowColumn(N_("Agreed"), lambda r: formatting.money(r.agreed), align_right=True),
    RowColumn(N_("Given up"), lambda r: formatting.percent(r.concession_share), align_right=True),
    RowColumn(N_("Days"), lambda r: str(r.days_to_sign), align_right=True),
]


class SettlementPage(QWidget):
    def __init__(self, ctx: CaseContext, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settlement")
        self.ctx = ctx
        self.runner = runner
        runner.agreement_editor = self.edit_agreement
        self.base: PreviewBase | None = None
        self.scenarios: Scenarios | None = None
        self.recalc_ms: list[float] = []
        self._saved_entry = ("", "", "", "")
        self.notes: dict[str, str] = {}  # the mediator's note per claim line (why it is left out)
        self.agreement: AgreementView | None = None
        layout = QVBoxLayout(self)
        self.stale_notice = StaleNotice(runner, self)
        layout.addWidget(self.stale_notice)
        layout.addWidget(self._warning_box())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(splitter, 1)

        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.model = ScenariosModel(self)
        self.table = QTableView(left)
        self.table.setObjectName("scenarioTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Sized once per load, not on every recalculation: measuring every cell would cost more
        # than the calculation itself.
        self.table.horizontalHeader().setMinimumSectionSize(110)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        left_layout.addWidget(self.table, 1)
        self.reconciliation = ReconciliationTable(left)
        self.reconciliation.choices_changed.connect(self.recalculate)
        left_layout.addWidget(self.reconciliation, 2)

        editor = QGroupBox(_("Discounts being considered"), left)
        grid = QGridLayout(editor)
        self.terms = DiscountTermFields(editor, grid, "discount", _("e.g. 100"))
        self.editor_error = ErrorLabel(editor)
        self.editor_error.setObjectName("discountError")
        grid.addWidget(self.editor_error, 3, 0, 1, 4)
        save_row = QHBoxLayout()
        self.proposal_name = QLineEdit(editor)
        self.proposal_name.setObjectName("proposalName")
        self.proposal_name.setPlaceholderText(_("Name of the proposal, e.g. Fee standard −0.40"))
        self.save_button = PermissionButton(
            runner, Permission.PROPOSE_SETTLEMENT, _("Save as proposal"), editor, extra=self._why_not_propose
        )
        self.save_button.setObjectName("saveProposal")
        self.save_button.clicked.connect(self.save_proposal)
        save_row.addWidget(self.proposal_name, 1)
        save_row.addWidget(self.save_button)
        grid.addLayout(save_row, 4, 0, 1, 4)
        self.saved_notice = QLabel(editor)
        self.saved_notice.setObjectName("savedNotice")
        self.saved_notice.setWordWrap(True)
        self.saved_notice.setStyleSheet("color: #1d6b2f;")
        grid.addWidget(self.saved_notice, 5, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 1)
        left_layout.addWidget(editor)

        agreement_row = QHBoxLayout()
        self.agreement_state = QLabel(left)
        self.agreement_state.setObjectName("agreementState")
        self.agreement_state.setWordWrap(True)
        agreement_row.addWidget(self.agreement_state, 1)
        self.accept_button = QPushButton(_("Accept the selected proposal…"), left)
        self.accept_button.setObjectName("acceptProposal")
        self.accept_button.clicked.connect(lambda _c=False: self.edit_agreement(self.selected_proposal_id()))
        agreement_row.addWidget(self.accept_button)
        self.correct_agreement = CorrectionMenu(
            ctx,
            self.correctable,
            left,
            text=_("Correct the agreement…"),
            empty=_("No agreement recorded yet."),
            needs=Permission.CORRECT_RECORD,
        )
        self.correct_agreement.setObjectName("correctAgreement")
        agreement_row.addWidget(self.correct_agreement)
        self.supplement_button = QPushButton(_("Supplementary record…"), left)
        self.supplement_button.setObjectName("addSupplement")
        self.supplement_button.clicked.connect(lambda _c=False: self.add_supplement())
        agreement_row.addWidget(self.supplement_button)
        left_layout.addLayout(agreement_row)
        self.supplements = QLabel(left)
        self.supplements.setObjectName("supplementaryRecords")
        self.supplements.setWordWrap(True)
        self.supplements.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left_layout.addWidget(self.supplements)

        right = QGroupBox(_("How similar cases settled"), splitter)
        right_layout = QVBoxLayout(right)
        self.similar_summary = QLabel(right)
        self.similar_summary.setObjectName("similarSummary")
        self.similar_summary.setWordWrap(True)
        right_layout.addWidget(self.similar_summary)
        self.similar_model: RowsTableModel[SettledCase] = RowsTableModel(
            SIMILAR_COLUMNS, self, text_tips=True
        )
        self.similar_table = table(self.similar_model, right, "similarTable")
        right_layout.addWidget(self.similar_table, 1)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 460])

        for field in self.terms.fields():
            field.textChanged.connect(lambda _text: self.recalculate())

    def _warning_box(self) -> QFrame:
        box = QFrame(self)
        box.setObjectName("lateFeeWarning")
        box.setStyleSheet("#lateFeeWarning { background: #fff6e0; border: 1px solid #e0b84c; }")
        row = QHBoxLayout(box)
        self.warning = QLabel(box)
        self.warning.setObjectName("lateFeeWarningText")
        self.warning.setWordWrap(True)
        row.addWidget(self.warning, 1)
        self.enter_terms_button = PermissionButton(
            self.runner, Permission.EDIT_CASE, _("Enter the terms…"), box, extra=self._why_not_propose
        )
        self.enter_terms_button.setObjectName("enterLateFeeTerms")
        self.enter_terms_button.clicked.connect(lambda _c=False: self.enter_late_fee_terms())
        self.keep_claimed_button = QPushButton(_("Keep the claimed figure"), box)
        self.keep_claimed_button.setObjectName("keepClaimedLateFee")
        self.keep_claimed_button.clicked.connect(lambda _c=False: self.keep_claimed_late_fee())
        self.leave_out_button = QPushButton(_("Leave it out…"), box)
        self.leave_out_button.setObjectName("leaveOutLateFee")
        self.leave_out_button.clicked.connect(lambda _c=False: self.leave_out_late_fee())
        for button in (self.enter_terms_button, self.keep_claimed_button, self.leave_out_button):
            row.addWidget(button)
        box.setVisible(False)
        self.warning_box = box
        return box

    # --- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        self.stale_notice.refresh()
        data = self.ctx.case.settlement.load()
        self.scenarios, self.base = data.scenarios, data.base
        self.warning.setText(self.base.warning or "")
        self.warning_box.setVisible(bool(self.base.warning))
        similar, agreement = data.similar, data.agreement
        columns = [claimed_scenario(self.scenarios.claimed), recomputed_scenario(self.scenarios.recomputed)]
        columns += [proposal_scenario(p) for p in self.scenarios.proposals]
        columns.append(live_scenario(None))
        self.model.set_scenarios(columns)
        self.table.resizeColumnsToContents()
        self._show_similar(similar)
        if agreement is None:
            self.agreement_state.setText(_("No agreement recorded yet."))
        else:
            self.agreement_state.setText(
                ngettext(
                    "Agreement of {date}: {total}, in {count} payment.",
                    "Agreement of {date}: {total}, in {count} instalments.",
                    len(agreement.instalments),
                ).format(
                    date=formatting.date(agreement.reached_on),
                    total=formatting.money(agreement.total),
                    count=len(agreement.instalments),
                )
            )
        self.agreement = agreement
        self._show_supplements(agreement)
        self.recalculate()
        self._refresh_buttons()

    def _show_supplements(self, agreement: AgreementView | None) -> None:
        """The supplementary records of a signed agreement, under it; the buttons' states."""
        rows = self.ctx.case.corrections.supplements() if agreement is not None else []
        self.supplements.setText(
            "\n".join(
                _("Supplementary record of {date} by {name} ({subject}): {text} (reason: {reason})").format(
                    date=formatting.date(row.recorded_at.date()),
                    name=row.by_name,
                    subject=row.subject_label,
                    text=row.text,
                    reason=row.reason,
                )
                for row in rows
            )
        )
        self.supplements.setVisible(bool(rows))
        self.correct_agreement.refresh()
        state = permission_availability(self.ctx.actor, Permission.SUPPLEMENT_SIGNED)
        if state.enabled and (agreement is None or agreement.signed_on is None):
            state = Availability(
                False,
                _("A supplementary record is for a signed agreement; before signing, correct it directly."),
            )
        set_availability(self.supplement_button, state)

    def correctable(self) -> list[Correctable]:
        """The agreement's written terms, before it is signed."""
        agreement = self.agreement
        if agreement is None:
            return []
        fix = self.ctx.case.corrections

        def save(field: str) -> Callable[[str, str], object]:
            return lambda value, reason: fix.agreement(field, value, reason)

        return [
            Correctable("agreement.pay_method", agreement.pay_method, save("pay_method")),
            Correctable("agreement.pay_place", agreement.pay_place, save("pay_place")),
            Correctable("agreement.undertakings", agreement.undertakings, save("undertakings")),
            Correctable("agreement.duties", agreement.responsibility, save("duties")),
            Correctable("agreement.matters", agreement.matters, save("matters")),
            Correctable("agreement.clause", agreement.settlement_clause, save("clause")),
        ]

    def add_supplement(self) -> bool:
        """补充记录: correct a signed agreement by a record of its own (a judge or supervisor)."""
        fix = self.ctx.case.corrections
        # a claim line or a fee standard is named in the text (the agreement as a whole)
        subjects = [
            key
            for key, found in FIELDS.items()
            if found.signed and key.split(".")[0] not in ("claim", "rate")
        ]

        def submit(values: SupplementValues) -> object:
            return self.ctx.save(lambda: fix.supplement(values.subject, values.text, values.reason))

        return SupplementDialog.ask(self.ctx, self, submit, subjects=subjects) is not None

    def _show_similar(self, similar: SimilarSettlements) -> None:
        self.similar_model.set_rows(similar.cases)
        if not similar.count:
            self.similar_summary.setText(_("No signed settlement of the same company or community yet."))
            return
        self.similar_summary.setText(
            ngettext(
                "{count} signed settlement of the same company or community: the owner was spared a median "
                "{share} of the claim, and it took a median {days} days from intake to signing.",
                "{count} signed settlements of the same company or community: owners were spared a median "
                "{share} of the claim, and they took a median {days} days from intake to signing.",
                similar.count,
            ).format(
                count=similar.count,
                share=formatting.percent(similar.median_concession_share),
                days=similar.median_days_to_sign,
            )
        )

    # --- the live preview ----------------------------------------------------------------------

    def discounts(self) -> list[Discount]:
        """The discounts typed (raises ValidationError naming the field that cannot be read)."""
        return self.terms.discounts()

    def choices(self) -> LineChoices:
        """The basis chosen per line and the mediator's notes, as the proposal will keep them."""
        return LineChoices(self.reconciliation.choices(), dict(self.notes))

    def recalculate(self) -> None:
        if self.base is None:
            return
        started = time.perf_counter()
        try:
            result = preview(self.base, self.discounts(), self.choices())
        except MediationError as error:
            self.editor_error.set_messages([error.message])
            self.model.set_live(live_scenario(None))
            return
        self.editor_error.set_messages([])
        self.model.set_live(live_scenario(result))
        if self._editing():
            self.reconciliation.show_settlement(result.settlement, _("Being edited"), editable=True)
        elapsed = (time.perf_counter() - started) * 1000
        self.recalc_ms.append(elapsed)
        log.debug("settlement preview recomputed in %.1f ms", elapsed)
        self._refresh_buttons()

    def _editing(self) -> bool:
        """Whether the table shows the proposal being edited (no saved proposal's column selected)."""
        return self.selected_proposal_id() is None

    def _selection_changed(self) -> None:
        proposal_id = self.selected_proposal_id()
        chosen = next((p for p in self.proposals() if p.id == proposal_id), None)
        if chosen is not None:
            self.reconciliation.show_settlement(chosen.settlement, chosen.name)
        else:
            self.recalculate()
        self._refresh_buttons()

    # --- a late fee claimed without terms --------------------------------------------------------

    def _late_fee_keys(self) -> list[str]:
        if self.base is None:
            return []
        return [claim.key for claim in self.base.claims if claim.item is ChargeKind.LATE_FEE]

    def enter_late_fee_terms(self) -> bool:
        fees = self.ctx.case.fees
        done = LateFeeTermsDialog.ask(
            self.ctx, self, lambda form: self.ctx.save(lambda: fees.record_late_fee_terms(form))
        )
        return done is not None

    def keep_claimed_late_fee(self) -> None:
        for key in self._late_fee_keys():
            self.notes.pop(key, None)
            self.reconciliation.choose(key, Base.CLAIMED)
        if self.terms.waiver.text().strip() == "100":
            self.terms.waiver.clear()
        self.recalculate()

    def leave_out_late_fee(self) -> bool:
        keys = self._late_fee_keys()

        def leave_out(values: ReasonValues) -> None:
            reason = values.reason.strip()
            if not reason:
                raise ValidationError("reason", _("is required"), _("Reason"))
            for key in keys:
                self.notes[key] = reason

        done = ReasonDialog.ask(
            self.ctx,
            self,
            leave_out,
            title=_("Leave the late fee out"),
            intro=_(
                "The late fee claimed is given up in full in this proposal; say why, as the agreement will."
            ),
        )
        if done is None:
            return False
        for key in keys:
            self.reconciliation.choose(key, Base.CLAIMED)
        self.terms.waiver.setText("100")  # recalculates
        return True

    def _entry(self) -> tuple[str, str, str, str]:
        return (
            self.terms.per_m2.text(),
            self.terms.waiver.text(),
            self.terms.fixed.text(),
            self.proposal_name.text(),
        )

    def can_close(self) -> bool:
        """Discounts typed but not saved as a proposal are not thrown away without asking."""
        if self._entry() == self._saved_entry or not any(self._entry()[:3]):
            return True
        return Confirm.ask(
            self, _("Unsaved discounts"), _("The discounts typed are not saved as a proposal. Close anyway?")
        )

    # --- saving --------------------------------------------------------------------------------

    def _why_not_propose(self) -> str | None:
        detail = self.ctx.detail
        if detail is not None and not is_open(detail.status):
            return _("Proposals are made before the agreement is signed; this case is past that point.")
        return None

    def save_proposal(self) -> None:
        try:
            discounts = self.discounts()
        except ValidationError as error:
            self.editor_error.set_messages([error.message])
            return
        name, settlement, choices = self.proposal_name.text(), self.ctx.case.settlement, self.choices()
        saved = attempt(self.ctx, self, lambda: settlement.propose(name, discounts, choices))
        if saved is None:
            return
        for field in (*self.terms.fields(), self.proposal_name):
            field.blockSignals(True)
            field.clear()
            field.blockSignals(False)
        self.notes.clear()
        self.reconciliation.clear_choices()
        self._saved_entry = self._entry()
        self.select_proposal(saved.id)
        message = _("Proposal “{name}” saved: {payable} payable.").format(
            name=saved.name, payable=formatting.money(saved.settlement.total.payable)
        )
        self.saved_notice.setText(message)
        show_status(self, message)

    def selected_proposal_id(self) -> int | None:
        column = self.table.currentIndex().column() if self.table.currentIndex().isValid() else -1
        scenario = self.model.scenario(column)
        return scenario.proposal_id if scenario is not None else None

    def select_proposal(self, proposal_id: int) -> None:
        """Select the proposal's column and bring it into view."""
        for column in range(self.model.columnCount()):
            scenario = self.model.scenario(column)
            if scenario is not None and scenario.proposal_id == proposal_id:
                self.table.setCurrentIndex(self.model.index(0, column))
                self.table.selectColumn(column)
                self.table.scrollTo(
                    self.model.index(0, column), QAbstractItemView.ScrollHint.PositionAtCenter
                )

    def _refresh_buttons(self) -> None:
        self.save_button.refresh()
        state = self.runner.availability(Action.REACH_AGREEMENT)
        if (
            state.enabled
            and self.selected_proposal_id() is None
            and self.scenarios
            and self.scenarios.proposals
        ):
            state = Availability(True, _("Select a proposal's column to accept it, or go on without one."))
        set_availability(self.accept_button, state)
        if state.enabled:
            self.accept_button.setToolTip(state.why)

    def proposals(self) -> list[ProposalColumn]:
        return list(self.scenarios.proposals) if self.scenarios is not None else []

    def edit_agreement(self, proposal_id: int | None = None) -> bool:
        """Accept a proposal (or none) and record the agreement's terms."""
        state = self.runner.availability(Action.REACH_AGREEMENT)
        if not state.enabled:
            return False
        if self.scenarios is None:
            self.load()
        settlement = self.ctx.case.settlement

        def submit(values: AgreementValues) -> object:
            return self.ctx.save(lambda: settlement.reach_agreement(values.terms))

        done = AgreementDialog.ask(
            self.ctx, self, submit, proposals=self.proposals(), proposal_id=proposal_id
        )
        return done is not None
