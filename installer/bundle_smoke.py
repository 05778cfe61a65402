"""The bundle's smoke mode: does the frozen app open its main window?

Run by ``installer/smoke_test.py`` as ``mediation-app --bundle-smoke --db URL`` (see
``entry.py``). Inside the frozen bundle it opens the desktop client on ``URL`` the way
``mediation-app`` does (``ui.app.run``), reports the visible top-level windows as soon as the
event loop runs (``SMOKE windows: …``), and lets the client close itself after a moment. A dialog
that waits for a person (sign-in, an error) is dismissed, so the test fails instead of hanging;
a hang of any other kind prints every thread's stack and ends the process.

Exit status 0 only when the main window was shown and the client exited 0. (The agreement PDF is
the ``print`` command's part of the smoke test.)

``mediation-app --bundle-smoke --report`` instead prints, one ``SMOKE`` line each, what the
frozen interpreter and the bundle hold: UTF-8 mode and the encoding of its output, whether
reportlab's functions come from its C accelerator ``_rl_accel`` (imported through ``exec``, so
PyInstaller cannot see it), and whether the test-only ``cn2an`` was left out. Exit status 0 when
all of that is as it should be.
"""

from __future__ import annotations

import argparse
import faulthandler
import importlib.util
import sys

MAIN_WINDOW = "MainWindow"
NOT_BUNDLED = ("cn2an", "proces", "pytest", "hypothesis")  # test tools that must stay out


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="mediation-app --bundle-smoke")
    parser.add_argument("--db", default=None)
    parser.add_argument("--quit-after-ms", type=int, default=400)
    parser.add_argument("--hang-seconds", type=int, default=120, help="dump the stacks and exit after this")
    parser.add_argument("--report", action="store_true", help="report the interpreter and the modules")
    args = parser.parse_args(argv)
    if args.report:
        return 0 if report() else 1
    # Nobody watches a smoke test: a hang prints where every thread is and ends the process
    # (faulthandler writes to stderr, which the windowed Windows executable does not have).
    if sys.stderr is not None:
        faulthandler.dump_traceback_later(args.hang_seconds, exit=True)
    return 0 if _gui(args.db, args.quit_after_ms) else 1


def report() -> bool:
    """Print the facts the smoke test checks; True when they are as the bundle promises."""
    from reportlab.lib import rl_accel

    utf8 = sys.flags.utf8_mode == 1
    print(f"SMOKE utf8_mode: {sys.flags.utf8_mode}", flush=True)
    print(f"SMOKE stdout encoding: {getattr(sys.stdout, 'encoding', None)}", flush=True)
    accelerated = sorted(rl_accel._c_funcs)
    print(f"SMOKE _rl_accel: {len(accelerated)} of {len(rl_accel.__all__)} functions in C", flush=True)
    present = [name for name in NOT_BUNDLED if importlib.util.find_spec(name) is not None]
    print(f"SMOKE test tools bundled: {', '.join(present) or 'none'}", flush=True)
    return utf8 and len(accelerated) == len(rl_accel.__all__) and not present


def _gui(db_url: str | None, quit_after_ms: int) -> list[str] | None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    from ui.app import create_application
    from ui.app import run as run_client

    create_application()  # the timer below needs the application; run() reuses this one
    seen: list[str] = []

    def report() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        seen.extend(type(w).__name__ for w in windows)
        listed = ", ".join(f"{type(w).__name__}[{w.windowTitle()}]" for w in windows)
        print(f"SMOKE windows: {listed}", flush=True)
        if MAIN_WINDOW not in seen:
            # A dialog (sign-in, an error) waits for a person who is not there: dismiss it, so
            # the smoke test fails at once instead of hanging.
            for window in windows:
                if isinstance(window, QDialog):
                    window.reject()

    QTimer.singleShot(0, report)
    status = run_client(db_url=db_url, language=None, quit_after_ms=quit_after_ms)
    print(f"SMOKE client exit: {status}", flush=True)
    if status != 0 or MAIN_WINDOW not in seen:
        return None
    return seen
