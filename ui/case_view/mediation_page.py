"""Mediation: the consents, the mediation period and its extensions, the path of tracks (四调衔接)
and levels (三级联动), the sessions, and the case's whole timeline; with the steps of mediation
(consent, start, sessions, extension, transfer, referral, another mediator) as buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.enums import label
from mediation_app.i18n import N_, _
from mediation_app.security.permissions import Permission
from mediation_app.services.cases.consents import ConsentRow
from mediation_app.services.cases.sessions import SessionRow
from mediation_app.workflow.actions import Action
from mediation_app.workflow.consent import ConsentMethod, ConsentPurpose
from mediation_app.workflow.timeline import TimelineEntry
from ui.case_view.actions import ActionRunner, Availability, permission_availability
from ui.case_view.context import CaseContext
from ui.case_view.correction_dialog import Correctable, CorrectionMenu
from ui.case_view.facts import fact_labels
from ui.case_view.feedback import attempt
from ui.case_view.fees_page import table
from ui.case_view.step_button import StepsBox, set_availability
from ui.models.rows_model import RowColumn, RowsTableModel

SESSION_COLUMNS: list[RowColumn[SessionRow]] = [
    RowColumn(N_("When"), lambda r: formatting.short_moment(r.starts_at)),
    RowColumn(N_("Mode"), lambda r: r.mode.label),
    RowColumn(N_("Place"), lambda r: r.place),
    RowColumn(N_("Attendees"), lambda r: r.attendees),
    RowColumn(N_("Outcome"), lambda r: r.outcome or r.notes or _("(scheduled)")),
]
TIMELINE_COLUMNS: list[RowColumn[TimelineEntry]] = [
    RowColumn(N_("When"), lambda e: formatting.short_moment(e.at)),
    RowColumn(N_("What happened"), lambda e: e.description),
    RowColumn(N_("By"), lambda e: e.event.by or ""),
    RowColumn(N_("Reason"), lambda e: e.event.reason or ""),
]

STEPS = (
    Action.RECORD_CONSENT,
    Action.START_MEDIATION,
    Action.RECORD_SESSION,
    Action.EXTEND_PERIOD,
    Action.TRANSFER_TRACK,
    Action.REFER_LEVEL,
    Action.ASSIGN_MEDIATOR,
)


def consent_text(row: ConsentRow | None) -> str:
    if row is None:
        return _("Not yet")
    return _("{method}, {date}").format(method=row.method.label, date=formatting.date(row.given_on))


class MediationPage(QWidget):
    def __init__(self, ctx: CaseContext, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mediation")
        self.ctx = ctx
        self.runner = runner
        self.session_rows: list[SessionRow] = []
        self.consent_rows: list[ConsentRow] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        state = QGroupBox(_("Where mediation stands"), self)
        self.info = fact_labels(
            QFormLayout(state),
            state,
            (
                ("owner_consent", _("Owner's consent")),
                ("company_consent", _("Company's consent")),
                ("period", _("Mediation period")),
                ("extensions", _("Extensions")),
                ("tracks", _("Kinds of mediation")),
                ("levels", _("Levels")),
            ),
            "mediation",
        )
        top.addWidget(state, 3)
        steps = StepsBox(runner, STEPS, self)
        self.step_buttons = steps.buttons
        self.schedule_button = QPushButton(_("Schedule a session…"), steps)
        self.schedule_button.setObjectName("scheduleSession")
        self.schedule_button.clicked.connect(lambda _c=False: self.runner.record_session(schedule=True))
        steps.add(self.schedule_button)
        top.addWidget(steps, 2)
        layout.addLayout(top)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        layout.addWidget(splitter, 1)
        sessions_box = QGroupBox(_("Mediation sessions"), splitter)
        sessions_layout = QVBoxLayout(sessions_box)
        self.session_model: RowsTableModel[SessionRow] = RowsTableModel(SESSION_COLUMNS, self, text_tips=True)
        self.sessions = table(self.session_model, sessions_box, "sessionTable")
        self.sessions.selectionModel().selectionChanged.connect(lambda *_a: self._refresh_session_buttons())
        sessions_layout.addWidget(self.sessions, 1)
        row = QHBoxLayout()
        self.held_button = QPushButton(_("Record the selected session as held…"), sessions_box)
        self.held_button.setObjectName("sessionHeld")
        self.held_button.clicked.connect(self.record_selected)
        self.notice_button = QPushButton(_("Send its notice by SMS"), sessions_box)
        self.notice_button.setObjectName("sessionNotice")
        self.notice_button.clicked.connect(self.send_notice)
        row.addWidget(self.held_button)
        row.addWidget(self.notice_button)
        self.correct_button = CorrectionMenu(
            ctx, self.correctable, sessions_box, text=_("Correct…"), needs=Permission.CORRECT_RECORD
        )
        self.correct_button.setObjectName("correctMediation")
        self.correct_button.setToolTip(_("Correct the selected session or a party's consent"))
        self.sessions.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.sessions.customContextMenuRequested.connect(self._context_menu)
        row.addWidget(self.correct_button)
        row.addStretch(1)
        sessions_layout.addLayout(row)
        timeline_box = QGroupBox(_("Timeline"), splitter)
        timeline_layout = QVBoxLayout(timeline_box)
        self.timeline_model: RowsTableModel[TimelineEntry] = RowsTableModel(
            TIMELINE_COLUMNS, self, text_tips=True
        )
        self.timeline = table(self.timeline_model, timeline_box, "timelineTable")
        timeline_layout.addWidget(self.timeline)
        splitter.addWidget(sessions_box)
        splitter.addWidget(timeline_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)

    def load(self) -> None:
        detail = self.ctx.detail
        assert detail is not None
        data = self.ctx.case.mediation.load()
        timeline = data.timeline
        self.session_rows = data.sessions
        self.consent_rows = data.consents
        self.session_model.set_rows(data.sessions)
        self.timeline_model.set_rows(timeline.entries)
        self.info["owner_consent"].setText(consent_text(detail.consent.owner))
        self.info["company_consent"].setText(consent_text(detail.consent.company))
        if detail.mediation_start and detail.mediation_deadline:
            self.info["period"].setText(
                _("{start} to {end}").format(
                    start=formatting.date(detail.mediation_start),
                    end=formatting.date(detail.mediation_deadline),
                )
            )
        else:
            self.info["period"].setText(_("Not started"))
        extension_consents = [
            f"{c.party.label} {c.method.label} {formatting.short_date(c.given_on)}"
            for c in data.consents
            if c.purpose is ConsentPurpose.EXTENSION
        ]
        text = (
            _("{count} extensions, {days} days in all").format(
                count=detail.extensions, days=detail.extended_days
            )
            if detail.extensions
            else _("None")
        )
        self.info["extensions"].setText(text)
        self.info["extensions"].setToolTip("\n".join(extension_consents))
        self.info["tracks"].setText(" → ".join(label(t) for t in timeline.tracks()) or label(detail.track))
        self.info["levels"].setText(
            " → ".join(label(v) for v in timeline.levels()) or label(detail.organisation.level)
        )
        for button in self.step_buttons:
            button.refresh()
        self.schedule_button.setEnabled(self.step_buttons[STEPS.index(Action.RECORD_SESSION)].isEnabled())
        self.schedule_button.setToolTip(self.step_buttons[STEPS.index(Action.RECORD_SESSION)].toolTip())
        self._refresh_session_buttons()
        self.correct_button.refresh()

    def correctable(self) -> list[Correctable]:
        """The selected session's notes, and each party's consent to mediation."""
        fix = self.ctx.case.corrections
        items: list[Correctable] = []
        chosen = self.selected_session()

        def session(sid: int, field: str) -> Callable[[str, str], object]:
            return lambda value, reason: fix.session(sid, field, value, reason)

        def consent(cid: int, field: str) -> Callable[[str, str], object]:
            return lambda value, reason: fix.consent(cid, field, value, reason)

        if chosen is not None:
            for field, current in (
                ("outcome", chosen.outcome),
                ("notes", chosen.notes),
                ("attendees", chosen.attendees),
                ("place", chosen.place),
            ):
                items.append(Correctable(f"session.{field}", current, session(chosen.id, field)))
        methods = tuple((m.value, m.label) for m in ConsentMethod)
        for row in self.consent_rows:
            if row.purpose is not ConsentPurpose.MEDIATION:
                continue
            who = row.party.label
            items += [
                Correctable(
                    "consent.method", row.method.label, consent(row.id, "method"), choices=methods, title=who
                ),
                Correctable(
                    "consent.given_on", row.given_on.isoformat(), consent(row.id, "given_on"), title=who
                ),
            ]
        return items

    def _context_menu(self, point: QPoint) -> None:
        self.correct_button.menu_.popup(self.sessions.viewport().mapToGlobal(point))

    def selected_session(self) -> SessionRow | None:
        index = self.sessions.currentIndex()
        return self.session_model.row_at(index.row()) if index.isValid() else None

    def _refresh_session_buttons(self) -> None:
        chosen = self.selected_session()
        held = self.runner.availability(Action.RECORD_SESSION)
        if held.enabled and (chosen is None or chosen.held):
            held = Availability(False, _("Select a scheduled session that has not been recorded yet."))
        set_availability(self.held_button, held)
        sms = permission_availability(self.ctx.actor, Permission.SEND_SMS)
        if sms.enabled and (chosen is None or chosen.held):
            sms = Availability(False, _("Select a scheduled session to send its notice."))
        set_availability(self.notice_button, sms)

    def record_selected(self) -> None:
        chosen = self.selected_session()
        if chosen is not None:
            self.runner.record_session(chosen)

    def send_notice(self) -> None:
        chosen = self.selected_session()
        if chosen is not None:
            mediation = self.ctx.case.mediation
            attempt(self.ctx, self, lambda: mediation.send_session_notice(chosen.id))
