"""回访记录 and 结案报告 from the case: a follow-up visit with the plan's progress on that day,
and how the case ended — its outcome as the path says it (:mod:`mediation_app.workflow.outcomes`),
its course through tracks and organisations, the money, the summary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.documents.closing import ClosingReport, TrackStep
from mediation_app.documents.followup import FollowUpRecord, InstalmentStatus
from mediation_app.domain.enums import Track, label
from mediation_app.domain.party import Party
from mediation_app.i18n import _
from mediation_app.queries.outcomes import case_ending
from mediation_app.services.agreement.terms import agreement_of
from mediation_app.services.documents.builders import common
from mediation_app.services.documents.builders.agreement import held_sessions
from mediation_app.services.documents.builders.intake import first_track
from mediation_app.storage.models import Agreement, Case, FollowUp, JudicialConfirmation, PerformancePayment
from mediation_app.workflow import payment_plan
from mediation_app.workflow.confirmation import ConfirmationOutcome
from mediation_app.workflow.outcomes import Ending, Outcome


def follow_ups(session: Session, case_id: int) -> list[FollowUp]:
    return list(
        session.scalars(
            select(FollowUp).where(FollowUp.case_id == case_id).order_by(FollowUp.visited_on, FollowUp.id)
        )
    )


def followup_data(session: Session, case: Case, number: int | None) -> FollowUpRecord:
    """The record of the ``number``-th follow-up visit (1-based; the latest when None)."""
    visits = follow_ups(session, case.id)
    index, visit = common.nth_recorded(
        visits,
        number,
        _("Follow-up Record"),
        _("no follow-up visit has been recorded for this case yet."),
        _("this case has {count} recorded follow-up visits; there is no visit {number}."),
    )
    day = visit.visited_on
    schedule: tuple[InstalmentStatus, ...] = ()
    performance = _("No agreement has been recorded for this case.")
    agreement = agreement_of(session, case.id)
    if agreement is not None:
        payments = [
            payment_plan.Payment(p.paid_on, p.amount)
            for p in session.scalars(
                select(PerformancePayment)
                .where(PerformancePayment.case_id == case.id, PerformancePayment.paid_on <= day)
                .order_by(PerformancePayment.paid_on, PerformancePayment.id)
            )
        ]
        progress = payment_plan.progress(agreement.plan(), payments, day)
        schedule = tuple(
            InstalmentStatus(i.number, i.due_on, i.amount, i.paid, i.settled_on) for i in progress.instalments
        )
        if progress.fully_paid:
            last = max((i.settled_on for i in progress.instalments if i.settled_on is not None), default=day)
            performance = _("The agreed {total} was paid in full by {date}.").format(
                total=formatting.yuan(agreement.total), date=formatting.date(last)
            )
        else:
            performance = _(
                "{paid} of the agreed {total} has been paid; {outstanding} is outstanding, {overdue} of it overdue."
            ).format(
                paid=formatting.yuan(progress.paid),
                total=formatting.yuan(agreement.total),
                outstanding=formatting.yuan(progress.outstanding),
                overdue=formatting.yuan(progress.overdue_amount),
            )
    party = visit.visited_party
    if party is Party.OWNER:
        contacted = tuple(
            _("{role} {name}").format(role=party.label, name=n) for n in common.owner_names(case)
        )
    else:
        contacted = (
            _("{role} {name}").format(role=party.label, name=case.company.agent_name or case.company.name),
        )
    satisfaction = {True: _("Satisfied"), False: _("Not satisfied"), None: _("Not stated")}[visit.satisfied]
    later = visits[index] if index < len(visits) else None
    return FollowUpRecord(
        case_number=case.number,
        organisation=common.organisation(case.organization),
        agreement_number=common.final_number(session, case.id, "agreement"),
        visit_date=day,
        method=visit.method,
        visitor=common.staff_name(session, visit.by_id) or (case.mediator.name if case.mediator else ""),
        contacted=contacted,
        schedule=schedule,
        performance=performance,
        owner_feedback=visit.notes if party is Party.OWNER else "",
        company_feedback=visit.notes if party is Party.COMPANY else "",
        satisfaction=satisfaction,
        next_visit=later.visited_on if later is not None else None,
    )


def closing_data(session: Session, case: Case) -> ClosingReport:
    status = case.status
    ending = case_ending(session, case)
    if case.closed_on is None or ending is None:
        raise common.lacking(
            _("Closing Report"),
            _("the case is not closed yet (it is {status}).").format(status=label(status)),
        )
    agreement = session.scalar(select(Agreement).where(Agreement.case_id == case.id))
    signed = agreement if agreement is not None and agreement.signed_on is not None else None
    payments = [
        (day, amount)
        for day, amount in session.execute(
            select(PerformancePayment.paid_on, PerformancePayment.amount).where(
                PerformancePayment.case_id == case.id
            )
        )
    ]
    paid = sum((amount for _day, amount in payments), common.ZERO)
    sessions = len(held_sessions(session, case.id))
    summary = [_intake_sentence(case, sessions, ending)]
    if agreement is not None:
        summary.append(_agreement_sentence(agreement, signed is not None, paid, payments, ending))
    ruling = session.scalar(select(JudicialConfirmation).where(JudicialConfirmation.case_id == case.id))
    said = ""
    if ruling is not None and ruling.decided_on is not None:
        if ruling.outcome is ConfirmationOutcome.CONFIRMED:
            summary.append(
                _("On {date} {court} confirmed the agreement by ruling {ruling}.").format(
                    date=formatting.date(ruling.decided_on),
                    court=ruling.court_name,
                    ruling=ruling.ruling_number,
                )
            )
        elif ruling.outcome is ConfirmationOutcome.REJECTED:
            said = ruling.rejection_reason.strip()
            summary.append(
                _("On {date} {court} refused to confirm the agreement: {reason}").format(
                    date=formatting.date(ruling.decided_on),
                    court=ruling.court_name,
                    reason=common.full_stop(said),
                )
            )
    if case.status_reason.strip() and case.status_reason.strip() != said:
        summary.append(common.full_stop(case.status_reason))
    summary.append(
        _("The case was closed on {date}: {outcome}.").format(
            date=formatting.date(case.closed_on), outcome=ending.wording()
        )
    )
    closing_event = next(
        (
            e
            for e in reversed(common.events(session, case.id))
            if e.to_value == case.status and e.kind != "assignment"
        ),
        None,
    )
    return ClosingReport(
        case_number=case.number,
        organisation=common.organisation(case.organization),
        owners=common.owner_names(case),
        company=case.company.name,
        unit_address=common.unit_address(case),
        intake_date=case.intake_date,
        closing_date=case.closed_on,
        ending=ending,
        course=_course(session, case),
        sessions=sessions,
        claimed=case.claimed_total,
        agreed=signed.total if signed is not None else None,
        paid=paid if signed is not None else common.ZERO,
        agreement_number=common.final_number(session, case.id, "agreement") if signed is not None else "",
        summary=tuple(summary),
        mediator=case.mediator.name if case.mediator is not None else "",
        reviewer=closing_event.decided_by if closing_event is not None else "",
        date=case.closed_on,
    )


def _intake_sentence(case: Case, sessions: int, ending: Ending) -> str:
    """How the case came in, and how many sessions it had (an application refused at intake was
    received, never taken in)."""
    date, source = formatting.date(case.intake_date), case.source.label
    if ending.outcome is Outcome.NOT_ACCEPTED:
        return _("The application was received on {date} ({source}).").format(date=date, source=source)
    if not sessions:
        return _("The case was taken in on {date} ({source}); no mediation session was held.").format(
            date=date, source=source
        )
    return _("The case was taken in on {date} ({source}); {count} mediation sessions were held.").format(
        date=date, source=source, count=sessions
    )


def _agreement_sentence(
    agreement: Agreement,
    signed: bool,
    paid: Decimal,
    payments: list[tuple[dt.date, Decimal]],
    ending: Ending,
) -> str:
    """What became of the agreement, in the words of the closing report."""
    reached, total = formatting.date(agreement.reached_on), formatting.yuan(agreement.total)
    if not signed:
        return _("On {date} the parties reached an agreement for {total}, but it was never signed.").format(
            date=reached, total=total
        )
    if ending.outcome is Outcome.PERFORMED:
        last = max((day for day, _amount in payments), default=agreement.signed_on)
        return _(
            "On {date} the parties reached a settlement agreement for {total}; it was paid in full by {paid_on}."
        ).format(date=reached, total=total, paid_on=formatting.date(last))
    return _(
        "On {date} the parties reached a settlement agreement for {total}; {paid} has been paid under it "
        "and {balance} remains unpaid."
    ).format(
        date=reached,
        total=total,
        paid=formatting.yuan(paid),
        balance=formatting.yuan(agreement.total - paid),
    )


def _course(session: Session, case: Case) -> tuple[TrackStep, ...]:
    """Where the case was mediated, step by step: the intake, then each move to another track or
    organisation (四调衔接, 三级联动) with its reason."""
    track = first_track(session, case)
    start = common.intake_organisation(session, case)
    steps = [TrackStep(case.intake_date, track, start.name, case.source.label)]
    note = ""
    for event in common.events(session, case.id):
        if event.kind == "transfer_track" and event.to_value:
            track, note = Track(event.to_value), event.reason
        elif event.kind == "refer_level":
            note = event.reason
        elif event.kind == "assignment":
            target = common.organisation_named(session, event.to_value)
            if target is None:
                continue
            if target.name != steps[-1].organisation or track != steps[-1].track:
                steps.append(
                    TrackStep(
                        common.china_day(event.at), track, target.name, note or _("Assigned for mediation")
                    )
                )
            note = ""
    return tuple(steps)
