"""Every step of the workflow, reachable from the case view, and why a step is not possible.

:func:`availability` says whether the signed-in person can take a step now: the state machine's
reason when the case's status does not allow it (:func:`~mediation_app.workflow.transitions.
explain_forbidden`), or the role's when the permission table does not; the header and the pages
disable the step's button or menu entry and show that reason as its tooltip.

:class:`ActionRunner` takes a step: it opens the step's dialog, which takes the step through the
case's view model (:class:`~ui.viewmodels.case.steps.CaseSteps`) when the user presses OK and
stays open if the service refuses (the message beside the field).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtWidgets import QWidget

from mediation_app import formatting
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus, label
from mediation_app.errors import MediationError
from mediation_app.formatting import any_of
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, can, roles_allowed
from mediation_app.services.cases.handover import handover_json
from mediation_app.services.cases.sessions import SessionRow
from mediation_app.workflow.actions import Action
from mediation_app.workflow.consent import missing_consents
from mediation_app.workflow.transitions import explain_forbidden
from ui.case_view.assignment_dialog import (
    AssignMediatorDialog,
    MediatorValues,
    StartMediationDialog,
    StartValues,
)
from ui.case_view.confirmation_dialogs import (
    ApplicationValues,
    ApplyConfirmationDialog,
    RejectionDialog,
    RejectionValues,
    RulingDialog,
    RulingValues,
)
from ui.case_view.consent_dialog import ConsentDialog, ConsentValues
from ui.case_view.context import CaseContext
from ui.case_view.date_dialog import DateDialog
from ui.case_view.extension_dialog import ExtensionDialog, ExtensionValues
from ui.case_view.feedback import Confirm, Notice, attempt
from ui.case_view.files import SaveFile
from ui.case_view.performance_dialogs import (
    CloseAsPerformedPrompt,
    FollowUpDialog,
    FollowUpValues,
    PaymentDialog,
    PaymentValues,
)
from ui.case_view.reason_dialog import ReasonDialog, ReasonValues
from ui.case_view.routing_dialogs import ReferralDialog, ReferralValues, TransferDialog, TransferValues
from ui.case_view.session_dialog import SessionDialog, SessionValues
from ui.viewmodels.case.steps import CaseSteps

P = Permission
A = Action

ACTION_PERMISSIONS: dict[Action, Permission] = {
    A.ACCEPT: P.INTAKE_CASE,
    A.REFUSE: P.CLOSE_CASE,
    A.RECORD_CONSENT: P.RECORD_CONSENT,
    A.START_MEDIATION: P.ASSIGN_MEDIATOR,
    A.ASSIGN_MEDIATOR: P.ASSIGN_MEDIATOR,
    A.EXTEND_PERIOD: P.EXTEND_PERIOD,
    A.RECORD_SESSION: P.RECORD_SESSION,
    A.TRANSFER_TRACK: P.TRANSFER_TRACK,
    A.REFER_LEVEL: P.REFER_LEVEL,
    A.REACH_AGREEMENT: P.REACH_AGREEMENT,
    A.RESUME_MEDIATION: P.RECORD_SESSION,
    A.SIGN: P.FINALISE_AGREEMENT,
    A.APPLY_CONFIRMATION: P.APPLY_CONFIRMATION,
    A.WITHDRAW_CONFIRMATION: P.APPLY_CONFIRMATION,
    A.RECORD_CONFIRMATION: P.CONFIRM_JUDICIALLY,
    A.RECORD_REJECTION: P.CONFIRM_JUDICIALLY,
    A.START_PERFORMANCE: P.RECORD_PERFORMANCE,
    A.RECORD_PAYMENT: P.RECORD_PERFORMANCE,
    A.RECORD_FOLLOW_UP: P.RECORD_FOLLOW_UP,
    A.COMPLETE_PERFORMANCE: P.RECORD_PERFORMANCE,
    A.RECORD_NON_PERFORMANCE: P.RECORD_PERFORMANCE,
    A.FAIL_TO_LITIGATION: P.CLOSE_CASE,
    A.WITHDRAW: P.CLOSE_CASE,
}
"""The permission each step needs (the services authorise with the same one)."""


@dataclass(frozen=True)
class Availability:
    enabled: bool
    why: str = ""  # the tooltip of a disabled step


def role_refusal(actor: Actor, permission: Permission) -> str:
    """``Your role (Window clerk) does not allow you to …; a Resident judge or a Mediator can.``"""
    roles = any_of(label(role) for role in roles_allowed(permission))
    return _("Your role ({role}) does not allow you to {action}; a {roles} can.").format(
        role=label(actor.role), action=permission.label, roles=roles
    )


def permission_availability(actor: Actor, permission: Permission) -> Availability:
    """For a button that is not a workflow step (compute a statement, send an SMS …)."""
    if can(actor, permission):
        return Availability(True)
    return Availability(False, role_refusal(actor, permission))


def reversal_step_label(kind: str) -> str:
    """The name of a stored step (an action's label, else the stored kind as it is)."""
    try:
        return Action(kind).label
    except ValueError:
        return kind


def availability(actor: Actor, status: CaseStatus, action: Action) -> Availability:
    forbidden = explain_forbidden(status, action)
    if forbidden is not None:
        return Availability(False, forbidden)
    return permission_availability(actor, ACTION_PERMISSIONS[action])


class ActionRunner:
    """Takes the steps of one case view; each returns True when something was saved."""

    def __init__(self, ctx: CaseContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self.steps: CaseSteps = ctx.case.steps
        self.agreement_editor: Callable[[int | None], bool] | None = None  # set by the settlement page
        steps = self.steps  # the reason-only steps below call it with the dialog's values
        self._handlers: dict[Action, Callable[[], bool]] = {
            A.ACCEPT: self.accept,
            A.REFUSE: lambda: self._reason(A.REFUSE, lambda v: steps.refuse(v.reason, v.on), dated=True),
            A.RECORD_CONSENT: self.record_consent,
            A.START_MEDIATION: self.start_mediation,
            A.ASSIGN_MEDIATOR: self.assign_mediator,
            A.EXTEND_PERIOD: self.extend_period,
            A.RECORD_SESSION: self.record_session,
            A.TRANSFER_TRACK: self.transfer_track,
            A.REFER_LEVEL: self.refer_level,
            A.REACH_AGREEMENT: self.reach_agreement,
            A.RESUME_MEDIATION: lambda: self._reason(
                A.RESUME_MEDIATION, lambda v: steps.resume_mediation(v.reason)
            ),
            A.SIGN: self.sign,
            A.APPLY_CONFIRMATION: self.apply_confirmation,
            A.WITHDRAW_CONFIRMATION: lambda: self._reason(
                A.WITHDRAW_CONFIRMATION, lambda v: steps.withdraw_confirmation(v.reason)
            ),
            A.RECORD_CONFIRMATION: self.record_confirmation,
            A.RECORD_REJECTION: self.record_rejection,
            A.START_PERFORMANCE: self.start_performance,
            A.RECORD_PAYMENT: self.record_payment,
            A.RECORD_FOLLOW_UP: self.record_follow_up,
            A.COMPLETE_PERFORMANCE: self.complete_performance,
            A.RECORD_NON_PERFORMANCE: lambda: self._reason(
                A.RECORD_NON_PERFORMANCE, lambda v: steps.record_non_performance(v.reason)
            ),
            A.FAIL_TO_LITIGATION: self.fail_to_litigation,
            A.WITHDRAW: lambda: self._reason(
                A.WITHDRAW, lambda v: steps.withdraw(v.reason, v.on), dated=True
            ),
        }

    # --- what is possible --------------------------------------------------------------------

    def availability(self, action: Action) -> Availability:
        detail = self.ctx.detail
        if detail is None:
            return Availability(False, _("The case is being loaded."))
        state = availability(self.ctx.actor, detail.status, action)
        if state.enabled and action is A.START_MEDIATION:
            # Said beforehand, in the words the service would refuse with.
            consent = detail.consent
            missing = missing_consents(consent.owner is not None, consent.company is not None)
            if missing is not None:
                return Availability(False, missing)
        return state

    def run(self, action: Action) -> bool:
        """Take ``action`` if it is possible now (else say why); True when something was saved."""
        state = self.availability(action)
        if not state.enabled:
            Notice.show(self.parent, state.why, action.label)
            return False
        return self._handlers[action]()

    # --- the steps ---------------------------------------------------------------------------

    def _save(self, work: Callable[[], object]) -> object:
        return self.ctx.save(work)

    def accept(self) -> bool:
        detail = self.ctx.detail
        number = detail.number if detail is not None else ""
        if not Confirm.ask(
            self.parent,
            A.ACCEPT.label,
            _("Accept case {number}? It then waits for both parties' consent to mediation.").format(
                number=number
            ),
        ):
            return False
        return attempt(self.ctx, self.parent, self.steps.accept) is not None

    def _reason(self, action: Action, step: Callable[[ReasonValues], object], *, dated: bool = False) -> bool:
        def submit(values: ReasonValues) -> object:
            return self._save(lambda: step(values))

        done = ReasonDialog.ask(
            self.ctx, self.parent, submit, title=action.label, date_label=_("Date") if dated else None
        )
        return done is not None

    # --- reversing the last status change (撤销此步) ---------------------------------------------

    def reverse_step(self) -> bool:
        """Reverse the case's last status change, recorded in error, with a reason (a judge or
        supervisor); the step stays in the case's path and the reversal is added after it."""
        title = _("Reverse this step")
        if not self.ctx.can(P.REVERSE_STEP):
            Notice.show(self.parent, permission_availability(self.ctx.actor, P.REVERSE_STEP).why, title)
            return False
        last = self.steps.last_status_step()
        if last is None:
            Notice.show(self.parent, _("The case has had no status change to reverse."), title)
            return False
        if last.why_not is not None:
            Notice.show(self.parent, last.why_not, title)
            return False
        intro = _(
            "Reverse “{step}” ({old} → {new}), recorded {when} by {who}? The case returns to {old}; "
            "the step stays in the case's path, followed by this reversal and its reason."
        ).format(
            step=reversal_step_label(last.kind),
            old=label(last.from_status),
            new=label(last.to_status),
            when=formatting.short_moment(last.at),
            who=last.by or _("unknown"),
        )

        def submit(values: ReasonValues) -> object:
            return self._save(lambda: self.steps.reverse_last_step(values.reason, last.event_id))

        return ReasonDialog.ask(self.ctx, self.parent, submit, title=title, intro=intro) is not None

    def record_consent(self) -> bool:
        def submit(v: ConsentValues) -> object:
            return self._save(lambda: self.steps.record_consent(v.party, v.method, v.given_on, v.note))

        return ConsentDialog.ask(self.ctx, self.parent, submit) is not None

    def start_mediation(self) -> bool:
        def submit(v: StartValues) -> object:
            return self._save(lambda: self.steps.start_mediation(v.organization_id, v.mediator_id, v.on))

        return StartMediationDialog.ask(self.ctx, self.parent, submit) is not None

    def assign_mediator(self) -> bool:
        def submit(v: MediatorValues) -> object:
            return self._save(lambda: self.steps.assign_mediator(v.mediator_id, v.reason))

        return AssignMediatorDialog.ask(self.ctx, self.parent, submit) is not None

    def extend_period(self) -> bool:
        def submit(v: ExtensionValues) -> object:
            return self._save(lambda: self.steps.extend_period(v.days, v.reason, v.owner, v.company))

        return ExtensionDialog.ask(self.ctx, self.parent, submit) is not None

    def record_session(self, scheduled: SessionRow | None = None, *, schedule: bool = False) -> bool:
        def submit(v: SessionValues) -> object:
            if v.schedule_only:
                return self._save(lambda: self.steps.schedule_session(v.session))
            return self._save(lambda: self.steps.record_session(v.session, v.session_id))

        return (
            SessionDialog.ask(self.ctx, self.parent, submit, scheduled=scheduled, schedule=schedule)
            is not None
        )

    def transfer_track(self) -> bool:
        def submit(v: TransferValues) -> object:
            return self._save(
                lambda: self.steps.transfer_track(
                    v.to_track,
                    v.organization_id,
                    v.reason,
                    decided_by=v.decided_by,
                    mediator_id=v.mediator_id,
                )
            )

        return TransferDialog.ask(self.ctx, self.parent, submit) is not None

    def refer_level(self) -> bool:
        def submit(v: ReferralValues) -> object:
            return self._save(
                lambda: self.steps.refer_level(
                    v.organization_id, v.reason, decided_by=v.decided_by, mediator_id=v.mediator_id
                )
            )

        return ReferralDialog.ask(self.ctx, self.parent, submit) is not None

    def reach_agreement(self, proposal_id: int | None = None) -> bool:
        if self.agreement_editor is None:
            return False
        return self.agreement_editor(proposal_id)

    def sign(self) -> bool:
        def submit(day: dt.date) -> object:
            return self._save(lambda: self.steps.sign(day))

        done = DateDialog.ask(
            self.ctx,
            self.parent,
            submit,
            title=A.SIGN.label,
            field="agreement.signed_on",
            label=_("Date of signing"),
            intro=_("Both parties signed: the agreement takes effect on this day."),
        )
        return done is not None

    def apply_confirmation(self) -> bool:
        def submit(v: ApplicationValues) -> object:
            return self._save(lambda: self.steps.apply_confirmation(v.applied_on, v.court_name))

        return ApplyConfirmationDialog.ask(self.ctx, self.parent, submit) is not None

    def record_confirmation(self) -> bool:
        def submit(v: RulingValues) -> object:
            return self._save(lambda: self.steps.record_confirmation(v.ruling_number, v.decided_on))

        return RulingDialog.ask(self.ctx, self.parent, submit) is not None

    def record_rejection(self) -> bool:
        def submit(v: RejectionValues) -> object:
            return self._save(
                lambda: self.steps.record_rejection(
                    v.reason, v.decided_on, v.next_step, v.next_reason or None
                )
            )

        return RejectionDialog.ask(self.ctx, self.parent, submit) is not None

    def start_performance(self) -> bool:
        if not Confirm.ask(
            self.parent, A.START_PERFORMANCE.label, _("The owner starts paying under the agreement?")
        ):
            return False
        return attempt(self.ctx, self.parent, self.steps.start_performance) is not None

    def record_payment(self, amount: Decimal | None = None) -> bool:
        def submit(v: PaymentValues) -> object:
            # The payment that settles everything agreed closes the case only if the user says so.
            close = self.steps.payment_would_complete(v.amount) and CloseAsPerformedPrompt.ask(self.parent)
            return self._save(
                lambda: self.steps.record_payment(
                    v.paid_on, v.amount, v.method, v.note, close_as_performed=close
                )
            )

        return PaymentDialog.ask(self.ctx, self.parent, submit, amount=amount) is not None

    def record_follow_up(self) -> bool:
        def submit(v: FollowUpValues) -> object:
            return self._save(
                lambda: self.steps.record_follow_up(v.visited_on, v.method, v.party, v.notes, v.satisfied)
            )

        return FollowUpDialog.ask(self.ctx, self.parent, submit) is not None

    def complete_performance(self) -> bool:
        def submit(day: dt.date) -> object:
            return self._save(lambda: self.steps.complete_performance(day))

        done = DateDialog.ask(
            self.ctx,
            self.parent,
            submit,
            title=A.COMPLETE_PERFORMANCE.label,
            field="closed_on",
            label=_("Date"),
            intro=_("Everything agreed has been paid: the case is closed as performed."),
        )
        return done is not None

    def fail_to_litigation(self) -> bool:
        saved = self._reason(
            A.FAIL_TO_LITIGATION, lambda v: self.steps.fail_to_litigation(v.reason, v.on), dated=True
        )
        if (
            saved
            and can(self.ctx.actor, P.EXPORT_DATA)
            and Confirm.ask(
                self.parent,
                _("Hand over to litigation"),
                _("Save the hand-over summary for the court now (parties, facts, figures, the case's path)?"),
            )
        ):
            self.export_handover()
        return saved

    def export_handover(self) -> bool:
        """Save the litigation hand-over as JSON (an export: audited, opens with its notice)."""
        detail = self.ctx.detail
        name = f"{detail.number if detail else self.ctx.case_id}-handover.json"
        path = SaveFile.ask(
            self.parent, _("Save the hand-over to litigation"), name, _("JSON files (*.json)")
        )
        if path is None:
            return False
        try:
            summary = self.ctx.save(self.steps.litigation_handover)
        except MediationError as error:
            Notice.show(self.parent, error.message)
            return False
        try:
            path.write_text(handover_json(summary), encoding="utf-8")
        except OSError as error:
            Notice.show(
                self.parent,
                _("The file could not be written: {reason}").format(reason=error.strerror or error),
            )
            return False
        return True
