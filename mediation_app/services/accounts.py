"""Staff accounts and sign-in: the first administrator, users and roles, passwords, lock-out.

* The first run creates the administrator (:func:`create_first_administrator`); afterwards only an
  administrator manages accounts (:data:`Permission.MANAGE_ACCOUNTS`).
* :func:`sign_in` checks a password against its argon2 hash. After :data:`MAX_FAILURES` failures in
  a row the account is locked for :data:`BASE_LOCK`, twice as long after each further round, up to
  :data:`MAX_LOCK`. Every attempt, successful or not, is an audit event; the password never is.
  A wrong user name and a wrong password get the same answer, so guessing names teaches nothing.
* A single-seat SQLite installation may run without sign-in (setting ``sign_in_required``); the
  person at it then acts as :func:`local_actor`. A PostgreSQL database is shared by workstations
  and always requires sign-in, whatever the setting says.
"""

from __future__ import annotations

import datetime as dt
import getpass
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.errors import FormErrors, NotFoundError, PermissionDenied, ValidationError, WorkflowError
from mediation_app.i18n import _
from mediation_app.security import passwords
from mediation_app.security.permissions import Permission, authorize
from mediation_app.storage import uow as uow_module
from mediation_app.storage.models import Organization, Setting, Staff
from mediation_app.storage.uow import Database, UnitOfWork
from mediation_app.storage.versioning import check_version

MAX_FAILURES = 5
BASE_LOCK = dt.timedelta(minutes=15)
MAX_LOCK = dt.timedelta(hours=24)
SIGN_IN_REQUIRED = uow_module.SIGN_IN_REQUIRED
IDLE_SIGN_OUT = "idle_sign_out_minutes"
IDLE_SIGN_OUT_DEFAULT = 15  # minutes without a key or a click before the client signs out
IDLE_SIGN_OUT_RANGE = (1, 480)

_USERNAME = re.compile(r"^[\w.@-]{2,60}$")


class SignInFailed(PermissionDenied):
    """The user name, the password or the account's state did not allow signing in."""


@dataclass(frozen=True)
class UserRow:
    """An account as screens and commands show it (never the hash)."""

    id: int
    username: str
    name: str
    role: Role
    organization_id: int | None
    organization: str
    phone: str
    active: bool
    has_password: bool
    failed_logins: int
    locked_until: dt.datetime | None
    version: int


@dataclass
class UserForm:
    username: str = ""
    name: str = ""
    role: Role = Role.CLERK
    password: str = ""
    organization_id: int | None = None
    phone: str = ""


# --- who acts when nobody signs in --------------------------------------------------------------


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts; the label still says where
        return "?"


def local_actor() -> Actor:
    """The person at a single-seat installation that runs without sign-in (may do everything)."""
    return Actor(
        staff_id=None,
        name=_("Local user ({user})").format(user=_os_user())[:60],
        role=Role.ADMIN,
        without_sign_in=True,
    )


def command_line_actor() -> Actor:
    """Whoever runs ``mediation-app`` commands without signing in: unrestricted while sign-in is
    off (a single seat), and saying so in the audit trail; refused by every unit of work once
    sign-in is required (see :mod:`mediation_app.commands.sign_in`: ``--user NAME``)."""
    return Actor(
        staff_id=None,
        name=_("Command line ({user})").format(user=_os_user())[:60],
        role=Role.ADMIN,
        without_sign_in=True,
    )


def masked_reader() -> Actor:
    """The command line reading while sign-in is required and nobody signed in: it may read
    cases and statistics, with ID numbers and phone numbers masked, and change nothing."""
    return Actor(
        staff_id=None, name=_("Command line ({user})").format(user=_os_user())[:60], role=Role.SUPERVISOR
    )


def actor_for(staff: Staff) -> Actor:
    return Actor(staff_id=staff.id, name=staff.name, role=staff.role, organization_id=staff.organization_id)


# --- settings -----------------------------------------------------------------------------------


