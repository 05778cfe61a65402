"""A date field that may be left empty (a filter's "from" or "to").

QDateEdit always holds a date; the usual Qt idiom is used: its minimum date stands for "no
date" and is shown as a dash. The calendar then opens on today's month, not on the year 2000.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Signal
from PySide6.QtWidgets import QDateEdit, QWidget

EMPTY = QDate(2000, 1, 1)


class OptionalDateEdit(QDateEdit):
    value_changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, empty_text: str = "—") -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(EMPTY)
        self.setSpecialValueText(empty_text)
        self.setDate(EMPTY)
        self.calendarWidget().installEventFilter(self)
        self.dateChanged.connect(lambda _date: self.value_changed.emit())

    def value(self) -> dt.date | None:
        date = self.date()
        if date == EMPTY:
            return None
        return dt.date(date.year(), date.month(), date.day())

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(EMPTY if value is None else QDate(value.year, value.month, value.day))

    def clear_value(self) -> None:
        self.setDate(EMPTY)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.calendarWidget() and event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)
