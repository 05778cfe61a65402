"""How a concluded case ended, read from its status and its road: a hand-over to litigation after
an agreement went unpaid is an agreement not performed, not a failed mediation; each ending has
the words a clerk writes."""

from __future__ import annotations

import pytest

from mediation_app.domain.enums import CaseStatus
from mediation_app.i18n import speaking
from mediation_app.workflow.actions import Action
from mediation_app.workflow.outcomes import SETTLED, Ending, Outcome, ending, outcome_label, outcome_of
from mediation_app.workflow.transitions import (
    CLOSED_STATUSES,
    CONCLUDED_STATUSES,
    RULES,
    allowed_moves,
    is_concluded,
)

S = CaseStatus


def test_every_concluded_status_and_every_road_into_litigation_has_an_outcome() -> None:
    assert outcome_of(S.PERFORMED) is Outcome.PERFORMED
    assert outcome_of(S.NOT_PERFORMED) is Outcome.NOT_PERFORMED
    assert outcome_of(S.WITHDRAWN) is Outcome.WITHDRAWN
    assert outcome_of(S.NOT_ACCEPTED) is Outcome.NOT_ACCEPTED
    into_litigation = RULES[Action.FAIL_TO_LITIGATION].sources
    expected = {
        S.NOT_PERFORMED: Outcome.NOT_PERFORMED,
        S.CONFIRMATION_REJECTED: Outcome.CONFIRMATION_REJECTED,
        S.AWAITING_CONSENT: Outcome.FAILED,
        S.IN_MEDIATION: Outcome.FAILED,
        S.AGREEMENT_REACHED: Outcome.FAILED,  # an agreement never signed took no effect
    }
    assert set(expected) == set(into_litigation)
    for left, outcome in expected.items():
        assert outcome_of(S.FAILED_TO_LITIGATION, left) is outcome, left
    assert outcome_of(S.FAILED_TO_LITIGATION) is Outcome.FAILED  # a road not on record
    assert {Outcome.PERFORMED, Outcome.NOT_PERFORMED} == SETTLED


@pytest.mark.parametrize("status", sorted(set(S) - CONCLUDED_STATUSES))
def test_a_case_that_has_not_concluded_has_no_outcome(status: CaseStatus) -> None:
    with pytest.raises(ValueError, match=status.value):
        outcome_of(status)


def test_not_performed_concludes_the_case_but_can_still_move_on() -> None:
    assert CLOSED_STATUSES | {S.NOT_PERFORMED} == CONCLUDED_STATUSES
    assert is_concluded(S.NOT_PERFORMED) and not is_concluded(S.CONFIRMATION_REJECTED)
    assert set(allowed_moves(S.NOT_PERFORMED)) == {Action.COMPLETE_PERFORMANCE, Action.FAIL_TO_LITIGATION}


def test_each_ending_reads_as_a_clerk_writes_it() -> None:
    with speaking("zh_CN"):
        words = {
            ending(S.PERFORMED): "调解成功，协议已履行完毕",
            ending(S.FAILED_TO_LITIGATION, S.NOT_PERFORMED): "协议未履行，转诉讼",
            ending(S.NOT_PERFORMED, confirmed=True): "协议未履行，协议已经司法确认，可申请强制执行",
            ending(S.NOT_PERFORMED): "协议未履行",
            ending(S.FAILED_TO_LITIGATION, S.CONFIRMATION_REJECTED): "司法确认申请被驳回，转诉讼",
            ending(S.FAILED_TO_LITIGATION, S.IN_MEDIATION): "调解不成，转诉讼",
            ending(S.FAILED_TO_LITIGATION, S.AGREEMENT_REACHED): "调解不成，转诉讼",
            ending(S.WITHDRAWN): "申请人撤回调解申请",
            ending(S.NOT_ACCEPTED): "不予受理",
        }
        for case_ending, expected in words.items():
            assert case_ending.wording() == expected
        labels = [outcome_label(outcome) for outcome in Outcome]
        assert labels == ["履行完毕", "协议未履行", "确认被驳回", "调解不成", "撤回", "不予受理"]
    assert ending(S.FAILED_TO_LITIGATION, S.NOT_PERFORMED) == Ending(Outcome.NOT_PERFORMED, litigation=True)
    assert ending(S.FAILED_TO_LITIGATION, S.NOT_PERFORMED).settled
    assert not ending(S.FAILED_TO_LITIGATION, S.CONFIRMATION_REJECTED).settled
