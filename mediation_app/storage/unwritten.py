"""Whether a session holds changes not yet flushed to records of some kinds.

A query that reads only those kinds answers the same with or without flushing first when there
are none, so a caller can spare the flush (and write its own row once, later).
"""

from __future__ import annotations

from sqlalchemy.orm import Session


def has_unwritten(session: Session, *kinds: type) -> bool:
    """True when an object of one of ``kinds`` is new, changed or deleted and not yet flushed."""
    return any(isinstance(obj, kinds) for obj in (*session.new, *session.dirty, *session.deleted))
