"""The case state machine: every (status, action) pair against a table written out by hand."""

from __future__ import annotations

import itertools
from collections import deque

import pytest

from mediation_app.domain.enums import CaseStatus, label
from mediation_app.errors import ValidationError, WorkflowError
from mediation_app.i18n import set_language
from mediation_app.workflow.actions import Action
from mediation_app.workflow.transitions import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    allowed_actions,
    allowed_moves,
    check,
    explain_forbidden,
    is_allowed,
    needs_reason,
    target,
    transition,
)

S = CaseStatus
A = Action

# status -> {action: status afterwards}; an action absent from a row is forbidden there.
EXPECTED: dict[CaseStatus, dict[Action, CaseStatus]] = {
    S.INTAKE: {
        A.ACCEPT: S.AWAITING_CONSENT,
        A.REFUSE: S.NOT_ACCEPTED,
        A.RECORD_CONSENT: S.INTAKE,
        A.TRANSFER_TRACK: S.INTAKE,
        A.REFER_LEVEL: S.INTAKE,
        A.WITHDRAW: S.WITHDRAWN,
    },
    S.AWAITING_CONSENT: {
        A.RECORD_CONSENT: S.AWAITING_CONSENT,
        A.START_MEDIATION: S.IN_MEDIATION,
        A.ASSIGN_MEDIATOR: S.AWAITING_CONSENT,
        A.TRANSFER_TRACK: S.AWAITING_CONSENT,
        A.REFER_LEVEL: S.AWAITING_CONSENT,
        A.FAIL_TO_LITIGATION: S.FAILED_TO_LITIGATION,
        A.WITHDRAW: S.WITHDRAWN,
    },
    S.IN_MEDIATION: {
        A.ASSIGN_MEDIATOR: S.IN_MEDIATION,
        A.EXTEND_PERIOD: S.IN_MEDIATION,
        A.RECORD_SESSION: S.IN_MEDIATION,
        A.TRANSFER_TRACK: S.IN_MEDIATION,
        A.REFER_LEVEL: S.IN_MEDIATION,
        A.REACH_AGREEMENT: S.AGREEMENT_REACHED,
        A.FAIL_TO_LITIGATION: S.FAILED_TO_LITIGATION,
        A.WITHDRAW: S.WITHDRAWN,
    },
    S.AGREEMENT_REACHED: {
        A.ASSIGN_MEDIATOR: S.AGREEMENT_REACHED,
        A.RECORD_SESSION: S.AGREEMENT_REACHED,
        A.TRANSFER_TRACK: S.AGREEMENT_REACHED,
        A.REFER_LEVEL: S.AGREEMENT_REACHED,
        A.RESUME_MEDIATION: S.IN_MEDIATION,
        A.SIGN: S.SIGNED,
        A.FAIL_TO_LITIGATION: S.FAILED_TO_LITIGATION,
        A.WITHDRAW: S.WITHDRAWN,
    },
    S.SIGNED: {
        A.APPLY_CONFIRMATION: S.CONFIRMATION_APPLIED,
        A.START_PERFORMANCE: S.PERFORMING,
        A.RECORD_PAYMENT: S.SIGNED,
        A.RECORD_FOLLOW_UP: S.SIGNED,
        A.COMPLETE_PERFORMANCE: S.PERFORMED,
        A.RECORD_NON_PERFORMANCE: S.NOT_PERFORMED,
    },
    S.CONFIRMATION_APPLIED: {
        A.WITHDRAW_CONFIRMATION: S.SIGNED,
        A.RECORD_CONFIRMATION: S.CONFIRMED,
        A.RECORD_REJECTION: S.CONFIRMATION_REJECTED,
        A.RECORD_PAYMENT: S.CONFIRMATION_APPLIED,
        A.RECORD_FOLLOW_UP: S.CONFIRMATION_APPLIED,
    },
    S.CONFIRMED: {
        A.START_PERFORMANCE: S.PERFORMING,
        A.RECORD_PAYMENT: S.CONFIRMED,
        A.RECORD_FOLLOW_UP: S.CONFIRMED,
        A.COMPLETE_PERFORMANCE: S.PERFORMED,
        A.RECORD_NON_PERFORMANCE: S.NOT_PERFORMED,
    },
    S.CONFIRMATION_REJECTED: {
        A.RESUME_MEDIATION: S.IN_MEDIATION,
        A.FAIL_TO_LITIGATION: S.FAILED_TO_LITIGATION,
    },
    S.PERFORMING: {
        A.RECORD_PAYMENT: S.PERFORMING,
        A.RECORD_FOLLOW_UP: S.PERFORMING,
        A.COMPLETE_PERFORMANCE: S.PERFORMED,
        A.RECORD_NON_PERFORMANCE: S.NOT_PERFORMED,
    },
    S.PERFORMED: {A.RECORD_FOLLOW_UP: S.PERFORMED},
    S.NOT_PERFORMED: {
        A.RECORD_PAYMENT: S.NOT_PERFORMED,
        A.RECORD_FOLLOW_UP: S.NOT_PERFORMED,
        A.COMPLETE_PERFORMANCE: S.PERFORMED,
        A.FAIL_TO_LITIGATION: S.FAILED_TO_LITIGATION,
    },
    S.FAILED_TO_LITIGATION: {},
    S.WITHDRAWN: {},
    S.NOT_ACCEPTED: {},
}

