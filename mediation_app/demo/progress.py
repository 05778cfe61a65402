"""The demo centre's three years, played through the real services in the order they happened.

Every demo case is a small script (a generator) that yields the moment of its next step and
then takes it through the services — intake, acceptance, SMS, consents, assignment, sessions,
referrals between levels (三级联动), transfers between kinds of mediation (四调衔接), extensions,
statements, proposals, the agreement, signing, judicial confirmation, payments, follow-ups — with
a simulated clock set to that moment, so every event, audit record and deadline carries its
real date. The scripts are interleaved in time order (one heap), and a step that would fall
after the real "now" is never taken: the case stays where it stands today. Older cases have
therefore mostly ended (performed, handed to litigation, withdrawn, not accepted); recent ones
are still being taken in, waiting for consent or in mediation. A share of the recent cases is
told to stop at a chosen status, so every status of the workflow is on show.

The centre's own case (owner 车某, DOMAIN.md) follows its real story: the SMS reminder, both
consents, an invited mediator, the WeChat group where the company put its arrears list, the
owner's check, the 0.40 yuan per m² reduction, and the signed agreement.

Probabilities are whole percentages (``rng.randrange(100) < n``), so nothing here is a float.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, event, select
from sqlalchemy.orm import Session

from mediation_app.adapters.sms_gateways import ExportSender
from mediation_app.clock import CHINA, FixedClock
from mediation_app.demo import sample_files
from mediation_app.demo.centre_case import write_centre_case_fee_data
from mediation_app.demo.places import COMMUNITIES, TOWNS, WORKSTATIONS
from mediation_app.domain.actor import SYSTEM, Actor
from mediation_app.domain.enums import (
    AttachmentKind,
    CaseStatus,
    ChargeKind,
    Level,
    OwnerPosition,
    SessionMode,
    Track,
)
from mediation_app.domain.party import Party, Submitter
from mediation_app.errors import MediationError
from mediation_app.fees import Discount, FixedDiscount, LateFeeWaiver, RateReduction
from mediation_app.services import sms as sms_outbox
from mediation_app.services.agreement import confirmation, performance
from mediation_app.services.agreement import terms as agreement
from mediation_app.services.cases import assignment, consents, evidence, fee_records, routing, sessions
from mediation_app.services.cases import extension as period
from mediation_app.services.cases import status as case_workflow
from mediation_app.services.cases.intake import IntakeForm, intake_case
from mediation_app.services.settlement import proposals as settlement
from mediation_app.services.settlement import statements
from mediation_app.storage.models import ClaimItem, Organization, SmsMessage, Staff
from mediation_app.storage.uow import Database, UnitOfWork
from mediation_app.workflow import payment_plan
from mediation_app.workflow.confirmation import NextStep
from mediation_app.workflow.consent import ConsentMethod

S = CaseStatus
T = TypeVar("T")

# Steps per transaction (each its own savepoint and audit events). A commit leaves what the batch
# loaded expired, to be read again by the next one: 2,000 steps build the demo about 4% faster
# than 400, and more gain nothing measurable.
BATCH_STEPS = 2000

DISTRICT_MEDIATORS = ("mediator.chen", "mediator.huang")
TOWN_MEDIATORS = {
    "拱辰街道": "mediator.wu",
    "镇海街道": "mediator.xu",
    "西天尾镇": "mediator.cai",
    "黄石镇": "mediator.fang",
}
JUDGES = ("judge.lin", "judge.zheng")
CLERKS = ("clerk.yang", "clerk.zhu")

# How old (days since intake) a case may be to be left at each in-progress status.
STOP_BANDS: dict[CaseStatus, tuple[int, int]] = {
    S.INTAKE: (0, 3),
    S.AWAITING_CONSENT: (1, 14),
    S.IN_MEDIATION: (8, 60),
    S.AGREEMENT_REACHED: (18, 50),
    S.SIGNED: (22, 70),
    S.CONFIRMATION_APPLIED: (32, 80),
    S.CONFIRMED: (45, 100),
    S.PERFORMING: (60, 260),
}
STOP_SHARE = 55  # percent of the cases young enough for a band that stop in one
# Cases of any age left where they got stuck: a rejected confirmation nobody followed up, an
# owner who stopped paying (percent of the cases old enough).
STUCK: dict[CaseStatus, tuple[int, int]] = {S.CONFIRMATION_REJECTED: (60, 3), S.NOT_PERFORMED: (120, 5)}

REFUSALS = (
    "申请人未能提供物业服务合同及欠费依据，经告知补正后仍不齐全",
    "该纠纷已由人民法院立案受理，不再受理调解申请",
    "申请事项不属于物业服务合同纠纷，已告知向相关部门反映",
)
WITHDRAWALS = (
    "物业公司与业主自行协商一致，申请撤回",
    "业主已自行缴清欠费，物业公司撤回调解申请",
    "物业公司申请撤回，拟另行与业主协商",
)
FAILURES = (
    "双方对欠费金额分歧较大，经多次调解未能达成协议",
    "业主坚持以房屋空置为由拒缴物业费，调解不成",
    "业主认为物业服务不到位，不同意支付欠费，调解不成",
)
SESSION_OUTCOMES = (
    "物业公司出示欠费明细，业主对部分月份有异议，约定下次调解前核对缴费凭证",
    "业主反映电梯、绿化维护不到位，物业公司同意限期整改",
    "双方对服务费本金无异议，争议集中在违约金",
    "业主表示愿意分期支付，物业公司同意考虑减免部分违约金",
    "业主提出经济困难，请求分期支付",
)
RECEIPTS_TO_CHECK = SESSION_OUTCOMES[0]
FIRST_SESSION_NOTES = "调解员释明《民法典》第九百四十四条关于物业费支付的规定"
# The second session, where the figures are put to the parties (as many outcomes as the first's,
# so the dice fall for the rest of the case as they always have).
SECOND_SESSION_NOTES = "调解员向双方出示欠费明细及按合同约定重新核算的结果，分别听取双方意见"
SECOND_SESSION_OUTCOMES = (
    "调解员出示重新核算的欠费明细，双方就欠费金额进行协商",
    "物业公司就业主反映的服务问题作出说明，双方就付款方式进行协商",
    "双方就违约金的减免幅度进行协商",
    "业主同意支付欠费，请求减免部分违约金",
    "双方就分期付款的期数和每期金额进行协商",
)
# what the same sessions say where no late fee is claimed
WITHOUT_LATE_FEE = {
    "双方对服务费本金无异议，争议集中在违约金": "双方对欠费金额无异议，争议集中在付款期限",
    "业主表示愿意分期支付，物业公司同意考虑减免部分违约金": "业主表示愿意分期支付，物业公司同意考虑",
    "双方就违约金的减免幅度进行协商": "双方就付款期限进行协商",
    "业主同意支付欠费，请求减免部分违约金": "业主同意支付欠费，请求分期支付",
}
PLACES = ("调解室", "社区服务大厅调解室", "第二调解室")  # the organisation's own rooms


@dataclass
class _Org:
    id: int
    short: str
    level: Level
    town: str | None


@dataclass
class _Plan:
    """What a case's script is told: where to stop, and the dice for the rest."""

    stop: CaseStatus | None
    rng: random.Random


