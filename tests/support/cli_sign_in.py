"""Running a writing command as a member of the demo centre's staff, signed in as a person would
(``--user NAME --password-stdin``): a shared PostgreSQL database always requires it."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence

from mediation_app.cli import main
from mediation_app.demo.places import DEMO_PASSWORD


def run_signed_in(argv: Sequence[str], user: str = "mediator.chen") -> int:
    """``mediation-app ARGV --user USER --password-stdin`` with the demo password on stdin."""
    saved = sys.stdin
    sys.stdin = io.StringIO(DEMO_PASSWORD + "\n")
    try:
        return main([*argv, "--user", user, "--password-stdin"])
    finally:
        sys.stdin = saved
