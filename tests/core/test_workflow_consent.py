"""Consent: mediation and extensions need both parties, and the refusal names who is missing."""

from __future__ import annotations

import pytest

from mediation_app.errors import WorkflowError
from mediation_app.i18n import set_language
from mediation_app.workflow.consent import ConsentMethod, ConsentPurpose, require_both_consents


@pytest.mark.parametrize(
    ("owner", "company", "named"),
    [
        (False, True, ["owner"]),
        (True, False, ["property company"]),
        (False, False, ["owner", "property company"]),
    ],
)
@pytest.mark.parametrize("purpose", list(ConsentPurpose))
def test_a_missing_consent_is_named(
    owner: bool, company: bool, named: list[str], purpose: ConsentPurpose
) -> None:
    set_language("en")
    with pytest.raises(WorkflowError) as refused:
        require_both_consents(owner, company, purpose)
    for who in named:
        assert who in refused.value.message
    assert ("extended" in refused.value.message) == (purpose is ConsentPurpose.EXTENSION)


def test_both_consents_let_the_step_through() -> None:
    require_both_consents(True, True)
    require_both_consents(True, True, ConsentPurpose.EXTENSION)


def test_every_method_has_a_label() -> None:
    set_language("en")
    assert [m.label for m in ConsentMethod] == ["Signed form", "SMS reply", "By phone", "In person"]
