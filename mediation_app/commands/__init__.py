"""Sub-commands of ``mediation-app``: one module per command, each with ``register(subparsers)``.

A command module's ``register`` adds its parser and sets ``func`` to a function taking the parsed
arguments and returning the exit status. Commands print results on stdout and one clear line per
error on stderr; a :class:`mediation_app.errors.MediationError` becomes exit status 2.
"""
