"""The database handle and the unit of work: one user intention, one transaction, audited.

``Database`` is built once by a composition root (the GUI's ``ui/app.py`` or a command). Services
take a ``UnitOfWork`` from it::

    with db.unit_of_work(actor) as uow:
        case = uow.session.get(Case, case_id)
        ...
        uow.audit("case.update", "case", case.id, before, after, case_id=case.id)
        uow.commit()

Leaving the block without ``commit()`` rolls everything back, so a failure halfway through a save
leaves nothing half-written.

Entering the block re-reads who acts (:func:`current_actor`), inside the transaction: an account
deactivated or given another role since it signed in is refused with
:class:`~mediation_app.errors.SignInRequired`, and ``uow.actor`` is the account as stored now, so
the services' permission checks never trust a stale screen (units of work nested in one batch
transaction read each account once, until the transaction writes a staff row: see
:mod:`~mediation_app.storage.checked_actors`). Someone working without an account
(the local user, the command line) is refused once sign-in is required and an administrator
exists to sign in with. On SQLite every unit of work starts with ``BEGIN IMMEDIATE`` (one
writer at a time, waiting up to the busy timeout); the audit chain's head row is locked for update
on PostgreSQL, so events from concurrent workstations chain in a single order.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cache
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, Select, bindparam, event, func, insert, select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from mediation_app.clock import Clock, SystemClock
from mediation_app.domain.actor import SYSTEM, Actor
from mediation_app.domain.audit_chain import GENESIS, event_hash
from mediation_app.domain.enums import Role
from mediation_app.domain.row_digest import seals_json
from mediation_app.errors import ConflictError, DatabaseError, SignInRequired
from mediation_app.i18n import _
from mediation_app.storage import migrate, text_guard
from mediation_app.storage.checked_actors import CheckedActors
from mediation_app.storage.database import is_sqlite, open_engine
from mediation_app.storage.models import AuditEvent, AuditHead, Setting, Staff
from mediation_app.storage.row_seals import SealTracker

SEALS_PER_EVENT = 500
SEAL_ACTION = "record.seal"

# PostgreSQL: every write unit of work holds the schema's advisory lock shared; a restore holds it
# exclusively while it keeps the data aside and replaces it (mediation_app.backup.restore).
_LOCK_KEY = "8715, hashtext(current_schema())"
WRITE_LOCK_SQL = f"SELECT pg_advisory_xact_lock_shared({_LOCK_KEY})"
RESTORE_LOCK_SQL = f"SELECT pg_advisory_lock({_LOCK_KEY})"
RESTORE_UNLOCK_SQL = f"SELECT pg_advisory_unlock({_LOCK_KEY})"

SIGN_IN_REQUIRED = "sign_in_required"  # the setting's key (see services.accounts)


def _json(value: Any) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


class Database:
    """An open, migrated database with the clock the services use."""

    def __init__(self, engine: Engine, clock: Clock | None = None) -> None:
        self.engine = engine
        self.clock: Clock = clock or SystemClock()
        text_guard.install()
        if is_sqlite(engine):
            _use_explicit_sqlite_transactions(engine)
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str | None = None, clock: Clock | None = None, *, upgrade: bool = True) -> Database:
        """Open the database at ``url`` and bring its schema up to date (or refuse a newer one)."""
        engine = open_engine(url)
        if upgrade:
            migrate.upgrade(engine)
        return cls(engine, clock)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine)

    def unit_of_work(self, actor: Actor) -> UnitOfWork:
        return UnitOfWork(self, actor)

    def batch(self) -> UnitOfWork:
        """One transaction to hold many units of work (:meth:`UnitOfWork.nested`), sealed and
        chained once when it commits: for a builder that writes thousands of steps (the demo)."""
        return UnitOfWork(self, SYSTEM)

    def current_actor(self, actor: Actor) -> Actor:
        """``actor`` as stored now, for work that reads before it writes (an export): see
        :func:`current_actor`."""
        with self.read() as session:
            return current_actor(session, actor)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session for queries; it never writes and never takes the write lock."""
        session = self._sessions()
        try:
            yield session
        except DBAPIError as exc:
            raise _database_error(exc) from exc
        finally:
            with suppress(DBAPIError):  # a lost connection has nothing left to roll back
                session.rollback()
            session.close()

    def new_session(self, *, write: bool) -> Session:
        if write and self.is_sqlite:
            connection = self.engine.connect().execution_options(sqlite_begin="IMMEDIATE")
            return Session(bind=connection, expire_on_commit=False)
        return self._sessions()

    def dispose(self) -> None:
        self.engine.dispose()


