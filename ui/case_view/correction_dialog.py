"""更正: the dialog that corrects one field of a case's records, and the one that adds a
supplementary record to a signed agreement.

The correction dialog shows what is on record, takes the corrected value and the reason (both
required; the reason is kept in the case's path and the audit trail) and hands them to the page's
``submit``, which corrects through the case's view model. A refusal (a value intake would refuse,
no reason, a role that may not, someone else's change meanwhile) keeps the dialog open with
everything typed, the message beside its field.

:class:`CorrectionMenu` is the 更正 button of a page: a menu of what can be corrected there, each
entry greyed with the reason as its tooltip when the role may not correct it or the signed
agreement states it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMenu, QPlainTextEdit, QPushButton, QWidget

from mediation_app import formatting
from mediation_app.domain.corrections import field_label, spec
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission
from mediation_app.services.corrections import permission_for
from ui.case_view.actions import Availability, permission_availability, role_refusal
from ui.case_view.context import CaseContext
from ui.case_view.form_dialog import FormDialog

REASON_PATH = "reason"


@dataclass(frozen=True)
class CorrectionValues:
    value: str
    reason: str


class CorrectionDialog(FormDialog[CorrectionValues]):
    def __init__(
        self,
        ctx: CaseContext,
        key: str,
        current: str,
        parent: QWidget | None = None,
        *,
        choices: Sequence[tuple[str, str]] = (),
        prefill: bool = True,
    ) -> None:
        name = field_label(key)
        super().__init__(
            ctx,
            _("Correct: {field}").format(field=name),
            parent,
            intro=_(
                "The earlier value is kept: the case's path and the audit trail show it with the "
                "corrected one, who corrected it and why."
            ),
        )
        self.setObjectName("correctionDialog")
        self.key = key
        found = spec(key)
        what = QLabel(f"<b>{html.escape(name)}</b>", self)
        what.setObjectName("correctedField")
        self.add_field("field", _("What it corrects"), what)
        shown = QLabel(current or _("(empty)"), self)
        shown.setTextFormat(Qt.TextFormat.PlainText)
        shown.setObjectName("currentValue")
        shown.setWordWrap(True)
        self.add_field("current", _("On record"), shown)
        self.choice: QComboBox | None = None
        self.text: QPlainTextEdit | None = None
        self.line: QLineEdit | None = None
        if choices:
            self.choice = QComboBox(self)
            for value, text in choices:
                self.choice.addItem(text, value)
            index = next((i for i, (_v, text) in enumerate(choices) if text == current), 0)
            self.choice.setCurrentIndex(index)
            editor: QWidget = self.choice
        elif found.multiline:
            self.text = QPlainTextEdit(self)
            self.text.setFixedHeight(110)
            if prefill:
                self.text.setPlainText(current)
            editor = self.text
        else:
            self.line = QLineEdit(self)
            if prefill:
                self.line.setText(current)
            self.line.setPlaceholderText(_placeholder(found.kind))
            editor = self.line
        editor.setObjectName("correctedValue")
        self.add_field(key, _("Corrected value"), editor)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("correctionReason")
        self.reason.setPlaceholderText(
            _("Why is it corrected? e.g. typing error at intake, the owner's new number")
        )
        self.reason.setFixedHeight(70)
        self.add_field(REASON_PATH, _("Reason for the correction"), self.reason)
        editor.setFocus()

    def values(self) -> CorrectionValues:
        if self.choice is not None:
            value = str(self.choice.currentData())
        elif self.text is not None:
            value = self.text.toPlainText()
        else:
            assert self.line is not None
            value = self.line.text()
        return CorrectionValues(value, self.reason.toPlainText())

    @classmethod
    def ask(
        cls,
        ctx: CaseContext,
        parent: QWidget | None,
        submit: Callable[[CorrectionValues], Any],
        *,
        key: str,
        current: str,
        choices: Sequence[tuple[str, str]] = (),
        prefill: bool = True,
    ) -> CorrectionValues | None:
        return cls(ctx, key, current, parent, choices=choices, prefill=prefill).run(submit)


def _placeholder(kind: str) -> str:
    return {
        "date": _("e.g. 2021-03-09"),
        "area": _("square metres, e.g. 89.50"),
        "amount": _("yuan, e.g. 14474.72"),
        "rate": _("yuan per m² per month, e.g. 2.80"),
        "phone": _("e.g. 13859012345 or 0594-2345678"),
    }.get(kind, "")


@dataclass(frozen=True)
class SupplementValues:
    subject: str
    text: str
    reason: str


class SupplementDialog(FormDialog[SupplementValues]):
    """补充记录: a correction of a signed agreement, kept as a record of its own."""

    def __init__(self, ctx: CaseContext, subjects: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("Supplementary record to the signed agreement"),
            parent,
            intro=_(
                "The agreement is signed and its text is not changed. This record states the "
                "correction; it is kept with the case and shown with the agreement."
            ),
        )
        self.setObjectName("supplementDialog")
        self.subject = QComboBox(self)
        self.subject.setObjectName("supplementSubject")
        self.subject.addItem(_("The agreement as a whole"), "")
        for key in subjects:
            self.subject.addItem(field_label(key), key)
        self.add_field("subject", _("What it corrects"), self.subject)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("supplementText")
        self.text.setFixedHeight(110)
        self.add_field("text", _("Supplementary record"), self.text)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("correctionReason")
        self.reason.setFixedHeight(70)
        self.add_field(REASON_PATH, _("Reason for the correction"), self.reason)

    def values(self) -> SupplementValues:
        return SupplementValues(
            str(self.subject.currentData()), self.text.toPlainText(), self.reason.toPlainText()
        )

    @classmethod
    def ask(
        cls,
        ctx: CaseContext,
        parent: QWidget | None,
        submit: Callable[[SupplementValues], Any],
        *,
        subjects: Sequence[str] = (),
    ) -> SupplementValues | None:
        return cls(ctx, subjects, parent).run(submit)


# --- the 更正 button of a page -------------------------------------------------------------------


@dataclass(frozen=True)
class Correctable:
    """One entry of a page's 更正 menu: the field, what is on record, and how to save it."""

    key: str
    current: str
    save: Callable[[str, str], object]  # (value, reason) → the view model's correction
    choices: tuple[tuple[str, str], ...] = ()
    prefill: bool = True
    title: str = ""  # whose record, when the page lists several (业主, 物业公司)

    @property
    def text(self) -> str:
        name = field_label(self.key)
        return f"{self.title} · {name}" if self.title else name


