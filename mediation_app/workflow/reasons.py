"""The reason a step needs: refusals, transfers, withdrawals and failures are never silent."""

from __future__ import annotations

from mediation_app.errors import ValidationError
from mediation_app.i18n import _

MAX_REASON_LENGTH = 500


def require_reason(reason: str | None, field: str = "reason") -> str:
    """The reason with surrounding blanks removed; refuses an empty or over-long one."""
    text = (reason or "").strip()
    if not text:
        raise ValidationError(field, _("a reason is required for this step"), _("Reason"))
    return _check_length(text, field)


def optional_reason(reason: str | None, field: str = "reason") -> str | None:
    """A reason the user may leave out: ``None`` when blank."""
    text = (reason or "").strip()
    return _check_length(text, field) if text else None


def _check_length(text: str, field: str) -> str:
    if len(text) > MAX_REASON_LENGTH:
        raise ValidationError(
            field,
            _("at most {limit} characters, this one has {count}").format(
                limit=MAX_REASON_LENGTH, count=len(text)
            ),
            _("Reason"),
        )
    return text