def _use_explicit_sqlite_transactions(engine: Engine) -> None:
    """Let SQLAlchemy, not the sqlite3 module, say BEGIN, so writers can BEGIN IMMEDIATE."""
    if getattr(engine, "_mediation_begin_hooked", False):
        return

    @event.listens_for(engine, "connect")
    def _autocommit_driver(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    engine._mediation_begin_hooked = True  # type: ignore[attr-defined]


class UnitOfWork:
    """One transaction on behalf of one actor; commits only when told, audits every change."""

    def __init__(self, db: Database, actor: Actor, *, within: UnitOfWork | None = None) -> None:
        self.db = db
        self.actor = actor
        self.clock = db.clock
        self._within = within
        self._session: Session | None = None
        self._savepoint: SessionTransaction | None = None
        self._tracker_mark = 0
        self._actors_mark = 0
        self._committed = False
        self._tracker = SealTracker()
        self._events: list[PendingEvent] = []
        self._undoable = True
        self._broken = False  # a nested unit of work that could not be undone failed
        self._checked_actors: CheckedActors | None = None  # on the outermost unit of a batch

    def nested(self, actor: Actor, *, undoable: bool = True) -> UnitOfWork:
        """A unit of work for ``actor`` inside this one's transaction.

        It checks ``actor`` and audits like any other; its ``commit()`` keeps its writes and hands
        its events to this unit of work, which chains them — and seals every row written — when it
        commits itself. Leaving it without ``commit()`` undoes only its own writes: it runs on a
        savepoint. A step that must not fail (``undoable=False``) saves the two statements of the
        savepoint; if it fails all the same, this unit of work can no longer commit. Nor does its
        ``commit()`` flush: its writes go with the next step's (one flush instead of two, a
        thousand times in the demo), so a version it reports may be the one before its own write.
        """
        unit = UnitOfWork(self.db, actor, within=self)
        unit._undoable = undoable
        return unit

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work inside a with block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        if self._within is not None:
            return self._enter_nested(self._within)
        try:
            self._session = self.db.new_session(write=True)
        except DBAPIError as exc:  # SQLite connects here: a file that is gone fails now
            raise _database_error(exc) from exc
        self._committed = False
        self._tracker = SealTracker()
        self._tracker.install(self._session)
        self._events = []
        if not self.db.is_sqlite:
            try:
                self._session.execute(text(WRITE_LOCK_SQL))  # waits while a restore runs
            except DBAPIError as exc:
                self._session.close()
                self._session = None
                raise _database_error(exc) from exc
        try:
            self.actor = current_actor(self._session, self.actor)
        except BaseException as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    def _enter_nested(self, outer: UnitOfWork) -> UnitOfWork:
        self._session = outer.session
        self._tracker = outer._tracker
        # The savepoint flushes what earlier steps left unflushed (a step without one does not
        # flush when it commits); the rows it notes are theirs, so the mark comes after it.
        self._savepoint = self._session.begin_nested() if self._undoable else None
        self._tracker_mark = self._tracker.mark()
        self._committed = False
        self._events = []
        checked = self._outermost().checked_actors()
        self._actors_mark = checked.mark()
        try:
            self.actor = checked.check(self._session, self.actor, current_actor)
        except BaseException as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    def _outermost(self) -> UnitOfWork:
        unit = self
        while unit._within is not None:
            unit = unit._within
        return unit

    def checked_actors(self) -> CheckedActors:
        """The accounts this transaction has checked (for the units of work nested in it)."""
        if self._checked_actors is None:
            self._checked_actors = CheckedActors(self.session)
        return self._checked_actors

    def _forget_checked_actors(self) -> None:
        if self._checked_actors is not None:
            self._checked_actors.close()
            self._checked_actors = None

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._within is not None:
            self._exit_nested(exc)
            return
        self._forget_checked_actors()
        session = self.session
        try:
            if not self._committed:
                try:
                    session.rollback()
                except DBAPIError:
                    if exc is None:
                        raise
                    # the connection died with the transaction; the error below says so
        finally:
            bind = session.bind
            session.close()
            if bind is not None and not isinstance(bind, Engine):
                bind.close()
            self._session = None
        # A database error inside the block (often the first statement, when SQLite's BEGIN
        # IMMEDIATE outwaits the busy timeout) reaches the user as one clear message.
        if isinstance(exc, StaleDataError):
            raise _conflict() from exc
        if isinstance(exc, DBAPIError):
            raise _database_error(exc) from exc

    def _exit_nested(self, exc: BaseException | None) -> None:
        savepoint = self._savepoint
        try:
            if not self._committed and savepoint is None:
                # Its writes stay in the transaction: no unit of work around it may commit.
                unit: UnitOfWork | None = self._within
                while unit is not None:
                    unit._broken = True
                    unit = unit._within
            elif not self._committed and savepoint is not None and savepoint.is_active:
                savepoint.rollback()
                self._tracker.forget_since(self._tracker_mark)
                # On PostgreSQL the rollback released the account locks taken since the savepoint.
                checked = self._outermost()._checked_actors
                if checked is not None:
                    checked.rolled_back(self._actors_mark, locks_released=not self.db.is_sqlite)
        finally:
            self._session = None
            self._savepoint = None
        if isinstance(exc, StaleDataError):
            raise _conflict() from exc
        if isinstance(exc, DBAPIError):
            raise _database_error(exc) from exc

    def flush(self) -> None:
        try:
            self.session.flush()
        except StaleDataError as exc:
            raise _conflict() from exc
        except OperationalError as exc:
            raise _database_error(exc) from exc

    def commit(self) -> None:
        if self._broken:
            raise RuntimeError("a step of this transaction failed and could not be undone; it cannot commit")
        if self._within is not None:
            self._commit_nested(self._within)
            return
        self._forget_checked_actors()
        try:
            self._seal()
            self.session.commit()
        except StaleDataError as exc:
            self.session.rollback()
            raise _conflict() from exc
        except DBAPIError as exc:
            self.session.rollback()
            raise _database_error(exc) from exc
        self._committed = True
        self._tracker.clear()
        self._events = []

    def _commit_nested(self, outer: UnitOfWork) -> None:
        try:
            if self._savepoint is not None:
                self._savepoint.commit()
        except StaleDataError as exc:
            raise _conflict() from exc
        except DBAPIError as exc:
            raise _database_error(exc) from exc
        self._committed = True
        outer._events.extend(self._events)
        self._events = []

    def _seal(self) -> None:
        """Chain this transaction's audit events, with the seals of the audited rows it wrote.

        The seals go into the last event the unit of work wrote; past :data:`SEALS_PER_EVENT`
        rows, or when it wrote no event, into ``record.seal`` events of their own. Events are
        inserted only now, each once and never updated (on PostgreSQL the audit tables refuse
        UPDATE and DELETE), with the chain's head row locked until the commit.
        """
        self.session.flush()
        seals = self._tracker.seals(self.session) if self._tracker else []
        chunks = [seals[i : i + SEALS_PER_EVENT] for i in range(0, len(seals), SEALS_PER_EVENT)]
        if self._events and chunks:
            self._events[-1].rows_json = seals_json(chunks.pop(0))
        for chunk in chunks:
            self.audit(SEAL_ACTION, chunk[0].table, "", None, {"rows": len(chunk)})
            self._events[-1].rows_json = seals_json(chunk)
        if not self._events:
            return
        session = self.session
        head = session.execute(
            select(AuditHead).where(AuditHead.id == 1).with_for_update()
        ).scalar_one_or_none()
        if head is None:
            head = AuditHead(id=1, last_id=0, last_hash=GENESIS)
            session.add(head)
        last_hash = head.last_hash
        for record in self._events:
            record.prev_hash = last_hash
            record.hash = last_hash = event_hash(
                prev_hash=record.prev_hash,
                at=record.at,
                actor_id=record.actor_id,
                actor_name=record.actor_name,
                action=record.action,
                entity=record.entity,
                entity_id=record.entity_id,
                case_id=record.case_id,
                before_json=record.before_json,
                after_json=record.after_json,
                rows_json=record.rows_json,
            )
        if self.db.is_sqlite:
            self._insert_numbered(head.last_id)
        else:
            # One flush inserts them all: PostgreSQL numbers a multi-row INSERT in order.
            rows = [AuditEvent(**record.columns()) for record in self._events]
            session.add_all(rows)
            session.flush()
            for record, row in zip(self._events, rows, strict=True):
                record.id = row.id
        ids = [record.id for record in self._events if record.id is not None]
        if len(ids) != len(self._events) or ids != sorted(ids) or ids[0] <= head.last_id:
            raise RuntimeError(f"audit events numbered out of chain order: {ids[:5]}…")
        head.last_id = ids[-1]
        head.last_hash = last_hash
        session.flush()

    def _insert_numbered(self, last_id: int) -> None:
        """Insert the events on SQLite, numbered here after the newest one.

        SQLite cannot hand back the numbers of a multi-row INSERT in the rows' order, so the ORM
        would insert the events one statement each (a fifth of a millisecond apiece, seven
        thousand times in the demo). The head is locked for this transaction (SQLite's write
        lock), so the numbers are free; a row beyond the head's (written around the app) only
        moves them on, it never collides.
        """
        session = self.session
        newest = session.scalar(select(func.max(AuditEvent.id))) or 0
        for number, record in enumerate(self._events, start=max(last_id, newest) + 1):
            record.id = number
        session.execute(insert(AuditEvent), [record.columns() for record in self._events])

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: object = "",
        before: Any = None,
        after: Any = None,
        *,
        case_id: int | None = None,
    ) -> PendingEvent:
        """Add an audit event to this transaction; it is chained, sealing the rows written, at commit.

        The event is stamped now; it joins the chain (gets its id and hash) when the unit of work
        commits, and is gone with everything else when it does not.
        """
        record = PendingEvent(
            at=self.clock.now(),
            actor_id=self.actor.staff_id,
            actor_name=self.actor.name,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            case_id=case_id,
            before_json=_json(before),
            after_json=_json(after),
            rows_json="",
        )
        self._events.append(record)
        return record


