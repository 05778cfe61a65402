"""司法确认申请书: the parties' joint application to the court to confirm their settlement
agreement (人民调解法 art. 33; 民事诉讼法 arts. 205–206), within 30 days of the agreement taking
effect. It names the applicants, the request, the facts and reasons, the agreement's terms, the
parties' undertakings the court requires, each applicant's address for service (送达地址确认), and
the attachments. The terms are quoted word for word, under the agreement's own numbers, with a
sentence saying who the agreement's 甲方 and 乙方 are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mediation_app.documents.agreement import Clause, Instalment
from mediation_app.documents.parties import Company, Organisation, Owner
from mediation_app.fees.reconciliation import Settlement


@dataclass(frozen=True)
class ServiceAddress:
    """送达地址确认: where an applicant accepts the court's documents, and whether by SMS as well."""

    applicant: str
    address: str
    phone: str
    electronic: bool  # accepts service by SMS / electronic means at that phone


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
    terms: tuple[Clause, ...]  # the agreement's terms, word for word and numbered as in the agreement
    settlement: Settlement  # the figures the terms' tables show, as in the agreement
    instalments: tuple[Instalment, ...]
    attachments: tuple[str, ...]
    date: dt.date
    parties_named: str = ""  # who the agreement's 甲方 and 乙方 are among the applicants
    law: str = ""  # the articles the application relies on, as in force on its date
    service_addresses: tuple[ServiceAddress, ...] = ()
