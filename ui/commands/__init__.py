"""Sub-commands of ``mediation-app`` that the desktop client contributes: ``gui`` (the default when
no command is given), ``screenshots`` and ``bench``.

Each module has ``register(subparsers)`` like the core's commands (see
:mod:`mediation_app.commands`) and is registered as an entry point in ``pyproject.toml``. Nothing
here imports Qt at module level, so ``mediation-app --help`` lists them on a machine without
PySide6, and running one there says what is missing.
"""
