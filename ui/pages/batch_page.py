"""The Batch page (批量调解): model mediation of a company's batch of imported cases (示范调解).

Above, the batches (company, when imported, how many cases, how many open or agreed). Choosing one
shows its owners below: each one's claim, its recomputation and — under the terms being previewed — the
concession and what is left to pay, with the totals beneath; an owner the terms cannot be offered
to is tinted and says why. The terms panel takes the same discounts as a proposal (the fee
standard lowered by so much per m², a share of the late fee waived, a fixed reduction).

- 预览 (Preview) runs the batch preview off the GUI thread behind a progress dialog; Cancel stops
  it (a preview writes nothing).
- 应用 (Apply) asks first, saying how many proposals will be stored and which owners are refused,
  then stores them in one transaction (Cancel there stores nothing).
- 打印已达成协议 (Print the agreements reached) finalises and writes each accepted owner's
  agreement and the combined print job into a chosen folder, with progress and Cancel.

Every figure comes from the services through the view model (:class:`~ui.viewmodels.batch.BatchViewModel`);
the page only reads what is typed and shows what it gets back.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.enums import label
from mediation_app.errors import MediationError, ValidationError
from mediation_app.fees import Discount
from mediation_app.i18n import N_, _, ngettext
from mediation_app.queries.batches import BatchRow
from mediation_app.security.permissions import Permission, can
from mediation_app.services.batch import BatchApplied, BatchCase, BatchPreview, PrintJob
from ui.models.rows_model import RowColumn, RowsTableModel
from ui.tasks import TaskHandle, run_with_progress
from ui.viewmodels.batch import BatchViewModel
from ui.widgets.discount_terms import DiscountTermFields
from ui.widgets.field_errors import ErrorLabel
from ui.widgets.list_table import list_table
from ui.widgets.table_fit import fit_columns_once

PRINT_FOLDER_KEY = "batch/print_folder"
REFUSED_TINT = "#fbe3e1"
REFUSED_SHOWN = 12  # owners named in the question before applying; the rest are counted


def _money(value: Decimal | None) -> str:
    return formatting.money(value) if value is not None else "—"


BATCH_COLUMNS: tuple[RowColumn[BatchRow], ...] = (
    RowColumn(N_("Batch"), lambda r: f"#{r.id}", align_right=True),
    RowColumn(N_("Company"), lambda r: r.company, tooltip=lambda r: r.note),
    RowColumn(N_("Imported"), lambda r: formatting.short_moment(r.created_at)),
    RowColumn(N_("Cases"), lambda r: formatting.count(r.cases), align_right=True),
    RowColumn(N_("Open cases"), lambda r: formatting.count(r.open_cases), align_right=True),
    RowColumn(N_("Agreements reached"), lambda r: formatting.count(r.agreed), align_right=True),
)

CASE_COLUMNS: tuple[RowColumn[BatchCase], ...] = (
    RowColumn(N_("Case number"), lambda r: r.number),
    RowColumn(N_("Owner"), lambda r: r.owner),
    RowColumn(N_("Flat"), lambda r: r.unit),
    RowColumn(N_("Status"), lambda r: r.status.label),
    RowColumn(N_("Claimed"), lambda r: _money(r.claimed), align_right=True),
    RowColumn(N_("Recomputed"), lambda r: _money(r.recomputed), align_right=True),
    RowColumn(N_("Concession"), lambda r: _money(r.concession) if not r.refused else "—", align_right=True),
    RowColumn(N_("Payable"), lambda r: _money(r.payable), align_right=True),
    RowColumn(N_("Refused because"), lambda r: r.refusal or "", tooltip=lambda r: r.refusal or ""),
)


class BatchConfirm:
    """A yes/no question before something is stored or finalised (tests replace it)."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class FolderChoice:
    """Where the printed agreements go (tests replace it)."""

    @classmethod
    def ask(cls, parent: QWidget | None, start: str) -> Path | None:
        folder = QFileDialog.getExistingDirectory(parent, _("Folder for the printed agreements"), start)
        return Path(folder) if folder else None


