"""SMS notices: fill a template with a case's data, only for parties who accepted electronic notices.

Templates are text files in ``resources/sms`` (Chinese, the language of the residents who receive
them) and ``resources/sms/en`` (English, for the English interface); see ``resources/sms/README.md``
for their fields. Amounts and dates are written in the template's language, whatever the clerk's
screen shows. Fields ``civil_code_<article>_<paragraph>`` quote the shipped Civil Code text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from mediation_app import formatting
from mediation_app.domain.labelled import LabelledEnum
from mediation_app.errors import NotFoundError, ValidationError, WorkflowError
from mediation_app.i18n import N_, _
from mediation_app.paths import resources_dir
from mediation_app.workflow.legal_quotes import civil_code_paragraph
from mediation_app.workflow.sms_length import MAX_CHARACTERS, SmsLength, sms_length

SMS_LANGUAGE = "zh_CN"
"""The language SMS texts are written in unless the caller asks for English."""

_LEGAL_FIELD = re.compile(r"civil_code_(\d+)_(\d+)")


class SmsTemplate(LabelledEnum):
    PRE_MEDIATION_REMINDER = "pre_mediation_reminder", N_("Pre-mediation reminder")
    SESSION_NOTICE = "session_notice", N_("Session notice")
    INSTALMENT_DUE = "instalment_due", N_("Instalment reminder")


_FIELD_LABELS = {
    "recipient_name": N_("Recipient"),
    "owner_name": N_("Owner"),
    "company": N_("Property company"),
    "case_number": N_("Case number"),
    "amount": N_("Amount"),
    "due_on": N_("Due date"),
    "session_at": N_("Session date and time"),
    "place": N_("Place"),
    "mediator": N_("Mediator"),
    "instalment_number": N_("Instalment number"),
    "instalment_count": N_("Number of instalments"),
    "centre_name": N_("Mediation centre"),
    "centre_phone": N_("Centre phone"),
}


@dataclass(frozen=True)
class NoticeData:
    """The case data a template may use; a template names the fields it needs."""

    recipient_name: str | None = None
    owner_name: str | None = None
    company: str | None = None
    case_number: str | None = None
    amount: Decimal | None = None
    due_on: dt.date | None = None
    session_at: dt.datetime | None = None
    place: str | None = None
    mediator: str | None = None
    instalment_number: int | None = None
    instalment_count: int | None = None
    centre_name: str | None = None
    centre_phone: str | None = None


@dataclass(frozen=True)
class SmsText:
    template: SmsTemplate
    text: str
    length: SmsLength


def require_electronic_consent(recipient: str, accepted: bool | None) -> None:
    """Refuse to send to a party who has not agreed to electronic notices (``None``: never asked)."""
    if not accepted:
        raise WorkflowError(
            _(
                "{recipient} has not agreed to receive notices electronically; "
                "record their agreement first, or deliver the notice on paper."
            ).format(recipient=recipient)
        )


@cache
def template_text(template: SmsTemplate | str, language: str = SMS_LANGUAGE) -> str:
    """The template's text without its note lines (read once: the templates ship with the app)."""
    folder = resources_dir() / "sms"
    if language == "en":
        folder = folder / "en"
    path = folder / f"{SmsTemplate(template).value}.txt"
    if not path.is_file():
        raise NotFoundError(_("The SMS template {path} is missing.").format(path=path))
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return "\n".join(lines).strip()


def template_fields(template: SmsTemplate | str, language: str = SMS_LANGUAGE) -> tuple[str, ...]:
    """The fields a template uses, in order of first appearance."""
    names: list[str] = []
    for _literal, name, _spec, _conv in string.Formatter().parse(template_text(template, language)):
        if name and name not in names:
            names.append(name)
    return tuple(names)


def render(
    template: SmsTemplate | str,
    data: NoticeData | Mapping[str, object],
    *,
    language: str = SMS_LANGUAGE,
    signature: str = "",
) -> SmsText:
    """Fill ``template`` with ``data``; a missing field is a :class:`ValidationError` naming it.

    ``signature`` (the platform's 【…】) is not part of the text but counts towards its length.
    """
    which = SmsTemplate(template)
    values = dataclasses.asdict(data) if isinstance(data, NoticeData) else dict(data)
    filled = {
        name: _field_text(name, values.get(name), language) for name in template_fields(which, language)
    }
    text = template_text(which, language).format(**filled)
    length = sms_length(text, signature)
    if length.too_long:
        raise ValidationError(
            "sms.text",
            _("{count} characters; SMS platforms accept at most {limit}").format(
                count=length.characters, limit=MAX_CHARACTERS
            ),
            which.label,
        )
    return SmsText(which, text, length)


def _field_text(name: str, value: object, language: str) -> str:
    legal = _LEGAL_FIELD.fullmatch(name)
    if legal:
        return civil_code_paragraph(int(legal.group(1)), int(legal.group(2)))
    label = _(_FIELD_LABELS[name]) if name in _FIELD_LABELS else name
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(f"sms.{name}", _("is needed by this SMS template"), label)
    if isinstance(value, Decimal):
        return formatting.amount(value, language)
    if isinstance(value, dt.datetime):
        return formatting.moment(value, language)
    if isinstance(value, dt.date):
        return formatting.date(value, language)
    if isinstance(value, float):
        raise ValidationError(f"sms.{name}", _("must be an exact amount, not a float"), label)
    return str(value).strip()
