"""Errors a user can read.

Every error that can reach a person derives from :class:`MediationError`. Its text is already in
the user's language (built with :func:`mediation_app.i18n._`), so screens and commands show it as
it is, never a traceback.
"""

from __future__ import annotations

from mediation_app.i18n import _


class MediationError(Exception):
    """An error whose text is meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(MediationError):
    """Bad input in one field.

    ``field`` is a stable path a program can use to find the widget or JSON key
    (``"owner.id_number"``, ``"service_fee.rates[0].rate"``); ``label`` is how the user calls that
    field (translated); ``message`` says what is wrong with it.
    """

    def __init__(self, field: str, message: str, label: str | None = None) -> None:
        self.field = field
        self.label = label or field
        self.problem = message
        super().__init__(_("{label}: {problem}").format(label=self.label, problem=message))


class NotFoundError(MediationError):
    """A case, party or document that the user named does not exist."""


class WorkflowError(MediationError):
    """A step the workflow does not allow now; the message says why and what is allowed."""


class PermissionDenied(MediationError):
    """The signed-in user's role does not allow this action."""


class SignInRequired(PermissionDenied):
    """The account acting has been deactivated or its role changed since it signed in, or sign-in
    is now required of someone working without an account: the person must sign in (again)."""


class ConflictError(MediationError):
    """Someone else saved this record after it was loaded; reload before saving again."""


class DatabaseError(MediationError):
    """The database cannot be reached, is locked, full, or from a newer version of the app."""


class FormErrors(ValidationError):
    """Several fields of one form are wrong at once; screens show each next to its field."""

    def __init__(self, errors: list[ValidationError]) -> None:
        if not errors:
            raise ValueError("FormErrors needs at least one error")
        self.errors = errors
        first = errors[0]
        super().__init__(first.field, first.problem, first.label)
        if len(errors) > 1:
            self.message = "\n".join(error.message for error in errors)
            self.args = (self.message,)
