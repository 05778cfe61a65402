"""A step that needs only a reason (and sometimes the day it happened): refusing, withdrawing,
handing over to litigation, resuming mediation, non-performance, withdrawing an application."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from mediation_app.i18n import _
from ui.case_view.context import CaseContext
from ui.case_view.form_dialog import FormDialog
from ui.case_view.inputs import DateField


@dataclass(frozen=True)
class ReasonValues:
    reason: str
    on: dt.date | None = None


class ReasonDialog(FormDialog[ReasonValues]):
    def __init__(
        self,
        ctx: CaseContext,
        title: str,
        parent: QWidget | None = None,
        *,
        intro: str = "",
        date_label: str | None = None,
    ) -> None:
        super().__init__(ctx, title, parent, intro=intro)
        self.setObjectName("reasonDialog")
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(_("Say why; it is kept in the case's path."))
        self.reason.setFixedHeight(90)
        self.add_field("reason", _("Reason"), self.reason)
        self.day: DateField | None = None
        if date_label is not None:
            self.day = DateField(ctx.today())
            self.add_field("closed_on", date_label, self.day)

    def values(self) -> ReasonValues:
        return ReasonValues(self.reason.toPlainText(), self.day.value() if self.day is not None else None)

    @classmethod
    def ask(
        cls,
        ctx: CaseContext,
        parent: QWidget | None,
        submit: Callable[[ReasonValues], Any],
        *,
        title: str,
        intro: str = "",
        date_label: str | None = None,
    ) -> ReasonValues | None:
        return cls(ctx, title, parent, intro=intro, date_label=date_label).run(submit)
