"""The arrears statement prints a bill of a quarter or another range of days with its days."""

from __future__ import annotations

import dataclasses
import datetime as dt

from mediation_app import formatting
from reports import statement
from tests.support import pdfcheck
from tests.support import sample_case as case


def test_a_bill_for_a_range_of_days_prints_its_first_and_last_day() -> None:
    data = case.statement()
    quarter = dataclasses.replace(data.utilities[0], period="2017-08-01..2017-10-31")
    pdf = statement.render(dataclasses.replace(data, utilities=(quarter, *data.utilities[1:])))
    shown = formatting.period(dt.date(2017, 8, 1), dt.date(2017, 10, 31))
    assert pdfcheck.squeeze(shown) in pdfcheck.flat_text(pdf)