@dataclass
class PendingEvent:
    """An audit event of a unit of work not yet committed: the row it becomes, as plain values
    (thousands of them in a batch, so not ORM objects); the commit numbers and chains it. Its
    read-side twin is :class:`~mediation_app.domain.audit_chain.ChainedEvent`, the same row as
    ``audit verify`` reads it back, frozen and complete."""

    at: dt.datetime
    actor_id: int | None
    actor_name: str
    action: str
    entity: str
    entity_id: str
    case_id: int | None
    before_json: str
    after_json: str
    rows_json: str = ""
    prev_hash: str = ""
    hash: str = ""
    id: int | None = None

    def columns(self) -> dict[str, Any]:
        """The ``audit_event`` row (an id of None lets the database number it)."""
        return dict(vars(self))


def current_actor(session: Session, actor: Actor) -> Actor:
    """``actor`` as the database knows it now, or :class:`SignInRequired`.

    An account is read (on PostgreSQL with a share lock, so a change to it waits for this
    transaction or is seen by it) and must still exist, be active and hold the same role; the
    answer carries its current name and organisation. A person without an account passes only
    while sign-in is off (or while no administrator exists to sign in with: the first run).
    """
    if actor.staff_id is None:
        if actor.without_sign_in and _sign_in_enforced(session):
            raise SignInRequired(
                _("Sign-in is required: sign in with your account (the command line: --user NAME).")
            )
        return actor
    staff = session.execute(_account_query(), {"staff_id": actor.staff_id}).one_or_none()
    if staff is None or not staff.active or staff.role != actor.role:
        raise SignInRequired(
            _("Your account has been deactivated or its role has changed; please sign in again.")
        )
    return Actor(actor.staff_id, staff.name, staff.role, staff.organization_id)