REASON_REQUIRED = {
    A.REFUSE,
    A.EXTEND_PERIOD,
    A.TRANSFER_TRACK,
    A.REFER_LEVEL,
    A.RESUME_MEDIATION,
    A.WITHDRAW_CONFIRMATION,
    A.RECORD_REJECTION,
    A.RECORD_NON_PERFORMANCE,
    A.FAIL_TO_LITIGATION,
    A.WITHDRAW,
}

ALLOWED = [(s, a) for s in S for a in EXPECTED[s]]
FORBIDDEN = [(s, a) for s, a in itertools.product(S, A) if a not in EXPECTED[s]]


def test_the_table_covers_every_status() -> None:
    assert set(EXPECTED) == set(S)


@pytest.mark.parametrize(("status", "action"), ALLOWED)
def test_every_allowed_step_leads_where_the_table_says(status: CaseStatus, action: Action) -> None:
    reason = "双方同意" if action in REASON_REQUIRED else None
    step = transition(status, action, reason)
    assert step.source == status
    assert step.target == EXPECTED[status][action]
    assert step.moves == (step.target != status)
    assert target(status, action) == EXPECTED[status][action]
    assert is_allowed(status, action)
    assert explain_forbidden(status, action) is None
    check(status, action)  # does not raise


@pytest.mark.parametrize(("status", "action"), FORBIDDEN)
def test_every_forbidden_step_is_refused_with_what_is_allowed_instead(
    status: CaseStatus, action: Action
) -> None:
    set_language("en")
    with pytest.raises(WorkflowError) as refused:
        check(status, action)
    message = refused.value.message
    assert action.label in message
    assert label(status) in message
    for allowed in EXPECTED[status]:
        assert allowed.label in message
    if not EXPECTED[status]:
        assert "closed" in message
    assert explain_forbidden(status, action) == message
    with pytest.raises(WorkflowError):
        transition(status, action, "a reason")
    assert not is_allowed(status, action)


def test_allowed_actions_and_moves_match_the_table() -> None:
    for status in S:
        assert set(allowed_actions(status)) == set(EXPECTED[status])
        assert set(allowed_moves(status)) == {a for a, t in EXPECTED[status].items() if t != status}


@pytest.mark.parametrize("action", list(A))
def test_which_actions_need_a_reason(action: Action) -> None:
    assert needs_reason(action) == (action in REASON_REQUIRED)


@pytest.mark.parametrize("action", sorted(REASON_REQUIRED))
@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_step_that_needs_a_reason_refuses_a_blank_one(action: Action, reason: str | None) -> None:
    status = next(s for s in S if action in EXPECTED[s])
    with pytest.raises(ValidationError) as refused:
        transition(status, action, reason)
    assert refused.value.field == "reason"


def test_reasons_are_trimmed_and_optional_ones_may_be_given() -> None:
    assert transition(S.INTAKE, A.REFUSE, "  不属于物业纠纷 ").reason == "不属于物业纠纷"
    assert transition(S.INTAKE, A.ACCEPT, " ").reason is None
    assert transition(S.IN_MEDIATION, A.REACH_AGREEMENT, "微信群内达成").reason == "微信群内达成"


def test_a_reason_longer_than_the_limit_is_refused() -> None:
    with pytest.raises(ValidationError):
        transition(S.INTAKE, A.REFUSE, "长" * 501)


def test_stable_ids_are_accepted_as_plain_strings() -> None:
    assert target("signed", "apply_confirmation") == S.CONFIRMATION_APPLIED


def test_every_status_is_reachable_from_intake() -> None:
    seen = {S.INTAKE}
    queue = deque([S.INTAKE])
    while queue:
        status = queue.popleft()
        for action in allowed_actions(status):
            nxt = target(status, action)
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    assert seen == set(S)


def test_closed_statuses_allow_no_move_and_open_ones_can_be_withdrawn() -> None:
    for status in CLOSED_STATUSES:
        assert allowed_moves(status) == ()
    for status in OPEN_STATUSES:
        assert is_allowed(status, A.WITHDRAW)
    for status in set(S) - CLOSED_STATUSES:
        assert allowed_moves(status), status


def test_the_refusal_reads_in_chinese_by_default() -> None:
    message = explain_forbidden(S.INTAKE, A.SIGN)
    assert message is not None
    assert label(S.INTAKE) in message
    assert "、" in message or "或" in message  # the list of allowed steps is joined the Chinese way
