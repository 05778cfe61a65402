"""A case for every way a case can end, taken there through the real services.

:func:`every_ending` builds the small centre of :mod:`tests.support.workflow_setup`, takes cases
in on 2026-03-02 and concludes them in April 2026 — performed; an agreement half paid, not
performed and handed to litigation (the demo's 〔2025〕0017号); a confirmed agreement not
performed (enforcement); an unconfirmed one not performed and resting; a confirmation refused
and handed to litigation; mediation failed with no agreement, and after an agreement that was
never signed; withdrawn; not accepted — and leaves two cases open (in mediation, and with a
refused confirmation nobody has acted on yet). One more case is taken in in April.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from mediation_app.clock import CHINA
from mediation_app.domain.enums import CaseStatus
from mediation_app.services.agreement import confirmation, performance
from mediation_app.services.cases import status as case_workflow
from mediation_app.storage.uow import Database
from tests.support.workflow_setup import TOTAL, Centre

S = CaseStatus
MONTH = "2026-04"
INTAKE = dt.date(2026, 3, 2)
CLOSING = dt.date(2026, 4, 10)
LITIGATION = dt.date(2026, 4, 20)
HALF = TOTAL / 2


@dataclass(frozen=True)
class Endings:
    centre: Centre
    performed: int
    not_performed_to_litigation: int  # signed, half paid, not performed, then a suit
    not_performed_confirmed: int  # confirmed, 1,000.00 paid, then not performed
    not_performed: int  # signed, nothing paid, not performed (no further step yet)
    confirmation_refused: int  # the court refused to confirm; then litigation
    failed: int  # no agreement: handed to litigation
    failed_unsigned: int  # an agreement reached but never signed; then litigation
    withdrawn: int
    not_accepted: int
    open_in_mediation: int
    open_rejected: int  # confirmation refused, nothing decided yet
    received_in_april: int

    @property
    def concluded(self) -> dict[str, int]:
        """The cases concluded in April, by name."""
        return {
            name: getattr(self, name)
            for name in (
                "performed",
                "not_performed_to_litigation",
                "not_performed_confirmed",
                "not_performed",
                "confirmation_refused",
                "failed",
                "failed_unsigned",
                "withdrawn",
                "not_accepted",
            )
        }


def every_ending(db: Database) -> Endings:
    c = Centre.build(db)
    performed = c.to(S.SIGNED)
    half_paid = c.to(S.PERFORMING)
    confirmed = c.to(S.CONFIRMED)
    unpaid = c.to(S.SIGNED)
    refused = c.to(S.CONFIRMATION_APPLIED)
    failed = c.to(S.IN_MEDIATION)
    unsigned = c.to(S.AGREEMENT_REACHED)
    withdrawn = c.to(S.AWAITING_CONSENT)
    refused_at_intake = c.new_case()
    open_in_mediation = c.to(S.IN_MEDIATION)
    open_rejected = c.to(S.CONFIRMATION_REJECTED)

    c.clock.current = dt.datetime.combine(CLOSING, dt.time(9, 0), CHINA)
    c.run(
        performance.record_payment, performed, CLOSING, TOTAL, close_as_performed=True
    )  # paid in full: performed
    c.run(performance.record_payment, half_paid, CLOSING, HALF, close_as_performed=True)
    c.run(case_workflow.record_non_performance, half_paid, "业主逾期未支付第2期款项，经电话催告仍未履行")
    c.run(performance.record_payment, confirmed, CLOSING, Decimal("1000.00"), close_as_performed=True)
    c.run(case_workflow.record_non_performance, confirmed, "业主逾期未付款，物业公司拟申请强制执行")
    c.run(case_workflow.record_non_performance, unpaid, "业主未按期付款")
    c.run(
        confirmation.record_rejection,
        refused,
        "协议部分条款约定不明确，不符合司法确认条件",
        decided_on=CLOSING,
        next_step=confirmation.NextStep.LITIGATION,
    )
    c.run(case_workflow.fail_to_litigation, failed, "双方对欠费金额分歧较大，调解不成", on=CLOSING)
    c.run(case_workflow.fail_to_litigation, unsigned, "业主拒绝签署调解协议", on=CLOSING)
    c.run(case_workflow.withdraw, withdrawn, "物业公司撤回申请", on=CLOSING)
    c.run(case_workflow.refuse, refused_at_intake, "该纠纷已由人民法院立案受理", on=CLOSING)
    received_in_april = c.new_case()

    c.clock.current = dt.datetime.combine(LITIGATION, dt.time(9, 0), CHINA)
    c.run(
        case_workflow.fail_to_litigation, half_paid, "协议未经司法确认，业主不履行，转诉讼处理", on=LITIGATION
    )
    c.clock.current = dt.datetime(2026, 5, 6, 9, 0, tzinfo=CHINA)
    return Endings(
        centre=c,
        performed=performed,
        not_performed_to_litigation=half_paid,
        not_performed_confirmed=confirmed,
        not_performed=unpaid,
        confirmation_refused=refused,
        failed=failed,
        failed_unsigned=unsigned,
        withdrawn=withdrawn,
        not_accepted=refused_at_intake,
        open_in_mediation=open_in_mediation,
        open_rejected=open_rejected,
        received_in_april=received_in_april,
    )
