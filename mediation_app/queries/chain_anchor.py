"""The audit chain against its signed checkpoints: how far back it is vouched for, what was rewritten.

A checkpoint (:mod:`mediation_app.security.checkpoints`) names an event and its hash. If the event
is gone and the chain ends before it, the newest events were deleted and the head rewound; if it
is there with another hash, the chain was rewritten (an event edited and every later hash
recomputed). Otherwise the chain up to that event is what it was when the checkpoint was signed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.clock import CHINA, Clock
from mediation_app.i18n import _
from mediation_app.security.checkpoints import Checkpoint, sign_checkpoint
from mediation_app.storage.models import AuditEvent, AuditHead


def location_of(url: URL) -> str:
    """Where a database is, as checkpoints name it: an SQLite file's full path, or the server URL."""
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return str(Path(str(url.database)).resolve())
    return url.render_as_string(hide_password=True)


def chain_identity(session: Session) -> str:
    """The hash of the chain's first event: the same in every copy of one database."""
    return session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id).limit(1)) or ""


def head_checkpoint(
    session: Session, clock: Clock, location: str, *, restored: bool = False
) -> Checkpoint | None:
    """A signed checkpoint of the chain's head now (None while the chain is empty)."""
    head = session.execute(select(AuditHead.last_id, AuditHead.last_hash).where(AuditHead.id == 1)).first()
    if head is None or not head.last_id:
        return None
    events = session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.id <= head.last_id))
    return sign_checkpoint(
        clock=clock,
        location=location,
        first_hash=chain_identity(session),
        last_id=int(head.last_id),
        last_hash=str(head.last_hash),
        events=int(events or 0),
        restored=restored,
    )


class AnchorProblem(StrEnum):
    TRUNCATED = "truncated"  # the checkpoint's event is gone and the chain ends before it
    REWRITTEN = "rewritten"  # the checkpoint's event has another hash (or the first event changed)


@dataclass
class AnchorStatus:
    last_id: int  # the newest event in the database now
    vouched: Checkpoint | None = None  # the furthest checkpoint the chain still matches
    problem: AnchorProblem | None = None
    problem_checkpoint: Checkpoint | None = None
    considered: int = 0
    ignored: int = 0  # signed by an untrusted key, or with a signature that does not match
    folders: list[Path] = field(default_factory=list)

    @property
    def whole(self) -> bool:
        return self.problem is None

    def lines(self) -> list[str]:
        """What ``audit verify`` says about the checkpoints, one sentence a line."""
        lines = []
        if self.problem is not None and self.problem_checkpoint is not None:
            cp = self.problem_checkpoint
            if self.problem == AnchorProblem.TRUNCATED:
                lines.append(
                    _(
                        "The newest events were deleted and the head rewound: the checkpoint of {when} "
                        "signed by workstation {workstation} vouched for event {id}, but the trail now ends "
                        "at event {last}."
                    ).format(when=_when(cp), workstation=cp.workstation, id=cp.last_id, last=self.last_id)
                )
            else:
                lines.append(
                    _(
                        "The trail was rewritten (hashes recomputed after an edit): event {id} no longer has "
                        "the hash that the checkpoint of {when} signed by workstation {workstation} vouched for."
                    ).format(id=cp.last_id, when=_when(cp), workstation=cp.workstation)
                )
        if self.vouched is not None:
            cp = self.vouched
            lines.append(
                _(
                    "Chain vouched for up to event {id} by the checkpoint of {when} signed by workstation "
                    "{workstation} (key {key})."
                ).format(id=cp.last_id, when=_when(cp), workstation=cp.workstation, key=cp.signer)
            )
            if self.problem is None and self.last_id > cp.last_id:
                lines.append(
                    _("Events {first} to {last} are newer than every checkpoint.").format(
                        first=cp.last_id + 1, last=self.last_id
                    )
                )
        elif self.problem is None:
            lines.append(
                _("No checkpoint vouches for this trail yet (looked in {folders}).").format(
                    folders=", ".join(str(f) for f in self.folders) or "-"
                )
            )
        if self.ignored:
            lines.append(
                _(
                    "{count} checkpoints were ignored: signed by a key this workstation does not trust, "
                    "or their signature does not match."
                ).format(count=self.ignored)
            )
        return lines


def _when(checkpoint: Checkpoint) -> str:
    return formatting.short_moment(checkpoint.when.astimezone(CHINA), seconds=False)


def check_anchor(
    session: Session,
    checkpoints: Iterable[Checkpoint],
    *,
    location: str,
    trusted: set[str],
    folders: Iterable[Path] = (),
) -> AnchorStatus:
    """Compare the chain in ``session`` with the checkpoints that belong to this database."""
    identity = chain_identity(session)
    last_id = session.scalar(select(func.max(AuditEvent.id))) or 0
    status = AnchorStatus(last_id=int(last_id), folders=list(folders))
    mine = [c for c in checkpoints if (identity and c.first_hash == identity) or c.location == location]
    mine.sort(key=lambda c: (c.created_at, c.last_id))
    restores = [i for i, c in enumerate(mine) if c.restored]
    if restores:  # a restore replaced the data: the checkpoints before it vouched for other data
        mine = mine[restores[-1] :]
    good: list[Checkpoint] = []
    for checkpoint in mine:
        if checkpoint.public_key not in trusted or not checkpoint.signature_valid():
            status.ignored += 1
            continue
        good.append(checkpoint)
    status.considered = len(good)
    vouched: Checkpoint | None = None
    for checkpoint in sorted(good, key=lambda c: (c.last_id, c.created_at)):
        stored = session.scalar(select(AuditEvent.hash).where(AuditEvent.id == checkpoint.last_id))
        problem: AnchorProblem | None = None
        if identity and checkpoint.first_hash != identity:
            problem = AnchorProblem.REWRITTEN
        elif stored is None:
            problem = AnchorProblem.TRUNCATED if checkpoint.last_id > last_id else AnchorProblem.REWRITTEN
        elif stored != checkpoint.last_hash:
            problem = AnchorProblem.REWRITTEN
        if problem is not None:
            status.problem, status.problem_checkpoint = problem, checkpoint
            break
        vouched = checkpoint
    status.vouched = vouched
    return status


def newest_checkpoint_time(checkpoints: Iterable[Checkpoint]) -> dt.datetime | None:
    times = [c.when for c in checkpoints]
    return max(times) if times else None
