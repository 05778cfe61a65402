"""Password hashing with argon2id (memory-hard), through argon2-cffi.

Only the hash is ever stored; it carries its own salt and parameters, so a later release can
raise the cost and :func:`needs_rehash` tells the sign-in service to re-hash on the next
successful sign-in. :func:`check_strength` is the policy a new password must meet.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from mediation_app.errors import ValidationError
from mediation_app.i18n import _

MIN_LENGTH = 8
MAX_LENGTH = 256  # a bound so a pasted novel cannot tie up the hasher

# argon2-cffi's default profile (RFC 9106 low-memory: argon2id, t=3, m=64 MiB, p=4): about 0.15 s
# per hash here, slow enough for guessing offline, quick enough for a sign-in.
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; False for a mismatch or a damaged hash."""
    if not stored_hash:
        # Same work as a real check, so a missing account cannot be told apart by timing.
        _hasher.hash(password)
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def check_strength(password: str, *, username: str = "", field: str = "password") -> str:
    """Return ``password`` when it meets the policy; raise :class:`ValidationError` otherwise."""
    label = _("Password")
    if len(password) < MIN_LENGTH:
        raise ValidationError(field, _("must have at least {n} characters").format(n=MIN_LENGTH), label)
    if len(password) > MAX_LENGTH:
        raise ValidationError(field, _("may have at most {n} characters").format(n=MAX_LENGTH), label)
    if len(set(password)) < 3:
        raise ValidationError(field, _("is too easy to guess (too few different characters)"), label)
    if username and password.casefold() == username.casefold():
        raise ValidationError(field, _("must not be the same as the user name"), label)
    return password
