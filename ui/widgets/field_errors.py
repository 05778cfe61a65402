"""Validation messages beside their fields.

A form registers each input under the field path the services use (``owner.id_number``,
``unit.area`` …) with an :class:`ErrorLabel` placed under it. :meth:`FieldErrors.show` takes the
:class:`~mediation_app.errors.ValidationError` list a service returned, puts each message under its
field, marks the field, and returns the errors it could not place (the form shows those in a
general area, so nothing is lost). Prefix handlers take whole families of paths
(``claims[2].amount``). :func:`field_row` lays out one input with its error label under it;
:func:`show_errors` and :func:`show_error` answer a service's refusal in a form with a general
message area.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from mediation_app.errors import FormErrors, MediationError, ValidationError

INVALID_PROPERTY = "invalid"
STYLE = (
    'QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"] '
    "{ border: 1px solid #c0392b; border-radius: 2px; }"
)
_INDEXED = re.compile(r"^(?P<prefix>[a-z_]+)\[(?P<index>\d+)\]\.(?P<field>[a-z_]+)$")


class ErrorLabel(QLabel):
    """Small red text under a field; takes no room while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b3261e;")
        self.setVisible(False)

    def set_messages(self, messages: Sequence[str]) -> None:
        text = "\n".join(messages)
        self.setText(text)
        self.setVisible(bool(text))


def mark(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property(INVALID_PROPERTY)) == invalid:
        return
    widget.setProperty(INVALID_PROPERTY, invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


IndexedHandler = Callable[[dict[tuple[int, str], str], list[str]], None]


class FieldErrors:
    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, ErrorLabel]] = {}
        self._indexed: dict[str, IndexedHandler] = {}
        self._shown: list[str] = []

    def register(self, path: str, widget: QWidget, error: ErrorLabel) -> None:
        self._fields[path] = (widget, error)

    def register_indexed(self, prefix: str, handler: IndexedHandler) -> None:
        """``handler(cell_errors, general)`` gets ``{(row, field): message}`` for ``prefix[row].field``
        and the messages about ``prefix`` itself."""
        self._indexed[prefix] = handler

    def label_for(self, path: str) -> ErrorLabel | None:
        entry = self._fields.get(path)
        return entry[1] if entry else None

    def widget_for(self, path: str) -> QWidget | None:
        entry = self._fields.get(path)
        return entry[0] if entry else None

    def clear(self) -> None:
        self.show([])

    def show(self, errors: Sequence[ValidationError]) -> list[ValidationError]:
        """Place every error; returns those that name no registered field."""
        by_field: dict[str, list[str]] = {}
        indexed: dict[str, tuple[dict[tuple[int, str], str], list[str]]] = {
            p: ({}, []) for p in self._indexed
        }
        unplaced: list[ValidationError] = []
        self._shown = []
        for error in errors:
            match = _INDEXED.match(error.field)
            if error.field in self._fields:
                by_field.setdefault(error.field, []).append(error.problem)
                self._shown.append(error.field)
            elif match and match["prefix"] in indexed:
                cells, _general = indexed[match["prefix"]]
                cells[(int(match["index"]), match["field"])] = error.message
                self._shown.append(match["prefix"])
            elif error.field in indexed:
                indexed[error.field][1].append(error.problem)
                self._shown.append(error.field)
            else:
                unplaced.append(error)
        for path, (widget, label) in self._fields.items():
            messages = by_field.get(path, [])
            label.set_messages(messages)
            mark(widget, bool(messages))
            widget.setToolTip("\n".join(messages))
        for prefix, handler in self._indexed.items():
            handler(*indexed[prefix])
        return unplaced

    def first_shown(self) -> str | None:
        """The path of the first placed error, in the order the errors came."""
        return self._shown[0] if self._shown else None


def field_row(
    form: QFormLayout, fields: FieldErrors, path: str, text: str, widget: QWidget, *, spacing: int = 2
) -> ErrorLabel:
    """A form row: ``text``, then ``widget`` with its error label right under it, registered under
    ``path``; returns the error label."""
    holder = QWidget(form.parentWidget() or widget.parentWidget())
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(spacing)
    widget.setParent(holder)
    column.addWidget(widget)
    error = ErrorLabel(holder)
    column.addWidget(error)
    form.addRow(text, holder)
    fields.register(path, widget, error)
    return error


def show_errors(
    fields: FieldErrors, general: ErrorLabel, errors: Sequence[ValidationError], *, focus: bool = True
) -> None:
    """Each error under its field, those that name no field in ``general``; with ``focus``, the
    first field in error takes the focus."""
    unplaced = fields.show(errors)
    general.set_messages([error.message for error in unplaced])
    first = fields.first_shown() if focus else None
    widget = fields.widget_for(first) if first else None
    if widget is not None:
        widget.setFocus()


def show_error(
    fields: FieldErrors, general: ErrorLabel, error: MediationError, *, focus: bool = True
) -> None:
    """A service's refusal: a field's error (or each of a :class:`FormErrors`) as :func:`show_errors`
    does; any other error's message in ``general``, the fields cleared."""
    if isinstance(error, FormErrors):
        show_errors(fields, general, error.errors, focus=focus)
    elif isinstance(error, ValidationError):
        show_errors(fields, general, [error], focus=focus)
    else:
        fields.clear()
        general.set_messages([error.message])
