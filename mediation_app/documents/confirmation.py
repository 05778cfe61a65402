"""司法确认申请书: the parties' joint application to the court to confirm their settlement
agreement (人民调解法 art. 33; 民事诉讼法 arts. 205–206), within 30 days of the agreement taking
effect. It names the applicants, the request, the facts and reasons, the agreement's terms, the
parties' undertakings the court requires, and the attachments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mediation_app.documents.parties import Company, Organisation, Owner


@dataclass(frozen=True)
class ConfirmationApplication:
    case_number: str
    court: str  # "福建省莆田市荔城区人民法院"
    owners: tuple[Owner, ...]
    company: Company
    organisation: Organisation  # the organisation that mediated
    agreement_number: str
    agreement_date: dt.date
    facts: str  # how the dispute arose and was mediated, in brief
    terms: tuple[str, ...]  # the agreement's terms as the court should confirm them
    attachments: tuple[str, ...]
    date: dt.date
