"""Link tables are written as objects of their own, so the rows they hold are sealed."""

from __future__ import annotations

import pytest

from mediation_app.storage import row_seals
from mediation_app.storage.models import Case


def test_the_co_owner_link_table_is_audited_and_read_only_through_the_case() -> None:
    assert row_seals.table_named("case_co_owner") is not None
    assert Case.co_owners.property.viewonly


def test_a_writable_relationship_through_an_audited_link_table_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Case.co_owners.property, "viewonly", False)
    row_seals.audited_tables.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"Case\.co_owners writes the audited table case_co_owner"):
            row_seals.audited_tables()
    finally:
        monkeypatch.undo()
        row_seals.audited_tables.cache_clear()
    assert row_seals.table_named("case_co_owner") is not None
