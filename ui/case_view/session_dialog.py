"""A mediation session (调解记录): recorded once held, or scheduled ahead (its notice can then be
sent by SMS). Completing a scheduled session fills in what happened."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from mediation_app.domain.enums import SessionMode
from mediation_app.i18n import _
from mediation_app.services.cases.sessions import SessionInput, SessionRow
from ui.case_view.context import CaseContext
from ui.case_view.form_dialog import FormDialog
from ui.case_view.inputs import DateTimeField, fill_combo


@dataclass(frozen=True)
class SessionValues:
    session: SessionInput
    schedule_only: bool = False  # a future session: plan it, record it later
    session_id: int | None = None  # the scheduled session this record completes


class SessionDialog(FormDialog[SessionValues]):
    def __init__(
        self,
        ctx: CaseContext,
        parent: QWidget | None = None,
        *,
        scheduled: SessionRow | None = None,
        schedule: bool = False,
    ) -> None:
        title = _("Schedule a mediation session") if schedule else _("Record a mediation session")
        super().__init__(ctx, title, parent)
        self.setObjectName("sessionDialog")
        self._scheduled = scheduled
        start = scheduled.starts_at if scheduled is not None else ctx.now().replace(second=0, microsecond=0)
        self.starts_at = DateTimeField(start)
        self.add_field("session.starts_at", _("Date and time"), self.starts_at)
        self.mode = QComboBox()
        fill_combo(
            self.mode,
            SessionMode.choices(),
            scheduled.mode if scheduled is not None else SessionMode.IN_PERSON,
        )
        self.add_field("session.mode", _("Mode"), self.mode)
        self.place = QLineEdit(scheduled.place if scheduled is not None else "")
        self.place.setPlaceholderText(_("Room, or the WeChat group's name"))
        self.add_field("session.place", _("Place"), self.place)
        self.attendees = QLineEdit(scheduled.attendees if scheduled is not None else "")
        self.add_field("session.attendees", _("Attendees"), self.attendees)
        self.notes = QPlainTextEdit(scheduled.notes if scheduled is not None else "")
        self.notes.setFixedHeight(80)
        self.add_field("session.notes", _("Notes"), self.notes)
        self.outcome = QPlainTextEdit(scheduled.outcome if scheduled is not None else "")
        self.outcome.setFixedHeight(60)
        self.add_field("session.outcome", _("Outcome"), self.outcome)
        self.schedule_only = QCheckBox(_("Only schedule it (it has not taken place yet)"))
        self.schedule_only.setChecked(schedule)
        self.schedule_only.setVisible(scheduled is None)
        self.form.addRow("", self.schedule_only)

    def values(self) -> SessionValues:
        data = SessionInput(
            starts_at=self.starts_at.value(),
            mode=SessionMode(self.mode.currentData()),
            place=self.place.text(),
            attendees=self.attendees.text(),
            notes=self.notes.toPlainText(),
            outcome=self.outcome.toPlainText(),
        )
        return SessionValues(
            data,
            self.schedule_only.isChecked() and self._scheduled is None,
            self._scheduled.id if self._scheduled is not None else None,
        )

    @classmethod
    def ask(
        cls,
        ctx: CaseContext,
        parent: QWidget | None,
        submit: Callable[[SessionValues], Any],
        *,
        scheduled: SessionRow | None = None,
        schedule: bool = False,
    ) -> SessionValues | None:
        return cls(ctx, parent, scheduled=scheduled, schedule=schedule).run(submit)
