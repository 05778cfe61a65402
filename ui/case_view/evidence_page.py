"""Evidence: the files the parties handed in, each previewed inside the app (images, PDFs, text),
and the owner's answer to each line of the company's claim (accepted, or disputed with a reason).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.adapters.attachment_store import AttachmentRow
from mediation_app.domain.enums import AttachmentKind, OwnerPosition, label
from mediation_app.errors import MediationError
from mediation_app.i18n import N_, _
from mediation_app.security.permissions import Permission
from mediation_app.services.settlement.proposals import ClaimedLine
from mediation_app.workflow.transitions import is_open
from ui.case_view.actions import ActionRunner, Availability, permission_availability
from ui.case_view.attach_dialog import AttachDialog, AttachValues
from ui.case_view.context import CaseContext
from ui.case_view.feedback import attempt
from ui.case_view.fees_page import CLAIM_COLUMNS, table
from ui.case_view.files import OpenFile
from ui.case_view.pdf_preview import PdfPreview
from ui.case_view.reason_dialog import ReasonDialog, ReasonValues
from ui.case_view.step_button import set_availability
from ui.models.rows_model import RowColumn, RowsTableModel

TEXT_PREVIEW_LIMIT = 200_000


def _size(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _kind(row: AttachmentRow) -> str:
    try:
        return label(AttachmentKind(row.kind))
    except ValueError:
        return row.kind


ATTACHMENT_COLUMNS: list[RowColumn[AttachmentRow]] = [
    RowColumn(N_("Kind"), _kind),
    RowColumn(N_("Title"), lambda r: r.title),
    RowColumn(N_("File"), lambda r: r.filename),
    RowColumn(
        N_("Handed in by"),
        lambda r: r.submitted_by.label if r.submitted_by is not None else "",
    ),
    RowColumn(N_("Size"), lambda r: _size(r.size), align_right=True),
]


class AttachmentPreview(QStackedWidget):
    """An image, a PDF, some text, or a sentence saying why there is nothing to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentPreview")
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea(self)
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        self.pdf = PdfPreview(self)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        for widget in (self.message, scroll, self.pdf, self.text):
            self.addWidget(widget)
        self._scroll = scroll
        self.say(_("Select a file to see it here."))

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def show_file(self, row: AttachmentRow, content: bytes) -> str:
        """Show ``content``; returns what kind of preview was used (image, pdf, text, none)."""
        mime = row.mime or ""
        if mime.startswith("image/"):
            pixmap = QPixmap()
            if pixmap.loadFromData(content):
                self.image.setPixmap(
                    pixmap.scaledToWidth(min(pixmap.width(), 900), Qt.TransformationMode.SmoothTransformation)
                )
                self.setCurrentWidget(self._scroll)
                return "image"
        is_pdf = mime == "application/pdf" or content.startswith(b"%PDF")
        if is_pdf and self.pdf.show_pdf(content) > 0:
            self.setCurrentWidget(self.pdf)
            return "pdf"
        if mime.startswith("text/") or row.filename.lower().endswith((".csv", ".txt")):
            try:
                self.text.setPlainText(content[:TEXT_PREVIEW_LIMIT].decode("utf-8"))
            except UnicodeDecodeError:
                self.text.setPlainText(content[:TEXT_PREVIEW_LIMIT].decode("gb18030", errors="replace"))
            self.setCurrentWidget(self.text)
            return "text"
        self.say(_("No preview for this kind of file ({kind}).").format(kind=mime or row.filename))
        return "none"


