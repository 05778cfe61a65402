"""Batch intake from a company's spreadsheet (.xlsx or .csv): preview first, then one transaction.

A property company brings a list of dozens or hundreds of owners in arrears. The centre:

1. downloads the template for the company (:func:`write_template`), or takes the company's own
   file as it is (columns are recognised by their Chinese or English names, see :mod:`.columns`);
2. previews it (:func:`preview`): every row is checked by the intake dialog's own validators, and
   against the rest of the file and the database; each problem is reported with its cell
   ("C7 身份证号: …"). Nothing is written;
3. confirms (:func:`commit_import`): all valid rows become cases in one transaction, grouped in a
   batch of the company, each audited like a case typed in by hand, plus one event for the batch.
   Rows with errors are left out; the company corrects them and sends them again.

Decision on unknown communities: by default a community the centre has not registered makes its
rows errors, because communities carry the handling organisation and a misspelt name would
otherwise become a second community. The user may tick "create missing communities"
(:attr:`ImportOptions.create_communities`); they are then created with the import, served by the
importing company and handled by the chosen organisation (else the district centre).
"""

from mediation_app.batch_import.commit import ImportResult, commit_import
from mediation_app.batch_import.model import (
    ImportIssue,
    ImportOptions,
    ImportPreview,
    ImportRow,
    Severity,
    SheetColumn,
)
from mediation_app.batch_import.preview import preview
from mediation_app.batch_import.reader import ImportFileError
from mediation_app.batch_import.template import write_template

__all__ = [
    "ImportFileError",
    "ImportIssue",
    "ImportOptions",
    "ImportPreview",
    "ImportResult",
    "ImportRow",
    "Severity",
    "SheetColumn",
    "commit_import",
    "preview",
    "write_template",
]
