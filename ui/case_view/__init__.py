"""The single-case view: a header with where the case stands and what can be done, and a page for
each side of the case (parties, fees, settlement, mediation, evidence, agreement and performance,
documents, SMS). :class:`ui.case_view.case_view.CaseView` is what the main window shows."""
