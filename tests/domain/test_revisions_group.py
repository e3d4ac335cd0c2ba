"""Working groups (``bot.domain.revisions``): who may change them, and the rule a group must
meet."""

from __future__ import annotations

import pytest

from bot.domain import revisions, roster
from bot.domain.errors import InvalidInput, NotAllowed, NotFound, NotInRoster
from bot.domain.people import PersonView
from bot.domain.process import first_phase
from bot.domain.revisions import RevisionView, check_group
from tests.support.factories import (
    GROUP_CHANNEL,
    LATER,
    MEMBER,
    NOW,
    OTHER_CHANNEL,
    STEER,
    actor,
    audit_log,
    group_ids,
    load_roster,
    person,
    said,
    start_revision,
)

FIVE_ORGANISATIONS = ["UDITTE", "UEMIL", "UFRIDA", "UGUSTAV"]  # with UANNE's Aarhus: five


def problems_of(check: revisions.GroupCheck) -> list[str]:
    return [said(problem) for problem in check.problems]


# -- adding and removing -------------------------------------------------------------------


def test_the_coordinator_adds_people_and_hears_who_was_already_there_or_unknown(any_db):
    load_roster(any_db)
    started = start_revision(any_db, coordinator="UANNE", members=["UDITTE"])

    change = revisions.change_group(
        any_db,
        actor=actor(any_db, "UANNE"),
        channel_id=GROUP_CHANNEL,
        add=["UEMIL", "UDITTE", "UOUTSIDER", "UEMIL", "UANNE"],
        now=LATER,
    )

    assert [p.slack_user_id for p in change.added] == ["UEMIL"]
    assert [p.slack_user_id for p in change.already] == ["UDITTE", "UANNE"]
    assert change.not_in_roster == ["UOUTSIDER"]
    assert change.removed == []
    assert change.overview.revision.group_size == 3
    assert group_ids(any_db) == ["UANNE", "UDITTE", "UEMIL"]
    assert audit_log(any_db, entity=f"revision:{started.id}")[-1] == {
        "actor": "UANNE",
        "action": "group.change",
        "entity": f"revision:{started.id}",
        "before": None,
        "after": {"added": ["UEMIL"], "removed": []},
    }


def test_the_secretariat_removes_people(any_db):
    load_roster(any_db)
    started = start_revision(any_db, coordinator="UANNE", members=["UDITTE", "UEMIL"])

    change = revisions.change_group(
        any_db,
        actor=actor(any_db, "USEK"),
        channel_id=GROUP_CHANNEL,
        remove=["UDITTE", "UFRIDA", "UOUTSIDER"],
        now=LATER,
    )

    assert [p.slack_user_id for p in change.removed] == ["UDITTE"]
    assert change.not_member == ["UFRIDA", "UOUTSIDER"]
    assert change.not_in_roster == []
    assert group_ids(any_db) == ["UANNE", "UEMIL"]
    assert audit_log(any_db, entity=f"revision:{started.id}")[-1] == {
        "actor": "USEK",
        "action": "group.change",
        "entity": f"revision:{started.id}",
        "before": None,
        "after": {"added": [], "removed": ["UDITTE"]},
    }
    # Leaving the group is not leaving the roster.
    assert roster.find_person(any_db, slack_user_id="UDITTE") is not None


def test_a_change_that_changes_nothing_is_not_audited(any_db):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE", members=["UDITTE"])
    audit_before = audit_log(any_db)

    change = revisions.change_group(
        any_db,
        actor=actor(any_db, "USEK"),
        channel_id=GROUP_CHANNEL,
        add=["UDITTE", "UOUTSIDER"],
        remove=["UFRIDA"],
        now=LATER,
    )

    assert (change.added, change.removed) == ([], [])
    assert audit_log(any_db) == audit_before


def test_the_coordinator_cannot_be_removed_and_the_whole_change_is_undone(any_db):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE", members=["UDITTE"])
    audit_before = audit_log(any_db)

    with pytest.raises(InvalidInput) as raised:
        revisions.change_group(
            any_db,
            actor=actor(any_db, "USEK"),
            channel_id=GROUP_CHANNEL,
            add=["UEMIL"],
            remove=["UDITTE", "UANNE"],
            now=LATER,
        )

    assert said(raised.value.text) == (
        "Tovholderen kan ikke fjernes fra gruppen. Udpeg først en ny tovholder."
    )
    assert group_ids(any_db) == ["UANNE", "UDITTE"]
    assert audit_log(any_db) == audit_before


@pytest.mark.parametrize(
    ("user", "refusal", "message"),
    [
        ("UDITTE", NotAllowed, "Kun gruppens tovholder og sekretariatet kan ændre arbejdsgruppen."),
        # On the steering group, but not this group's coordinator.
        ("UJOHN", NotAllowed, "Kun gruppens tovholder og sekretariatet kan ændre arbejdsgruppen."),
        (
            "UOUTSIDER",
            NotInRoster,
            "Du er ikke registreret i pogi endnu. Bed sekretariatet om at føje dig til "
            "brugerlisten.",
        ),
    ],
)
def test_only_the_coordinator_and_the_secretariat_change_the_group(any_db, user, refusal, message):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE", members=["UDITTE"])
    audit_before = audit_log(any_db)

    with pytest.raises(refusal) as raised:
        revisions.change_group(
            any_db,
            actor=actor(any_db, user),
            channel_id=GROUP_CHANNEL,
            add=["UEMIL"],
            remove=["UDITTE"],
            now=LATER,
        )

    assert said(raised.value.text) == message
    assert group_ids(any_db) == ["UANNE", "UDITTE"]
    assert audit_log(any_db) == audit_before


