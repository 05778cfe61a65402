"""The intake draft: what the clerk has typed so far, kept on disk until the case is registered.

One JSON file, ``data_dir()/drafts/intake.json``, written atomically (a temporary file renamed
over the old one) so a crash mid-write leaves the previous draft intact. It holds the form as
typed (:class:`~mediation_app.services.cases.intake.IntakeForm`) and the names shown for picked
parties, so a resumed draft looks the way it was left. A file that cannot be read is set aside
(renamed ``.unreadable``), never silently deleted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mediation_app.domain.enums import CaseSource, ChargeKind, Track
from mediation_app.paths import data_dir
from mediation_app.services.cases.intake import ClaimLine, CompanyForm, IntakeForm, OwnerForm, UnitForm

VERSION = 1
log = logging.getLogger(__name__)


@dataclass
class IntakeDraft:
    form: IntakeForm
    saved_at: dt.datetime | None = None
    picked: dict[str, str] = field(default_factory=dict)  # "owner"/"company" → the text shown

    def is_empty(self) -> bool:
        return form_is_empty(self.form)


def default_path() -> Path:
    return data_dir() / "drafts" / "intake.json"


def form_is_empty(form: IntakeForm) -> bool:
    """Nothing typed or picked yet; what the dialog fills in itself (organisation, source,
    track, today's date) does not count."""
    o, c, u = form.owner, form.company, form.unit
    texts = [o.name, o.id_number, o.phone, o.address, c.name, c.credit_code, c.domicile, c.legal_rep]
    texts += [c.agent_name, c.agent_phone, u.building, u.room, u.area, u.handover_date, u.rate, u.rate_from]
    texts += [form.assigning_court, form.late_fee_daily_rate, form.summary, form.fees_paid_to]
    texts += [
        t for line in form.claims for t in (line.description, line.period_from, line.period_to, line.amount)
    ]
    picked = (o.existing_id, c.existing_id, u.existing_id, u.community_id)
    return not any(text.strip() for text in texts) and all(value is None for value in picked)


class DraftStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()

    def exists(self) -> bool:
        return self.path.is_file()

    def save(self, draft: IntakeDraft, now: dt.datetime) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "version": VERSION,
            "saved_at": now.isoformat(),
            "picked": draft.picked,
            "form": dataclasses.asdict(draft.form),
        }
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, self.path)
        draft.saved_at = now

    def load(self) -> IntakeDraft | None:
        if not self.path.is_file():
            return None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return IntakeDraft(
                form=form_from_dict(data["form"]),
                saved_at=dt.datetime.fromisoformat(data["saved_at"]) if data.get("saved_at") else None,
                picked={str(k): str(v) for k, v in dict(data.get("picked") or {}).items()},
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            log.exception("the intake draft %s cannot be read; set aside", self.path)
            self.path.replace(self.path.with_suffix(".unreadable"))
            return None

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def form_from_dict(data: dict[str, Any]) -> IntakeForm:
    """The inverse of ``dataclasses.asdict(IntakeForm)``; unknown keys are ignored."""

    def part(cls: Any, values: Any) -> Any:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in dict(values or {}).items() if k in names})

    claims = [
        ClaimLine(
            kind=ChargeKind(line.get("kind", ChargeKind.SERVICE_FEE.value)),
            description=str(line.get("description", "")),
            period_from=str(line.get("period_from", "")),
            period_to=str(line.get("period_to", "")),
            amount=str(line.get("amount", "")),
        )
        for line in data.get("claims") or []
    ]
    organization = data.get("organization_id")
    return IntakeForm(
        owner=part(OwnerForm, data.get("owner")),
        company=part(CompanyForm, data.get("company")),
        unit=part(UnitForm, data.get("unit")),
        claims=claims,
        organization_id=organization if isinstance(organization, int) else None,
        source=CaseSource(data.get("source", CaseSource.WALK_IN.value)),
        track=Track(data.get("track", Track.PEOPLE.value)),
        intake_date=str(data.get("intake_date", "")),
        assigning_court=str(data.get("assigning_court", "")),
        late_fee_daily_rate=str(data.get("late_fee_daily_rate", "")),
        summary=str(data.get("summary", "")),
        fees_paid_to=str(data.get("fees_paid_to", "")),
    )
