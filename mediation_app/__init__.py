"""物业纠纷调处 — the core of the property-dispute mediation client.

This package holds the domain, the arrears calculator, the workflow, the services and the
storage. It never imports PySide6, reportlab, ``ui`` or ``reports``: everything here runs
headless, on a machine with neither Qt nor reportlab installed.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mediation-app")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
