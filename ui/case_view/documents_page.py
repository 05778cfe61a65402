"""Documents: generate a document of the case, look at it inside the app, print it through the
system's print dialog, finalise it (its number and SHA-256 are stored with the case), and attach
the scan of the signed paper.

A finalised document is shown and printed as it was finalised; otherwise the preview is a draft
built from the case as it stands now.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mediation_app.domain.enums import Role
from mediation_app.errors import MediationError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission
from ui.case_view import document_service
from ui.case_view.actions import ActionRunner, Availability, permission_availability
from ui.case_view.context import CaseContext
from ui.case_view.feedback import Notice
from ui.case_view.files import OpenFile
from ui.case_view.finalise_dialog import FinaliseConfirmation
from ui.case_view.pdf_preview import PdfPreview
from ui.case_view.printing import PrinterChoice, print_pdf
from ui.case_view.step_button import set_availability

KIND_ROLE = Qt.ItemDataRole.UserRole


class DocumentsPage(QWidget):
    def __init__(self, ctx: CaseContext, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documents")
        self.ctx = ctx
        self.runner = runner
        self.shown_kind: str | None = None
        self.shown_final = False
        self.pages_printed = 0
        layout = QHBoxLayout(self)
        side = QGroupBox(_("Documents of the case"), self)
        side.setMaximumWidth(380)
        side_layout = QVBoxLayout(side)
        self.kinds = QListWidget(side)
        self.kinds.setObjectName("documentKinds")
        for choice in document_service.kinds(ctx):
            item = QListWidgetItem(choice.label, self.kinds)
            item.setData(KIND_ROLE, choice.kind)
        self.kinds.setCurrentRow(0)
        self.select_kind("agreement")  # what a mediator comes here for most often
        self.kinds.currentRowChanged.connect(lambda _row: self._refresh())
        side_layout.addWidget(self.kinds, 1)
        self.state = QLabel(side)
        self.state.setObjectName("documentState")
        self.state.setWordWrap(True)
        side_layout.addWidget(self.state)
        self.preview_button = QPushButton(_("Show"), side)
        self.preview_button.setObjectName("previewDocument")
        self.preview_button.clicked.connect(lambda _c=False: self.show_document())
        self.print_button = QPushButton(_("Print…"), side)
        self.print_button.setObjectName("printDocument")
        self.print_button.clicked.connect(lambda _c=False: self.print_current())
        self.finalise_button = QPushButton(_("Finalise (number and fingerprint)"), side)
        self.finalise_button.setObjectName("finaliseDocument")
        self.finalise_button.clicked.connect(lambda _c=False: self.finalise())
        self.scan_button = QPushButton(_("Attach the signed scan…"), side)
        self.scan_button.setObjectName("attachScan")
        self.scan_button.clicked.connect(lambda _c=False: self.attach_scan())
        for button in (self.preview_button, self.print_button, self.finalise_button, self.scan_button):
            side_layout.addWidget(button)
        self.message = QLabel(side)
        self.message.setObjectName("documentMessage")
        self.message.setWordWrap(True)
        side_layout.addWidget(self.message)
        layout.addWidget(side)
        self.preview = PdfPreview(self)
        layout.addWidget(self.preview, 1)

    # --- state ---------------------------------------------------------------------------------

    def current_kind(self) -> str:
        item = self.kinds.currentItem()
        return str(item.data(KIND_ROLE)) if item is not None else "agreement"

    def select_kind(self, kind: str) -> None:
        for row in range(self.kinds.count()):
            if self.kinds.item(row).data(KIND_ROLE) == kind:
                self.kinds.setCurrentRow(row)

    def load(self) -> None:
        self.shown_kind = None
        self._mark_availability()
        self.preview.clear()
        self._refresh()
        if self.preview_button.isEnabled():
            self.show_document()  # the selected document is on screen as soon as the page is

    def _mark_availability(self) -> None:
        """Grey out the documents the case does not have in its present state, saying why."""
        choices = {choice.kind: choice for choice in document_service.kinds(self.ctx)}
        palette = self.kinds.palette()
        for row in range(self.kinds.count()):
            item = self.kinds.item(row)
            choice = choices.get(str(item.data(KIND_ROLE)))
            available = choice is None or choice.available
            item.setToolTip("" if choice is None else choice.reason)
            role = palette.ColorRole.Text if available else palette.ColorRole.PlaceholderText
            item.setForeground(palette.color(role))

    def _refresh(self) -> None:
        kind = self.current_kind()
        final = None
        try:
            final = document_service.final(self.ctx, kind)
        except MediationError as error:
            self.message.setText(error.message)
        if final is not None:
            self.state.setText(_("Finalised as {number}").format(number=final.number))
            # The fingerprint is for those who check documents (judges, administrators; anyone
            # through 核验文书), not a line of hex in a mediator's way.
            shows_digest = self.ctx.actor.role in (Role.JUDGE, Role.ADMIN)
            self.state.setToolTip(_("SHA-256 {digest}").format(digest=final.sha256) if shows_digest else "")
        else:
            self.state.setText(_("Not finalised yet: what is shown is a draft."))
            self.state.setToolTip("")
        set_availability(self.preview_button, Availability(True))
        set_availability(
            self.print_button, permission_availability(self.ctx.actor, Permission.PRINT_DOCUMENT)
        )
        finalise = permission_availability(self.ctx.actor, Permission.FINALISE_AGREEMENT)
        if finalise.enabled and final is not None:
            finalise = Availability(False, _("This document is already finalised."))
        set_availability(self.finalise_button, finalise)
        scan = permission_availability(self.ctx.actor, Permission.RECORD_EVIDENCE)
        if scan.enabled and final is None:
            scan = Availability(False, _("Finalise the document first: the signed scan belongs to it."))
        set_availability(self.scan_button, scan)

    # --- actions -------------------------------------------------------------------------------

    def show_document(self, kind: str | None = None) -> bool:
        """Show the final document of ``kind`` if there is one, else a draft of it."""
        kind = kind or self.current_kind()
        if kind != self.current_kind():
            self.select_kind(kind)
        try:
            final = document_service.final(self.ctx, kind)
            data = (
                final.content
                if final is not None and final.content
                else document_service.preview(self.ctx, kind)
            )
        except MediationError as error:
            self.message.setText(error.message)
            return False
        pages = self.preview.show_pdf(data)
        self.shown_kind, self.shown_final = kind, final is not None
        self.message.setText(
            _("{document}: {pages} pages, {state}.").format(
                document=document_service.kind_label(kind),
                pages=pages,
                state=_("final") if final is not None else _("draft"),
            )
        )
        self._refresh()
        return True

    def doc_name(self, kind: str) -> str:
        # Print queues and PDF printers name their files from this: plain ASCII travels safely.
        return f"{kind}-case{self.ctx.case_id}"

    def print_title(self, kind: str) -> str:
        """What the print dialog names: the document in the UI language and its number (the
        final document's, else the case's): ``调解协议书 荔物调〔2026〕0301号``."""
        number = ""
        try:
            final = document_service.final(self.ctx, kind)
        except MediationError:
            final = None
        if final is not None and final.number:
            number = final.number
        elif self.ctx.detail is not None:
            number = self.ctx.detail.number
        return f"{document_service.kind_label(kind)} {number}".strip()

    def print_copies(self) -> int:
        """One copy for each party (the owner, co-owners and the company) and one for the centre."""
        try:
            return document_service.party_count(self.ctx) + 1
        except MediationError:
            return 3

    def print_current(self) -> int:
        """Print the document shown (the selected one, shown first if needed); returns pages sent."""
        state = permission_availability(self.ctx.actor, Permission.PRINT_DOCUMENT)
        if not state.enabled:
            Notice.show(self, state.why)
            return 0
        kind = self.current_kind()
        if (self.shown_kind != kind or not self.preview.data) and not self.show_document(kind):
            return 0
        printer = PrinterChoice.ask(self, self.doc_name(kind), self.print_title(kind), self.print_copies())
        if printer is None:
            return 0
        try:
            pages = print_pdf(self.preview.data, printer, self.doc_name(kind))
        except MediationError as error:
            Notice.show(self, error.message)
            return 0
        self.pages_printed = pages
        self.message.setText(
            _("{pages} pages sent to {printer}.").format(
                pages=pages, printer=printer.printerName() or _("the printer")
            )
        )
        return pages

    def finalise(self) -> bool:
        """定稿, after a confirmation that shows the number the document will take."""
        kind = self.current_kind()
        try:
            preview = document_service.preview_number(self.ctx, kind)
            if not FinaliseConfirmation.ask(self, preview):
                self.message.setText(_("Not finalised; nothing was written."))
                return False
            document_service.finalise(self.ctx, kind, expected_number=preview.number)
        except MediationError as error:
            self.message.setText(error.message)
            return False
        return self.show_document(kind)

    def attach_scan(self) -> None:
        """Attach the scan of the signed paper to the final document shown."""
        kind = self.current_kind()
        try:
            final = document_service.final(self.ctx, kind)
        except MediationError as error:
            self.message.setText(error.message)
            return
        if final is None:
            self.message.setText(
                _("Finalise the document first: the signed scan belongs to the final document.")
            )
            return
        path = OpenFile.ask(
            self, _("Attach the signed scan"), _("Scans (*.pdf *.jpg *.jpeg *.png);;All files (*)")
        )
        if path is None:
            return
        try:
            document_service.attach_signed_scan(self.ctx, final.id, path)
        except MediationError as error:
            self.message.setText(error.message)
            return
        self.message.setText(
            _("The signed scan is attached to {number} (see Evidence).").format(number=final.number)
        )