def sign_in_required(db: Database) -> bool:
    """Whether people must sign in: always on PostgreSQL; on SQLite as set (default: yes)."""
    if not db.is_sqlite:
        return True
    with db.read() as session:
        value = session.scalar(select(Setting.value).where(Setting.key == SIGN_IN_REQUIRED))
    return value != "0"


def set_sign_in_required(uow: UnitOfWork, required: bool) -> None:
    """Turn sign-in on or off for this (single-seat SQLite) installation."""
    authorize(uow.actor, Permission.MANAGE_SETTINGS)
    if not required and not uow.db.is_sqlite:
        raise WorkflowError(
            _("A shared PostgreSQL database always requires sign-in; it cannot be turned off.")
        )
    session = uow.session
    if required and not _administrator_exists(uow):
        raise WorkflowError(_("Create an administrator account with a password before requiring sign-in."))
    setting = session.get(Setting, SIGN_IN_REQUIRED)
    before = None if setting is None else setting.value
    value = "1" if required else "0"
    if setting is None:
        session.add(Setting(key=SIGN_IN_REQUIRED, value=value))
    else:
        setting.value = value
    uow.audit("setting.change", "setting", SIGN_IN_REQUIRED, {"value": before}, {"value": value})
    uow.commit()


def idle_sign_out_minutes(db: Database) -> int:
    """After how many idle minutes a signed-in client returns to the sign-in dialog."""
    with db.read() as session:
        value = session.scalar(select(Setting.value).where(Setting.key == IDLE_SIGN_OUT))
    try:
        minutes = int(value) if value is not None else IDLE_SIGN_OUT_DEFAULT
    except ValueError:
        return IDLE_SIGN_OUT_DEFAULT
    low, high = IDLE_SIGN_OUT_RANGE
    return minutes if low <= minutes <= high else IDLE_SIGN_OUT_DEFAULT


def set_idle_sign_out_minutes(uow: UnitOfWork, minutes: int) -> None:
    """Set the idle time after which every signed-in client signs out (1 to 480 minutes)."""
    authorize(uow.actor, Permission.MANAGE_SETTINGS)
    low, high = IDLE_SIGN_OUT_RANGE
    if not low <= minutes <= high:
        raise ValidationError(
            "idle_sign_out_minutes",
            _("must be between {low} and {high} minutes").format(low=low, high=high),
            _("Sign out after idle"),
        )
    setting = uow.session.get(Setting, IDLE_SIGN_OUT)
    before = None if setting is None else setting.value
    if setting is None:
        uow.session.add(Setting(key=IDLE_SIGN_OUT, value=str(minutes)))
    else:
        setting.value = str(minutes)
    uow.audit("setting.change", "setting", IDLE_SIGN_OUT, {"value": before}, {"value": str(minutes)})
    uow.commit()


def has_administrator(db: Database) -> bool:
    """True once an active administrator with a password exists (the first run is over)."""
    with db.read() as session:
        return _count_admins(session) > 0


def _count_admins(session: Session) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Staff)
            .where(Staff.role == Role.ADMIN, Staff.active.is_(True), Staff.password_hash.is_not(None))
        )
        or 0
    )


def _administrator_exists(uow: UnitOfWork) -> bool:
    return _count_admins(uow.session) > 0


# --- validation -----------------------------------------------------------------------------------


def normalise_username(username: str) -> str:
    """User names match whatever the case and width they are typed in."""
    return unicodedata.normalize("NFKC", username).strip().casefold()


