"""The SMS outbox's view model: the messages (newest first), queueing a failed one again, and
handing the due ones to the SMS platform as import files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mediation_app.adapters.sms_gateways import ExportSender
from mediation_app.domain.enums import SmsStatus
from mediation_app.services.sms import DispatchReport, OutboxRow, dispatch, outbox, retry_failed
from ui.viewmodels.workspace import Workspace


@dataclass(frozen=True)
class Handover:
    """What "Send due messages" did: the outcome counts and the files written for the platform."""

    report: DispatchReport
    files: list[Path]


class SmsOutboxViewModel:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def messages(self, statuses: Iterable[SmsStatus] = (), *, limit: int | None = None) -> list[OutboxRow]:
        with self.workspace.db.read() as session:
            return outbox(session, statuses=statuses, limit=limit)

    def queue_again(self, message_id: int) -> OutboxRow:
        """A message that failed every attempt goes back into the queue."""
        with self.workspace.db.unit_of_work(self.workspace.actor) as uow:
            return retry_failed(uow, message_id)

    def send_due(self, folder: Path) -> Handover:
        """The due messages as CSV and XLSX files in ``folder`` for the platform's bulk import
        (long: the page runs it off the GUI thread)."""
        sender = ExportSender(folder, self.workspace.now())
        report = dispatch(self.workspace.db, self.workspace.actor, sender)
        return Handover(report, sender.files)
