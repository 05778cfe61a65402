"""A case's life as an explicit state machine over :class:`CaseStatus`.

The main line::

    intake → awaiting_consent → in_mediation → agreement_reached → signed
           → [confirmation_applied → confirmed | confirmation_rejected]
           → performing → performed | not_performed

Decisions, as the centre works:

- **Consent before mediation.** ``accept`` moves an intake to *awaiting consent*; consents are
  recorded there (or already at the window during intake); ``start_mediation`` (the assignment to
  an organisation and mediator) needs both and starts the 30-day period.
- **Judicial confirmation is optional.** A signed agreement may go straight to performance. A
  rejected application (民事诉讼法 206) sends the parties back to mediation or to court; an
  application can be withdrawn, returning the case to *signed*.
- **Payment at signing is common** (the demo case): ``complete_performance`` is allowed from
  *signed* and *confirmed* as well as from *performing*, and from *not performed* when the owner
  pays late. ``record_non_performance`` is allowed once the agreement is signed.
- **Not performed** is where enforcement starts for a confirmed agreement (outside this app). An
  unconfirmed agreement is a contract: the case can then be handed to litigation.
- **Concluded** (结案): the closed statuses, and *not performed*: the centre's work on the case
  has ended, so it has a closing date and a closing report, and counts as closed in the
  statistics. A not-performed case still moves on when the owner pays late or the company sues;
  its closing date is then that step's.
- **Exits need a reason**: refusing (不予受理), withdrawing, failing to litigation, a rejected
  confirmation, non-performance, resuming mediation, extending the period, and every transfer or
  referral.
- **Transfers (四调衔接) and referrals (三级联动) happen while the case is open** — intake to
  agreement reached — never after signing: the signed agreement names its organisation.
- **Closed** statuses (performed, failed to litigation, withdrawn, not accepted) allow no move;
  a performed case still takes follow-up visits (回访).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mediation_app.domain.enums import CaseStatus, label
from mediation_app.errors import WorkflowError
from mediation_app.formatting import any_of, quoted
from mediation_app.i18n import _
from mediation_app.workflow.actions import Action
from mediation_app.workflow.reasons import optional_reason, require_reason

S = CaseStatus


@dataclass(frozen=True)
class Rule:
    """When an action is allowed and where it leads (``target`` ``None``: the status stays)."""

    sources: frozenset[CaseStatus]
    target: CaseStatus | None
    needs_reason: bool = False

    def target_from(self, status: CaseStatus) -> CaseStatus:
        return self.target if self.target is not None else status


def _rule(*sources: CaseStatus, to: CaseStatus | None = None, reason: bool = False) -> Rule:
    return Rule(frozenset(sources), to, reason)


OPEN_STATUSES: frozenset[CaseStatus] = frozenset(
    {S.INTAKE, S.AWAITING_CONSENT, S.IN_MEDIATION, S.AGREEMENT_REACHED}
)
"""Before signing: the case may still change track, level, organisation or be withdrawn."""

CLOSED_STATUSES: frozenset[CaseStatus] = frozenset(
    {S.PERFORMED, S.FAILED_TO_LITIGATION, S.WITHDRAWN, S.NOT_ACCEPTED}
)
"""The end of the case's life: no status move is possible any more."""

CONCLUDED_STATUSES: frozenset[CaseStatus] = CLOSED_STATUSES | {S.NOT_PERFORMED}
"""结案: the case has a closing date (``closed_on``) and an outcome (see :mod:`.outcomes`)."""

_AGREEMENT_IN_FORCE = (S.SIGNED, S.CONFIRMATION_APPLIED, S.CONFIRMED, S.PERFORMING, S.NOT_PERFORMED)

