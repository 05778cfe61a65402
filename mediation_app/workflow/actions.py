"""The things a user can do to a case, each a stable id (stored in events) with its label
(buttons, menus, the timeline).

Some actions move the case to another status (``accept``, ``sign`` …); others are steps taken
inside a status (``record_session``, ``transfer_track`` …). :mod:`.transitions` says which is which
and when each is allowed.
"""

from __future__ import annotations

from mediation_app.domain.labelled import LabelledEnum
from mediation_app.i18n import N_


class Action(LabelledEnum):
    ACCEPT = "accept", N_("Accept the case")
    REFUSE = "refuse", N_("Refuse to accept")
    RECORD_CONSENT = "record_consent", N_("Record a party's consent")
    START_MEDIATION = "start_mediation", N_("Start mediation")
    ASSIGN_MEDIATOR = "assign_mediator", N_("Assign a mediator")
    EXTEND_PERIOD = "extend_period", N_("Extend the mediation period")
    RECORD_SESSION = "record_session", N_("Record a mediation session")
    TRANSFER_TRACK = "transfer_track", N_("Transfer to another kind of mediation")
    REFER_LEVEL = "refer_level", N_("Refer to another level")
    REACH_AGREEMENT = "reach_agreement", N_("Record the agreement reached")
    RESUME_MEDIATION = "resume_mediation", N_("Resume mediation")
    SIGN = "sign", N_("Sign the agreement")
    APPLY_CONFIRMATION = "apply_confirmation", N_("Apply for judicial confirmation")
    WITHDRAW_CONFIRMATION = "withdraw_confirmation", N_("Withdraw the confirmation application")
    RECORD_CONFIRMATION = "record_confirmation", N_("Record the confirmation ruling")
    RECORD_REJECTION = "record_rejection", N_("Record the rejection of confirmation")
    START_PERFORMANCE = "start_performance", N_("Start performance")
    RECORD_PAYMENT = "record_payment", N_("Record a payment")
    RECORD_FOLLOW_UP = "record_follow_up", N_("Record a follow-up visit")
    COMPLETE_PERFORMANCE = "complete_performance", N_("Record full performance")
    RECORD_NON_PERFORMANCE = "record_non_performance", N_("Record non-performance")
    FAIL_TO_LITIGATION = "fail_to_litigation", N_("Close as failed and hand to litigation")
    WITHDRAW = "withdraw", N_("Record withdrawal")
