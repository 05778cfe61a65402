"""Every step of the workflow, reachable from the case view, and why a step is not possible.

:func:`availability` says whether the signed-in person can take a step now: the state machine's
reason when the case's status does not allow it (:func:`~mediation_app.workflow.transitions.
explain_forbidden`), or the role's when the permission table does not; the header and the pages
disable the step's button or menu entry and show that reason as its tooltip.

:class:`ActionRunner` takes a step: it opens the step's dialog, which calls the step's service
when the user presses OK and stays open if the service refuses (the message beside the field).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtWidgets import QWidget

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus, label
from mediation_app.errors import MediationError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, can, roles_allowed
from mediation_app.services.agreement import confirmation, performance
from mediation_app.services.agreement import terms as agreement
from mediation_app.services.cases import assignment, consents, extension, handover, routing, sessions
from mediation_app.services.cases import status as case_workflow
from mediation_app.services.cases.sessions import SessionRow
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.actions import Action
from mediation_app.workflow.formatting import any_of
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
from ui.case_view.performance_dialogs import FollowUpDialog, FollowUpValues, PaymentDialog, PaymentValues
from ui.case_view.reason_dialog import ReasonDialog, ReasonValues
from ui.case_view.routing_dialogs import ReferralDialog, ReferralValues, TransferDialog, TransferValues
from ui.case_view.session_dialog import SessionDialog, SessionValues

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
        self.agreement_editor: Callable[[int | None], bool] | None = None  # set by the settlement page
        self._handlers: dict[Action, Callable[[], bool]] = {
            A.ACCEPT: self.accept,
            A.REFUSE: lambda: self._reason(A.REFUSE, case_workflow.refuse, dated=True),
            A.RECORD_CONSENT: self.record_consent,
            A.START_MEDIATION: self.start_mediation,
            A.ASSIGN_MEDIATOR: self.assign_mediator,
            A.EXTEND_PERIOD: self.extend_period,
            A.RECORD_SESSION: self.record_session,
            A.TRANSFER_TRACK: self.transfer_track,
            A.REFER_LEVEL: self.refer_level,
            A.REACH_AGREEMENT: self.reach_agreement,
            A.RESUME_MEDIATION: lambda: self._reason(A.RESUME_MEDIATION, case_workflow.resume_mediation),
            A.SIGN: self.sign,
            A.APPLY_CONFIRMATION: self.apply_confirmation,
            A.WITHDRAW_CONFIRMATION: lambda: self._reason(
                A.WITHDRAW_CONFIRMATION, confirmation.withdraw_confirmation
            ),
            A.RECORD_CONFIRMATION: self.record_confirmation,
            A.RECORD_REJECTION: self.record_rejection,
            A.START_PERFORMANCE: self.start_performance,
            A.RECORD_PAYMENT: self.record_payment,
            A.RECORD_FOLLOW_UP: self.record_follow_up,
            A.COMPLETE_PERFORMANCE: self.complete_performance,
            A.RECORD_NON_PERFORMANCE: lambda: self._reason(
                A.RECORD_NON_PERFORMANCE, case_workflow.record_non_performance
            ),
            A.FAIL_TO_LITIGATION: self.fail_to_litigation,
            A.WITHDRAW: lambda: self._reason(A.WITHDRAW, case_workflow.withdraw, dated=True),
        }

    # --- what is possible --------------------------------------------------------------------

    def availability(self, action: Action) -> Availability:
        detail = self.ctx.detail
        if detail is None:
            return Availability(False, _("The case is being loaded."))
        return availability(self.ctx.actor, detail.status, action)

    def run(self, action: Action) -> bool:
        """Take ``action`` if it is possible now (else say why); True when something was saved."""
        state = self.availability(action)
        if not state.enabled:
            Notice.show(self.parent, state.why, action.label)
            return False
        return self._handlers[action]()

    # --- the steps ---------------------------------------------------------------------------

    def _version(self) -> int | None:
        return self.ctx.version

    def _save(self, work: Callable[[UnitOfWork], object]) -> object:
        return self.ctx.write(work)

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
        return (
            attempt(
                self.ctx,
                self.parent,
                lambda uow: case_workflow.accept(uow, self.ctx.case_id, expected_version=self._version()),
            )
            is not None
        )

    def _reason(self, action: Action, service: Callable[..., object], *, dated: bool = False) -> bool:
        cid = self.ctx.case_id

        def submit(values: ReasonValues) -> object:
            kwargs: dict[str, object] = {"expected_version": self._version()}
            if dated:
                kwargs["on"] = values.on
            return self._save(lambda uow: service(uow, cid, values.reason, **kwargs))

        done = ReasonDialog.ask(
            self.ctx, self.parent, submit, title=action.label, date_label=_("Date") if dated else None
        )
        return done is not None

    def record_consent(self) -> bool:
        cid = self.ctx.case_id

        def submit(v: ConsentValues) -> object:
            return self._save(
                lambda uow: consents.record_consent(
                    uow, cid, v.party, v.method, v.given_on, note=v.note, expected_version=self._version()
                )
            )

        return ConsentDialog.ask(self.ctx, self.parent, submit) is not None

    def start_mediation(self) -> bool:
        cid = self.ctx.case_id

        def submit(v: StartValues) -> object:
            return self._save(
                lambda uow: assignment.start_mediation(
                    uow, cid, v.organization_id, v.mediator_id, on=v.on, expected_version=self._version()
                )
            )

        return StartMediationDialog.ask(self.ctx, self.parent, submit) is not None

    def assign_mediator(self) -> bool:
        cid = self.ctx.case_id

        def submit(v: MediatorValues) -> object:
            return self._save(
                lambda uow: assignment.assign_mediator(
                    uow, cid, v.mediator_id, reason=v.reason, expected_version=self._version()
                )
            )

        return AssignMediatorDialog.ask(self.ctx, self.parent, submit) is not None

    def extend_period(self) -> bool:
        cid = self.ctx.case_id

        def submit(v: ExtensionValues) -> object:
            return self._save(
                lambda uow: extension.extend_period(
                    uow, cid, v.days, v.reason, v.owner, v.company, expected_version=self._version()
                )
            )

        return ExtensionDialog.ask(self.ctx, self.parent, submit) is not None

    def record_session(self, scheduled: SessionRow | None = None, *, schedule: bool = False) -> bool:
        cid = self.ctx.case_id

        def submit(v: SessionValues) -> object:
            if v.schedule_only:
                return self._save(
                    lambda uow: sessions.schedule_session(
                        uow, cid, v.session, expected_version=self._version()
                    )
                )
            return self._save(
                lambda uow: sessions.record_session(
                    uow, cid, v.session, session_id=v.session_id, expected_version=self._version()
                )
            )

        return (
            SessionDialog.ask(self.ctx, self.parent, submit, scheduled=scheduled, schedule=schedule)
            is not None
        )

    def transfer_track(self) -> bool:
        cid = self.ctx.case_id

        def submit(v: TransferValues) -> object:
            return self._save(
                lambda uow: routing.transfer_track(
                    uow,
                    cid,
                    v.to_track,
                    v.organization_id,
                    v.reason,
                    decided_by=v.decided_by,
                    mediator_id=v.mediator_id,
                    expected_version=self._version(),
                )
            )

        return TransferDialog.ask(self.ctx, self.parent, submit) is not None

    def refer_level(self) -> bool:
        cid = self.ctx.case_id

        def submit(v: ReferralValues) -> object:
            return self._save(
                lambda uow: routing.refer_level(
                    uow,
                    cid,
                    v.organization_id,
                    v.reason,
                    decided_by=v.decided_by,
                    mediator_id=v.mediator_id,
                    expected_version=self._version(),
                )
            )

        return ReferralDialog.ask(self.ctx, self.parent, submit) is not None

    def reach_agreement(self, proposal_id: int | None = None) -> bool:
        if self.agreement_editor is None:
            return False
        return self.agreement_editor(proposal_id)

    def sign(self) -> bool:
        cid = self.ctx.case_id

        def submit(day: dt.date) -> object:
            return self._save(
                lambda uow: agreement.sign(uow, cid, signed_on=day, expected_version=self._version())
            )

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
        cid = self.ctx.case_id

        def submit(v: ApplicationValues) -> object:
            return self._save(
                lambda uow: confirmation.apply_confirmation(
                    uow,
                    cid,
                    applied_on=v.applied_on,
                    court_name=v.court_name,
                    expected_version=self._version(),
                )
            )

        return ApplyConfirmationDialog.ask(self.ctx, self.parent, submit) is not None

    def record_confirmation(self) -> bool:
        cid = self.ctx.case_id

        def submit(v: RulingValues) -> object:
            return self._save(
                lambda uow: confirmation.record_confirmation(
                    uow, cid, v.ruling_number, decided_on=v.decided_on, expected_version=self._version()
                )
            )

        return RulingDialog.ask(self.ctx, self.parent, submit) is not None

    def record_rejection(self) -> bool:
        cid = self.ctx.case_id

        def submit(v: RejectionValues) -> object:
            return self._save(
                lambda uow: confirmation.record_rejection(
                    uow,
                    cid,
                    v.reason,
                    decided_on=v.decided_on,
                    next_step=v.next_step,
                    next_reason=v.next_reason or None,
                    expected_version=self._version(),
                )
            )

        return RejectionDialog.ask(self.ctx, self.parent, submit) is not None

    def start_performance(self) -> bool:
        if not Confirm.ask(
            self.parent, A.START_PERFORMANCE.label, _("The owner starts paying under the agreement?")
        ):
            return False
        cid = self.ctx.case_id
        saved = attempt(
            self.ctx,
            self.parent,
            lambda uow: performance.start_performance(uow, cid, expected_version=self._version()),
        )
        return saved is not None

    def record_payment(self, amount: Decimal | None = None) -> bool:
        cid = self.ctx.case_id

        def submit(v: PaymentValues) -> object:
            return self._save(
                lambda uow: performance.record_payment(
                    uow,
                    cid,
                    v.paid_on,
                    v.amount,
                    method=v.method,
                    note=v.note,
                    expected_version=self._version(),
                )
            )

        return PaymentDialog.ask(self.ctx, self.parent, submit, amount=amount) is not None

    def record_follow_up(self) -> bool:
        cid = self.ctx.case_id

        def submit(v: FollowUpValues) -> object:
            return self._save(
                lambda uow: performance.record_follow_up(
                    uow,
                    cid,
                    v.visited_on,
                    v.method,
                    party=v.party,
                    notes=v.notes,
                    satisfied=v.satisfied,
                    expected_version=self._version(),
                )
            )

        return FollowUpDialog.ask(self.ctx, self.parent, submit) is not None

    def complete_performance(self) -> bool:
        cid = self.ctx.case_id

        def submit(day: dt.date) -> object:
            return self._save(
                lambda uow: performance.complete_performance(
                    uow, cid, on=day, expected_version=self._version()
                )
            )

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
        saved = self._reason(A.FAIL_TO_LITIGATION, case_workflow.fail_to_litigation, dated=True)
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
        cid = self.ctx.case_id
        try:
            summary = self.ctx.write(lambda uow: handover.litigation_handover(uow, cid))
        except MediationError as error:
            Notice.show(self.parent, error.message)
            return False
        try:
            path.write_text(handover.handover_json(summary), encoding="utf-8")
        except OSError as error:
            Notice.show(
                self.parent,
                _("The file could not be written: {reason}").format(reason=error.strerror or error),
            )
            return False
        return True