@dataclass(order=True)
class _Pending:
    at: dt.datetime
    seq: int
    script: Iterator[dt.datetime] = field(compare=False)


class _World:
    """The simulated centre: a clock, the actors, the organisations, and the service calls."""

    def __init__(
        self, db: Database, ids: dict[str, dict[str, int]], now: dt.datetime, export_dir: Path
    ) -> None:
        self.clock = FixedClock(now)
        self.db = Database(db.engine, self.clock)
        self.now = now
        self.ids = ids
        self.export_dir = export_dir
        with self.db.read() as session:
            self.actors = {
                s.username: Actor(s.id, s.name, s.role, s.organization_id)
                for s in session.scalars(select(Staff))
            }
            self.orgs: dict[str, _Org] = {}
            for org in session.scalars(select(Organization)):
                town = next((t for t in TOWNS if org.short_name.startswith(t)), None)
                if town is None:
                    town = next(
                        (t for t, places in WORKSTATIONS.items() if org.short_name[:-3] in places), None
                    )
                self.orgs[org.short_name] = _Org(org.id, org.short_name, org.level, town)
        self.org_by_id = {o.id: o for o in self.orgs.values()}
        self.community_names = {cid: name for name, cid in ids["community"].items()}
        self._batch: UnitOfWork | None = None
        self._steps = 0
        self._kept: list[object] = []  # what the open batch loaded or wrote (see _open_batch)
        self._outbox_idle = False  # nothing is due until a step queues a message (see dispatch_sms)
        self._retries = False  # a message waits to be tried again: the outbox is asked every time

    # --- calling the services at the simulated moment ------------------------------------------

    def run(self, who: str | Actor, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``service`` as ``who`` (a username, or an actor) in a unit of work of its own, nested in
        the open batch: the steps of a few hundred moments share one transaction and are sealed
        and chained together when it commits (:meth:`commit_batch`). The demo's script expects
        the step to succeed (a refusal ends the build), so it needs no savepoint to undo it."""
        return self._step(who, service, args, kwargs, undoable=False)

    def attempt(self, who: str, service: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """A step the demo may skip when the data does not allow it (the refusal is the rule's,
        and the step's savepoint undoes whatever it wrote before refusing)."""
        try:
            return self._step(who, service, args, kwargs, undoable=True)
        except MediationError:
            return None

    def _step(
        self,
        who: str | Actor,
        service: Callable[..., T],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        *,
        undoable: bool,
    ) -> T:
        actor = who if isinstance(who, Actor) else self.actors[who]
        with self._open_batch().nested(actor, undoable=undoable) as uow:
            result = service(uow, *args, **kwargs)
        self._steps += 1
        if self._steps >= BATCH_STEPS:
            self.commit_batch()
        return result

    @contextmanager
    def read(self) -> Iterator[Session]:
        """What the steps so far wrote: the open batch's session, or a read of the database."""
        if self._batch is not None:
            yield self._batch.session
        else:
            with self.db.read() as session:
                yield session

    def _open_batch(self) -> UnitOfWork:
        if self._batch is None:
            self._batch = self.db.batch().__enter__()
            self._steps = 0
            # The session holds what it loaded only while something refers to it: each step would
            # read its case (and the case's records) again. The batch keeps them until it commits.
            session = self._batch.session
            event.listen(session, "loaded_as_persistent", self._keep)
            event.listen(session, "pending_to_persistent", self._keep)
            event.listen(session, "transient_to_pending", self._added)
        return self._batch

    def _keep(self, _session: Session, instance: object) -> None:
        self._kept.append(instance)

    def _added(self, _session: Session, instance: object) -> None:
        if isinstance(instance, SmsMessage):
            self._outbox_idle = False

    def commit_batch(self) -> None:
        batch, self._batch = self._batch, None
        self._kept = []
        if batch is not None:
            try:
                batch.commit()
            finally:
                batch.__exit__(None, None, None)

    def abandon_batch(self) -> None:
        batch, self._batch = self._batch, None
        self._kept = []
        if batch is not None:
            batch.__exit__(None, None, None)

    def dispatch_sms(self) -> None:
        """The clerk exports the due messages for the SMS platform and records them as sent.

        Most afternoons nothing was queued since the last export, which left nothing due: the
        outbox is not asked again until a step queues a message (or ever, once a message waits
        for a retry: its time comes with no step)."""
        if self._outbox_idle:
            return
        with self.read() as session:
            due = sms_outbox.outgoing(session, self.clock.now())
        # Idle from now on unless the batch was full, or a message is added (_added) or retried.
        self._outbox_idle = len(due) < sms_outbox.BATCH and not self._retries
        if due:
            sender = ExportSender(self.export_dir, self.clock.now(), workbook=False)
            outcomes = sender.send(due)
            report = self.run("clerk.yang", sms_outbox.record_dispatch, due, outcomes, sender.name)
            if report.retrying:
                self._retries = True
                self._outbox_idle = False

    # --- moments -------------------------------------------------------------------------------

    @staticmethod
    def moment(day: dt.date, rng: random.Random, after: dt.datetime | None = None) -> dt.datetime:
        """A time in office hours on ``day``, never before ``after`` (plus a few minutes)."""
        at = dt.datetime.combine(day, dt.time(8, 30), CHINA) + dt.timedelta(minutes=rng.randrange(0, 9 * 60))
        if after is not None and at <= after:
            at = after + dt.timedelta(minutes=rng.randrange(5, 40))
        return at

    def mediator_for(self, org: _Org, rng: random.Random) -> str:
        if org.level is Level.DISTRICT or org.town not in TOWN_MEDIATORS:
            return rng.choice(DISTRICT_MEDIATORS)
        return TOWN_MEDIATORS[org.town]


def play(
    db: Database,
    ids: dict[str, dict[str, int]],
    forms: Sequence[IntakeForm],
    *,
    centre_form: IntakeForm | None,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Take in ``forms`` and walk each case through its life, all in time order, up to now;
    ``centre_form`` (one of ``forms``) is the centre's own case and follows its own story."""
    now = db.clock.now()
    with tempfile.TemporaryDirectory(prefix="demo-sms-") as folder:
        world = _World(db, ids, now, Path(folder))
        master = random.Random(seed)
        queue: list[_Pending] = []
        counter = iter(range(10**9))
        done = [0]

        def told() -> None:
            done[0] += 1
            if progress:
                progress(done[0], len(forms))

        def add(script: Iterator[dt.datetime]) -> None:
            first = next(script, None)
            if first is not None:
                heapq.heappush(queue, _Pending(first, next(counter), script))

        for form in forms:
            rng = random.Random(master.randrange(2**32))
            if form is centre_form:
                add(_centre_case(world, form, told))
            else:
                age = (now.date() - dt.date.fromisoformat(form.intake_date)).days
                add(_case(world, form, _Plan(_stop_for(age, rng), rng), told))
        first_day = min(dt.date.fromisoformat(f.intake_date) for f in forms) if forms else now.date()
        add(_dispatcher(world, first_day))
        try:
            while queue:
                pending = heapq.heappop(queue)
                if pending.at > now:
                    continue  # not yet: the case stays where it stands today
                world.clock.current = pending.at
                following = next(pending.script, None)
                if following is not None:
                    heapq.heappush(queue, _Pending(max(following, pending.at), next(counter), pending.script))
            world.clock.current = now
            world.commit_batch()
        finally:
            world.abandon_batch()


def _stop_for(age: int, rng: random.Random) -> CaseStatus | None:
    if age <= 1:
        return S.INTAKE if rng.randrange(100) < 60 else S.AWAITING_CONSENT
    candidates = [status for status, (low, high) in STOP_BANDS.items() if low <= age <= high]
    if candidates and rng.randrange(100) < STOP_SHARE:
        return rng.choice(candidates)
    for status, (min_age, percent) in STUCK.items():
        if age >= min_age and rng.randrange(100) < percent:
            return status
    return None


def _dispatcher(world: _World, first_day: dt.date) -> Iterator[dt.datetime]:
    """The window clerk exports the SMS outbox for the platform every other afternoon (the last
    two days' messages are still waiting in the outbox)."""
    day = first_day
    last = world.now.date() - dt.timedelta(days=2)
    while day <= last:
        yield dt.datetime.combine(day, dt.time(16, 30), CHINA)
        world.dispatch_sms()
        day += dt.timedelta(days=2)


# --- an ordinary case ---------------------------------------------------------------------------


def _case(world: _World, form: IntakeForm, plan: _Plan, told: Callable[[], None]) -> Iterator[dt.datetime]:
    rng, stop = plan.rng, plan.stop
    clerk = rng.choice(CLERKS)
    day0 = dt.date.fromisoformat(form.intake_date)
    t = world.moment(day0, rng)
    yield t
    ref = world.run(clerk, intake_case, form)
    told()
    cid = ref.id
    if stop is S.INTAKE:
        return
    roll = rng.randrange(100)
    on_agreement_path = stop in _AGREEMENT_STOPS
    if roll < 4 and not on_agreement_path and stop is None:
        t = world.moment(day0 + dt.timedelta(days=rng.randint(1, 5)), rng, t)
        yield t
        world.run(rng.choice(JUDGES), case_workflow.refuse, cid, rng.choice(REFUSALS), on=t.date())
        return
    t += dt.timedelta(minutes=rng.randrange(20, 120))
    yield t
    world.run(clerk, case_workflow.accept, cid)
    electronic = form.owner.electronic_notice
    if electronic and rng.randrange(100) < 90:
        t += dt.timedelta(minutes=rng.randrange(5, 30))
        yield t
        world.run(clerk, sms_outbox.queue_pre_mediation_reminder, cid)
    owner_refuses = stop is None and 4 <= roll < 9
    methods = list(ConsentMethod)
    consent_days = sorted(rng.randint(0, 4) for _ in range(2))
    t = world.moment(day0 + dt.timedelta(days=consent_days[0]), rng, t)
    yield t
    world.run(clerk, consents.record_consent, cid, Party.COMPANY, rng.choice(methods), t.date())
    if stop is S.AWAITING_CONSENT:
        return
    if owner_refuses:
        t = world.moment(day0 + dt.timedelta(days=rng.randint(6, 12)), rng, t)
        yield t
        world.run(
            rng.choice(JUDGES), case_workflow.fail_to_litigation, cid, "业主明确表示不同意调解", on=t.date()
        )
        return
    t = world.moment(day0 + dt.timedelta(days=consent_days[1]), rng, t)
    yield t
    owner_method = ConsentMethod.SMS_REPLY if electronic and rng.randrange(100) < 50 else rng.choice(methods)
    world.run(clerk, consents.record_consent, cid, Party.OWNER, owner_method, t.date())
    if stop is None and 9 <= roll < 12:
        t = world.moment(t.date() + dt.timedelta(days=rng.randint(1, 6)), rng, t)
        yield t
        world.run(rng.choice(JUDGES), case_workflow.withdraw, cid, rng.choice(WITHDRAWALS), on=t.date())
        return

    # assignment at the level where the case was taken in
    org = world.org_by_id[form.organization_id or 0]
    if org.short == "区调处中心" and rng.randrange(100) < 40:
        org = world.orgs["区物业人调委"]
    mediator = world.mediator_for(org, rng)
    t = world.moment(t.date() + dt.timedelta(days=rng.randint(1, 3)), rng, t)
    yield t
    world.run(mediator, assignment.start_mediation, cid, org.id, world.actors[mediator].staff_id, on=t.date())
    started = t.date()

    # the first session, with its notice
    t += dt.timedelta(minutes=rng.randrange(10, 60))
    yield t
    first = _session_input(rng, t + dt.timedelta(days=rng.randint(3, 7)))
    scheduled = world.run(mediator, sessions.schedule_session, cid, first)
    parties = [Party.OWNER, Party.COMPANY] if electronic else [Party.COMPANY]
    world.attempt(clerk, sms_outbox.queue_session_notice, scheduled.session_id, parties=parties)
    t = first.starts_at + dt.timedelta(hours=2)
    yield t
    held = _held(first, rng, form)
    world.run(mediator, sessions.record_session, cid, held, session_id=scheduled.session_id)
    _answer_claims(world, mediator, cid, rng)
    if held.outcome == RECEIPTS_TO_CHECK:  # the receipts the owner brings are entered
        world.attempt(mediator, fee_records.record_prior_payment, cid, _prior_payment(form))

    # 三级联动 and 四调衔接
    level_roll, track_roll = rng.randrange(100), rng.randrange(100)
    if level_roll < 20:
        target = _referral_target(world, org, form, up=level_roll < 12, rng=rng)
        if target is not None:
            t = world.moment(t.date() + dt.timedelta(days=rng.randint(1, 3)), rng, t)
            yield t
            mediator = world.mediator_for(target, rng)
            reason = (
                "案情复杂，报请上一级调处"
                if _rank(target.level) > _rank(org.level)
                else "便于就近调解，交由属地调处"
            )
            world.run(
                mediator,
                routing.refer_level,
                cid,
                target.id,
                reason,
                decided_by=world.actors[mediator].name,
                mediator_id=world.actors[mediator].staff_id,
            )
            org = target
    if track_roll < 26:
        to_track, target, who, reason = _transfer_target(world, org, track_roll, rng)
        t = world.moment(t.date() + dt.timedelta(days=rng.randint(1, 4)), rng, t)
        yield t
        world.run(
            who,
            routing.transfer_track,
            cid,
            to_track,
            target.id,
            reason,
            decided_by=world.actors[who].name,
            mediator_id=world.actors[who].staff_id,
        )
        org, mediator = target, who
    if stop is None and 12 <= roll < 15:
        t = world.moment(t.date() + dt.timedelta(days=rng.randint(2, 7)), rng, t)
        yield t
        world.run(mediator, case_workflow.withdraw, cid, rng.choice(WITHDRAWALS), on=t.date())
        return

    # an extension when the case runs long
    if rng.randrange(100) < 15 or (stop is S.IN_MEDIATION and rng.randrange(100) < 30):
        t = world.moment(started + dt.timedelta(days=rng.randint(24, 28)), rng, t)
        yield t
        agreed = t.date()
        world.run(
            mediator,
            period.extend_period,
            cid,
            rng.choice([10, 15, 20, 30]),
            "双方同意延长调解期限，以便核对缴费凭证",
            period.ConsentGiven(ConsentMethod.PHONE, agreed),
            period.ConsentGiven(ConsentMethod.SIGNED_FORM, agreed),
        )
    if stop is S.IN_MEDIATION:
        return

    # the second session: the figures and the proposals
    t = world.moment(t.date() + dt.timedelta(days=rng.randint(5, 12)), rng, t)
    yield t
    second = _held(
        _session_input(rng, t - dt.timedelta(hours=1)),
        rng,
        form,
        SECOND_SESSION_NOTES,
        SECOND_SESSION_OUTCOMES,
    )
    world.run(mediator, sessions.record_session, cid, second)
    if stop is None and 15 <= roll < 25:
        t = world.moment(t.date() + dt.timedelta(days=rng.randint(1, 6)), rng, t)
        yield t
        world.run(mediator, case_workflow.fail_to_litigation, cid, rng.choice(FAILURES), on=t.date())
        return
    t += dt.timedelta(minutes=rng.randrange(10, 60))
    yield t
    accepted = _proposals(world, mediator, cid, form, rng)
    if accepted is not None and rng.randrange(100) < OWN_FIGURE_SHARE:
        accepted = None  # the parties settle on a figure of their own rather than a proposal

    # the agreement, its confirmation and its performance
    confirm = stop in (S.CONFIRMATION_APPLIED, S.CONFIRMED, S.CONFIRMATION_REJECTED) or (
        stop is None and rng.randrange(100) < 35
    )
    case = _Settling(world, cid, form, clerk, mediator, electronic, stop, rng, accepted)
    yield from _settle(case, t, confirm=confirm)


@dataclass
class _Settling:
    """A case reaching its agreement: who works on it and what the script was told."""

    world: _World
    cid: int
    form: IntakeForm
    clerk: str
    mediator: str
    electronic: bool
    stop: CaseStatus | None
    rng: random.Random
    accepted: tuple[int, Decimal] | None


def _settle(case: _Settling, t: dt.datetime, *, confirm: bool) -> Iterator[dt.datetime]:
    world, rng, stop, cid = case.world, case.rng, case.stop, case.cid
    instalments = stop is S.PERFORMING or rng.randrange(100) < 45
    t = world.moment(t.date() + dt.timedelta(days=rng.randint(1, 4)), rng, t)
    yield t
    reached_on = t.date()
    total = case.accepted[1] if case.accepted else _fallback_total(world, cid, rng)
    first_due = reached_on + dt.timedelta(days=rng.randint(40, 55) if confirm else rng.randint(10, 30))
    if instalments:
        plan_items = payment_plan.equal_monthly_plan(
            total, rng.randint(2, 6), first_due, reached_on
        ).instalments
        terms_due: dt.date | None = None
    else:
        plan_items, terms_due = (), first_due
    community = world.community_names[case.form.unit.community_id or 0]
    # how the owner pays, and to whom: "甲方以{method}方式将上述款项支付至{place}"
    method, place = rng.choice(
        [
            ("微信转账", f"{community}物业服务中心"),
            ("现场缴纳", f"{community}物业服务中心"),
            ("银行转账", "乙方对公账户"),
        ]
    )
    terms = agreement.AgreementTerms(
        reached_on=reached_on,
        pay_method=method,
        pay_place=place,
        proposal_id=case.accepted[0] if case.accepted else None,
        total=None if case.accepted else total,
        due_on=terms_due,
        instalments=plan_items,
        undertakings="乙方承诺自本协议签订之日起一个月内完成小区电梯及绿化维护整改"
        if rng.randrange(100) < 25
        else "",
    )
    result = world.run(case.mediator, agreement.reach_agreement, cid, terms)
    if stop is S.AGREEMENT_REACHED:
        return
    t = world.moment(t.date() + dt.timedelta(days=rng.randint(0, 3)), rng, t)
    yield t
    world.run(case.mediator, agreement.sign, cid, signed_on=t.date())
    if stop is S.SIGNED:
        return
    confirmed = False
    if confirm:
        t = world.moment(t.date() + dt.timedelta(days=rng.randint(3, 20)), rng, t)
        yield t
        world.run(case.mediator, confirmation.apply_confirmation, cid, applied_on=t.date())
        if stop is S.CONFIRMATION_APPLIED:
            return
        t = world.moment(t.date() + dt.timedelta(days=rng.randint(7, 20)), rng, t)
        yield t
        judge = rng.choice(JUDGES)
        if stop is S.CONFIRMATION_REJECTED or (stop is None and rng.randrange(100) < 12):
            yield from _rejected(case, judge, t)
            return
        world.run(
            judge,
            confirmation.record_confirmation,
            cid,
            f"（{t.year}）闽0304民特{rng.randint(100, 999)}号",
            decided_on=t.date(),
        )
        confirmed = True
        if stop is S.CONFIRMED:
            return
    yield from _perform(world, case.clerk, cid, result.agreement, case.electronic, confirmed, stop, rng, t)


def _rejected(case: _Settling, judge: str, t: dt.datetime) -> Iterator[dt.datetime]:
    """The court rejects the application; then litigation, a new round of mediation, or nothing
    yet (the case waits for the parties' decision)."""
    world, rng = case.world, case.rng
    roll = rng.randrange(100) if case.stop is None else 99
    then = NextStep.LITIGATION if roll < 40 else NextStep.RESUME_MEDIATION if roll < 70 else None
    world.run(
        judge,
        confirmation.record_rejection,
        case.cid,
        "协议部分条款约定不明确，不符合司法确认条件",
        decided_on=t.date(),
        next_step=then,
        next_reason="重新调解，明确协议条款" if then is NextStep.RESUME_MEDIATION else None,
    )
    if then is not NextStep.RESUME_MEDIATION:
        return
    t = world.moment(t.date() + dt.timedelta(days=rng.randint(5, 15)), rng, t)
    yield t
    world.run(
        case.mediator,
        sessions.record_session,
        case.cid,
        sessions.SessionInput(
            starts_at=t - dt.timedelta(hours=1),
            mode=SessionMode.PHONE,
            attendees="业主、物业公司代理人、调解员",
            outcome="双方同意按法院意见明确付款期限和方式后重新签订协议",
        ),
    )
    yield from _settle(case, t, confirm=False)


_AGREEMENT_STOPS = frozenset(
    {
        S.AGREEMENT_REACHED,
        S.SIGNED,
        S.CONFIRMATION_APPLIED,
        S.CONFIRMED,
        S.CONFIRMATION_REJECTED,
        S.PERFORMING,
        S.NOT_PERFORMED,
    }
)


def _perform(
    world: _World,
    clerk: str,
    cid: int,
    terms: agreement.AgreementView,
    electronic: bool,
    confirmed: bool,
    stop: CaseStatus | None,
    rng: random.Random,
    t: dt.datetime,
) -> Iterator[dt.datetime]:
    defaults = stop is S.NOT_PERFORMED or (stop is None and rng.randrange(100) < 10)
    paying = len(terms.instalments) - (rng.randint(1, len(terms.instalments)) if defaults else 0)
    if not terms.is_lump_sum:
        t = world.moment(t.date() + dt.timedelta(days=rng.randint(1, 5)), rng, t)
        yield t
        world.run(clerk, performance.start_performance, cid)
    for index, instalment in enumerate(terms.instalments):
        if electronic and len(terms.instalments) > 1:
            t = world.moment(instalment.due_on - dt.timedelta(days=3), rng, t)
            yield t
            world.attempt(clerk, sms_outbox.queue_instalment_reminder, cid, instalment.seq)
        if index >= paying:
            t = world.moment(instalment.due_on + dt.timedelta(days=rng.randint(20, 40)), rng, t)
            yield t
            world.run(
                clerk,
                case_workflow.record_non_performance,
                cid,
                f"业主逾期未支付第{instalment.seq}期款项，经电话催告仍未履行",
            )
            if not confirmed and stop is None and rng.randrange(100) < 50:
                t = world.moment(t.date() + dt.timedelta(days=rng.randint(15, 30)), rng, t)
                yield t
                world.run(
                    rng.choice(JUDGES),
                    case_workflow.fail_to_litigation,
                    cid,
                    "协议未经司法确认，业主不履行，转诉讼处理",
                    on=t.date(),
                )
            return
        late = rng.randint(3, 20) if rng.randrange(100) < 10 else -rng.randint(0, 3)
        t = world.moment(max(instalment.due_on + dt.timedelta(days=late), terms.reached_on), rng, t)
        yield t
        world.run(
            clerk,
            performance.record_payment,
            cid,
            t.date(),
            instalment.amount,
            method="微信转账",
            close_as_performed=True,
        )
    if rng.randrange(100) < 60:
        t = world.moment(t.date() + dt.timedelta(days=rng.randint(10, 40)), rng, t)
        yield t
        world.run(
            clerk,
            performance.record_follow_up,
            cid,
            t.date(),
            rng.choice(["电话回访", "上门回访"]),
            notes=rng.choice(
                ["业主对调解结果表示满意", "业主表示物业服务有所改善", "双方均已按协议履行完毕"]
            ),
            satisfied=rng.randrange(100) < 90,
        )


def _prior_payment(form: IntakeForm) -> fee_records.PaymentForm:
    """Three months' fees the owner paid in cash in the third month the company claims, shown by
    a receipt at the first session. Worked out from the form (no dice), so the cases after this
    one draw as before."""
    claimed = next(line for line in form.claims if line.kind is ChargeKind.SERVICE_FEE)
    start = dt.date.fromisoformat(claimed.period_from)
    paid_on = (start.replace(day=1) + dt.timedelta(days=62)).replace(day=10)
    amount = (Decimal(form.unit.area) * Decimal(form.unit.rate) * 3).quantize(Decimal("0.01"))
    return fee_records.PaymentForm(paid_on=paid_on, amount=amount, method="现金", note="业主出示收款收据")


def _session_input(rng: random.Random, starts_at: dt.datetime) -> sessions.SessionInput:
    """A session planned for ``starts_at``; in person, in a room (the notice and the agreement
    name the organisation beside it)."""
    mode = rng.choice(list(SessionMode))
    place = rng.choice(PLACES) if mode is SessionMode.IN_PERSON else ""
    return sessions.SessionInput(starts_at=starts_at, mode=mode, place=place)


def _held(
    planned: sessions.SessionInput,
    rng: random.Random,
    form: IntakeForm,
    notes: str = FIRST_SESSION_NOTES,
    outcomes: tuple[str, ...] = SESSION_OUTCOMES,
) -> sessions.SessionInput:
    """The session as held; what it came to fits the claim (no talk of a late fee not claimed)."""
    outcome = rng.choice(outcomes)
    if not any(line.kind is ChargeKind.LATE_FEE for line in form.claims):
        outcome = WITHOUT_LATE_FEE.get(outcome, outcome)
    return sessions.SessionInput(
        starts_at=planned.starts_at,
        mode=planned.mode,
        place=planned.place,
        attendees="业主、物业公司代理人、调解员",
        notes=notes,
        outcome=outcome,
    )


def _answer_claims(world: _World, who: str, cid: int, rng: random.Random) -> None:
    with world.read() as session:
        items = list(session.execute(_claim_items(), {"case_id": cid}))
    for item_id, kind in items:
        if kind is ChargeKind.LATE_FEE and rng.randrange(100) < 45:
            world.run(
                who,
                evidence.record_owner_position,
                cid,
                item_id,
                OwnerPosition.DISPUTED,
                "认为违约金标准过高",
            )
        elif rng.randrange(100) < 80:
            world.run(who, evidence.record_owner_position, cid, item_id, OwnerPosition.ACCEPTED)


@cache
def _claim_items() -> Select[int, ChargeKind]:
    # Built once (README, Development): the owner answers the claims of each case.
    return select(ClaimItem.id, ClaimItem.kind).where(ClaimItem.case_id == bindparam("case_id"))


_PROPOSALS: tuple[tuple[str, tuple[Discount, ...]], ...] = (
    ("违约金减半", (LateFeeWaiver(Decimal("0.5")),)),
    ("免除违约金", (LateFeeWaiver(Decimal("1")),)),
    ("免除违约金并下调服务费每平方米0.3元", (LateFeeWaiver(Decimal("1")), RateReduction(Decimal("0.30")))),
    ("一次性减免500元", (FixedDiscount(Decimal("500.00")),)),
)
# What a mediator offers when the company claims no late fee (there is none to waive).
_WITHOUT_LATE_FEE: tuple[tuple[str, tuple[Discount, ...]], ...] = (
    ("下调服务费每平方米0.3元", (RateReduction(Decimal("0.30")),)),
    ("一次性减免500元", (FixedDiscount(Decimal("500.00")),)),
)
# Percent of the cases with proposals whose parties agree a total of their own instead.
OWN_FIGURE_SHARE = 15
# A fixed reduction is offered on a claim of at least this much (a concession, not the whole debt).
FIXED_OFFER_FLOOR = Decimal("2000.00")


def _fits(discount: Discount, claimed: set[ChargeKind], total: Decimal) -> bool:
    """Whether the reconciliation has something to apply ``discount`` to in this claim."""
    if isinstance(discount, LateFeeWaiver):
        return ChargeKind.LATE_FEE in claimed
    if isinstance(discount, RateReduction):
        return ChargeKind.SERVICE_FEE in claimed
    return total >= FIXED_OFFER_FLOOR and discount.amount < total


def _offers(form: IntakeForm) -> list[tuple[str, tuple[Discount, ...]]]:
    """The proposals a mediator would make on this claim: only discounts that apply to it (a
    late-fee waiver needs a late fee claimed, a lower fee standard a service fee)."""
    claimed = {line.kind for line in form.claims}
    total = sum((Decimal(line.amount) for line in form.claims), Decimal("0.00"))
    pool = _PROPOSALS if ChargeKind.LATE_FEE in claimed else _WITHOUT_LATE_FEE
    return [(name, discounts) for name, discounts in pool if all(_fits(d, claimed, total) for d in discounts)]


def _proposals(
    world: _World, who: str, cid: int, form: IntakeForm, rng: random.Random
) -> tuple[int, Decimal] | None:
    """A statement and one or two proposals that fit the claim; the last one made is the one accepted."""
    as_of = dt.date.fromisoformat(form.intake_date)
    if world.attempt(who, statements.compute_statement, cid, as_of=as_of) is None:
        return None
    offers = _offers(form)
    chosen = None
    for name, discounts in rng.sample(offers, min(rng.randint(1, 2), len(offers))):
        column = world.attempt(who, settlement.propose, cid, name, discounts)
        if column is not None and column.figures.payable > 0:
            chosen = (column.id, column.figures.payable)
    return chosen


def _fallback_total(world: _World, cid: int, rng: random.Random) -> Decimal:
    """A figure of the parties' own: a little under what the owner owes on the statement's
    recomputation (or on the claim, where there is no statement or it found more), so an
    agreement never asks more than the file's own figures show to be owed."""
    with world.read() as session:
        claimed = sum(
            session.scalars(select(ClaimItem.amount).where(ClaimItem.case_id == cid)), Decimal("0.00")
        )
        statement = statements.latest_statement(session, cid)
    owed = min(claimed, statement.figures.payable) if statement is not None else claimed
    return (owed * Decimal(rng.randint(80, 97)) / 100).quantize(Decimal("0.01"))


def _rank(level: Level) -> int:
    return {Level.COMMUNITY: 0, Level.TOWN: 1, Level.DISTRICT: 2}[level]


def _referral_target(
    world: _World, org: _Org, form: IntakeForm, *, up: bool, rng: random.Random
) -> _Org | None:
    community = world.community_names[form.unit.community_id or 0]
    town = org.town or _town_of(community)
    if up:
        if org.level is Level.COMMUNITY:
            return world.orgs[f"{town}分中心"]
        if org.level is Level.TOWN:
            return world.orgs["区调处中心"]
        return None
    if org.level is Level.DISTRICT:
        return world.orgs[f"{_town_of(community)}分中心"]
    if org.level is Level.TOWN and town is not None:
        return world.orgs[f"{rng.choice(WORKSTATIONS[town])}工作站"]
    return None


def _transfer_target(world: _World, org: _Org, roll: int, rng: random.Random) -> tuple[Track, _Org, str, str]:
    if roll < 10:
        judge = rng.choice(JUDGES)
        return Track.JUDICIAL, world.orgs["荔城法院"], judge, "双方争议较大，由驻点法官开展司法调解"
    if roll < 18:
        return (
            Track.INDUSTRY,
            world.orgs["区物业协会"],
            "mediator.huang",
            "涉及物业服务质量评价，转物业管理行业协会调解",
        )
    target = (
        world.orgs[f"{org.town}分中心"]
        if org.level is not Level.DISTRICT and org.town
        else world.orgs["区住建局"]
    )
    return (
        Track.ADMINISTRATIVE,
        target,
        world.mediator_for(target, rng),
        "涉及收费标准备案及公共收益问题，转行政调解",
    )


def _town_of(community: str) -> str:
    return next(town for name, town, _company in COMMUNITIES if name == community)


# --- the centre's own case ----------------------------------------------------------------------


def _centre_case(world: _World, form: IntakeForm, told: Callable[[], None]) -> Iterator[dt.datetime]:
    """车某's case as the centre's report tells it: to the signed agreement, paid the same day."""
    day = dt.date.fromisoformat(form.intake_date)

    def at(days: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day + dt.timedelta(days=days), dt.time(hour, minute), CHINA)

    yield at(0, 9, 10)
    ref = world.run("clerk.yang", intake_case, form)
    world.run(SYSTEM, write_centre_case_fee_data, ref.id)
    told()
    cid = ref.id
    yield at(0, 9, 30)
    # The owner's identity card, copied at the window (a stand-in drawn from shapes).
    world.run(
        "clerk.yang",
        evidence.attach_evidence,
        cid,
        kind=AttachmentKind.IDENTITY.value,
        title="业主车某居民身份证复印件",
        filename="车某身份证复印件.png",
        content=sample_files.identity_card_copy(),
        submitted_by=Party.OWNER.value,
    )
    yield at(0, 9, 40)
    world.run("judge.lin", case_workflow.accept, cid)
    yield at(0, 9, 50)
    world.run("clerk.yang", sms_outbox.queue_pre_mediation_reminder, cid)
    yield at(0, 10, 0)
    world.dispatch_sms()
    yield at(0, 10, 30)
    world.run(
        "clerk.yang", consents.record_consent, cid, Party.COMPANY, ConsentMethod.SIGNED_FORM, at(0, 10).date()
    )
    yield at(0, 20, 15)
    world.run(
        "clerk.yang",
        consents.record_consent,
        cid,
        Party.OWNER,
        ConsentMethod.SMS_REPLY,
        at(0, 20).date(),
        note="业主回复“同意”",
    )
    chen = world.actors["mediator.chen"]
    committee = world.orgs["区物业人调委"]
    yield at(1, 9, 30)
    world.run(
        "mediator.chen", assignment.start_mediation, cid, committee.id, chen.staff_id, on=at(1, 9).date()
    )
    yield at(1, 10, 0)
    group = "微信群“荔景花园3幢1502物业费调解群”"
    planned = sessions.SessionInput(at(1, 20), SessionMode.WECHAT_GROUP, place=group)
    scheduled = world.run("mediator.chen", sessions.schedule_session, cid, planned)
    world.run("clerk.yang", sms_outbox.queue_session_notice, scheduled.session_id)
    yield at(1, 10, 10)
    world.dispatch_sms()
    yield at(1, 20, 30)
    world.run(
        "clerk.yang",
        evidence.attach_evidence,
        cid,
        title="欠费清单及收费明细（物业公司在微信群提交）",
        filename="荔景花园3幢1502欠费清单.csv",
        content=_arrears_list(world, cid),
        submitted_by=Submitter.COMPANY,
    )
    yield at(1, 21, 40)
    world.run(
        "mediator.chen",
        sessions.record_session,
        cid,
        sessions.SessionInput(
            at(1, 20),
            SessionMode.WECHAT_GROUP,
            place=group,
            attendees="业主车某；莆田市荔安物业服务有限公司代理人；特邀调解员陈志明",
            notes="物业公司在群内上传欠费清单及收费明细；业主逐项核对公摊水电费和物业服务费",
            outcome="业主对欠费清单无异议；物业公司同意对该业主物业服务费标准每平方米下调0.4元",
        ),
        session_id=scheduled.session_id,
    )
    with world.read() as session:
        items = list(session.execute(_claim_items(), {"case_id": cid}))
    yield at(1, 21, 50)
    for item_id, kind in items:
        if kind in (ChargeKind.SERVICE_FEE, ChargeKind.UTILITIES):
            world.run("mediator.chen", evidence.record_owner_position, cid, item_id, OwnerPosition.ACCEPTED)
    yield at(2, 9, 30)
    world.run("mediator.chen", statements.compute_statement, cid, as_of=day)
    proposal = world.run(
        "mediator.chen",
        settlement.propose,
        cid,
        "物业服务费每平方米下调0.4元",
        [RateReduction(Decimal("0.40"))],
    )
    yield at(2, 10, 0)
    world.run(
        "mediator.chen",
        agreement.reach_agreement,
        cid,
        agreement.AgreementTerms(
            reached_on=at(2, 10).date(),
            pay_method="微信转账",
            pay_place="莆田市荔安物业服务有限公司荔景花园物业服务中心",
            proposal_id=proposal.id,
            due_on=at(2, 10).date(),
        ),
    )
    yield at(2, 15, 0)
    world.run("mediator.chen", agreement.sign, cid, signed_on=at(2, 15).date())
    # "the owner paid; the agreement was signed": the payment closes the case as performed.
    yield at(2, 15, 30)
    world.run(
        "clerk.yang",
        performance.record_payment,
        cid,
        at(2, 15).date(),
        proposal.figures.payable,
        method="微信转账",
        note="业主按协议一次付清",
        close_as_performed=True,
    )
    yield at(2, 15, 40)
    world.run(
        "clerk.yang",
        evidence.attach_evidence,
        cid,
        kind=AttachmentKind.RECEIPT.value,
        title="物业公司出具的收款收据（微信转账）",
        filename="荔景花园3幢1502收款收据.pdf",
        content=sample_files.payment_receipt(),
        submitted_by=Party.OWNER.value,
    )


def _arrears_list(world: _World, cid: int) -> bytes:
    """The company's arrears list as a CSV (the shared-utilities bills of the unit)."""
    from mediation_app.storage.models import Case

    with world.read() as session:
        case = session.get(Case, cid)
        assert case is not None
        lines = ["月份,项目,金额（元）,应缴日期"]
        lines += [f"{b.period},公摊水电费,{b.amount},{b.due.isoformat()}" for b in case.unit.utility_bills]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")