def _validate(uow: UnitOfWork, form: UserForm, *, new: bool) -> list[ValidationError]:
    errors: list[ValidationError] = []
    username = normalise_username(form.username)
    if new:
        if not _USERNAME.match(username):
            errors.append(
                ValidationError(
                    "username",
                    _("use 2 to 60 letters, digits or . _ - @ (no spaces)"),
                    _("User name"),
                )
            )
        elif uow.session.scalar(select(Staff.id).where(Staff.username == username)) is not None:
            errors.append(ValidationError("username", _("is already taken"), _("User name")))
        try:
            passwords.check_strength(form.password, username=username)
        except ValidationError as error:
            errors.append(error)
    name = form.name.strip()
    if not name:
        errors.append(ValidationError("name", _("is required"), _("Name")))
    elif len(name) > 60:
        errors.append(ValidationError("name", _("may have at most {n} characters").format(n=60), _("Name")))
    if form.organization_id is not None and uow.session.get(Organization, form.organization_id) is None:
        errors.append(ValidationError("organization", _("no longer exists"), _("Organisation")))
    if len(form.phone.strip()) > 40:
        errors.append(ValidationError("phone", _("may have at most {n} characters").format(n=40), _("Phone")))
    return errors


def _snapshot(staff: Staff) -> dict[str, object]:
    return {
        "username": staff.username,
        "name": staff.name,
        "role": staff.role,
        "organization_id": staff.organization_id,
        "phone": staff.phone,
        "active": staff.active,
    }


# --- the first administrator and account management ----------------------------------------------


def create_first_administrator(
    db: Database, username: str, name: str, password: str, *, require_sign_in: bool = True
) -> Actor:
    """Create the first administrator (first run) and return them, signed in.

    Refused once an administrator exists: from then on, an administrator adds accounts.
    """
    key = normalise_username(username)
    with db.unit_of_work(Actor(None, key[:60] or "?", Role.ADMIN)) as uow:
        if _administrator_exists(uow):
            raise WorkflowError(
                _("An administrator already exists. Ask an administrator to create your account.")
            )
        form = UserForm(username=key, name=name, role=Role.ADMIN, password=password)
        errors = _validate(uow, form, new=True)
        if errors:
            raise FormErrors(errors)
        staff = _new_staff(uow, form)
        uow.actor = actor_for(staff)  # the new administrator is the author of their own account
        uow.audit("account.create_first_admin", "staff", staff.id, None, _snapshot(staff))
        if uow.db.is_sqlite:
            setting = uow.session.get(Setting, SIGN_IN_REQUIRED)
            value = "1" if require_sign_in else "0"
            if setting is None:
                uow.session.add(Setting(key=SIGN_IN_REQUIRED, value=value))
            else:
                setting.value = value
            uow.audit("setting.change", "setting", SIGN_IN_REQUIRED, None, {"value": value})
        uow.commit()
        return actor_for(staff)


def _new_staff(uow: UnitOfWork, form: UserForm) -> Staff:
    staff = Staff(
        username=normalise_username(form.username),
        name=form.name.strip(),
        role=form.role,
        organization_id=form.organization_id,
        phone=form.phone.strip(),
        password_hash=passwords.hash_password(form.password),
        active=True,
        failed_logins=0,
        created_at=uow.clock.now(),
    )
    uow.session.add(staff)
    uow.flush()
    return staff


def add_user(uow: UnitOfWork, form: UserForm) -> UserRow:
    """An administrator adds an account with its role and first password."""
    authorize(uow.actor, Permission.MANAGE_ACCOUNTS)
    errors = _validate(uow, form, new=True)
    if errors:
        raise FormErrors(errors)
    staff = _new_staff(uow, form)
    uow.audit("account.create", "staff", staff.id, None, _snapshot(staff))
    uow.commit()
    return _row(staff)


def update_user(uow: UnitOfWork, staff_id: int, expected_version: int | None, form: UserForm) -> UserRow:
    """Change an account's name, role, organisation or phone (not its user name or password)."""
    authorize(uow.actor, Permission.MANAGE_ACCOUNTS)
    staff = _get(uow, staff_id)
    check_version(staff, expected_version)
    errors = _validate(uow, form, new=False)
    if errors:
        raise FormErrors(errors)
    before = _snapshot(staff)
    if staff.role is Role.ADMIN and form.role != Role.ADMIN and staff.active:
        _refuse_last_admin(uow, staff)
    staff.name = form.name.strip()
    staff.role = form.role
    staff.organization_id = form.organization_id
    staff.phone = form.phone.strip()
    uow.flush()
    uow.audit("account.update", "staff", staff.id, before, _snapshot(staff))
    uow.commit()
    return _row(staff)


