"""The permission table is enforced inside the services, for every role, not only by screens."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import func, select

from mediation_app.batch_import import commit as batch_commit
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.errors import PermissionDenied, SignInRequired
from mediation_app.exports import case_list as export_cases
from mediation_app.exports import monthly as export_monthly
from mediation_app.queries import case_header, fee_ledger, parties
from mediation_app.security.permissions import ROLE_PERMISSIONS, Permission
from mediation_app.services import accounts, sms
from mediation_app.services.agreement import confirmation, performance, terms, wording
from mediation_app.services.agreement import settlement as agreed
from mediation_app.services.batch import apply as batch_apply
from mediation_app.services.batch import preview as batch_preview
from mediation_app.services.batch import printing as batch_printing
from mediation_app.services.cases import (
    assignees,
    assignment,
    consents,
    disclosure,
    evidence,
    extension,
    fee_records,
    handover,
    intake,
    next_deadline,
    reversal,
    routing,
    search_text,
    sessions,
    status,
    step,
)
from mediation_app.services.cases.intake import intake_case
from mediation_app.services.corrections import agreement as c_agreement
from mediation_app.services.corrections import claim as c_claim
from mediation_app.services.corrections import common as c_common
from mediation_app.services.corrections import mediation as c_mediation
from mediation_app.services.corrections import parties as c_parties
from mediation_app.services.corrections import unit as c_unit
from mediation_app.services.documents import finalise, registry, verify_code
from mediation_app.services.documents.builders import agreement as b_agreement
from mediation_app.services.documents.builders import case_file as b_case_file
from mediation_app.services.documents.builders import common as b_common
from mediation_app.services.documents.builders import followup as b_followup
from mediation_app.services.documents.builders import intake as b_intake
from mediation_app.services.documents.builders import monthly as b_monthly
from mediation_app.services.documents.builders import session as b_session
from mediation_app.services.documents.builders import statement as b_statement
from mediation_app.services.settlement import (
    fee_input,
    late_fee_terms,
    preview,
    proposals,
    settle,
    staleness,
    statements,
)
from mediation_app.storage.models import AuditEvent, Case, Staff
from mediation_app.storage.uow import Database
from tests.support.intake_setup import intake_centre, intake_form


def _account(db: Database, role: Role) -> Actor:
    """A real account of ``role`` (an administrator without one would be the unrestricted system)."""
    with db.unit_of_work(Actor(None, "system", Role.ADMIN)) as uow:
        staff = Staff(username=role.value, name="某某", role=role, created_at=uow.clock.now())
        uow.session.add(staff)
        uow.flush()
        uow.commit()
        return Actor(staff.id, staff.name, role)


@pytest.mark.parametrize("role", list(Role))
def test_intake_through_the_service_for_every_role(db: Database, role: Role) -> None:
    org_id, community_id = intake_centre(db)
    actor = _account(db, role)
    with db.read() as session:  # the set-up's own writes are sealed in the trail
        before = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    with db.unit_of_work(actor) as uow:
        if role == Role.SUPERVISOR:
            with pytest.raises(PermissionDenied):
                intake_case(uow, intake_form(org_id, community_id))
        else:
            intake_case(uow, intake_form(org_id, community_id))
    with db.read() as session:
        cases = session.scalar(select(func.count()).select_from(Case))
        audits = (session.scalar(select(func.count()).select_from(AuditEvent)) or 0) - before
    # A refusal leaves nothing behind: no case, no owner, no audit event.
    assert (cases, bool(audits)) == ((0, False) if role == Role.SUPERVISOR else (1, True))


# --- the registry: every public service function, with the permission it must check ---------------
#
# Written here by hand, not found by reading the source: a new public function in
# mediation_app/services/** fails test_every_public_service_function_is_listed until it is put in
# one of the two tables below, with the permission it must check or the reason it checks none.

P = Permission

GUARDED: dict[Callable[..., Any], frozenset[Permission]] = {
    fn: frozenset(perms) if isinstance(perms, set) else frozenset({perms})
    for fn, perms in {
        # accounts and settings
        accounts.set_sign_in_required: P.MANAGE_SETTINGS,
        accounts.set_idle_sign_out_minutes: P.MANAGE_SETTINGS,
        accounts.add_user: P.MANAGE_ACCOUNTS,
        accounts.update_user: P.MANAGE_ACCOUNTS,
        accounts.set_active: P.MANAGE_ACCOUNTS,
        accounts.reset_password: P.MANAGE_ACCOUNTS,
        accounts.unlock_user: P.MANAGE_ACCOUNTS,
        # SMS
        sms.queue_pre_mediation_reminder: P.SEND_SMS,
        sms.queue_session_notice: P.SEND_SMS,
        sms.queue_instalment_reminder: P.SEND_SMS,
        sms.set_electronic_notice: P.RECORD_CONSENT,
        sms.dispatch: P.SEND_SMS,
        sms.record_dispatch: P.SEND_SMS,
        sms.retry_failed: P.SEND_SMS,
        # the case's path
        intake.intake_case: P.INTAKE_CASE,
        status.accept: P.INTAKE_CASE,
        status.refuse: P.CLOSE_CASE,
        status.withdraw: P.CLOSE_CASE,
        status.fail_to_litigation: P.CLOSE_CASE,
        status.resume_mediation: P.RECORD_SESSION,
        status.record_non_performance: P.RECORD_PERFORMANCE,
        consents.record_consent: P.RECORD_CONSENT,
        assignment.start_mediation: P.ASSIGN_MEDIATOR,
        assignment.assign_mediator: P.ASSIGN_MEDIATOR,
        routing.transfer_track: P.TRANSFER_TRACK,
        routing.refer_level: P.REFER_LEVEL,
        extension.extend_period: P.EXTEND_PERIOD,
        sessions.schedule_session: P.RECORD_SESSION,
        sessions.record_session: P.RECORD_SESSION,
        evidence.attach_evidence: P.RECORD_EVIDENCE,
        evidence.record_owner_position: P.RECORD_EVIDENCE,
        handover.litigation_handover: P.EXPORT_DATA,
        disclosure.reveal_owner_identity: P.REVEAL_IDENTITY,
        disclosure.record_export: P.EXPORT_DATA,
        # fees and settlement
        late_fee_terms.record_late_fee_terms: P.EDIT_CASE,
        statements.compute_statement: P.COMPUTE_STATEMENT,
        proposals.propose: P.PROPOSE_SETTLEMENT,
        preview.preview_base: P.VIEW_CASES,
        # agreement, confirmation, performance
        terms.reach_agreement: P.REACH_AGREEMENT,
        terms.sign: P.FINALISE_AGREEMENT,
        confirmation.apply_confirmation: P.APPLY_CONFIRMATION,
        confirmation.withdraw_confirmation: P.APPLY_CONFIRMATION,
        confirmation.record_confirmation: P.CONFIRM_JUDICIALLY,
        confirmation.record_rejection: P.CONFIRM_JUDICIALLY,
        performance.start_performance: P.RECORD_PERFORMANCE,
        performance.record_payment: P.RECORD_PERFORMANCE,
        performance.complete_performance: P.RECORD_PERFORMANCE,
        performance.record_follow_up: P.RECORD_FOLLOW_UP,
        # payments and bills before mediation, figures out of date, reversals (issue 14)
        fee_records.record_prior_payment: P.EDIT_CASE,
        fee_records.void_prior_payment: P.EDIT_CASE,
        fee_records.record_utility_bill: P.EDIT_CASE,
        fee_records.record_utility_bills: P.EDIT_CASE,
        fee_records.void_utility_bill: P.EDIT_CASE,
        staleness.recompute_figures: P.COMPUTE_STATEMENT,
        reversal.reverse_last_step: P.REVERSE_STEP,
        # corrections: contact details by the clerk too, the rest of the record by a mediator
        c_parties.correct_owner: P.CORRECT_CONTACT,
        c_parties.correct_company: P.CORRECT_CONTACT,
        c_unit.correct_unit: P.CORRECT_RECORD,
        c_unit.correct_fee_rate: P.CORRECT_RECORD,
        c_claim.correct_claim_line: P.CORRECT_RECORD,
        c_mediation.correct_consent: P.CORRECT_RECORD,
        c_mediation.correct_session: P.CORRECT_RECORD,
        c_agreement.correct_agreement: P.CORRECT_RECORD,
        c_agreement.add_supplementary_record: P.SUPPLEMENT_SIGNED,
        # model mediation of a batch
        batch_preview.preview_batch: P.VIEW_CASES,
        batch_apply.apply_terms: P.PROPOSE_SETTLEMENT,
        # (finalising what is not yet final is authorised again, by finalise itself)
        batch_printing.print_agreements: P.PRINT_DOCUMENT,
        # documents
        finalise.finalise: P.FINALISE_AGREEMENT,
        finalise.attach_signed_scan: P.RECORD_EVIDENCE,
        # outside services/: the reads and writes that take an actor
        batch_commit.commit_import: P.INTAKE_CASE,
        export_cases.export_case_list: P.EXPORT_DATA,
        export_monthly.export_monthly_statistics: {P.VIEW_STATISTICS, P.EXPORT_DATA},
        case_header.case_detail: P.VIEW_CASES,
        fee_ledger.fee_ledger: P.VIEW_CASES,
        parties.case_parties: P.VIEW_CASES,
    }.items()
}

PURE = "pure: no database, no actor"
READS = "reads through a session for a screen or document whose view model holds the actor"
INSIDE = "a step inside a guarded service (called after that service's own check)"
SIGN_IN = "signing in and the first run, before anyone is signed in"

UNGUARDED: dict[Callable[..., Any], str] = {
    accounts.actor_for: PURE,
    accounts.command_line_actor: PURE,
    accounts.local_actor: PURE,
    accounts.masked_reader: PURE,
    accounts.lock_delay: PURE,
    accounts.normalise_username: PURE,
    accounts.sign_in: SIGN_IN,
    accounts.create_first_administrator: SIGN_IN + " (refused once an administrator exists)",
    accounts.has_administrator: SIGN_IN,
    accounts.sign_in_required: SIGN_IN,
    accounts.idle_sign_out_minutes: SIGN_IN + " (the client's idle sign-out)",
    accounts.change_own_password: "the signed-in person's own password (the old one is asked again)",
    accounts.list_users: "the accounts page's read (the page is an administrator's)",
    sms.preview_text: READS,
    sms.outbox: READS,
    sms.due_messages: INSIDE + ": dispatch",
    sms.outgoing: INSIDE + ": dispatch",
    sms.retry_delay: PURE,
    confirmation.confirmation_of: READS,
    confirmation.proposed_court: READS,
    performance.follow_ups: READS,
    performance.performance_progress: READS,
    agreed.agreed_settlement: READS,
    agreed.agreement_settlement: READS,
    terms.agreement_of: READS,
    terms.default_remedy: PURE,
    wording.suggested_matters: PURE,
    wording.suggested_responsibility: PURE,
    wording.suggested_wording: READS,
    assignees.assignment_text: PURE,
    assignees.check_runs_track: PURE,
    assignees.load_mediator: INSIDE,
    assignees.load_organisation: INSIDE,
    consents.consent_state: READS,
    consents.consents: READS,
    consents.describe_consent: PURE,
    handover.handover_json: PURE,
    intake.case_snapshot: PURE,
    intake.open_case_for: INSIDE + ": intake",
    intake.validate: PURE,
    next_deadline.deadline_kind: PURE,
    next_deadline.next_deadline: READS,
    next_deadline.next_instalment_due: READS,
    next_deadline.refresh_next_deadline: INSIDE,
    search_text.build: PURE,
    search_text.refresh_case: INSIDE,
    search_text.refresh_for_owner: INSIDE,
    sessions.sessions: READS,
    step.add_event: INSIDE,
    step.check_day: INSIDE,
    step.finish: INSIDE,
    step.load_case: INSIDE,
    step.move: INSIDE,
    step.snapshot: PURE,
    step.status_step: INSIDE,
    **{
        fn: READS
        for module in (
            b_agreement,
            b_case_file,
            b_common,
            b_followup,
            b_intake,
            b_monthly,
            b_session,
            b_statement,
        )
        for _name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and not _name.startswith("_")
    },
    finalise.build_document: READS,
    finalise.document_day: PURE,
    finalise.final_document: READS,
    finalise.final_documents: READS,
    finalise.finaliser_name: READS,
    finalise.rerender: PURE,
    finalise.verify_file: "anyone may check a printed document against its stored hash",
    registry.build: READS,
    registry.document_type: PURE,
    registry.document_types: PURE,
    registry.filed_types: PURE,
    registry.kinds: PURE,
    registry.register: "the registry of document kinds, filled at import time",
    registry.resolve: READS,
    registry.title: PURE,
    registry.unregister: "the registry of document kinds, filled at import time",
    verify_code.verify_code: "anyone may check a printed document's verification code",
    fee_input.calc_input: PURE,
    fee_input.discount_dict: PURE,
    fee_input.input_dict: PURE,
    preview.preview: PURE,
    proposals.claimed_total: PURE,
    proposals.compare_scenarios: READS,
    proposals.discount_text: PURE,
    proposals.proposal_settlement: PURE,
    settle.claimed_items: PURE,
    settle.dump_settlement: PURE,
    settle.late_fee_warning: PURE,
    settle.load_settlement: PURE,
    settle.recomputation: PURE,
    settle.settle: PURE,
    settle.settle_on_total: READS,
    settle.settlement_date: READS,
    statements.dumps: PURE,
    statements.latest_statement: READS,
    statements.statement_input: READS,
    statements.store_statement: INSIDE,
    proposals.store_proposal: INSIDE,
    fee_input.live_bills: PURE,
    fee_input.live_payments: PURE,
    staleness.figures_staleness: READS,
    staleness.mark_figures_stale: INSIDE,
    fee_records.parse_bill_rows: PURE,
    fee_records.touch: INSIDE,
    reversal.last_status_step: READS,
    performance.would_complete: READS,
    finalise.preview_number: READS,
    c_agreement.supplementary_records: READS,
    c_common.audited: PURE,
    c_common.begin: INSIDE + " (it authorises the field's own permission)",
    c_common.check_reason: PURE,
    c_common.finish: INSIDE,
    c_common.permission_for: PURE,
    c_common.same: PURE,
    c_common.shown: PURE,
    c_common.signed_on: INSIDE,
    c_common.touch: INSIDE,
    batch_apply.default_name: PURE,
    batch_preview.agreed_case_ids: READS,
    batch_preview.check_terms: PURE,
    batch_preview.load_batch_cases: READS,
    batch_preview.refusal: PURE,
    batch_preview.settle_case: READS,
    batch_preview.totals: PURE,
    batch_printing.agreements_to_print: READS,
    batch_printing.combined_name: PURE,
}


def _name(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__.removeprefix('mediation_app.')}.{fn.__name__}"


def public_service_functions() -> set[Callable[..., Any]]:
    """Every public function defined in a module of mediation_app/services/** (not imported there)."""
    import mediation_app.services

    found: set[Callable[..., Any]] = set()
    for info in pkgutil.walk_packages(mediation_app.services.__path__, "mediation_app.services."):
        module: ModuleType = importlib.import_module(info.name)
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and not name.startswith("_"):
                found.add(fn)
    return found


def test_every_public_service_function_is_listed() -> None:
    listed = set(GUARDED) | set(UNGUARDED)
    missing = sorted(_name(fn) for fn in public_service_functions() - listed)
    assert not missing, f"add these to GUARDED (with their permission) or UNGUARDED (with why): {missing}"
    assert not set(GUARDED) & set(UNGUARDED)
    assert len(GUARDED) >= 50  # the table itself cannot quietly shrink


def test_a_function_that_acts_for_someone_is_guarded_or_says_why() -> None:
    """A function taking a unit of work or an actor is either guarded or a step inside a guarded
    service, the sign-in, or the person's own password (nothing else may write unchecked)."""
    allowed = {INSIDE, SIGN_IN, PURE}
    for fn, why in UNGUARDED.items():
        params = list(inspect.signature(fn).parameters)
        if (params and params[0] == "uow") or {"actor", "viewer"} & set(params):
            assert any(why.startswith(reason) for reason in allowed) or "own password" in why, _name(fn)


# --- calling a listed function with an account holding chosen permissions --------------------------


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database.open(f"sqlite:///{tmp_path_factory.mktemp('perm')}/p.sqlite3")
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def accounts_by_role(shared_db: Database) -> dict[Role, Actor]:
    """One real account per role: units of work re-read the account, so it must exist."""
    return {role: _account(shared_db, role) for role in Role}


def _arguments(fn: Callable[..., Any], actor: Actor, db: Database, tmp_path: Path) -> dict[str, Any]:
    """Dummy arguments by name: 0 for ids and the rest, a real file for a path (a half-built export
    complains), the actor for ``actor``/``viewer``; past the permission check they fail, which is
    not the point here."""
    (tmp_path / "in.pdf").write_bytes(b"%PDF-1.4\n")
    values: dict[str, Any] = {}
    for param in inspect.signature(fn).parameters.values():
        if param.default is not inspect.Parameter.empty:
            continue
        if param.name in ("actor", "viewer"):
            values[param.name] = actor
        elif param.name == "db":
            values[param.name] = db
        elif param.name == "path":
            values[param.name] = tmp_path / "out.xlsx"
        elif param.name == "file":
            values[param.name] = tmp_path / "in.pdf"
        else:
            values[param.name] = 0
    return values


def refused(db: Database, fn: Callable[..., Any], actor: Actor, tmp_path: Path) -> bool:
    """Whether calling ``fn`` as ``actor`` stops at a permission refusal (True) or gets past the
    check (False: it then succeeds or fails on the dummy arguments)."""
    values = _arguments(fn, actor, db, tmp_path)
    first = next(iter(inspect.signature(fn).parameters))
    try:
        if first == "uow":
            with db.unit_of_work(actor) as uow:
                values["uow"] = uow
                fn(**values)
        elif first == "session":
            with db.read() as session:
                values["session"] = session
                fn(**values)
        else:
            fn(**values)
    except SignInRequired as error:  # the account itself is wrong: the test's set-up, not the guard
        raise AssertionError(f"{_name(fn)}: the test's account was refused: {error.message}") from error
    except PermissionDenied:
        return True
    except Exception:
        return False
    return False


GUARDED_IDS = [_name(fn) for fn in GUARDED]
GUARDED_CASES = [
    (fn, permission) for fn, permissions in GUARDED.items() for permission in sorted(permissions)
]


@pytest.mark.parametrize(
    ("fn", "permission"), GUARDED_CASES, ids=[f"{_name(fn)}-{p.value}" for fn, p in GUARDED_CASES]
)
def test_an_account_lacking_the_permission_is_refused(
    shared_db: Database,
    accounts_by_role: dict[Role, Actor],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fn: Callable[..., Any],
    permission: Permission,
) -> None:
    """Every permission but the one written in the table: the service refuses."""
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.CLERK, frozenset(Permission) - {permission})
    assert refused(shared_db, fn, accounts_by_role[Role.CLERK], tmp_path), (_name(fn), permission)


@pytest.mark.parametrize("fn", list(GUARDED), ids=GUARDED_IDS)
def test_an_account_holding_the_permissions_gets_past_the_check(
    shared_db: Database,
    accounts_by_role: dict[Role, Actor],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fn: Callable[..., Any],
) -> None:
    """Only the permissions written in the table: the service does not refuse (so the table names
    exactly what the service checks, not merely something the role lacks)."""
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.CLERK, GUARDED[fn])
    assert not refused(shared_db, fn, accounts_by_role[Role.CLERK], tmp_path), _name(fn)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("fn", list(GUARDED), ids=GUARDED_IDS)
def test_every_guarded_service_for_every_role(
    shared_db: Database,
    accounts_by_role: dict[Role, Actor],
    tmp_path: Path,
    fn: Callable[..., Any],
    role: Role,
) -> None:
    """The real role table, through the services: a role is refused exactly when it lacks one of
    the function's permissions."""
    allowed = GUARDED[fn] <= ROLE_PERMISSIONS[role]
    assert refused(shared_db, fn, accounts_by_role[role], tmp_path) == (not allowed), (_name(fn), role)


# --- mutation checks: a removed guard is caught -----------------------------------------------------


# A function whose work calls another guarded service checks twice; both checks go for the mutation.
ALSO_GUARDED_BY: dict[Callable[..., Any], tuple[ModuleType, ...]] = {
    export_cases.export_case_list: (disclosure,),  # record_export audits the file
    # a correction authorises up front and again for the field it corrects (corrections.common.begin)
    **{
        fn: (c_common,)
        for fn in (
            c_parties.correct_owner,
            c_parties.correct_company,
            c_unit.correct_unit,
            c_unit.correct_fee_rate,
            c_claim.correct_claim_line,
            c_mediation.correct_consent,
            c_mediation.correct_session,
            c_agreement.correct_agreement,
        )
    },
}


def _without_guard(monkeypatch: pytest.MonkeyPatch, fn: Callable[..., Any]) -> None:
    """Remove the guard as a careless edit would: ``authorize`` in the function's module does nothing."""
    for module in (importlib.import_module(fn.__module__), *ALSO_GUARDED_BY.get(fn, ())):
        assert hasattr(module, "authorize"), f"{_name(fn)}: {module.__name__} does not call authorize"
        monkeypatch.setattr(module, "authorize", lambda *_args, **_kwargs: None)


CLOSING_STEPS = [status.refuse, status.withdraw, status.fail_to_litigation]


@pytest.mark.parametrize("fn", CLOSING_STEPS, ids=[_name(fn) for fn in CLOSING_STEPS])
def test_without_the_closing_steps_guard_the_refusal_test_fails(
    shared_db: Database,
    accounts_by_role: dict[Role, Actor],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fn: Callable[..., Any],
) -> None:
    """refuse, withdraw and fail_to_litigation authorise inside ``_close``: with that check gone,
    the very check the refusal test makes no longer holds (the suite would go red)."""
    clerk = accounts_by_role[Role.CLERK]
    assert refused(shared_db, fn, clerk, tmp_path)  # a clerk may not close a case
    _without_guard(monkeypatch, fn)
    assert not refused(shared_db, fn, clerk, tmp_path)


@pytest.mark.parametrize("fn", list(GUARDED), ids=GUARDED_IDS)
def test_every_removed_guard_is_caught(
    shared_db: Database,
    accounts_by_role: dict[Role, Actor],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fn: Callable[..., Any],
) -> None:
    """The same mutation for every guarded function: the refusal test's check turns false."""
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.CLERK, frozenset())
    _without_guard(monkeypatch, fn)
    assert not refused(shared_db, fn, accounts_by_role[Role.CLERK], tmp_path), _name(fn)