def test_without_a_coordinator_only_the_secretariat_changes_the_group(any_db):
    load_roster(any_db)
    start_revision(any_db)

    with pytest.raises(NotAllowed):
        revisions.change_group(
            any_db, actor=actor(any_db, "UANNE"), channel_id=GROUP_CHANNEL, add=["UEMIL"], now=NOW
        )

    assert group_ids(any_db) == []


def test_a_coordinator_changes_only_their_own_group(any_db):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE")
    start_revision(any_db, goal="Møbler", channel_id=OTHER_CHANNEL, coordinator="UJOHN")

    with pytest.raises(NotAllowed):
        revisions.change_group(
            any_db, actor=actor(any_db, "UANNE"), channel_id=OTHER_CHANNEL, add=["UEMIL"], now=NOW
        )

    assert group_ids(any_db, channel_id=OTHER_CHANNEL) == ["UJOHN"]


def test_there_is_no_group_to_change_outside_a_revisions_channel(any_db):
    load_roster(any_db)

    with pytest.raises(NotFound):
        revisions.change_group(
            any_db, actor=actor(any_db, "USEK"), channel_id=OTHER_CHANNEL, add=["UEMIL"], now=NOW
        )


# -- the rule: five organisations, a steering coordinator in the group ---------------------


def test_a_group_of_five_organisations_with_its_steering_coordinator_meets_the_rule(any_db):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE", members=FIVE_ORGANISATIONS)

    overview = revisions.group_overview(
        any_db, actor=actor(any_db, "UEMIL"), channel_id=GROUP_CHANNEL
    )

    assert overview.check.ok
    assert overview.check.organisation_count == 5
    assert list(overview.members_by_organisation) == [
        "Aarhus Kommune",
        "Københavns Kommune",
        "Odense Kommune",
        "Region Midtjylland",
        "Vejle Kommune",
    ]


def test_two_people_from_one_organisation_count_once(any_db):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE", members=["UCARL", "UDITTE", "UEMIL", "UFRIDA"])

    overview = revisions.group_overview(
        any_db, actor=actor(any_db, "USEK"), channel_id=GROUP_CHANNEL
    )

    assert overview.revision.group_size == 5
    assert overview.check.organisation_count == 4
    assert [p.name for p in overview.members_by_organisation["Aarhus Kommune"]] == [
        "Anne Lund",
        "Carl Berg",
    ]
    assert problems_of(overview.check) == [
        "Gruppen har 4 medlemsorganisationer; der skal være mindst 5."
    ]


def test_a_group_without_a_coordinator_is_told_so(any_db):
    load_roster(any_db)
    start_revision(any_db, members=["UANNE", *FIVE_ORGANISATIONS])

    overview = revisions.group_overview(
        any_db, actor=actor(any_db, "USEK"), channel_id=GROUP_CHANNEL
    )

    assert overview.check.organisation_count == 5
    assert problems_of(overview.check) == ["Der er ikke udpeget en tovholder."]


def test_a_coordinator_who_left_the_steering_group_breaks_the_rule(any_db):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE", members=FIVE_ORGANISATIONS)
    roster.import_roster(
        any_db,
        entries=[person("UANNE", "Anne Lund", "Aarhus Kommune", MEMBER)],
        actor="cli",
        now=LATER,
    )

    overview = revisions.group_overview(
        any_db, actor=actor(any_db, "USEK"), channel_id=GROUP_CHANNEL
    )

    assert problems_of(overview.check) == ["Tovholderen, Anne Lund, sidder ikke i styregruppen."]


def test_group_overview_is_for_people_in_the_roster(any_db):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE")

    with pytest.raises(NotInRoster):
        revisions.group_overview(any_db, actor=actor(any_db, "UOUTSIDER"), channel_id=GROUP_CHANNEL)


def member(slack_user_id: str, organisation: str, *roles) -> PersonView:
    return PersonView(
        slack_user_id, slack_user_id.title(), organisation, frozenset(roles or {MEMBER})
    )


def revision_led_by(coordinator: PersonView | None) -> RevisionView:
    return RevisionView(
        id=1,
        goal="Rengøring",
        process="pogi-2023",
        phase=first_phase("pogi-2023"),
        channel_id=GROUP_CHANNEL,
        coordinator=coordinator,
    )


def test_check_group_names_every_broken_rule_at_once():
    coordinator = member("UANNE", "Aarhus Kommune", MEMBER)
    members = [member("UDITTE", "Odense Kommune")]

    check = check_group(revision_led_by(coordinator), members)

    assert not check.ok
    assert check.organisation_count == 1
    assert problems_of(check) == [
        "Gruppen har 1 medlemsorganisation; der skal være mindst 5.",
        "Tovholderen, Uanne, sidder ikke i styregruppen.",
        "Tovholderen, Uanne, er ikke med i gruppen.",
    ]


def test_check_group_an_empty_group_without_coordinator():
    check = check_group(revision_led_by(None), [])

    assert check.organisation_count == 0
    assert problems_of(check) == [
        "Gruppen har 0 medlemsorganisationer; der skal være mindst 5.",
        "Der er ikke udpeget en tovholder.",
    ]


def test_check_group_a_coordinator_outside_the_group():
    coordinator = member("UANNE", "Aarhus Kommune", STEER)
    members = [
        member("UCARL", "Aarhus Kommune"),
        member("UDITTE", "Odense Kommune"),
        member("UEMIL", "Vejle Kommune"),
        member("UFRIDA", "Københavns Kommune"),
        member("UGUSTAV", "Region Midtjylland"),
    ]

    check = check_group(revision_led_by(coordinator), members)

    assert problems_of(check) == ["Tovholderen, Uanne, er ikke med i gruppen."]
    assert check_group(revision_led_by(coordinator), [*members, coordinator]).ok