def set_active(uow: UnitOfWork, staff_id: int, expected_version: int | None, active: bool) -> UserRow:
    """Deactivate an account (it can no longer sign in; its history stays) or reactivate it."""
    authorize(uow.actor, Permission.MANAGE_ACCOUNTS)
    staff = _get(uow, staff_id)
    check_version(staff, expected_version)
    if not active and staff.id == uow.actor.staff_id:
        raise WorkflowError(_("You cannot deactivate your own account."))
    if not active and staff.role is Role.ADMIN and staff.active:
        _refuse_last_admin(uow, staff)
    before = _snapshot(staff)
    staff.active = active
    uow.flush()
    uow.audit(
        "account.activate" if active else "account.deactivate", "staff", staff.id, before, _snapshot(staff)
    )
    uow.commit()
    return _row(staff)


def reset_password(uow: UnitOfWork, staff_id: int, new_password: str) -> None:
    """An administrator sets a new password for someone (and lifts any lock-out)."""
    authorize(uow.actor, Permission.MANAGE_ACCOUNTS)
    staff = _get(uow, staff_id)
    passwords.check_strength(new_password, username=staff.username)
    staff.password_hash = passwords.hash_password(new_password)
    staff.failed_logins = 0
    staff.locked_until = None
    uow.flush()
    uow.audit("account.password_reset", "staff", staff.id, None, {"username": staff.username})
    uow.commit()


def unlock_user(uow: UnitOfWork, staff_id: int) -> None:
    """Lift a lock-out before its delay has passed."""
    authorize(uow.actor, Permission.MANAGE_ACCOUNTS)
    staff = _get(uow, staff_id)
    before = {"failed_logins": staff.failed_logins, "locked_until": staff.locked_until}
    staff.failed_logins = 0
    staff.locked_until = None
    uow.flush()
    uow.audit("account.unlock", "staff", staff.id, before, {"failed_logins": 0, "locked_until": None})
    uow.commit()


def change_own_password(uow: UnitOfWork, old_password: str, new_password: str) -> None:
    """The signed-in person changes their password (the old one is asked again)."""
    if uow.actor.staff_id is None:
        raise WorkflowError(_("Only a signed-in account has a password to change."))
    staff = _get(uow, uow.actor.staff_id)
    if not passwords.verify_password(staff.password_hash, old_password):
        raise ValidationError("old_password", _("is not your current password"), _("Current password"))
    passwords.check_strength(new_password, username=staff.username, field="new_password")
    staff.password_hash = passwords.hash_password(new_password)
    uow.flush()
    uow.audit("account.password_change", "staff", staff.id, None, {"username": staff.username})
    uow.commit()


def _refuse_last_admin(uow: UnitOfWork, staff: Staff) -> None:
    others = uow.session.scalar(
        select(func.count())
        .select_from(Staff)
        .where(
            Staff.role == Role.ADMIN,
            Staff.active.is_(True),
            Staff.password_hash.is_not(None),
            Staff.id != staff.id,
        )
    )
    if not others:
        raise WorkflowError(
            _("{name} is the last active administrator; make someone else an administrator first.").format(
                name=staff.name
            )
        )


def _get(uow: UnitOfWork, staff_id: int) -> Staff:
    staff = uow.session.get(Staff, staff_id)
    if staff is None:
        raise NotFoundError(_("The account no longer exists."))
    return staff


def _row(staff: Staff, organization: str = "") -> UserRow:
    return UserRow(
        id=staff.id,
        username=staff.username,
        name=staff.name,
        role=staff.role,
        organization_id=staff.organization_id,
        organization=organization,
        phone=staff.phone,
        active=staff.active,
        has_password=bool(staff.password_hash),
        failed_logins=staff.failed_logins,
        locked_until=staff.locked_until,
        version=staff.version,
    )