RULES: Mapping[Action, Rule] = {
    Action.ACCEPT: _rule(S.INTAKE, to=S.AWAITING_CONSENT),
    Action.REFUSE: _rule(S.INTAKE, to=S.NOT_ACCEPTED, reason=True),
    Action.RECORD_CONSENT: _rule(S.INTAKE, S.AWAITING_CONSENT),
    Action.START_MEDIATION: _rule(S.AWAITING_CONSENT, to=S.IN_MEDIATION),
    Action.ASSIGN_MEDIATOR: _rule(S.AWAITING_CONSENT, S.IN_MEDIATION, S.AGREEMENT_REACHED),
    Action.EXTEND_PERIOD: _rule(S.IN_MEDIATION, reason=True),
    Action.RECORD_SESSION: _rule(S.IN_MEDIATION, S.AGREEMENT_REACHED),
    Action.TRANSFER_TRACK: _rule(*OPEN_STATUSES, reason=True),
    Action.REFER_LEVEL: _rule(*OPEN_STATUSES, reason=True),
    Action.REACH_AGREEMENT: _rule(S.IN_MEDIATION, to=S.AGREEMENT_REACHED),
    Action.RESUME_MEDIATION: _rule(
        S.AGREEMENT_REACHED, S.CONFIRMATION_REJECTED, to=S.IN_MEDIATION, reason=True
    ),
    Action.SIGN: _rule(S.AGREEMENT_REACHED, to=S.SIGNED),
    Action.APPLY_CONFIRMATION: _rule(S.SIGNED, to=S.CONFIRMATION_APPLIED),
    Action.WITHDRAW_CONFIRMATION: _rule(S.CONFIRMATION_APPLIED, to=S.SIGNED, reason=True),
    Action.RECORD_CONFIRMATION: _rule(S.CONFIRMATION_APPLIED, to=S.CONFIRMED),
    Action.RECORD_REJECTION: _rule(S.CONFIRMATION_APPLIED, to=S.CONFIRMATION_REJECTED, reason=True),
    Action.START_PERFORMANCE: _rule(S.SIGNED, S.CONFIRMED, to=S.PERFORMING),
    Action.RECORD_PAYMENT: _rule(*_AGREEMENT_IN_FORCE),
    Action.RECORD_FOLLOW_UP: _rule(*_AGREEMENT_IN_FORCE, S.PERFORMED),
    Action.COMPLETE_PERFORMANCE: _rule(S.SIGNED, S.CONFIRMED, S.PERFORMING, S.NOT_PERFORMED, to=S.PERFORMED),
    Action.RECORD_NON_PERFORMANCE: _rule(
        S.SIGNED, S.CONFIRMED, S.PERFORMING, to=S.NOT_PERFORMED, reason=True
    ),
    Action.FAIL_TO_LITIGATION: _rule(
        S.AWAITING_CONSENT,
        S.IN_MEDIATION,
        S.AGREEMENT_REACHED,
        S.CONFIRMATION_REJECTED,
        S.NOT_PERFORMED,
        to=S.FAILED_TO_LITIGATION,
        reason=True,
    ),
    Action.WITHDRAW: _rule(*OPEN_STATUSES, to=S.WITHDRAWN, reason=True),
}


@dataclass(frozen=True)
class Transition:
    """One allowed step, ready to be stored as an event."""

    action: Action
    source: CaseStatus
    target: CaseStatus
    reason: str | None

    @property
    def moves(self) -> bool:
        return self.source != self.target


def rule(action: Action | str) -> Rule:
    return RULES[Action(action)]


def is_allowed(status: CaseStatus, action: Action | str) -> bool:
    return status in rule(action).sources


def needs_reason(action: Action | str) -> bool:
    return rule(action).needs_reason


def allowed_actions(status: CaseStatus) -> tuple[Action, ...]:
    """Every action allowed in ``status``, in the order of :class:`Action` (the usual order)."""
    current = status
    return tuple(action for action in Action if current in RULES[action].sources)


def allowed_moves(status: CaseStatus) -> tuple[Action, ...]:
    """The allowed actions that change the status (the buttons of the case header)."""
    current = status
    return tuple(a for a in allowed_actions(current) if RULES[a].target_from(current) != current)


def target(status: CaseStatus, action: Action | str) -> CaseStatus:
    """The status after ``action``; raises :class:`WorkflowError` when it is not allowed."""
    check(status, action)
    return rule(action).target_from(status)


def explain_forbidden(status: CaseStatus, action: Action | str) -> str | None:
    """Why ``action`` is not possible in ``status`` and what is (a tooltip); ``None`` if allowed."""
    current = status
    wanted = Action(action)
    if is_allowed(current, wanted):
        return None
    needed = any_of(quoted(label(s)) for s in CaseStatus if s in RULES[wanted].sources)
    why = _(
        "“{action}” is not possible while the case is “{status}”: it needs the case to be {needed}."
    ).format(action=wanted.label, status=label(current), needed=needed)
    allowed = allowed_actions(current)
    if not allowed:
        instead = _("The case is closed; no further step can be taken on it.")
    else:
        instead = _("Allowed now: {actions}.").format(actions=any_of(quoted(a.label) for a in allowed))
    return f"{why} {instead}"


def check(status: CaseStatus, action: Action | str) -> None:
    """Refuse ``action`` in ``status`` with a message saying why and what is allowed instead."""
    message = explain_forbidden(status, action)
    if message is not None:
        raise WorkflowError(message)


def transition(status: CaseStatus, action: Action | str, reason: str | None = None) -> Transition:
    """Check the step and its reason; the result is what the service stores."""
    current = status
    wanted = Action(action)
    check(current, wanted)
    the_rule = RULES[wanted]
    clean = require_reason(reason) if the_rule.needs_reason else optional_reason(reason)
    return Transition(wanted, current, the_rule.target_from(current), clean)


def is_closed(status: CaseStatus) -> bool:
    return status in CLOSED_STATUSES


def is_concluded(status: CaseStatus | str) -> bool:
    return CaseStatus(status) in CONCLUDED_STATUSES


def is_open(status: CaseStatus | str) -> bool:
    return CaseStatus(status) in OPEN_STATUSES
