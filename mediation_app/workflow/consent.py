"""The parties' consent: to pre-litigation mediation, and to each extension of its period.

Mediation is voluntary (人民调解法 3): mediation starts only when both the owner and the property
company have agreed, and the period is extended only with both parties' consent. How a consent
was given is kept with it (a signed form, an SMS reply, a phone call, in person).
"""

from __future__ import annotations

from enum import StrEnum

from mediation_app.domain.labelled import LabelledEnum
from mediation_app.errors import WorkflowError
from mediation_app.formatting import all_of
from mediation_app.i18n import N_, _


class ConsentMethod(LabelledEnum):
    SIGNED_FORM = "signed_form", N_("Signed form")
    SMS_REPLY = "sms_reply", N_("SMS reply")
    PHONE = "phone", N_("By phone")
    IN_PERSON = "in_person", N_("In person")


class ConsentPurpose(StrEnum):
    MEDIATION = "mediation"
    EXTENSION = "extension"


def missing_consents(
    owner_consented: bool, company_consented: bool, purpose: ConsentPurpose = ConsentPurpose.MEDIATION
) -> str | None:
    """Why the step cannot be taken yet, naming the party whose consent is missing (None: both gave it).

    The screens show it beforehand (a greyed 开始调解 says so in its tooltip); the services refuse
    with the same words."""
    missing = [
        who
        for who, given in ((_("the owner"), owner_consented), (_("the property company"), company_consented))
        if not given
    ]
    if not missing:
        return None
    if purpose is ConsentPurpose.EXTENSION:
        why = _("The mediation period can be extended only with both parties' consent")
    else:
        why = _("Mediation can start only when both parties have agreed to it")
    return _("{why}; record the consent of {who} first.").format(why=why, who=all_of(missing))


def require_both_consents(
    owner_consented: bool, company_consented: bool, purpose: ConsentPurpose = ConsentPurpose.MEDIATION
) -> None:
    """Refuse, naming the party whose consent is missing."""
    reason = missing_consents(owner_consented, company_consented, purpose)
    if reason is not None:
        raise WorkflowError(reason)
