"""The permission table is enforced inside the services, for every role, not only by screens."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.errors import PermissionDenied
from mediation_app.security.permissions import ROLE_PERMISSIONS, Permission
from mediation_app.services.cases.intake import intake_case
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


# --- every service that authorises, for every role ------------------------------------------------

SERVICE_PACKAGES = (
    "mediation_app.services",
    "mediation_app.queries",
    "mediation_app.adapters",
    "mediation_app.exports",
    "mediation_app.batch_import",
)


@dataclass(frozen=True)
class Guarded:
    function: Callable[..., object]
    takes: str  # "uow" or "actor"
    permissions: frozenset[Permission]

    @property
    def name(self) -> str:
        return f"{self.function.__module__}.{self.function.__name__}"


def _guard_permissions(node: ast.FunctionDef) -> frozenset[Permission]:
    """The permissions checked by the ``authorize(...)`` calls that open ``node`` (after its docstring)."""
    body = (
        node.body[1:]
        if node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
        else node.body
    )
    found = set()
    for statement in body:
        call = statement.value if isinstance(statement, ast.Expr) else None
        if not (
            isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "authorize"
        ):
            break
        permission = call.args[1]
        assert isinstance(permission, ast.Attribute)
        found.add(Permission[permission.attr])
    return frozenset(found)


def guarded_services() -> list[Guarded]:
    """Every public service function that starts by authorising its actor."""
    found = []
    for package_name in SERVICE_PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if info.ispkg:
                continue
            module = importlib.import_module(info.name)
            tree = ast.parse(inspect.getsource(module))
            for node in tree.body:
                if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                    continue
                permissions = _guard_permissions(node)
                params = [a.arg for a in node.args.args]
                if permissions and params and params[0] in ("uow", "db"):
                    takes = "uow" if params[0] == "uow" else "actor"
                    found.append(Guarded(getattr(module, node.name), takes, permissions))
    return found


GUARDED = guarded_services()


def test_the_services_that_must_check_do_check() -> None:
    names = {g.name.rsplit(".", 1)[-1] for g in GUARDED}
    expected = {
        "add_user",
        "reveal_owner_identity",
        "record_export",
        "set_sign_in_required",
        "record_confirmation",
        "sign",
    }
    assert expected <= names
    assert len(GUARDED) >= 20, [g.name for g in GUARDED]


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database.open(f"sqlite:///{tmp_path_factory.mktemp('perm')}/p.sqlite3")
    yield db
    db.dispose()


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("guarded", GUARDED, ids=lambda g: g.name.removeprefix("mediation_app."))
def test_every_guarded_service_for_every_role(
    shared_db: Database, guarded: Guarded, role: Role, tmp_path: Path
) -> None:
    """A role without the permission is refused before anything happens; a role with it gets past
    the check (and then fails on the dummy arguments, which is not the point here)."""
    actor = Actor(staff_id=10_000 + list(Role).index(role), name="某某", role=role)
    allowed = all(permission in ROLE_PERMISSIONS[role] for permission in guarded.permissions)
    signature = inspect.signature(guarded.function)
    # Dummy arguments: 0 (no such id), and a real file for "path" (a half-built export complains).
    rest: list[object] = [
        tmp_path / "out.xlsx" if p.name == "path" else 0
        for p in list(signature.parameters.values())[1:]
        if p.default is inspect.Parameter.empty and p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    ]
    if guarded.takes == "actor":
        rest = rest[1:]  # (db, actor, ...)
    kwargs = {
        p.name: 0
        for p in signature.parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is inspect.Parameter.empty
    }
    refused: PermissionDenied | None = None
    with shared_db.unit_of_work(actor) as uow:
        try:
            if guarded.takes == "uow":
                guarded.function(uow, *rest, **kwargs)
            else:
                guarded.function(shared_db, actor, *rest, **kwargs)
        except PermissionDenied as error:
            refused = error
        except Exception:
            pass  # past the permission check: the dummy arguments fail further on
    assert (refused is None) == allowed, (guarded.name, role, refused)
