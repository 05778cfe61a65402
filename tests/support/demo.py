"""The small demo centre the client's tests open, at a fixed moment (so dates on screen are stable)."""

from __future__ import annotations

import datetime as dt

from mediation_app.clock import CHINA

DEMO_CASES = 40
NOW = dt.datetime(2026, 11, 27, 9, 30, tzinfo=CHINA)