@cache
def _account_query() -> Select[str, Role, int | None, bool]:
    # Built once (README, Development): every unit of work reads its account.
    return (
        select(Staff.name, Staff.role, Staff.organization_id, Staff.active)
        .where(Staff.id == bindparam("staff_id"))
        .with_for_update(read=True)
    )


def _sign_in_enforced(session: Session) -> bool:
    """Sign-in is required (always on PostgreSQL; on SQLite unless set off) and can be done: an
    active administrator with a password exists."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite and session.scalar(select(Setting.value).where(Setting.key == SIGN_IN_REQUIRED)) == "0":
        return False
    admin = session.scalar(
        select(Staff.id)
        .where(Staff.role == Role.ADMIN, Staff.active.is_(True), Staff.password_hash.is_not(None))
        .limit(1)
    )
    return admin is not None


def _conflict() -> ConflictError:
    return ConflictError(
        _(
            "Someone else saved this record after you opened it. Reload it to see their changes, then save again."
        )
    )


def _database_error(exc: DBAPIError) -> DatabaseError:
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(
            _("The database is busy (another workstation is saving). Try again in a moment.")
        )
    if "full" in text or "no space" in text:
        return DatabaseError(_("The disk holding the database is full. Nothing was saved."))
    if "unable to open database" in text or "no such table" in text or "disk i/o error" in text:
        return DatabaseError(
            _(
                "The database file cannot be reached (moved, deleted, or on a drive that is gone). Nothing was saved."
            )
        )
    if any(
        sign in text
        for sign in (
            "connection refused",
            "server closed the connection",
            "terminating connection",
            "could not connect",
            "connection is closed",
            "consuming input failed",
            "timeout expired",
        )
    ):
        return DatabaseError(
            _(
                "The connection to the database server was lost. Nothing was saved; check the network and try again."
            )
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(_("The database cannot be written (read-only). Nothing was saved."))
    return DatabaseError(
        _("The database reported an error; nothing was saved: {reason}").format(reason=text[:200])
    )
