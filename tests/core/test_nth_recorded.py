"""Choosing the record a numbered document is made from (a session's, a follow-up visit's)."""

from __future__ import annotations

import pytest

from mediation_app.errors import WorkflowError
from mediation_app.services.documents.builders.common import nth_recorded

NONE_YET = "no visit has been recorded for this case yet."
NO_SUCH = "this case has {count} recorded visits; there is no visit {number}."


def test_the_latest_when_no_number_is_given_else_the_numbered_one() -> None:
    assert nth_recorded(["a", "b", "c"], None, "Record", NONE_YET, NO_SUCH) == (3, "c")
    assert nth_recorded(["a", "b", "c"], 1, "Record", NONE_YET, NO_SUCH) == (1, "a")


@pytest.mark.parametrize(
    ("records", "number", "reason"),
    [
        ([], None, NONE_YET),
        (["a", "b"], 3, "this case has 2 recorded visits; there is no visit 3."),
        (["a", "b"], 0, "this case has 2 recorded visits; there is no visit 0."),
    ],
)
@pytest.mark.usefixtures("english")
def test_a_missing_record_is_refused_naming_the_document(
    records: list[str], number: int | None, reason: str
) -> None:
    with pytest.raises(WorkflowError) as refused:
        nth_recorded(records, number, "Record", NONE_YET, NO_SUCH)
    assert refused.value.message == f"The Record cannot be made: {reason}"
