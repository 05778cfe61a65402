"""更正: correcting a case's records after intake, one function per kind of record.

Every correction needs a reason, is allowed by role (:func:`~.common.permission_for`: a clerk
corrects contact details, a mediator everything else), checks the case's version, validates the
new value as intake does, keeps the earlier value (the audit trail's before → after; the case's
path says who corrected what and why) and, when money changed, marks the stored figures out of
date. Once the agreement is signed, what it states is corrected only by a supplementary record.

- :mod:`.parties`: the owner, co-owners and the company;
- :mod:`.unit`: building, room, area, handover date, a fee standard;
- :mod:`.claim`: a claim line;
- :mod:`.mediation`: a consent, a session;
- :mod:`.agreement`: the agreement before signing, the supplementary record after.
"""

from mediation_app.services.corrections.agreement import (
    SupplementRow,
    add_supplementary_record,
    correct_agreement,
    supplementary_records,
)
from mediation_app.services.corrections.claim import correct_claim_line
from mediation_app.services.corrections.common import CorrectionResult, permission_for
from mediation_app.services.corrections.mediation import correct_consent, correct_session
from mediation_app.services.corrections.parties import correct_company, correct_owner
from mediation_app.services.corrections.unit import correct_fee_rate, correct_unit

__all__ = [
    "CorrectionResult",
    "SupplementRow",
    "add_supplementary_record",
    "correct_agreement",
    "correct_claim_line",
    "correct_company",
    "correct_consent",
    "correct_fee_rate",
    "correct_owner",
    "correct_session",
    "correct_unit",
    "permission_for",
    "supplementary_records",
]
