"""The things a user can do to a case, each a stable id (stored in events, shown translated).

Some actions move the case to another status (``accept``, ``sign`` …); others are steps taken
inside a status (``record_session``, ``transfer_track`` …). :mod:`.transitions` says which is which
and when each is allowed.
"""

from __future__ import annotations

from enum import StrEnum

from mediation_app.i18n import N_, _


class Action(StrEnum):
    ACCEPT = "accept"
    REFUSE = "refuse"
    RECORD_CONSENT = "record_consent"
    START_MEDIATION = "start_mediation"
    ASSIGN_MEDIATOR = "assign_mediator"
    EXTEND_PERIOD = "extend_period"
    RECORD_SESSION = "record_session"
    TRANSFER_TRACK = "transfer_track"
    REFER_LEVEL = "refer_level"
    REACH_AGREEMENT = "reach_agreement"
    RESUME_MEDIATION = "resume_mediation"
    SIGN = "sign"
    APPLY_CONFIRMATION = "apply_confirmation"
    WITHDRAW_CONFIRMATION = "withdraw_confirmation"
    RECORD_CONFIRMATION = "record_confirmation"
    RECORD_REJECTION = "record_rejection"
    START_PERFORMANCE = "start_performance"
    RECORD_PAYMENT = "record_payment"
    RECORD_FOLLOW_UP = "record_follow_up"
    COMPLETE_PERFORMANCE = "complete_performance"
    RECORD_NON_PERFORMANCE = "record_non_performance"
    FAIL_TO_LITIGATION = "fail_to_litigation"
    WITHDRAW = "withdraw"


_LABELS: dict[Action, str] = {
    Action.ACCEPT: N_("Accept the case"),
    Action.REFUSE: N_("Refuse to accept"),
    Action.RECORD_CONSENT: N_("Record a party's consent"),
    Action.START_MEDIATION: N_("Start mediation"),
    Action.ASSIGN_MEDIATOR: N_("Assign a mediator"),
    Action.EXTEND_PERIOD: N_("Extend the mediation period"),
    Action.RECORD_SESSION: N_("Record a mediation session"),
    Action.TRANSFER_TRACK: N_("Transfer to another kind of mediation"),
    Action.REFER_LEVEL: N_("Refer to another level"),
    Action.REACH_AGREEMENT: N_("Record the agreement reached"),
    Action.RESUME_MEDIATION: N_("Resume mediation"),
    Action.SIGN: N_("Sign the agreement"),
    Action.APPLY_CONFIRMATION: N_("Apply for judicial confirmation"),
    Action.WITHDRAW_CONFIRMATION: N_("Withdraw the confirmation application"),
    Action.RECORD_CONFIRMATION: N_("Record the confirmation ruling"),
    Action.RECORD_REJECTION: N_("Record the rejection of confirmation"),
    Action.START_PERFORMANCE: N_("Start performance"),
    Action.RECORD_PAYMENT: N_("Record a payment"),
    Action.RECORD_FOLLOW_UP: N_("Record a follow-up visit"),
    Action.COMPLETE_PERFORMANCE: N_("Record full performance"),
    Action.RECORD_NON_PERFORMANCE: N_("Record non-performance"),
    Action.FAIL_TO_LITIGATION: N_("Close as failed and hand to litigation"),
    Action.WITHDRAW: N_("Record withdrawal"),
}


def action_label(action: Action) -> str:
    """The action's name in the user's language (buttons, menus, the timeline)."""
    return _(_LABELS[action])
