"""The GUI half of ``mediation-app bench``: start the client on a database and report, as JSON lines.

    python -m ui.benchmark.client_probe URL [--searches 林某,陈某,黄某]
    python -m ui.benchmark.client_probe --floor

Run as a fresh process by :mod:`ui.benchmark.figures`, which times the process from its start to
the ``ready`` line (the window shown with the first rows of the case list drawn). Then, in the same
process, each search is typed as the last keystroke would leave it (the search box's text set at
once) and timed until the list shows its results (the debounce, the query and the repaint); last
comes the process's peak memory.

With ``--floor`` it measures what start-up cannot go below on this machine: the same libraries
imported (Qt's widgets, SQLAlchemy's ORM, babel's formats), a main window with a 50-row table
shown and drawn, then ``ready``; ``figures`` times it from the process's start in the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")


def peak_rss_mb() -> float | None:
    """The process's peak resident memory in MB (Linux /proc, else getrusage), or None."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    try:
        import resource
    except ImportError:
        return None
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


FLOOR_ROWS = 50
# The libraries the client cannot start without, besides Qt's widgets.
FLOOR_LIBRARIES = ("sqlalchemy.orm", "babel.dates", "babel.numbers", "babel.support", "babel.lists")


def floor_window() -> int:
    """The floor of start-up: the client's libraries and an empty window with a 50-row table."""
    import importlib

    from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

    for library in FLOOR_LIBRARIES:  # loaded for their cost only: the floor reads no database
        importlib.import_module(library)

    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    table = QTableWidget(FLOOR_ROWS, 10, window)
    for row in range(FLOOR_ROWS):
        for column in range(10):
            table.setItem(row, column, QTableWidgetItem(f"{row}-{column}"))
    window.setCentralWidget(table)
    window.resize(1280, 800)
    window.show()
    table.viewport().repaint()
    app.processEvents()
    print(json.dumps({"ready": FLOOR_ROWS}), flush=True)
    window.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("url", nargs="?")
    parser.add_argument("--floor", action="store_true", help="measure the floor window instead")
    parser.add_argument("--searches", default="林某,陈某,黄某,张某,吴某")
    parser.add_argument("--language", default="zh_CN")
    args = parser.parse_args(argv)
    if args.floor:
        return floor_window()
    if not args.url:
        parser.error("the database URL is needed")

    from PySide6.QtCore import QCoreApplication

    from mediation_app.backup.startup import open_for_app
    from mediation_app.i18n import set_language
    from mediation_app.services.accounts import local_actor
    from ui.app import create_application, open_main_window, settings
    from ui.viewmodels.workspace import Workspace

    app = create_application()
    set_language(args.language)
    db = open_for_app(args.url)
    tool = replace(local_actor(), without_sign_in=False)  # a tool measuring, not a person
    window = open_main_window(Workspace(db, tool), settings())
    model = window.case_list.model
    if not (model.rowCount() > 0 and model.data(model.index(0, 0))):
        print(json.dumps({"error": "the case list is empty"}), flush=True)
        return 1
    window.case_list.table.viewport().repaint()
    app.processEvents()
    print(json.dumps({"ready": model.rowCount()}), flush=True)

    timings = []
    for words in [w for w in args.searches.split(",") if w]:
        done: list[float] = []

        def shown(done: list[float] = done) -> None:
            done.append(time.perf_counter())

        model.modelReset.connect(shown)
        started = time.perf_counter()
        window.case_list.search.setText(words)  # what the last keystroke leaves in the box
        while not done:
            app.processEvents()
            time.sleep(0.0005)
        model.data(model.index(0, 0))  # the first block of rows is read for display
        window.case_list.table.viewport().repaint()
        timings.append((time.perf_counter() - started) * 1000)
        model.modelReset.disconnect(shown)
        model.wait_until_complete()  # the count, read in the background, before the next search
        window.case_list.search.clear()
        app.processEvents()
        while window.case_list._timer.isActive():
            app.processEvents()
            time.sleep(0.0005)
        app.processEvents()
        model.wait_until_complete()
    print(
        json.dumps(
            {
                "search_ms": [round(t, 1) for t in timings],
                "search_median_ms": round(statistics.median(timings), 1) if timings else None,
                "rss_mb": peak_rss_mb(),
            }
        ),
        flush=True,
    )
    model.wait_until_complete()
    window.close()
    db.dispose()
    QCoreApplication.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
