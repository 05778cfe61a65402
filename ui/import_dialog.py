"""Import cases from a company's spreadsheet: choose the file and the company, see every row, confirm.

The dialog runs :func:`mediation_app.batch_import.preview` (through its view model,
:class:`~ui.viewmodels.batch_import.ImportViewModel`) off the GUI thread (a progress bar and
a Stop button in the dialog: 10,000 rows take a few seconds) and shows the result as a table: each row of
the file with its cells as read, the cells with errors in red and those with warnings in amber
(the reason in the tooltip and in the row's *Problems* column), file-wide problems above the
table, and the counts. Nothing is written until **Import** is pressed; then
:func:`mediation_app.batch_import.commit_import` records all valid rows as one batch of cases, in
one transaction, also off the GUI thread (stopping it writes nothing). The dialog closes only
once running work has ended, so the worker never reports to a destroyed window.

Use :meth:`ImportDialog.ask`, which returns the :class:`~mediation_app.batch_import.ImportResult`
or None when nothing was imported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mediation_app.batch_import import (
    ImportIssue,
    ImportOptions,
    ImportPreview,
    ImportResult,
    ImportRow,
    write_template,
)
from mediation_app.errors import MediationError
from mediation_app.i18n import _, ngettext
from ui.error_reporting import show_failure
from ui.tasks import TaskHandle
from ui.viewmodels.batch_import import ImportViewModel

Index = QModelIndex | QPersistentModelIndex
ERROR_COLOUR = "#f8d7da"
WARNING_COLOUR = "#fff3cd"
ERROR_TEXT = "#b3261e"
SPREADSHEETS = "*.xlsx *.xlsm *.csv"
FIXED_COLUMNS = 2  # the sheet row, the problems


class ImportPreviewModel(QAbstractTableModel):
    """The preview's rows: the sheet row, its problems, then each column of the file as read."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._preview: ImportPreview | None = None
        self._rows: list[ImportRow] = []
        self._only_problems = False
        self._cell_issues: list[dict[str, list[ImportIssue]]] = []

    def set_preview(self, result: ImportPreview | None) -> None:
        self.beginResetModel()
        self._preview = result
        self._refilter()
        self.endResetModel()

    def set_only_problems(self, only: bool) -> None:
        self.beginResetModel()
        self._only_problems = only
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        rows = list(self._preview.rows) if self._preview else []
        if self._only_problems:
            rows = [row for row in rows if row.issues]
        self._rows = rows
        self._cell_issues = []
        for row in rows:
            by_column: dict[str, list[ImportIssue]] = {}
            for issue in row.issues:
                if issue.column:
                    by_column.setdefault(issue.column, []).append(issue)
            self._cell_issues.append(by_column)

    def row_at(self, row: int) -> ImportRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._preview is None:
            return 0
        return FIXED_COLUMNS + len(self._preview.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if self._preview is None or not 0 <= section < self.columnCount():
            return None
        if section == 0:
            return _("Row")
        if section == 1:
            return _("Problems")
        column = self._preview.columns[section - FIXED_COLUMNS]
        return f"{column.letter} {column.header}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._preview is None or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return self._row_number(row, role)
        if column == 1:
            return self._problems(row, role)
        key = self._preview.columns[column - FIXED_COLUMNS].key
        issues = self._cell_issues[index.row()].get(key, [])
        if role == Qt.ItemDataRole.DisplayRole:
            return row.values.get(key, "")
        if role == Qt.ItemDataRole.ToolTipRole and issues:
            return "\n".join(issue.message for issue in issues)
        if role == Qt.ItemDataRole.BackgroundRole and issues:
            colour = ERROR_COLOUR if any(issue.is_error for issue in issues) else WARNING_COLOUR
            return QBrush(QColor(colour))
        return None

    def _row_number(self, row: ImportRow, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row.number)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and not row.ok:
            return QBrush(QColor(ERROR_COLOUR))
        return None

    def _problems(self, row: ImportRow, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return "；".join(str(issue) for issue in row.issues)
        if role == Qt.ItemDataRole.ToolTipRole and row.issues:
            return "\n".join(str(issue) for issue in row.issues)
        if role == Qt.ItemDataRole.ForegroundRole and not row.ok:
            return QBrush(QColor(ERROR_TEXT))
        return None


class ImportDialog(QDialog):
    def __init__(
        self,
        model: ImportViewModel,
        parent: QWidget | None = None,
        *,
        path: Path | None = None,
        company_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(_("Import cases from a spreadsheet"))
        self.resize(1100, 680)
        self._import = model
        self._path: Path | None = None
        self._generation = 0
        self.preview: ImportPreview | None = None
        self.outcome: ImportResult | None = None  # not "result": QDialog.result() is the exit code
        self.task: TaskHandle | None = None
        self.busy = False  # a check or an import is running (until its task has ended)
        self._pending_close: int | None = None
        self._recheck = False

        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(_("an .xlsx or .csv file from the company"))
        self.choose_button = QPushButton(_("Choose …"), self)
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton(_("Save the template …"), self)
        self.template_button.clicked.connect(self.save_template)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.template_button)

        self.company_combo = QComboBox(self)
        self.organization_combo = QComboBox(self)
        self.organization_combo.addItem(_("each community's organisation (else the district centre)"), None)
        for company in model.companies():
            self.company_combo.addItem(company.name, company.id)
        for organization in model.handling_organizations():
            self.organization_combo.addItem(organization.shown_name, organization.id)
        self.company_combo.setCurrentIndex(-1)
        self.create_communities = QCheckBox(_("Create communities the centre has not registered"), self)

        form = QFormLayout()
        form.addRow(_("File"), file_row)
        form.addRow(_("Company"), self.company_combo)
        form.addRow(_("Handled by"), self.organization_combo)
        form.addRow("", self.create_communities)

        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.file_issues = QLabel(self)
        self.file_issues.setObjectName("importFileIssues")
        self.file_issues.setWordWrap(True)
        self.file_issues.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.only_problems = QCheckBox(_("Show only rows with problems"), self)
        self.only_problems.toggled.connect(self._filter_changed)

        self.model = ImportPreviewModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("importTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)

        self.progress_label = QLabel(self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("importProgress")
        self.stop_button = QPushButton(_("Stop"), self)
        self.stop_button.clicked.connect(self.stop)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.stop_button)

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.file_issues)
        layout.addWidget(self.only_problems)
        layout.addWidget(self.table, 1)
        layout.addLayout(progress_row)
        layout.addWidget(self.buttons)

        if company_id is not None:
            self.company_combo.setCurrentIndex(max(0, self.company_combo.findData(company_id)))
        self.company_combo.currentIndexChanged.connect(self._inputs_changed)
        self.organization_combo.currentIndexChanged.connect(self._inputs_changed)
        self.create_communities.toggled.connect(self._inputs_changed)
        self._set_busy(False)
        self._show_summary()
        if path is not None:
            self.set_file(path)

    # --- inputs -------------------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the company's spreadsheet"),
            str(Path.home()),
            _("Spreadsheets ({patterns})").format(patterns=SPREADSHEETS),
        )
        if chosen:
            self.set_file(Path(chosen))

    def save_template(self) -> None:
        suggested = str(Path.home() / _("case-import-template.xlsx"))
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the template"), suggested, _("Excel workbook (*.xlsx)")
        )
        if chosen:
            try:
                write_template(Path(chosen))
            except OSError as error:
                self.file_issues.setText(str(error))

    def set_file(self, path: Path) -> None:
        self._path = path
        self.file_edit.setText(str(path))
        self._inputs_changed()

    def company_id(self) -> int | None:
        value = self.company_combo.currentData()
        return value if isinstance(value, int) else None

    def options(self) -> ImportOptions:
        organization = self.organization_combo.currentData()
        return ImportOptions(
            create_communities=self.create_communities.isChecked(),
            organization_id=organization if isinstance(organization, int) else None,
        )

    def _inputs_changed(self) -> None:
        """Any change makes the shown preview stale: check the file again (coalesced)."""
        self._generation += 1
        self.preview = None
        self.model.set_preview(None)
        self._show_summary()
        if self.busy:
            self._recheck = True  # checked again when the running work has ended
            return
        if self._path is not None and self.company_id() is not None:
            QTimer.singleShot(0, self, self.start_preview)

    def _filter_changed(self, only: bool) -> None:
        self.model.set_only_problems(only)

    # --- the preview, off the GUI thread ------------------------------------------------------

    def start_preview(self) -> TaskHandle | None:
        path, company_id = self._path, self.company_id()
        if path is None or company_id is None or self.preview is not None or self.busy:
            return None
        generation = self._generation
        model, options = self._import, self.options()
        reading = _("Reading {file} …").format(file=path.name)
        checking = _("Checking row {done} of {total} …")

        def work(task: TaskHandle) -> ImportPreview | MediationError:
            task.progress(0, 0, reading)

            def progress(done: int, total: int) -> None:
                task.check()  # Stop: the preview is abandoned
                task.progress(done, total, checking.format(done=done, total=total))

            try:
                return model.preview(path, company_id, options, progress)
            except MediationError as error:  # shown in the dialog, not in a message box
                return error

        return self._run(
            work,
            reading,
            on_done=lambda result: self._previewed(generation, result),
            on_cancelled=lambda: self._show_summary(problem=_("The check was stopped.")),
        )

    def _previewed(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return  # the inputs changed meanwhile; a newer check follows
        if isinstance(result, MediationError):
            self.preview = None
            self.model.set_preview(None)
            self._show_summary(problem=result.message)
            return
        assert isinstance(result, ImportPreview)
        self.preview = result
        self.model.set_preview(result)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), 420))
        self._show_summary()

    def _show_summary(self, problem: str = "") -> None:
        result = self.preview
        self.import_button.setEnabled(bool(result and result.can_commit) and not self.busy)
        if problem:
            self.summary.setText(problem)
            self.summary.setStyleSheet(f"color: {ERROR_TEXT};")
            self.file_issues.clear()
            self.import_button.setText(_("Import"))
            return
        self.summary.setStyleSheet("")
        if result is None:
            self.summary.setText(
                _("Choose the file and the company; every row is checked before anything is saved.")
            )
            self.file_issues.clear()
            self.import_button.setText(_("Import"))
            return
        valid, errors = len(result.valid_rows), len(result.error_rows)
        text = _(
            "{rows} rows: {valid} can be imported, {errors} have errors and will be left out; "
            "{empty} empty rows skipped."
        ).format(rows=len(result.rows), valid=valid, errors=errors, empty=result.empty_rows)
        if result.new_communities:
            text += " " + _("Communities to be created: {names}.").format(
                names="、".join(result.new_communities)
            )
        self.summary.setText(text)
        self.file_issues.setText("\n".join(("✖ " if i.is_error else "⚠ ") + str(i) for i in result.issues))
        self.import_button.setText(
            ngettext("Import {n} case", "Import {n} cases", valid).format(n=valid) if valid else _("Import")
        )

    # --- confirming ---------------------------------------------------------------------------

    def confirm(self) -> TaskHandle | None:
        result = self.preview
        if result is None or not result.can_commit or self.busy:
            return None
        model = self._import
        recording = _("Recording case {done} of {total} …")

        def work(task: TaskHandle) -> ImportResult:
            def progress(done: int, total: int) -> None:
                task.check()  # Stop: the transaction rolls back, nothing is written
                task.progress(done, total, recording.format(done=done, total=total))

            return model.commit(result, progress)

        return self._run(
            work,
            _("Importing the cases …"),
            on_done=self._imported,
            on_cancelled=lambda: self._show_summary(problem=_("The import was stopped; nothing was saved.")),
            on_failed=self._import_failed,
        )

    def _imported(self, outcome: object) -> None:
        assert isinstance(outcome, ImportResult)
        self.outcome = outcome
        self.accept()  # closes once the work has ended (see done)

    def _import_failed(self, error: object) -> None:
        # The database may have changed since the preview (a case filed meanwhile): check again.
        self._inputs_changed()

    # --- running work: a progress bar in the dialog, Stop, and no closing under running work ---

    def _run(
        self,
        work: Callable[[TaskHandle], object],
        text: str,
        *,
        on_done: Callable[[object], None],
        on_cancelled: Callable[[], None],
        on_failed: Callable[[object], None] | None = None,
    ) -> TaskHandle:
        handle = TaskHandle(work, self)
        # Everything is connected before the work starts: quick work may end at once.
        handle.progressed.connect(self._progressed)
        handle.succeeded.connect(on_done)
        handle.was_cancelled.connect(on_cancelled)
        handle.failed.connect(self._failed)
        if on_failed is not None:
            handle.failed.connect(on_failed)
        handle.ended.connect(self._task_ended)
        self.task = handle
        self._set_busy(True, text)
        return handle.start()

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.progress_bar.setRange(0, max(total, 0))
        if total > 0:
            self.progress_bar.setValue(min(done, total))
        if text:
            self.progress_label.setText(text)

    def _failed(self, error: object) -> None:
        show_failure(self, error)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        for widget in (
            self.choose_button,
            self.company_combo,
            self.organization_combo,
            self.create_communities,
        ):
            widget.setEnabled(not busy)
        self.progress_label.setText(text)
        self.progress_bar.setRange(0, 0)
        for shown in (self.progress_label, self.progress_bar, self.stop_button):
            shown.setVisible(busy)
        self.stop_button.setEnabled(busy)
        self.import_button.setEnabled(bool(self.preview and self.preview.can_commit) and not busy)

    def stop(self) -> None:
        if self.task is not None and self.busy:
            self.stop_button.setEnabled(False)
            self.progress_label.setText(_("Stopping …"))
            self.task.cancel()

    def _task_ended(self) -> None:
        self._set_busy(False)
        if self._pending_close is not None:
            result, self._pending_close = self._pending_close, None
            super().done(result)
        elif self._recheck:
            self._recheck = False  # the inputs changed while the work ran: check the file again
            QTimer.singleShot(0, self, self.start_preview)

    def done(self, result: int) -> None:
        """Close, but only once running work has ended (Cancel stops it first): the worker thread
        must not outlive the objects it reports to."""
        if self.busy and self.task is not None:
            self._pending_close = result
            if result != QDialog.DialogCode.Accepted:
                self.stop()
            return
        super().done(result)

    @classmethod
    def ask(
        cls,
        model: ImportViewModel,
        parent: QWidget | None = None,
        *,
        path: Path | None = None,
        company_id: int | None = None,
    ) -> ImportResult | None:
        """Show the dialog; the import's result, or None when nothing was imported."""
        dialog = cls(model, parent, path=path, company_id=company_id)
        try:
            dialog.exec()
            return dialog.outcome
        finally:
            dialog.deleteLater()
