"""A small centre for workflow tests, and verbs that take a case through the real services.

``Centre.build(db)`` creates the demo's organisations, staff and companies and the centre's own
case (owner 车某, DOMAIN.md) with its fee data; ``centre.to(status)`` takes a fresh case of that
unit to any status by the ordinary path, so tests read like use::

    centre = Centre.build(db)
    case_id = centre.to(CaseStatus.SIGNED)
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from mediation_app.clock import CHINA, FixedClock
from mediation_app.demo.centre import organisations_staff_companies
from mediation_app.demo.centre_case import add_centre_case_fee_data, centre_case_form
from mediation_app.domain.actor import SYSTEM, Actor
from mediation_app.domain.enums import CaseStatus, ChargeKind, Role
from mediation_app.domain.party import Party
from mediation_app.services.agreement import confirmation, performance
from mediation_app.services.agreement import terms as agreement
from mediation_app.services.cases import assignment, consents, sessions
from mediation_app.services.cases import status as case_workflow
from mediation_app.services.cases.intake import (
    ClaimLine,
    CompanyForm,
    IntakeForm,
    OwnerForm,
    UnitForm,
    intake_case,
)
from mediation_app.storage.models import Staff
from mediation_app.storage.uow import Database
from mediation_app.workflow.consent import ConsentMethod

T = TypeVar("T")
S = CaseStatus
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=CHINA)
TOTAL = Decimal("6480.00")  # of a 7,200.00 claim: 720.00 conceded


@dataclass
class Centre:
    db: Database
    clock: FixedClock
    ids: dict[str, dict[str, int]]
    centre_case: int
    _rooms: int = field(default=0)

    @classmethod
    def build(cls, db: Database, *, start: dt.datetime = START) -> Centre:
        """The centre, with the clock at ``start`` (the centre case's intake day)."""
        assert isinstance(db.clock, FixedClock)
        db.clock.current = start
        ids = organisations_staff_companies(db, random.Random(7))
        form = centre_case_form(ids)
        form.intake_date = start.date().isoformat()
        with db.unit_of_work(SYSTEM) as uow:
            ref = intake_case(uow, form)
        add_centre_case_fee_data(db, ref.id)
        return cls(db, db.clock, ids, ref.id)

    # --- actors and ids ----------------------------------------------------------------------

    def actor(self, username: str) -> Actor:
        roles = {
            "judge": Role.JUDGE,
            "mediator": Role.MEDIATOR,
            "clerk": Role.CLERK,
            "supervisor": Role.SUPERVISOR,
        }
        # As signed in: the account's id, stored name and role (units of work re-read it).
        with self.db.read() as session:
            staff = session.get(Staff, self.ids["staff"][username])
            assert staff is not None and staff.role is roles[username.split(".")[0]]
            return Actor(staff.id, staff.name, staff.role, staff.organization_id)

    def org(self, short: str) -> int:
        return self.ids["org"][short]

    def staff(self, username: str) -> int:
        return self.ids["staff"][username]

    def run(self, service: Callable[..., T], *args: Any, actor: Actor = SYSTEM, **kwargs: Any) -> T:
        with self.db.unit_of_work(actor) as uow:
            return service(uow, *args, **kwargs)

    def later(self, **delta: float) -> dt.datetime:
        self.clock.advance(**delta)
        return self.clock.now()

    # --- a fresh case, taken to any status ---------------------------------------------------

    def new_case(self, *, electronic_notice: bool = True) -> int:
        """Another owner of 荔景花园 with a claim, taken in at the district centre."""
        self._rooms += 1
        form = IntakeForm(
            owner=OwnerForm(
                name=f"林某{self._rooms}",
                phone=f"1385901{self._rooms:04d}",
                electronic_notice=electronic_notice,
            ),
            company=CompanyForm(existing_id=self.ids["company"]["莆田市荔安物业服务有限公司"]),
            unit=UnitForm(
                community_id=self.ids["community"]["荔景花园"],
                building="5幢",
                room=f"{self._rooms:03d}",
                area="100.00",
                handover_date="2018-01-01",
                rate="2.00",
                rate_from="2018-01",
            ),
            claims=[ClaimLine(ChargeKind.SERVICE_FEE, "物业服务费", "2023-01-01", "2025-12-31", "7200.00")],
            organization_id=self.org("区调处中心"),
            intake_date=self.clock.today().isoformat(),
            late_fee_daily_rate="0.0005",
        )
        return self.run(intake_case, form).id

    def to(self, status: CaseStatus, *, case_id: int | None = None) -> int:
        """A case brought to ``status`` by the ordinary path (a new one unless ``case_id``)."""
        cid = self.new_case() if case_id is None else case_id
        for step in PATHS[status]:
            step(self, cid)
        return cid


def _accept(c: Centre, cid: int) -> None:
    c.run(case_workflow.accept, cid)


def _consents(c: Centre, cid: int) -> None:
    c.run(consents.record_consent, cid, Party.OWNER, ConsentMethod.PHONE, c.clock.today())
    c.run(consents.record_consent, cid, Party.COMPANY, ConsentMethod.SIGNED_FORM, c.clock.today())


def _start(c: Centre, cid: int) -> None:
    c.run(assignment.start_mediation, cid, c.org("区物业人调委"), c.staff("mediator.chen"))


def _session(c: Centre, cid: int) -> None:
    c.run(
        sessions.record_session,
        cid,
        sessions.SessionInput(c.clock.now(), sessions.SessionMode.PHONE, outcome="双方同意按清单结算"),
    )


def _reach(c: Centre, cid: int) -> None:
    terms = agreement.AgreementTerms(
        reached_on=c.clock.today(),
        pay_method="微信转账",
        total=TOTAL,
        instalments=(
            agreement.payment_plan.Instalment(c.clock.today() + dt.timedelta(days=40), Decimal("3240.00")),
            agreement.payment_plan.Instalment(c.clock.today() + dt.timedelta(days=70), Decimal("3240.00")),
        ),
    )
    c.run(agreement.reach_agreement, cid, terms)


def _sign(c: Centre, cid: int) -> None:
    c.run(agreement.sign, cid)


def _apply(c: Centre, cid: int) -> None:
    c.run(confirmation.apply_confirmation, cid)


def _confirm(c: Centre, cid: int) -> None:
    c.run(confirmation.record_confirmation, cid, "（2026）闽0304民特1号")


def _reject(c: Centre, cid: int) -> None:
    c.run(confirmation.record_rejection, cid, "协议条款不明确")


def _perform(c: Centre, cid: int) -> None:
    c.run(performance.start_performance, cid)


def _pay_all(c: Centre, cid: int) -> None:
    c.run(performance.record_payment, cid, c.clock.today(), TOTAL, close_as_performed=True)


def _default(c: Centre, cid: int) -> None:
    c.run(case_workflow.record_non_performance, cid, "业主未按期付款")


PATHS: dict[CaseStatus, list[Callable[[Centre, int], None]]] = {
    S.INTAKE: [],
    S.AWAITING_CONSENT: [_accept, _consents],
    S.IN_MEDIATION: [_accept, _consents, _start],
    S.AGREEMENT_REACHED: [_accept, _consents, _start, _session, _reach],
    S.SIGNED: [_accept, _consents, _start, _reach, _sign],
    S.CONFIRMATION_APPLIED: [_accept, _consents, _start, _reach, _sign, _apply],
    S.CONFIRMED: [_accept, _consents, _start, _reach, _sign, _apply, _confirm],
    S.CONFIRMATION_REJECTED: [_accept, _consents, _start, _reach, _sign, _apply, _reject],
    S.PERFORMING: [_accept, _consents, _start, _reach, _sign, _perform],
    S.PERFORMED: [_accept, _consents, _start, _reach, _sign, _pay_all],
    S.NOT_PERFORMED: [_accept, _consents, _start, _reach, _sign, _default],
    S.FAILED_TO_LITIGATION: [
        _accept,
        _consents,
        _start,
        lambda c, cid: c.run(case_workflow.fail_to_litigation, cid, "调解不成"),
    ],
    S.WITHDRAWN: [_accept, lambda c, cid: c.run(case_workflow.withdraw, cid, "物业公司撤回申请")],
    S.NOT_ACCEPTED: [lambda c, cid: c.run(case_workflow.refuse, cid, "已由法院立案受理")],
}
