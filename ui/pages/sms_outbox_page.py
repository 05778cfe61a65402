"""The SMS outbox: every notice queued, sent, retrying or failed, with its full text and error.

Everything goes through the page's view model (:class:`~ui.viewmodels.sms_outbox.SmsOutboxViewModel`):
reading is :func:`mediation_app.services.sms.outbox`; "Queue again" is
:func:`~mediation_app.services.sms.retry_failed` (only for a message that failed every
attempt); "Send due messages" hands the due ones to the export sender (a CSV and an XLSX for the
SMS platform's bulk import, in a folder the clerk chooses) through
:func:`~mediation_app.services.sms.dispatch`, off the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import SmsStatus
from mediation_app.errors import MediationError
from mediation_app.i18n import N_, _
from mediation_app.paths import data_dir
from mediation_app.security.permissions import Permission, can
from mediation_app.security.privacy import shown_phone
from mediation_app.services.sms import OutboxRow
from ui.error_reporting import show_error
from ui.models.rows_model import RowColumn, RowsTableModel
from ui.tasks import TaskHandle, run_with_progress
from ui.viewmodels.sms_outbox import Handover, SmsOutboxViewModel
from ui.widgets.list_table import list_table
from ui.widgets.table_fit import fit_columns_once

SHOWN = 2000  # the newest messages shown; older ones stay in the outbox
EXPORT_FOLDER_KEY = "sms/export_folder"

TINTS = {SmsStatus.FAILED: "#fbe3e1", SmsStatus.RETRY: "#fff4ce"}


def _party(row: OutboxRow) -> str:
    return row.party.label if row.party is not None else ""


def columns(actor: Actor) -> tuple[RowColumn[OutboxRow], ...]:
    """The outbox's columns; phone numbers as ``actor`` may see them (masked for some roles)."""
    return (
        RowColumn(N_("Status"), lambda r: r.status.label, tooltip=lambda r: r.last_error),
        RowColumn(N_("Queued at"), lambda r: formatting.short_moment(r.created_at)),
        RowColumn(N_("Send at"), lambda r: formatting.short_moment(r.send_at) or _("At once")),
        RowColumn(N_("Sent at"), lambda r: formatting.short_moment(r.sent_at)),
        RowColumn(
            N_("Recipient"), lambda r: f"{r.recipient_name}（{_party(r)}）" if r.party else r.recipient_name
        ),
        RowColumn(N_("Phone"), lambda r: shown_phone(actor, r.phone)),
        RowColumn(N_("Notice"), lambda r: r.template.label),
        RowColumn(N_("Attempts"), lambda r: str(r.attempts), align_right=True),
        RowColumn(N_("Last error"), lambda r: r.last_error.splitlines()[0] if r.last_error else ""),
    )