def correction_availability(ctx: CaseContext, key: str) -> Availability:
    """Whether the signed-in person may correct ``key`` now, and if not, why."""
    detail = ctx.detail
    agreement = detail.agreement if detail is not None else None
    if spec(key).signed and agreement is not None and agreement.signed_on is not None:
        why = _(
            "The agreement was signed on {date}: this is corrected only by a supplementary record, "
            "which a judge or supervisor adds."
        ).format(date=formatting.date(agreement.signed_on))
        return Availability(False, why)
    return permission_availability(ctx.actor, permission_for(key))


def correct(ctx: CaseContext, parent: QWidget | None, item: Correctable) -> bool:
    """Open the dialog for ``item``; True when the correction was saved."""

    def submit(values: CorrectionValues) -> object:
        return ctx.save(lambda: item.save(values.value, values.reason))

    done = CorrectionDialog.ask(
        ctx, parent, submit, key=item.key, current=item.current, choices=item.choices, prefill=item.prefill
    )
    return done is not None


class CorrectionMenu(QPushButton):
    """The 更正 button: its menu lists ``entries()`` (read when it opens, from the page's data)."""

    def __init__(
        self,
        ctx: CaseContext,
        entries: Callable[[], Sequence[Correctable]],
        parent: QWidget | None = None,
        *,
        text: str = "",
        empty: str = "",
        needs: Permission = Permission.CORRECT_CONTACT,
    ) -> None:
        super().__init__(text or _("Correct…"), parent)
        self.ctx = ctx
        self.needs = needs
        self.entries = entries
        self.empty = empty
        self.menu_ = QMenu(self)
        self.menu_.setObjectName("correctionMenu")
        self.menu_.setToolTipsVisible(True)
        self.menu_.aboutToShow.connect(self._fill)
        self.setMenu(self.menu_)

    def _fill(self) -> None:
        self.menu_.clear()
        items = list(self.entries())
        if not items:
            action = self.menu_.addAction(self.empty or _("Nothing to correct here"))
            action.setEnabled(False)
            return
        for item in items:
            action = self.menu_.addAction(item.text + "…")
            action.setObjectName(f"correct:{item.key}")
            state = correction_availability(self.ctx, item.key)
            action.setEnabled(state.enabled)
            action.setToolTip(state.why)
            action.triggered.connect(lambda _c=False, it=item: correct(self.ctx, self.window(), it))

    def refresh(self) -> None:
        """Greyed, with the reason, when the role may correct nothing here."""
        if permission_availability(self.ctx.actor, self.needs).enabled:
            self.setEnabled(True)
            self.setToolTip("")
            return
        self.setEnabled(False)
        self.setToolTip(role_refusal(self.ctx.actor, self.needs))
