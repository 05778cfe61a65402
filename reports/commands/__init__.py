"""Sub-commands of ``mediation-app`` that render PDFs (``print``, ``finalise``, ``report``).

They live in the outer ring because they need reportlab; each module has ``register(subparsers)``
like the core's commands (see :mod:`mediation_app.commands`) and is registered as an entry point in
``pyproject.toml``, so the core finds them without naming them.
"""
