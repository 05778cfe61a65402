"""定稿 asks first: the number the document will take, and that it cannot change afterwards.

The number is peeked at (:func:`mediation_app.services.documents.finalise.preview_number`), not
reserved: cancelling writes nothing, and if another workstation takes the number before the user
confirms, the service refuses and the page asks again with the new one.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from mediation_app.i18n import _
from mediation_app.services.documents.finalise import NumberPreview


class FinaliseConfirmation(QDialog):
    def __init__(self, preview: NumberPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finaliseConfirmation")
        self.setWindowTitle(_("Finalise the document"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        what = QLabel(_("Finalise {title}? It will take the number:").format(title=preview.title), self)
        what.setWordWrap(True)
        layout.addWidget(what)
        self.number = QLabel(preview.number, self)
        self.number.setObjectName("finaliseNumber")
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.number.setFont(font)
        layout.addWidget(self.number)
        if preview.version > 1:
            layout.addWidget(
                QLabel(
                    _("as version {version} (the data changed since the last final version)").format(
                        version=preview.version
                    ),
                    self,
                )
            )
        warning = QLabel(
            _(
                "Once finalised, the number and the content cannot be changed: the PDF and its SHA-256 "
                "are stored with the case. A later change makes a new version; it never alters this one."
            ),
            self,
        )
        warning.setObjectName("finaliseWarning")
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #8a3b00;")
        layout.addWidget(warning)
        buttons = QDialogButtonBox(self)
        self.confirm_button = buttons.addButton(_("Finalise"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_button.setObjectName("confirmFinalise")
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)  # Enter does not finalise by accident
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, preview: NumberPreview) -> bool:
        """True when the user confirms finalising under ``preview.number``."""
        return cls(preview, parent).exec() == QDialog.DialogCode.Accepted
