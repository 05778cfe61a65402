"""四调衔接 transfers and 三级联动 referrals: who may receive a case, when, and with what reason."""

from __future__ import annotations

import itertools

import pytest

from mediation_app.domain.enums import CaseStatus, Level, OrgKind, Track
from mediation_app.errors import ValidationError, WorkflowError
from mediation_app.workflow.levels import Direction, check_referral, referral_direction
from mediation_app.workflow.tracks import check_track_org, check_track_transfer
from mediation_app.workflow.transitions import OPEN_STATUSES

FITTING_KIND = {
    Track.PEOPLE: OrgKind.MEDIATION_COMMITTEE,
    Track.ADMINISTRATIVE: OrgKind.GOVERNMENT,
    Track.INDUSTRY: OrgKind.INDUSTRY_ASSOCIATION,
    Track.JUDICIAL: OrgKind.COURT,
}


@pytest.mark.parametrize(
    ("current", "wanted"), [(a, b) for a, b in itertools.product(Track, Track) if a != b]
)
def test_any_track_can_pass_a_case_to_any_other(current: Track, wanted: Track) -> None:
    transfer = check_track_transfer(
        CaseStatus.IN_MEDIATION, current, wanted, FITTING_KIND[wanted], " 需要法官释法 "
    )
    assert (transfer.from_track, transfer.to_track, transfer.reason) == (current, wanted, "需要法官释法")


@pytest.mark.parametrize("track", list(Track))
def test_a_transfer_to_the_same_track_is_refused(track: Track) -> None:
    with pytest.raises(WorkflowError):
        check_track_transfer(CaseStatus.IN_MEDIATION, track, track, FITTING_KIND[track], "理由")


def test_the_judicial_track_needs_a_court() -> None:
    for kind in set(OrgKind) - {OrgKind.COURT}:
        with pytest.raises(ValidationError) as refused:
            check_track_transfer(CaseStatus.IN_MEDIATION, Track.PEOPLE, Track.JUDICIAL, kind, "理由")
        assert refused.value.field == "organisation"
    check_track_org(Track.JUDICIAL, OrgKind.COURT)


def test_a_centre_may_carry_every_track_but_the_judicial_one() -> None:
    for track in (Track.PEOPLE, Track.ADMINISTRATIVE, Track.INDUSTRY):
        check_track_org(track, OrgKind.CENTRE)
    with pytest.raises(ValidationError):
        check_track_org(Track.JUDICIAL, OrgKind.CENTRE)


def _fits(track: Track, kind: OrgKind) -> bool:
    try:
        check_track_org(track, kind)
    except ValidationError:
        return False
    return True


def test_each_kind_of_organisation_fits_only_its_own_tracks() -> None:
    fits = {(t, k) for t, k in itertools.product(Track, OrgKind) if _fits(t, k)}
    assert fits == {
        (Track.PEOPLE, OrgKind.MEDIATION_COMMITTEE),
        (Track.PEOPLE, OrgKind.CENTRE),
        (Track.ADMINISTRATIVE, OrgKind.GOVERNMENT),
        (Track.ADMINISTRATIVE, OrgKind.CENTRE),
        (Track.INDUSTRY, OrgKind.INDUSTRY_ASSOCIATION),
        (Track.INDUSTRY, OrgKind.CENTRE),
        (Track.JUDICIAL, OrgKind.COURT),
    }


@pytest.mark.parametrize("reason", [None, "", "  "])
def test_a_transfer_needs_a_reason(reason: str | None) -> None:
    with pytest.raises(ValidationError) as refused:
        check_track_transfer(CaseStatus.IN_MEDIATION, Track.PEOPLE, Track.JUDICIAL, OrgKind.COURT, reason)
    assert refused.value.field == "reason"


@pytest.mark.parametrize("status", list(CaseStatus))
def test_transfers_and_referrals_only_while_the_case_is_open(status: CaseStatus) -> None:
    def transfer() -> object:
        return check_track_transfer(status, Track.PEOPLE, Track.JUDICIAL, OrgKind.COURT, "理由")

    def refer() -> object:
        return check_referral(status, Level.COMMUNITY, Level.TOWN, Level.TOWN, "理由")

    if status in OPEN_STATUSES:
        transfer()
        refer()
    else:
        with pytest.raises(WorkflowError):
            transfer()
        with pytest.raises(WorkflowError):
            refer()


def test_a_case_without_a_track_cannot_be_transferred() -> None:
    with pytest.raises(WorkflowError):
        check_track_transfer(CaseStatus.INTAKE, None, Track.PEOPLE, OrgKind.MEDIATION_COMMITTEE, "理由")


@pytest.mark.parametrize(
    ("current", "wanted", "direction", "steps"),
    [
        (Level.COMMUNITY, Level.TOWN, Direction.UP, 1),
        (Level.COMMUNITY, Level.DISTRICT, Direction.UP, 2),
        (Level.TOWN, Level.DISTRICT, Direction.UP, 1),
        (Level.DISTRICT, Level.TOWN, Direction.DOWN, 1),
        (Level.DISTRICT, Level.COMMUNITY, Direction.DOWN, 2),
        (Level.TOWN, Level.COMMUNITY, Direction.DOWN, 1),
    ],
)
def test_referrals_go_up_or_down_one_or_more_levels(
    current: Level, wanted: Level, direction: Direction, steps: int
) -> None:
    referral = check_referral(CaseStatus.AWAITING_CONSENT, current, wanted, wanted, "就近调解")
    assert (referral.direction, referral.steps, referral.reason) == (direction, steps, "就近调解")
    assert referral_direction(current, wanted) == direction
    assert direction.label


@pytest.mark.parametrize("level", list(Level))
def test_a_referral_to_the_same_level_is_refused(level: Level) -> None:
    with pytest.raises(WorkflowError):
        check_referral(CaseStatus.IN_MEDIATION, level, level, level, "理由")


def test_the_receiving_organisation_must_sit_at_the_target_level() -> None:
    with pytest.raises(ValidationError) as refused:
        check_referral(CaseStatus.IN_MEDIATION, Level.DISTRICT, Level.TOWN, Level.COMMUNITY, "理由")
    assert refused.value.field == "organisation"


def test_a_referral_needs_a_reason() -> None:
    with pytest.raises(ValidationError) as refused:
        check_referral(CaseStatus.IN_MEDIATION, Level.DISTRICT, Level.TOWN, Level.TOWN, " ")
    assert refused.value.field == "reason"
