"""Input widgets and the reading of what was typed into plain values.

Reading text is not computing money: :func:`read_decimal` only turns ``"0.40"`` into
``Decimal("0.40")`` (or says, naming the field, why it cannot), and the services check the rest.
Dates are picked in a calendar and come back as :class:`datetime.date`; times as aware datetimes
in China time, as the services expect.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QComboBox, QDateEdit, QDateTimeEdit, QWidget

from mediation_app.clock import CHINA
from mediation_app.errors import ValidationError
from mediation_app.i18n import _

_CHINA_ZONE = QTimeZone(8 * 3600)


class DateField(QDateEdit):
    def __init__(self, value: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.set_value(value)

    def set_value(self, value: dt.date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> dt.date:
        day = self.date()
        return dt.date(day.year(), day.month(), day.day())


class DateTimeField(QDateTimeEdit):
    """A date and time in China time (the centre's)."""

    def __init__(self, value: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.setTimeZone(_CHINA_ZONE)
        self.set_value(value)

    def set_value(self, value: dt.datetime) -> None:
        local = value.astimezone(CHINA)
        self.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute), _CHINA_ZONE)
        )

    def value(self) -> dt.datetime:
        moment = self.dateTime().toTimeZone(_CHINA_ZONE)
        day, time = moment.date(), moment.time()
        return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=CHINA)


def read_decimal(text: str, field: str, label: str, *, required: bool = True) -> Decimal | None:
    """The number typed in a field (``None`` when empty and not required)."""
    clean = text.strip().replace(",", "").replace("，", "").replace("¥", "")
    if not clean:
        if required:
            raise ValidationError(field, _("is required"), label)
        return None
    try:
        value = Decimal(clean)
    except InvalidOperation:
        raise ValidationError(
            field, _("is not a number: {value}").format(value=text.strip()), label
        ) from None
    if not value.is_finite():
        raise ValidationError(field, _("is not a number: {value}").format(value=text.strip()), label)
    return value


def read_int(text: str, field: str, label: str) -> int:
    clean = text.strip()
    if not clean.isdigit():
        raise ValidationError(field, _("must be a whole number of days"), label)
    return int(clean)


def fill_combo(combo: QComboBox, items: list[tuple[str, Any]], current: Any = None) -> None:
    """Replace ``combo``'s items by ``(text, data)`` pairs, selecting ``current`` if present."""
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(index if index >= 0 else (0 if items else -1))
    combo.blockSignals(False)


def select_data(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


def chosen(combo: QComboBox, field: str, label: str) -> Any:
    """The data of ``combo``'s selected item; refuses an empty pick naming the field."""
    data = combo.currentData()
    if data is None:
        raise ValidationError(field, _("choose one from the list"), label)
    return data