def list_users(db: Database) -> list[UserRow]:
    """Every account, active ones first, then by user name."""
    with db.read() as session:
        rows = session.execute(
            select(Staff, Organization.short_name, Organization.name)
            .outerjoin(Organization, Organization.id == Staff.organization_id)
            .order_by(Staff.active.desc(), Staff.username)
        ).all()
        return [_row(staff, short or (full or "")) for staff, short, full in rows]


# --- signing in ------------------------------------------------------------------------------------


def lock_delay(failures: int) -> dt.timedelta | None:
    """How long to lock an account after its ``failures``-th failure in a row (None: no lock)."""
    if failures < MAX_FAILURES or failures % MAX_FAILURES:
        return None
    doublings: int = min(failures // MAX_FAILURES - 1, 16)  # 15 min × 2^16 is far past the cap
    delay: dt.timedelta = BASE_LOCK * (1 << doublings)
    return min(delay, MAX_LOCK)


def _wrong() -> SignInFailed:
    return SignInFailed(_("Wrong user name or password."))


def _locked(until: dt.datetime, now: dt.datetime) -> SignInFailed:
    local = until.astimezone(now.tzinfo) if now.tzinfo else until
    return SignInFailed(
        _(
            "Too many failed sign-ins: this account is locked until {time}. Try again then, or ask an administrator."
        ).format(
            time=formatting.clock_time(until) if local.date() == now.date() else formatting.moment(until)
        )
    )


def sign_in(db: Database, username: str, password: str) -> Actor:
    """The actor for ``username`` when ``password`` is right; :class:`SignInFailed` otherwise."""
    key = normalise_username(username)
    attempt = Actor(None, key[:60] or "?", Role.CLERK)
    with db.unit_of_work(attempt) as uow:
        staff = uow.session.scalar(select(Staff).where(Staff.username == key))
        now = uow.clock.now()
        if staff is None:
            passwords.verify_password(None, password)  # same time as for a real account
            uow.audit(
                "account.sign_in_failed", "staff", "", None, {"username": key[:60], "reason": "unknown_user"}
            )
            uow.commit()
            raise _wrong()
        uow.actor = Actor(staff.id, staff.name, attempt.role)  # the audit names whose account it was
        if staff.locked_until is not None and staff.locked_until > now:
            uow.audit(
                "account.sign_in_failed",
                "staff",
                staff.id,
                None,
                {"username": staff.username, "reason": "locked", "locked_until": staff.locked_until},
            )
            uow.commit()
            raise _locked(staff.locked_until, now)
        if not passwords.verify_password(staff.password_hash, password):
            staff.failed_logins += 1
            delay = lock_delay(staff.failed_logins)
            if delay is not None:
                staff.locked_until = now + delay
            uow.flush()
            uow.audit(
                "account.sign_in_failed",
                "staff",
                staff.id,
                None,
                {
                    "username": staff.username,
                    "reason": "wrong_password",
                    "failures": staff.failed_logins,
                    "locked_until": staff.locked_until if delay is not None else None,
                },
            )
            uow.commit()
            if delay is not None:
                raise _locked(now + delay, now)
            raise _wrong()
        if not staff.active:
            uow.audit(
                "account.sign_in_failed",
                "staff",
                staff.id,
                None,
                {"username": staff.username, "reason": "inactive"},
            )
            uow.commit()
            raise SignInFailed(_("This account has been deactivated. Ask an administrator."))
        staff.failed_logins = 0
        staff.locked_until = None
        if staff.password_hash and passwords.needs_rehash(staff.password_hash):
            staff.password_hash = passwords.hash_password(password)
        uow.flush()
        actor = actor_for(staff)
        uow.actor = actor
        uow.audit(
            "account.sign_in", "staff", staff.id, None, {"username": staff.username, "role": staff.role}
        )
        uow.commit()
        return actor
