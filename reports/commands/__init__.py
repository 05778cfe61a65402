"""Sub-commands of ``mediation-app`` that render PDFs (``print``, ``finalise``, ``report``).

They live in the outer ring because they need reportlab; ``mediation_app.cli`` lists them by dotted
path and loads them only when reportlab is installed. Each module has ``register(subparsers)``
like the core's commands (see :mod:`mediation_app.commands`).
"""
