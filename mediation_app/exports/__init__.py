"""Exports to XLSX for people who still live in Excel: the case list and the monthly statistics.

* :mod:`.sheet` — safe cells (text never becomes a formula), the header block, atomic saving;
* :mod:`.case_list` — :func:`export_case_list`: the case list with the filters in force, ID
  numbers and phones as the exporter's role allows;
* :mod:`.monthly` — :func:`export_monthly_statistics`: the figures of
  :func:`mediation_app.queries.statistics.monthly_statistics`.

Every export states in its first rows what it contains, the filters, whether identities are
masked, who exported it and when, and is recorded in the audit trail.
"""

from mediation_app.exports.case_list import ExportSummary, describe_filters, export_case_list
from mediation_app.exports.monthly import export_monthly_statistics

__all__ = ["ExportSummary", "describe_filters", "export_case_list", "export_monthly_statistics"]