class BatchPage(QWidget):
    case_activated = Signal(int)
    data_changed = Signal()  # proposals stored or agreements finalised: other pages re-read

    def __init__(
        self, model: BatchViewModel, settings: QSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("batchPage")
        self._model = model
        self._settings = settings
        actor = model.workspace.actor
        self.shown: BatchPreview | None = None  # the preview on screen
        self.shown_terms: tuple[Discount, ...] | None = None  # the terms it was made with
        self.task: TaskHandle | None = None  # the long work running now (tests wait for it)
        self.last_applied: BatchApplied | None = None
        self.last_job: PrintJob | None = None

        self.batches: RowsTableModel[BatchRow] = RowsTableModel(BATCH_COLUMNS, self, row_id=lambda r: r.id)
        self.batch_table = list_table(self.batches, self, "batchTable", (60, 260, 140, 80, 80, 100))
        self.cases: RowsTableModel[BatchCase] = RowsTableModel(
            CASE_COLUMNS,
            self,
            row_id=lambda r: r.case_id,
            tint=lambda r: REFUSED_TINT if r.refused else None,
        )
        self.case_table = list_table(
            self.cases, self, "batchCaseTable", (170, 80, 130, 90, 100, 100, 100, 100)
        )
        self.totals = QLabel(self)
        self.totals.setObjectName("batchTotals")
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        terms_box = QGroupBox(_("Terms offered to every owner"), self)
        terms_box.setObjectName("batchTerms")
        grid = QGridLayout(terms_box)
        self.terms = DiscountTermFields(terms_box, grid, "batch", _("e.g. 50"))
        self.proposal_name = QLineEdit(terms_box)
        self.proposal_name.setObjectName("batchProposalName")
        self.proposal_name.setPlaceholderText(_("Name of the proposals (default: Model mediation (batch N))"))
        grid.addWidget(QLabel(_("Proposal name"), terms_box), 3, 0)
        grid.addWidget(self.proposal_name, 3, 1, 1, 3)
        self.terms_error = ErrorLabel(terms_box)
        self.terms_error.setObjectName("batchTermsError")
        grid.addWidget(self.terms_error, 4, 0, 1, 4)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(_("Preview"), terms_box)
        self.preview_button.setObjectName("batchPreview")
        self.apply_button = QPushButton(_("Apply …"), terms_box)
        self.apply_button.setObjectName("batchApply")
        self.print_button = QPushButton(_("Print the agreements reached …"), terms_box)
        self.print_button.setObjectName("batchPrint")
        self.open_case_button = QPushButton(_("Open the case"), terms_box)
        self.open_case_button.setObjectName("batchOpenCase")
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.apply_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_case_button)
        buttons.addWidget(self.print_button)
        grid.addLayout(buttons, 5, 0, 1, 4)
        self.message = QLabel(terms_box)
        self.message.setObjectName("batchMessage")
        self.message.setWordWrap(True)
        grid.addWidget(self.message, 6, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 1)

        self._may_propose = can(actor, Permission.PROPOSE_SETTLEMENT)
        self._may_print = can(actor, Permission.PRINT_DOCUMENT)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.case_table, 1)
        right_layout.addWidget(self.totals)
        right_layout.addWidget(terms_box)
        # The batches above (a company files a few a year), the owners of the chosen one below, at
        # the page's full width: their figures are what the mediator reads.
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.batch_table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([130, 650])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)

        self.batch_table.selectionModel().currentRowChanged.connect(
            lambda _now, _before: self._batch_chosen()
        )
        self.case_table.doubleClicked.connect(lambda _index: self.open_selected_case())
        self.open_case_button.clicked.connect(lambda _c=False: self.open_selected_case())
        self.preview_button.clicked.connect(lambda _c=False: self.preview())
        self.apply_button.clicked.connect(lambda _c=False: self.apply())
        self.print_button.clicked.connect(lambda _c=False: self.print_agreements())
        for field in self.terms.fields():
            field.textChanged.connect(lambda _text: self._refresh_buttons())
        self._show(None)

    # --- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the batches, keeping the chosen one (and showing it again)."""
        chosen = self.current_batch_id()
        rows = self._model.batches()
        self.batches.set_rows(rows)
        fit_columns_once(self.batch_table)
        if not rows:
            self._show(None)
            self.message.setText(_("No batch yet: import a company's spreadsheet (File → Import cases)."))
            return
        index = next((i for i, row in enumerate(rows) if row.id == chosen), 0)
        if index == self.batch_table.currentIndex().row() and chosen is not None:
            self.preview(self.shown_terms or ())  # the same batch, read again under the same terms
        else:
            self.batch_table.selectRow(index)

    def current_batch(self) -> BatchRow | None:
        index = self.batch_table.currentIndex()
        return self.batches.row_at(index.row()) if index.isValid() else None

    def current_batch_id(self) -> int | None:
        row = self.current_batch()
        return row.id if row is not None else None

    def select_batch(self, batch_id: int) -> None:
        for index, row in enumerate(self.batches.rows()):
            if row.id == batch_id:
                self.batch_table.selectRow(index)
                return

    def _batch_chosen(self) -> None:
        """A batch chosen: its owners with their claim and recomputation (no terms yet)."""
        self._show(None)
        if self.current_batch() is not None:
            self.preview(())

    # --- the terms -----------------------------------------------------------------------------

    def discounts(self) -> tuple[Discount, ...]:
        """The discounts typed (raises ValidationError naming the field that cannot be read)."""
        found = self.terms.discounts()
        return tuple(found)

    def _typed_terms(self) -> tuple[Discount, ...] | None:
        try:
            terms = self.discounts()
        except ValidationError as error:
            self.terms_error.set_messages([error.message])
            return None
        self.terms_error.set_messages([])
        return terms

    # --- preview ---------------------------------------------------------------------------------

    def preview(self, terms: Sequence[Discount] | None = None) -> TaskHandle | None:
        """Preview ``terms`` (default: those typed) on the chosen batch, off the GUI thread."""
        batch_id = self.current_batch_id()
        if batch_id is None:
            return None
        if terms is None:
            typed = self._typed_terms()
            if typed is None:
                return None
            terms = typed
        chosen = tuple(terms)
        model = self._model

        def work(task: TaskHandle) -> BatchPreview:
            def progress(done: int, total: int) -> None:
                task.check()
                task.progress(done, total, _("Owner {done} of {total} …").format(done=done, total=total))

            return model.preview(batch_id, chosen, progress)

        def done(result: object) -> None:
            assert isinstance(result, BatchPreview)
            if result.batch_id == self.current_batch_id():
                self.shown_terms = chosen
                self._show(result)

        def cancelled() -> None:
            self.message.setText(_("Preview cancelled; nothing was written."))

        self.task = run_with_progress(
            self, _("Previewing the terms"), work, on_done=done, on_cancelled=cancelled
        )
        return self.task

    def _show(self, shown: BatchPreview | None) -> None:
        self.shown = shown
        if shown is None:
            self.shown_terms = None
            self.cases.set_rows([])
            self.totals.setText("")
            self._refresh_buttons()
            return
        self.cases.set_rows(shown.cases)
        fit_columns_once(self.case_table)
        sums = shown.totals
        text = ngettext(
            "Total of {count} owner: claimed {claimed}, recomputed {recomputed}, concession {concession}, "
            "payable {payable}.",
            "Total of {count} owners: claimed {claimed}, recomputed {recomputed}, concession {concession}, "
            "payable {payable}.",
            sums.cases,
        ).format(
            count=formatting.count(sums.cases),
            claimed=formatting.money(sums.claimed),
            recomputed=formatting.money(sums.recomputed),
            concession=formatting.money(sums.concession),
            payable=formatting.money(sums.payable),
        )
        refused = len(shown.refused)
        if refused:
            text += " " + ngettext(
                "{count} owner cannot be offered the terms (tinted; the reason is beside it).",
                "{count} owners cannot be offered the terms (tinted; the reason is beside each).",
                refused,
            ).format(count=refused)
        self.totals.setText(text)
        if shown.discounts:
            self.message.setText(_("Preview of the terms: nothing is stored until you apply them."))
        else:
            self.message.setText(_("The claim and its recomputation; enter terms and preview them."))
        self._refresh_buttons()

    # --- apply ---------------------------------------------------------------------------------

    def _terms_shown(self) -> bool:
        """Whether the table shows a preview of exactly the terms typed now (and some terms)."""
        if self.shown is None or not self.shown_terms:
            return False
        try:
            return self.discounts() == self.shown_terms
        except ValidationError:
            return False

    def _refresh_buttons(self) -> None:
        batch = self.current_batch()
        self.preview_button.setEnabled(batch is not None)
        ready = self._terms_shown() and self.shown is not None and bool(self.shown.offered)
        self.apply_button.setEnabled(self._may_propose and ready)
        if not self._may_propose:
            self.apply_button.setToolTip(
                _("Your role ({role}) does not allow you to {action}.").format(
                    role=label(self._model.workspace.actor.role), action=Permission.PROPOSE_SETTLEMENT.label
                )
            )
        elif not ready:
            self.apply_button.setToolTip(
                _("Preview the terms first: applying stores what the preview shows.")
            )
        else:
            self.apply_button.setToolTip("")
        agreed = batch.agreed if batch is not None else 0
        self.print_button.setEnabled(self._may_print and agreed > 0)
        self.print_button.setToolTip(
            ngettext(
                "{count} owner has reached an agreement waiting to be signed.",
                "{count} owners have reached an agreement waiting to be signed.",
                agreed,
            ).format(count=agreed)
        )

    def apply_question(self, shown: BatchPreview) -> str:
        """What applying will do, in words: how many proposals, and who is refused and why."""
        offered = len(shown.offered)
        lines = [
            ngettext(
                "Store {count} proposal on these terms (payable in all {payable})?",
                "Store {count} proposals on these terms (payable in all {payable})?",
                offered,
            ).format(count=offered, payable=formatting.money(shown.totals.payable))
        ]
        refused = shown.refused
        if refused:
            lines.append(
                ngettext(
                    "{count} owner is refused and gets no proposal:",
                    "{count} owners are refused and get no proposal:",
                    len(refused),
                ).format(count=len(refused))
            )
            lines += [f"{row.number} {row.owner}: {row.refusal}" for row in refused[:REFUSED_SHOWN]]
            if len(refused) > REFUSED_SHOWN:
                lines.append(_("… and {count} more.").format(count=len(refused) - REFUSED_SHOWN))
        lines.append(_("Each owner then accepts or not, one by one, on the case's Settlement page."))
        return "\n".join(lines)

    def apply(self) -> TaskHandle | None:
        shown, batch_id = self.shown, self.current_batch_id()
        if batch_id is None or shown is None or not self._terms_shown() or not self._may_propose:
            return None
        if not BatchConfirm.ask(self, _("Apply the terms to the batch"), self.apply_question(shown)):
            return None
        terms, name, model = shown.discounts, self.proposal_name.text(), self._model
        stored: list[BatchApplied] = []  # a Cancel pressed after the commit must not say "nothing stored"

        def work(task: TaskHandle) -> BatchApplied:
            def progress(done: int, total: int) -> None:
                task.check()
                task.progress(done, total, _("Proposal {done} of {total} …").format(done=done, total=total))

            result = model.apply(batch_id, terms, name, progress)
            stored.append(result)
            return result

        def done(result: object) -> None:
            assert isinstance(result, BatchApplied)
            self.last_applied = result
            self.message.setText(
                ngettext(
                    "{count} proposal stored as “{name}”.",
                    "{count} proposals stored as “{name}”.",
                    len(result.proposals),
                ).format(count=len(result.proposals), name=result.name)
            )
            self.data_changed.emit()
            self.batches.set_rows(self._model.batches())
            self.select_batch(batch_id)

        def cancelled() -> None:
            if stored:
                done(stored[0])
                return
            self.message.setText(_("Cancelled; no proposal was stored."))

        self.task = run_with_progress(
            self, _("Applying the terms"), work, on_done=done, on_cancelled=cancelled
        )
        return self.task

    # --- printing ------------------------------------------------------------------------------

    def print_agreements(self) -> TaskHandle | None:
        batch_id = self.current_batch_id()
        if batch_id is None or not self._may_print:
            return None
        try:
            waiting = self._model.to_print(batch_id)
        except MediationError as error:
            self.message.setText(error.message)
            return None
        if not waiting:
            self.message.setText(_("No owner of this batch has an agreement waiting to be signed."))
            return None
        new = sum(1 for item in waiting if not item.document_number)
        text = ngettext(
            "Print the agreement of {count} owner: one PDF each and one combined print job?",
            "Print the agreements of {count} owners: one PDF each and one combined print job?",
            len(waiting),
        ).format(count=len(waiting))
        if new:
            text += "\n" + ngettext(
                "{count} agreement is not final yet: it is finalised now and takes its number for good.",
                "{count} agreements are not final yet: they are finalised now and take their numbers for good.",
                new,
            ).format(count=new)
        if not BatchConfirm.ask(self, _("Print the agreements reached"), text):
            return None
        start = str(self._settings.value(PRINT_FOLDER_KEY, "")) if self._settings is not None else ""
        folder = FolderChoice.ask(self, start or str(Path.home()))
        if folder is None:
            return None
        if self._settings is not None:
            self._settings.setValue(PRINT_FOLDER_KEY, str(folder))
        model = self._model

        def work(task: TaskHandle) -> PrintJob:
            def progress(done: int, total: int) -> None:
                task.check()
                task.progress(done, total, _("Agreement {done} of {total} …").format(done=done, total=total))

            return model.print_agreements(batch_id, folder, progress)

        def done(result: object) -> None:
            assert isinstance(result, PrintJob)
            self.last_job = result
            self.message.setText(
                ngettext(
                    "{count} agreement written to {folder}; the print job is {job}.",
                    "{count} agreements written to {folder}; the print job is {job}.",
                    len(result.agreements),
                ).format(count=len(result.agreements), folder=folder, job=result.combined.name)
            )
            self.data_changed.emit()
            self.refresh()

        def cancelled() -> None:
            self.message.setText(
                _(
                    "Printing cancelled: the agreements written so far stay final; no combined print job was made."
                )
            )
            self.refresh()

        self.task = run_with_progress(
            self, _("Printing the agreements"), work, on_done=done, on_cancelled=cancelled
        )
        return self.task

    # --- opening a case ----------------------------------------------------------------------

    def open_selected_case(self) -> None:
        index = self.case_table.currentIndex()
        row = self.cases.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.case_activated.emit(row.case_id)


__all__ = ["BatchConfirm", "BatchPage", "FolderChoice"]
