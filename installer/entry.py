"""The bundle's entry point: ``mediation-app`` exactly as the installed command, plus hidden modes.

PyInstaller freezes this script. It runs :func:`mediation_app.cli.main` (the desktop client by
default, sub-commands for headless work), so the bundle behaves like ``pip install`` + the
``mediation-app`` console script. Before anything else it calls
:func:`multiprocessing.freeze_support`: the document batch (``reports/batch.py``) starts spawn
workers on Windows, and each of them is this executable again, which must become the worker
instead of opening a second client.

On Windows the client executable ``mediation-app.exe`` has no console (``mediation-app-cli.exe``
has one). Given a command, it looks for the console it was started from, or says in a message box
to use ``mediation-app-cli.exe`` (see :mod:`windowed`).

Two hidden options exist only in the bundle, never typed by people:

- ``mediation-app --bundle-smoke [--db URL | --report]``, for ``installer/smoke_test.py``: opens
  the main window offscreen and closes it, or reports what the bundle holds (see
  :mod:`bundle_smoke`);
- ``mediation-app --bench-probe URL``, for ``mediation-app bench``: the client probe that
  ``python -m ui.benchmark.client_probe`` runs outside the bundle (the bundle's executable is the
  app itself and knows no ``-m``).
"""

from __future__ import annotations

import multiprocessing
import sys

SMOKE_FLAG = "--bundle-smoke"
BENCH_PROBE_FLAG = "--bench-probe"  # ui.benchmark.figures.BUNDLE_PROBE_FLAG


def _main() -> int:
    argv = sys.argv[1:]
    if argv[:1] == [SMOKE_FLAG]:
        import bundle_smoke

        return bundle_smoke.run(argv[1:])
    if argv[:1] == [BENCH_PROBE_FLAG]:
        from ui.benchmark import client_probe

        return client_probe.main(argv[1:])
    import windowed

    refused = windowed.console_for_commands(argv)
    if refused is not None:
        return refused
    from mediation_app.cli import main

    return main()


if __name__ == "__main__":
    multiprocessing.freeze_support()  # first: a spawned worker must not get any further
    sys.exit(_main())
