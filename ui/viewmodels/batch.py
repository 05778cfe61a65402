"""The Batch page's view model: the batches, a batch previewed under terms, the terms applied, and
the accepted agreements printed — each through the batch services (:mod:`mediation_app.services.batch`)
and the batch list's read model (:mod:`mediation_app.queries.batches`).

Preview, apply and print are long: the page runs them off the GUI thread and passes ``progress``
(which raises when the user cancels: a cancelled preview or apply writes nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mediation_app.fees import Discount
from mediation_app.queries.batches import BatchRow, batch_list
from mediation_app.services.batch import (
    AgreementToPrint,
    BatchApplied,
    BatchPreview,
    PrintJob,
    agreements_to_print,
    apply_terms,
    preview_batch,
    print_agreements,
)
from mediation_app.services.batch.preview import Progress
from reports import registry
from reports.batch import combine, render_documents
from ui.viewmodels.workspace import Workspace


class BatchViewModel:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def batches(self) -> list[BatchRow]:
        with self.workspace.db.read() as session:
            return batch_list(session)

    def preview(
        self, batch_id: int, discounts: Sequence[Discount], progress: Progress | None = None
    ) -> BatchPreview:
        workspace = self.workspace
        with workspace.db.read() as session:
            return preview_batch(
                session, batch_id, workspace.actor, workspace.today(), discounts, progress=progress
            )

    def apply(
        self, batch_id: int, discounts: Sequence[Discount], name: str, progress: Progress | None = None
    ) -> BatchApplied:
        with self.workspace.db.unit_of_work(self.workspace.actor) as uow:
            return apply_terms(uow, batch_id, discounts, name=name, progress=progress)

    def to_print(self, batch_id: int) -> tuple[AgreementToPrint, ...]:
        return agreements_to_print(self.workspace.db, batch_id)

    def print_agreements(self, batch_id: int, folder: Path, progress: Progress | None = None) -> PrintJob:
        workspace = self.workspace
        return print_agreements(
            workspace.db,
            workspace.actor,
            batch_id,
            folder,
            registry.render,
            combine,
            render_many=render_documents,
            progress=progress,
        )
