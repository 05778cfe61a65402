"""A step that needs only the day it happened: signing the agreement, full performance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ui.case_view.context import CaseContext
from ui.case_view.form_dialog import FormDialog
from ui.case_view.inputs import DateField


class DateDialog(FormDialog[dt.date]):
    def __init__(
        self,
        ctx: CaseContext,
        title: str,
        field: str,
        label: str,
        parent: QWidget | None = None,
        *,
        intro: str = "",
    ) -> None:
        super().__init__(ctx, title, parent, intro=intro)
        self.setObjectName("dateDialog")
        self.day = DateField(ctx.today())
        self.add_field(field, label, self.day)

    def values(self) -> dt.date:
        return self.day.value()

    @classmethod
    def ask(
        cls,
        ctx: CaseContext,
        parent: QWidget | None,
        submit: Callable[[dt.date], Any],
        *,
        title: str,
        field: str,
        label: str,
        intro: str = "",
    ) -> dt.date | None:
        return cls(ctx, title, field, label, parent, intro=intro).run(submit)