class EvidencePage(QWidget):
    def __init__(self, ctx: CaseContext, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidence")
        self.ctx = ctx
        self.runner = runner
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        layout.addWidget(splitter, 1)
        files = QWidget(splitter)
        files_layout = QHBoxLayout(files)
        files_layout.setContentsMargins(0, 0, 0, 0)
        list_box = QGroupBox(_("Files"), files)
        list_layout = QVBoxLayout(list_box)
        self.file_model: RowsTableModel[AttachmentRow] = RowsTableModel(
            ATTACHMENT_COLUMNS, self, text_tips=True
        )
        self.files = table(self.file_model, list_box, "attachmentTable")
        self.files.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.preview_row(current.row())
        )
        list_layout.addWidget(self.files, 1)
        self.attach_button = QPushButton(_("Attach a file…"), list_box)
        self.attach_button.setObjectName("attachFile")
        self.attach_button.clicked.connect(self.attach)
        list_layout.addWidget(self.attach_button)
        files_layout.addWidget(list_box, 1)
        self.preview = AttachmentPreview(files)
        files_layout.addWidget(self.preview, 1)
        answers = QGroupBox(_("The owner's answer to each claimed line"), splitter)
        answers_layout = QVBoxLayout(answers)
        self.claim_model: RowsTableModel[ClaimedLine] = RowsTableModel(CLAIM_COLUMNS, self, text_tips=True)
        self.claims = table(self.claim_model, answers, "answerTable")
        self.claims.selectionModel().selectionChanged.connect(lambda *_a: self._refresh_buttons())
        answers_layout.addWidget(self.claims, 1)
        row = QHBoxLayout()
        self.accepted_button = QPushButton(_("The owner accepts this line"), answers)
        self.accepted_button.setObjectName("lineAccepted")
        self.accepted_button.clicked.connect(lambda _c=False: self.answer(OwnerPosition.ACCEPTED))
        self.disputed_button = QPushButton(_("The owner disputes this line…"), answers)
        self.disputed_button.setObjectName("lineDisputed")
        self.disputed_button.clicked.connect(lambda _c=False: self.answer(OwnerPosition.DISPUTED))
        row.addWidget(self.accepted_button)
        row.addWidget(self.disputed_button)
        row.addStretch(1)
        answers_layout.addLayout(row)
        splitter.addWidget(files)
        splitter.addWidget(answers)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

    def load(self) -> None:
        data = self.ctx.case.evidence.load()
        rows = data.attachments
        self.file_model.set_rows(rows)
        self.claim_model.set_rows(data.claimed_lines)
        set_availability(
            self.attach_button, permission_availability(self.ctx.actor, Permission.RECORD_EVIDENCE)
        )
        self._refresh_buttons()
        if rows:
            self.files.selectRow(0)  # the first file is shown at once
            self.preview_row(0)
        else:
            self.preview.say(_("No files attached yet."))

    def preview_row(self, row: int) -> str:
        chosen = self.file_model.row_at(row)
        if chosen is None:
            return "none"
        try:
            content = self.ctx.case.evidence.content(chosen.id)
        except MediationError as error:
            self.preview.say(error.message)
            return "none"
        return self.preview.show_file(chosen, content)

    def attach(self) -> None:
        path = OpenFile.ask(
            self,
            _("Attach a file"),
            _("Files handed in (*.pdf *.jpg *.jpeg *.png *.csv *.txt *.xlsx);;All files (*)"),
        )
        if path is None:
            return
        try:
            content = path.read_bytes()
        except OSError as error:
            self.preview.say(_("The file could not be read: {reason}").format(reason=error.strerror or error))
            return
        evidence = self.ctx.case.evidence

        def submit(values: AttachValues) -> object:
            return self.ctx.save(
                lambda: evidence.attach(
                    kind=values.kind,
                    title=values.title,
                    filename=values.filename,
                    content=values.content,
                    submitted_by=values.submitted_by,
                )
            )

        AttachDialog.ask(self.ctx, self, submit, path=path, content=content)

    def selected_line(self) -> ClaimedLine | None:
        index = self.claims.currentIndex()
        return self.claim_model.row_at(index.row()) if index.isValid() else None

    def _refresh_buttons(self) -> None:
        state = permission_availability(self.ctx.actor, Permission.RECORD_EVIDENCE)
        detail = self.ctx.detail
        if state.enabled and detail is not None and not is_open(detail.status):
            state = Availability(
                False, _("The owner's answers can change only before the agreement is signed.")
            )
        if state.enabled and self.selected_line() is None:
            state = Availability(False, _("Select a claimed line first."))
        set_availability(self.accepted_button, state)
        set_availability(self.disputed_button, state)

    def answer(self, position: OwnerPosition) -> bool:
        line = self.selected_line()
        if line is None:
            return False
        evidence, item = self.ctx.case.evidence, line.id
        if position is OwnerPosition.ACCEPTED:
            saved = attempt(self.ctx, self, lambda: evidence.record_owner_position(item, position, ""))
            return saved is not None

        def submit(values: ReasonValues) -> object:
            return self.ctx.save(lambda: evidence.record_owner_position(item, position, values.reason))

        title = _("The owner disputes: {item} ({amount})").format(
            item=line.description or label(line.kind), amount=formatting.money(line.amount)
        )
        return ReasonDialog.ask(self.ctx, self, submit, title=title) is not None
