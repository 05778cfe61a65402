"""What can be corrected (更正) on a case's records, who may correct it, and how it is named.

Each correctable field has a stable key (``owner.phone``, ``claim[2].amount`` …), a label in the
user's language, the permission it needs (a clerk corrects contact details; everything else needs
a mediator), whether it changes money (then the stored statement and the open proposals are out
of date), whether the signed agreement rests on it (then, once signed, only a supplementary
record may correct it) and whether its value is private (an ID number or phone, shown masked in
the case's timeline; the audit trail keeps it whole).

The services (:mod:`mediation_app.services.corrections`) change the records; the case's timeline
(:mod:`mediation_app.workflow.timeline`) names a correction by this catalogue's label. This
module is pure: no storage, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from mediation_app.i18n import N_, _

EVENT_PREFIX = "correct:"  # a correction's kind in the case's path: "correct:owner.phone"
SUPPLEMENT_EVENT = "supplement"  # a supplementary record put on a signed agreement


class Need(StrEnum):
    """Which permission a correction needs (see :mod:`mediation_app.security.permissions`)."""

    CONTACT = "correct_contact"
    RECORD = "correct_record"


@dataclass(frozen=True)
class FieldSpec:
    key: str  # without a line number: "claim.amount"
    label: str  # untranslated (N_): translate when shown
    need: Need
    money: bool = False  # changes what is owed: the figures go out of date
    signed: bool = False  # the signed agreement states it: after signing, a supplementary record
    private: bool = False  # masked in the timeline
    multiline: bool = False  # a long text: edited in a text box
    kind: str = "text"  # text | phone | id_number | credit_code | area | rate | amount | date | choice


F = FieldSpec
C, R = Need.CONTACT, Need.RECORD

FIELDS: dict[str, FieldSpec] = {
    spec.key: spec
    for spec in (
        F("owner.name", N_("Owner's name"), R, signed=True),
        F("owner.id_number", N_("Owner's ID number"), R, signed=True, private=True, kind="id_number"),
        F("owner.phone", N_("Owner's phone"), C, private=True, kind="phone"),
        F("owner.address", N_("Owner's address for service"), C),
        F("co_owner.name", N_("Co-owner's name"), R, signed=True),
        F("co_owner.id_number", N_("Co-owner's ID number"), R, signed=True, private=True, kind="id_number"),
        F("co_owner.phone", N_("Co-owner's phone"), C, private=True, kind="phone"),
        F("co_owner.address", N_("Co-owner's address for service"), C),
        F("company.name", N_("Property company's name"), R, signed=True),
        F("company.credit_code", N_("Unified social credit code"), R, signed=True, kind="credit_code"),
        F("company.legal_rep", N_("Company's legal representative"), R, signed=True),
        F("company.agent_name", N_("Company's agent"), R),
        F("company.domicile", N_("Company's address for service"), C),
        F("company.phone", N_("Company's phone"), C, kind="phone"),
        F("company.agent_phone", N_("Company agent's phone"), C, kind="phone"),
        F("unit.building", N_("Building"), R, signed=True),
        F("unit.room", N_("Room"), R, signed=True),
        F("unit.area", N_("Building area (m²)"), R, money=True, signed=True, kind="area"),
        F("unit.handover_date", N_("Handover date"), R, money=True, signed=True, kind="date"),
        F("rate.rate", N_("Fee standard (yuan/m²/month)"), R, money=True, signed=True, kind="rate"),
        F("claim.description", N_("Description"), R, signed=True),
        F("claim.period_from", N_("Period from"), R, money=True, signed=True, kind="date"),
        F("claim.period_to", N_("Period to"), R, money=True, signed=True, kind="date"),
        F("claim.amount", N_("Amount"), R, money=True, signed=True, kind="amount"),
        F("consent.method", N_("How consent was given"), R, kind="choice"),
        F("consent.given_on", N_("Date of consent"), R, kind="date"),
        F("consent.note", N_("Note"), R),
        F("session.place", N_("Place"), R),
        F("session.attendees", N_("Attendees"), R, multiline=True),
        F("session.notes", N_("Notes"), R, multiline=True),
        F("session.outcome", N_("Outcome"), R, multiline=True),
        F("agreement.pay_method", N_("How to pay"), R, signed=True),
        F("agreement.pay_place", N_("Where to pay"), R, signed=True),
        F("agreement.undertakings", N_("Other undertakings"), R, signed=True, multiline=True),
        F("agreement.clause", N_("Settled-in-full clause"), R, signed=True, multiline=True),
        F("agreement.duties", N_("Responsibility"), R, signed=True, multiline=True),
        F("agreement.matters", N_("Matters in dispute"), R, signed=True, multiline=True),
    )
}

_NUMBERED = re.compile(r"^(?P<record>[a-z_]+)\[(?P<n>\d+)\]\.(?P<field>[a-z_]+)$")


def spec(key: str) -> FieldSpec:
    """The field of ``key`` (``claim[2].amount`` is the field ``claim.amount``); KeyError if none."""
    match = _NUMBERED.match(key)
    return FIELDS[f"{match['record']}.{match['field']}" if match else key]


def numbered(key: str, n: int) -> str:
    """``claim.amount``, 2 → ``claim[2].amount`` (the line a correction is about)."""
    record, _dot, field = key.partition(".")
    return f"{record}[{n}].{field}"


def field_label(key: str) -> str:
    """The field in the user's language: ``业主电话``, ``第2项请求·金额``."""
    match = _NUMBERED.match(key)
    found = spec(key)
    if match and match["record"] == "claim":
        return _("Claim item {n}").format(n=int(match["n"])) + " · " + _(found.label)
    if match and match["record"] == "rate":
        return _("Fee standard {n} (yuan/m²/month)").format(n=int(match["n"]))
    return _(found.label)


def is_correction(kind: str) -> bool:
    return kind.startswith(EVENT_PREFIX) and _known(kind[len(EVENT_PREFIX) :])


def _known(key: str) -> bool:
    try:
        spec(key)
    except KeyError:
        return False
    return True


def event_kind(key: str) -> str:
    kind = EVENT_PREFIX + key
    assert len(kind) <= 30, kind  # CaseEvent.kind is 30 characters
    return kind
