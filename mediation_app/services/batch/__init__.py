"""Model mediation of a batch (示范调解): one company's batch of imported cases settled on the same
terms.

The centre settles one representative case, then offers the same terms to every similar owner of
the batch:

- :func:`~.preview.preview_batch` — each owner's claim, its recomputation and, under the terms,
  the concession and what is left to pay, side by side with totals; owners the terms cannot be
  offered to are refused with the reason, the others go on. Nothing is written.
- :func:`~.apply.apply_terms` — one proposal per open case, in one transaction, audited.
- :func:`~.printing.print_agreements` — the agreements of every owner who accepted, finalised and
  written one PDF each plus one combined print job.

The batches themselves (company, date, counts) are listed by :mod:`mediation_app.queries.batches`.
"""

from mediation_app.services.batch.apply import BatchApplied, RefusedCase, StoredProposal, apply_terms
from mediation_app.services.batch.preview import BatchCase, BatchPreview, BatchTotals, preview_batch
from mediation_app.services.batch.printing import (
    AgreementToPrint,
    PrintedAgreement,
    PrintJob,
    agreements_to_print,
    print_agreements,
)

__all__ = [
    "AgreementToPrint",
    "BatchApplied",
    "BatchCase",
    "BatchPreview",
    "BatchTotals",
    "PrintJob",
    "PrintedAgreement",
    "RefusedCase",
    "StoredProposal",
    "agreements_to_print",
    "apply_terms",
    "preview_batch",
    "print_agreements",
]
