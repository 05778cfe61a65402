"""调解记录: render a :class:`~mediation_app.documents.session_record.SessionRecord` — a form
with the session's particulars, the record speaker by speaker, the outcome, and the signatures
of everyone present after the customary "以上记录经本人核对无误"."""

from __future__ import annotations

from reportlab.platypus import Spacer
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.session_record import SessionRecord
from mediation_app.i18n import _
from reports import blocks, styles
from reports.page import PageDecor, PdfInfo, build_pdf
from reports.text import Para, Run

SPOKEN = styles.BODY.but(indent=0)


def _time(data: SessionRecord) -> str:
    text = formatting.moment(data.start)
    if data.end is not None:
        text = _("{start} to {end}").format(start=text, end=formatting.clock_time(data.end))
    return text


def story(data: SessionRecord) -> list[Flowable]:
    form = blocks.Form()
    form.pair(_("Case number"), data.case_number, _("Session"), _("No. {n}").format(n=data.number))
    form.pair(_("Time"), _time(data), _("Mode"), data.mode)
    form.wide(_("Place"), data.place)
    form.pair(_("Mediator"), _(", ").join(data.mediators), _("Recorder"), data.recorder)
    form.wide(
        _("Present"),
        _("; ").join(
            _("{name} ({role})").format(name=person.name, role=person.role) for person in data.attendees
        ),
    )
    flowables: list[Flowable] = [
        blocks.title(_("Mediation Record")),
        form.table(),
        Spacer(1, 6),
        blocks.heading(_("Record")),
    ]
    flowables += [
        Para([Run(_("{speaker}: ").format(speaker=entry.speaker), bold=True), entry.text], SPOKEN)
        for entry in data.entries
    ]
    flowables.append(blocks.labelled(_("Outcome"), data.outcome, SPOKEN))
    if data.next_step:
        flowables.append(blocks.labelled(_("Next step"), data.next_step, SPOKEN))
    signers = [_("{name} (signature)").format(name=person.name) for person in data.attendees]
    signers += [_("Recorder {name} (signature)").format(name=data.recorder)]
    flowables.append(Para(_("I have read the above record and it is correct."), styles.BODY))
    return blocks.signed_ending(flowables, [blocks.signature_rows(signers)], keep=2)


def info(data: SessionRecord) -> PdfInfo:
    return PdfInfo(
        title=_("Mediation Record") + " " + data.case_number,
        author=data.organisation.name,
        subject=data.case_number,
        keywords=_("No. {n}").format(n=data.number),
        created=data.start.date(),
    )


def decor(data: SessionRecord) -> PageDecor:
    return PageDecor(data.organisation.name, data.case_number)


def render(data: SessionRecord) -> bytes:
    """The session record as PDF bytes (deterministic for the same data)."""
    return build_pdf(story(data), info(data), decor(data))


__all__ = ["render", "story"]