class SmsOutboxPage(QWidget):
    case_activated = Signal(int)

    def __init__(
        self, model: SmsOutboxViewModel, settings: QSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("smsOutboxPage")
        self._outbox = model
        self._actor = actor = model.workspace.actor
        self._settings = settings
        self.model: RowsTableModel[OutboxRow] = RowsTableModel(
            columns(actor), self, row_id=lambda r: r.id, tint=lambda r: TINTS.get(r.status)
        )
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("smsStatusFilter")
        self.status_filter.addItem(_("All messages"), None)
        for status in SmsStatus:
            self.status_filter.addItem(status.label, status.value)
        self.summary = QLabel(self)
        self.summary.setObjectName("smsSummary")
        self.requeue_button = QPushButton(_("Queue again"), self)
        self.requeue_button.setObjectName("smsRequeue")
        self.send_button = QPushButton(_("Send due messages …"), self)
        self.send_button.setObjectName("smsSend")
        self.open_case_button = QPushButton(_("Open the case"), self)
        self.open_case_button.setObjectName("smsOpenCase")
        allowed = can(actor, Permission.SEND_SMS)
        for button in (self.requeue_button, self.send_button):
            button.setEnabled(allowed)

        self.table = list_table(self.model, self, "smsTable", (80, 130, 130, 130, 170, 110, 150, 60))
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("smsText")
        self.text.setReadOnly(True)
        self.text.setPlaceholderText(_("Choose a message to read its full text."))

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Show"), self))
        top.addWidget(self.status_filter)
        top.addWidget(self.summary, 1)
        top.addWidget(self.open_case_button)
        top.addWidget(self.requeue_button)
        top.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.status_filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(lambda _now, _before: self._selected())
        self.table.doubleClicked.connect(lambda _index: self.open_selected_case())
        self.requeue_button.clicked.connect(self.requeue_selected)
        self.send_button.clicked.connect(self.send_due)
        self.open_case_button.clicked.connect(self.open_selected_case)
        self._selected()

    # --- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        wanted = self.status_filter.currentData()
        statuses = [SmsStatus(wanted)] if wanted else []
        rows = self._outbox.messages(statuses, limit=SHOWN)
        self.model.set_rows(rows)
        fit_columns_once(self.table)
        counts = {status: 0 for status in SmsStatus}
        for row in rows:
            counts[row.status] += 1
        self.summary.setText(
            _("{queued} queued, {retry} retrying, {failed} failed, {sent} sent").format(
                queued=counts[SmsStatus.QUEUED],
                retry=counts[SmsStatus.RETRY],
                failed=counts[SmsStatus.FAILED],
                sent=counts[SmsStatus.SENT],
            )
            + (_(" (newest {n} shown)").format(n=SHOWN) if len(rows) >= SHOWN else "")
        )
        self._selected()

    def selected_row(self) -> OutboxRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selected(self) -> None:
        row = self.selected_row()
        allowed = can(self._actor, Permission.SEND_SMS)
        self.requeue_button.setEnabled(allowed and row is not None and row.status is SmsStatus.FAILED)
        self.requeue_button.setToolTip(
            _("Only a message that failed every attempt can be queued again.")
            if row is None or row.status is not SmsStatus.FAILED
            else ""
        )
        self.open_case_button.setEnabled(row is not None and row.case_id is not None)
        if row is None:
            self.text.clear()
            return
        text = row.text
        if row.last_error:
            text += "\n\n" + _("Last error: {error}").format(error=row.last_error)
        self.text.setPlainText(text)

    # --- acting -------------------------------------------------------------------------------

    def open_selected_case(self) -> None:
        row = self.selected_row()
        if row is not None and row.case_id is not None:
            self.case_activated.emit(row.case_id)

    def requeue_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            self._outbox.queue_again(row.id)
        except MediationError as error:
            show_error(self, error)
        self.refresh()

    def export_folder(self) -> Path | None:
        """Where the SMS files go: asked each time, starting from the last folder used."""
        start = str(self._settings.value(EXPORT_FOLDER_KEY, "")) if self._settings else ""
        folder = QFileDialog.getExistingDirectory(
            self, _("Folder for the SMS platform's import files"), start or str(data_dir() / "sms")
        )
        if not folder:
            return None
        if self._settings is not None:
            self._settings.setValue(EXPORT_FOLDER_KEY, folder)
        return Path(folder)

    def send_due(self) -> TaskHandle | None:
        folder = self.export_folder()
        if folder is None:
            return None
        model = self._outbox

        def work(task: TaskHandle) -> Handover:
            task.progress(0, 0, _("Handing the due messages to the SMS platform …"))
            return model.send_due(folder)

        def done(result: object) -> None:
            assert isinstance(result, Handover)
            report, files = result.report, result.files
            self.refresh()
            lines = [
                _("{sent} sent, {retrying} to retry, {failed} failed.").format(
                    sent=report.sent, retrying=report.retrying, failed=report.failed
                )
            ]
            lines += [str(path) for path in files]
            QMessageBox.information(self, _("SMS"), "\n".join(lines))

        return run_with_progress(self, _("Sending SMS"), work, on_done=done)
