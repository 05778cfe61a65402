"""Status moves that need nothing but the case and a reason: accept, refuse, withdraw, fail to
litigation, resume mediation, record non-performance.

The other moves live with the records they create: consent (:mod:`.consents`), assignment
(:mod:`.assignment`), the agreement (:mod:`.agreement`), judicial confirmation
(:mod:`.confirmation`) and performance (:mod:`.performance`). Every function is one user
intention, one transaction, audited; a move the state machine refuses raises
:class:`~mediation_app.errors.WorkflowError` saying why and what is allowed instead.
"""

from __future__ import annotations

import datetime as dt

from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.step import StepResult, status_step
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.actions import Action


def accept(uow: UnitOfWork, case_id: int, *, expected_version: int | None = None) -> StepResult:
    """受理: the case is accepted and now waits for both parties' consent to mediation."""
    authorize(uow.actor, Permission.INTAKE_CASE)
    return status_step(uow, case_id, Action.ACCEPT, "case.accept", expected_version=expected_version)


def refuse(
    uow: UnitOfWork,
    case_id: int,
    reason: str,
    *,
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> StepResult:
    """不予受理, with the reason (it is told to the applicant)."""
    return _close(uow, case_id, Action.REFUSE, reason, on, expected_version, "case.refuse")


def withdraw(
    uow: UnitOfWork,
    case_id: int,
    reason: str,
    *,
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> StepResult:
    """The applicant withdraws (or the parties settled on their own), before signing."""
    return _close(uow, case_id, Action.WITHDRAW, reason, on, expected_version, "case.withdraw")


def fail_to_litigation(
    uow: UnitOfWork,
    case_id: int,
    reason: str,
    *,
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> StepResult:
    """Mediation failed: the case is closed and handed to litigation (see :mod:`.handover`)."""
    return _close(uow, case_id, Action.FAIL_TO_LITIGATION, reason, on, expected_version, "case.fail")


def resume_mediation(
    uow: UnitOfWork, case_id: int, reason: str, *, expected_version: int | None = None
) -> StepResult:
    """Back to mediation after an agreement fell through or the court rejected it.

    The mediation period is not restarted: only the parties' consent extends it.
    """
    authorize(uow.actor, Permission.RECORD_SESSION)
    return status_step(
        uow,
        case_id,
        Action.RESUME_MEDIATION,
        "case.resume_mediation",
        reason,
        expected_version=expected_version,
    )


def record_non_performance(
    uow: UnitOfWork,
    case_id: int,
    reason: str,
    *,
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> StepResult:
    """The owner does not pay as agreed: enforcement (confirmed) or a suit on the agreement.
    The case concludes as *agreement not performed* on ``on`` (today)."""
    authorize(uow.actor, Permission.RECORD_PERFORMANCE)
    return status_step(
        uow,
        case_id,
        Action.RECORD_NON_PERFORMANCE,
        "case.non_performance",
        reason,
        on=on,
        expected_version=expected_version,
    )


def _close(
    uow: UnitOfWork,
    case_id: int,
    action: Action,
    reason: str,
    on: dt.date | None,
    expected_version: int | None,
    audit_action: str,
) -> StepResult:
    authorize(uow.actor, Permission.CLOSE_CASE)
    return status_step(uow, case_id, action, audit_action, reason, on=on, expected_version=expected_version)
