"""The parties' consent: to pre-litigation mediation, and to each extension of its period.

Mediation is voluntary (人民调解法 3): mediation starts only when both the owner and the property
company have agreed, and the period is extended only with both parties' consent. How a consent
was given is kept with it (a signed form, an SMS reply, a phone call, in person).
"""

from __future__ import annotations

from enum import StrEnum

from mediation_app.errors import WorkflowError
from mediation_app.formatting import all_of
from mediation_app.i18n import N_, _


class ConsentMethod(StrEnum):
    SIGNED_FORM = "signed_form"
    SMS_REPLY = "sms_reply"
    PHONE = "phone"
    IN_PERSON = "in_person"


class ConsentPurpose(StrEnum):
    MEDIATION = "mediation"
    EXTENSION = "extension"


_METHOD_LABELS = {
    ConsentMethod.SIGNED_FORM: N_("Signed form"),
    ConsentMethod.SMS_REPLY: N_("SMS reply"),
    ConsentMethod.PHONE: N_("By phone"),
    ConsentMethod.IN_PERSON: N_("In person"),
}


def method_label(method: ConsentMethod) -> str:
    return _(_METHOD_LABELS[method])


def require_both_consents(
    owner_consented: bool, company_consented: bool, purpose: ConsentPurpose = ConsentPurpose.MEDIATION
) -> None:
    """Refuse, naming the party whose consent is missing."""
    missing = [
        who
        for who, given in ((_("the owner"), owner_consented), (_("the property company"), company_consented))
        if not given
    ]
    if not missing:
        return
    if purpose is ConsentPurpose.EXTENSION:
        why = _("The mediation period can be extended only with both parties' consent")
    else:
        why = _("Mediation can start only when both parties have agreed to it")
    raise WorkflowError(_("{why}; record the consent of {who} first.").format(why=why, who=all_of(missing)))
