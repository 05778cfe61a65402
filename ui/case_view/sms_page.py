"""SMS: compose a notice from a template, queue it, and see the status of every message of the case.

The template is filled by the SMS service with the case's data (the owner's name, the amount, the
session's time and place …) and only for a party who agreed to notices by SMS; the preview shows
the notice filled with the case's data, as it would be sent. The outbox sends the queued messages (the SMS
outbox page of the main window, or the scheduled dispatch); a message that failed every attempt
can be queued again here.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.enums import SmsStatus
from mediation_app.errors import MediationError
from mediation_app.i18n import N_, _
from mediation_app.security.permissions import Permission
from mediation_app.services.sms import OutboxRow
from mediation_app.workflow.sms import SmsTemplate, template_text
from ui.case_view.actions import ActionRunner, Availability, permission_availability
from ui.case_view.context import CaseContext
from ui.case_view.feedback import attempt
from ui.case_view.fees_page import table
from ui.case_view.inputs import DateTimeField, fill_combo
from ui.case_view.step_button import set_availability
from ui.models.rows_model import RowColumn, RowsTableModel
from ui.widgets.field_errors import ErrorLabel

STATUS_COLOURS = {SmsStatus.SENT: "#1b5e20", SmsStatus.RETRY: "#a15c00", SmsStatus.FAILED: "#b3261e"}


OUTBOX_COLUMNS: list[RowColumn[OutboxRow]] = [
    RowColumn(N_("Status"), lambda r: r.status.label, colour=lambda r: STATUS_COLOURS.get(r.status)),
    RowColumn(N_("Notice"), lambda r: r.template.label),
    RowColumn(N_("Recipient"), lambda r: f"{r.recipient_name} {r.phone}"),
    RowColumn(N_("Queued at"), lambda r: formatting.short_moment(r.created_at)),
    RowColumn(N_("Sent at"), lambda r: formatting.short_moment(r.sent_at)),
    RowColumn(N_("Attempts"), lambda r: str(r.attempts), align_right=True),
    RowColumn(N_("Last error"), lambda r: r.last_error),
    RowColumn(N_("Text"), lambda r: r.text),
]


class SmsPage(QWidget):
    def __init__(self, ctx: CaseContext, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sms")
        self.ctx = ctx
        self.runner = runner
        layout = QVBoxLayout(self)
        compose = QGroupBox(_("Compose from a template"), self)
        compose_layout = QHBoxLayout(compose)
        form = QFormLayout()
        self.template = QComboBox(compose)
        self.template.setObjectName("smsTemplate")
        fill_combo(self.template, SmsTemplate.choices())
        self.template.currentIndexChanged.connect(lambda _i: self._template_changed())
        form.addRow(_("Notice"), self.template)
        self.subject = QComboBox(compose)
        self.subject.setObjectName("smsSubject")
        self.subject_label = QLabel(_("Mediation session"), compose)
        form.addRow(self.subject_label, self.subject)
        self.subject.currentIndexChanged.connect(lambda _i: self._show_preview())
        self.recipients = QLabel(compose)
        self.recipients.setObjectName("smsRecipients")
        self.recipients.setWordWrap(True)
        form.addRow(_("Recipients"), self.recipients)
        later = QHBoxLayout()
        self.send_later = QCheckBox(_("Send at"), compose)
        self.send_at = DateTimeField(ctx.now() + dt.timedelta(hours=1), compose)
        self.send_at.setEnabled(False)
        self.send_later.toggled.connect(self.send_at.setEnabled)
        later.addWidget(self.send_later)
        later.addWidget(self.send_at, 1)
        form.addRow(_("When"), later)
        self.queue_button = QPushButton(_("Queue the SMS"), compose)
        self.queue_button.setObjectName("queueSms")
        self.queue_button.clicked.connect(lambda _c=False: self.queue())
        form.addRow("", self.queue_button)
        self.error = ErrorLabel(compose)
        self.error.setObjectName("smsError")
        form.addRow("", self.error)
        compose_layout.addLayout(form, 2)
        self.preview = QPlainTextEdit(compose)
        self.preview.setObjectName("smsPreview")
        self.preview.setReadOnly(True)
        compose_layout.addWidget(self.preview, 3)
        layout.addWidget(compose)
        messages = QGroupBox(_("Messages of this case"), self)
        messages_layout = QVBoxLayout(messages)
        self.model: RowsTableModel[OutboxRow] = RowsTableModel(OUTBOX_COLUMNS, self, text_tips=True)
        self.messages = table(self.model, messages, "caseOutbox")
        self.messages.selectionModel().selectionChanged.connect(lambda *_a: self._refresh_retry())
        messages_layout.addWidget(self.messages, 1)
        self.retry_button = QPushButton(_("Queue the failed message again"), messages)
        self.retry_button.setObjectName("retrySms")
        self.retry_button.clicked.connect(lambda _c=False: self.retry())
        messages_layout.addWidget(self.retry_button)
        layout.addWidget(messages, 1)
        self._owner_line = ""
        self._company_line = ""

    def load(self) -> None:
        data = self.ctx.case.sms.load()
        parties, agreement = data.parties, data.agreement
        self._sessions = data.scheduled_sessions
        self._instalments = (
            list(agreement.instalments) if agreement is not None and agreement.signed_on else []
        )
        self._owner_line = self._party_line(
            _("Owner"), parties.owner.name, parties.owner.phone, parties.owner.electronic_notice
        )
        company = parties.company
        self._company_line = self._party_line(
            _("Property company"),
            company.agent_name or company.name,
            company.agent_phone or company.phone,
            company.electronic_notice,
        )
        self.model.set_rows(data.messages)
        self._template_changed()
        self._refresh_retry()

    @staticmethod
    def _party_line(who: str, name: str, phone: str, accepted: bool) -> str:
        consent = (
            _("agreed to SMS notices") if accepted else _("has NOT agreed to SMS notices: deliver on paper")
        )
        return f"{who} {name} {phone} · {consent}"

    def _show_preview(self) -> None:
        """The notice as it would be sent: the template filled with this case's data."""
        template = SmsTemplate(self.template.currentData())
        subject = self.subject.currentData()
        if template is not SmsTemplate.PRE_MEDIATION_REMINDER and subject is None:
            self.preview.setPlainText(template_text(template))
            return
        try:
            text = self.ctx.case.sms.preview(template, subject)
        except MediationError as error:
            text = error.message
        self.preview.setPlainText(text)

    def _template_changed(self) -> None:
        template = SmsTemplate(self.template.currentData())
        items: list[tuple[str, object]] = []
        if template is SmsTemplate.SESSION_NOTICE:
            self.subject_label.setText(_("Mediation session"))
            items = [
                (f"{formatting.short_moment(s.starts_at)} {s.mode.label} {s.place}", s.id)
                for s in self._sessions
            ]
            self.recipients.setText(f"{self._owner_line}\n{self._company_line}")
        elif template is SmsTemplate.INSTALMENT_DUE:
            self.subject_label.setText(_("Instalment"))
            items = [
                (
                    _("No. {number}: {amount} due {date}").format(
                        number=i.seq, amount=formatting.money(i.amount), date=formatting.short_date(i.due_on)
                    ),
                    i.seq,
                )
                for i in self._instalments
            ]
            self.recipients.setText(self._owner_line)
        else:
            self.recipients.setText(self._owner_line)
        fill_combo(self.subject, items)
        needs_subject = template is not SmsTemplate.PRE_MEDIATION_REMINDER
        self.subject.setVisible(needs_subject)
        self.subject_label.setVisible(needs_subject)
        self._show_preview()
        self.error.set_messages([])
        state = permission_availability(self.ctx.actor, Permission.SEND_SMS)
        if state.enabled and needs_subject and self.subject.count() == 0:
            state = Availability(
                False,
                _("No scheduled session to announce.")
                if template is SmsTemplate.SESSION_NOTICE
                else _("No instalment of a signed agreement to remind."),
            )
        set_availability(self.queue_button, state)

    def queue(self) -> list[OutboxRow] | None:
        template = SmsTemplate(self.template.currentData())
        send_at = self.send_at.value() if self.send_later.isChecked() else None
        sms, subject = self.ctx.case.sms, self.subject.currentData()
        try:
            if template is SmsTemplate.PRE_MEDIATION_REMINDER:
                rows = self.ctx.save(lambda: sms.queue_pre_mediation_reminder(send_at))
            elif template is SmsTemplate.SESSION_NOTICE:
                rows = self.ctx.save(lambda: sms.queue_session_notice(int(subject), send_at))
            else:
                rows = self.ctx.save(lambda: sms.queue_instalment_reminder(int(subject), send_at))
        except MediationError as error:
            self.error.set_messages([error.message])
            return None
        return rows

    def selected(self) -> OutboxRow | None:
        index = self.messages.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _refresh_retry(self) -> None:
        state = permission_availability(self.ctx.actor, Permission.SEND_SMS)
        chosen = self.selected()
        if state.enabled and (chosen is None or chosen.status is not SmsStatus.FAILED):
            state = Availability(False, _("Select a message that failed every attempt."))
        set_availability(self.retry_button, state)

    def retry(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            sms = self.ctx.case.sms
            attempt(self.ctx, self, lambda: sms.queue_again(chosen.id))
