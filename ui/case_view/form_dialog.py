"""The base of the case view's dialogs: fields with their errors beside them, and a dialog that
stays open until its save succeeds.

A dialog reads its fields into a plain value (:meth:`FormDialog.values`) and hands it to the
``submit`` function its caller gave (which makes one save of the case's view model through
:meth:`~ui.case_view.context.CaseContext.save`). When the service refuses, the dialog stays open
with everything typed: a field's :class:`~mediation_app.errors.ValidationError` (or each error of
a :class:`~mediation_app.errors.FormErrors`) goes under its field, anything else into the message
area at the bottom; a :class:`~mediation_app.errors.ConflictError` offers to reload the case, and
the dialog stays open to be sent again.

Each dialog has ``classmethod ask(ctx, parent, submit, ...)`` returning the values that were
saved (None when cancelled); tests replace ``ask`` with one that calls ``submit`` directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mediation_app.errors import ConflictError, MediationError
from mediation_app.i18n import _
from ui.case_view.context import CaseContext
from ui.case_view.feedback import ConflictPrompt
from ui.widgets.field_errors import STYLE, ErrorLabel, FieldErrors, field_row, show_error

V = TypeVar("V")


class FormDialog(QDialog, Generic[V]):
    def __init__(
        self, ctx: CaseContext, title: str, parent: QWidget | None = None, *, intro: str = ""
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setStyleSheet(STYLE)
        self.setMinimumWidth(480)
        self.errors = FieldErrors()
        self._submit: Callable[[V], Any] | None = None
        self.submitted: V | None = None
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        if intro:
            note = QLabel(intro, self)
            note.setWordWrap(True)
            layout.addWidget(note)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self.form)
        self.general = ErrorLabel(self)
        self.general.setObjectName("formMessage")
        layout.addWidget(self.general)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def add_field(self, path: str, label: str, widget: QWidget) -> QWidget:
        """A row: the label, the input, and the place for its error right under it."""
        field_row(self.form, self.errors, path, label, widget)
        return widget

    def values(self) -> V:
        raise NotImplementedError

    def run(self, submit: Callable[[V], Any]) -> V | None:
        self._submit = submit
        self.exec()
        return self.submitted

    def show_error(self, error: MediationError) -> None:
        show_error(self.errors, self.general, error, focus=False)

    def accept(self) -> None:
        self.errors.clear()
        self.general.set_messages([])
        try:
            values = self.values()
            result = self._submit(values) if self._submit is not None else None
        except ConflictError as error:
            self.show_error(error)
            if ConflictPrompt.ask(self, error.message):
                self.ctx.reload_wanted.emit()
                self.general.set_messages(
                    [
                        _(
                            "The case was reloaded with the other changes. Check your entries and press OK again."
                        )
                    ]
                )
            return
        except MediationError as error:
            self.show_error(error)
            return
        self.submitted = values
        self.result_value = result
        super().accept()
