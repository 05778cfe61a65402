"""The bundle's entry point: ``mediation-app`` exactly as the installed command, plus a smoke mode.

PyInstaller freezes this script. It runs :func:`mediation_app.cli.main` (the desktop client by
default, sub-commands for headless work), so the bundle behaves like ``pip install`` + the
``mediation-app`` console script.

One hidden option exists only in the bundle, for ``installer/smoke_test.py``:
``mediation-app --bundle-smoke [--db URL]`` opens the main window offscreen, reports the visible
windows, closes it, and exits 0 when the main window was shown (see :mod:`bundle_smoke`). It is
not part of the command line people use.
"""

from __future__ import annotations

import sys

SMOKE_FLAG = "--bundle-smoke"


def _main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == SMOKE_FLAG:
        import bundle_smoke

        return bundle_smoke.run(sys.argv[2:])
    from mediation_app.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(_main())
