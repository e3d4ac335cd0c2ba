"""Revisions (``bot.domain.revisions``): start, coordinator, steering channel, who is in what."""

from __future__ import annotations

import pytest

from bot.domain import revisions
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound, NotInRoster
from tests.support.factories import (
    GROUP_CHANNEL,
    LATER,
    NOW,
    OTHER_CHANNEL,
    STEERING_CHANNEL,
    actor,
    audit_log,
    group_ids,
    load_roster,
    said,
    start_revision,
)

# -- starting a revision -------------------------------------------------------------------


def test_the_secretariat_starts_a_revision_bound_to_the_channel(any_db):
    load_roster(any_db)

    started = revisions.start_revision(
        any_db,
        actor=actor(any_db, "USEK"),
        goal="  Rengøring \n og  hygiejne ",
        channel_id=GROUP_CHANNEL,
        now=NOW,
    )

    assert (started.goal, started.phase.key, started.channel_id) == (
        "Rengøring og hygiejne",
        "forberedelse",
        GROUP_CHANNEL,
    )
    assert (started.coordinator, started.group_size) == (None, 0)
    assert revisions.revision_here(any_db, channel_id=GROUP_CHANNEL) == started
    assert revisions.revision_here(any_db, channel_id=OTHER_CHANNEL) is None
    assert audit_log(any_db, entity=f"revision:{started.id}") == [
        {
            "actor": "USEK",
            "action": "revision.start",
            "entity": f"revision:{started.id}",
            "before": None,
            "after": {
                "goal": "Rengøring og hygiejne",
                "process": "pogi-2023",
                "phase": "forberedelse",
                "channel_id": GROUP_CHANNEL,
            },
        }
    ]


def test_a_goal_of_exactly_200_characters_is_accepted(any_db):
    load_roster(any_db)

    started = revisions.start_revision(
        any_db, actor=actor(any_db, "USEK"), goal="å" * 200, channel_id=GROUP_CHANNEL, now=NOW
    )

    assert revisions.revision_here(any_db, channel_id=GROUP_CHANNEL).goal == "å" * 200
    assert started.goal == "å" * 200


@pytest.mark.parametrize(
    ("user", "goal", "refusal", "message"),
    [
        ("UANNE", "Rengøring", NotAllowed, "Kun sekretariatet kan starte en revision."),
        ("UDITTE", "Rengøring", NotAllowed, "Kun sekretariatet kan starte en revision."),
        (
            "UOUTSIDER",
            "Rengøring",
            NotInRoster,
            "Du er ikke registreret i pogi endnu. Bed sekretariatet om at føje dig til "
            "brugerlisten.",
        ),
        (
            "USEK",
            "  \n ",
            InvalidInput,
            "Skriv, hvilket indkøbsmål der skal revideres, fx `/pogi revision start Rengøring`.",
        ),
        ("USEK", "x" * 201, InvalidInput, "Målets navn må højst være på 200 tegn."),
    ],
)
def test_a_refused_start_stores_nothing(any_db, user, goal, refusal, message):
    load_roster(any_db)
    audit_before = audit_log(any_db)

    with pytest.raises(refusal) as raised:
        revisions.start_revision(
            any_db, actor=actor(any_db, user), goal=goal, channel_id=GROUP_CHANNEL, now=NOW
        )

    assert said(raised.value.text) == message
    assert revisions.all_revisions(any_db) == []
    assert audit_log(any_db) == audit_before


def test_a_channel_holds_one_revision(any_db):
    load_roster(any_db)
    start_revision(any_db, goal="Rengøring")

    with pytest.raises(Conflict) as raised:
        start_revision(any_db, goal="Møbler")

    assert said(raised.value.text) == (
        "Denne kanal er allerede arbejdsgruppens kanal for revisionen af Rengøring."
    )
    assert [r.goal for r in revisions.all_revisions(any_db)] == ["Rengøring"]


def test_a_revision_cannot_start_in_the_steering_channel(any_db):
    load_roster(any_db)
    revisions.set_steering_channel(
        any_db, actor=actor(any_db, "USEK"), channel_id=STEERING_CHANNEL, now=NOW
    )

    with pytest.raises(Conflict) as raised:
        start_revision(any_db, channel_id=STEERING_CHANNEL)

    assert said(raised.value.text) == (
        "Dette er styregruppens kanal. Start revisionen i arbejdsgruppens egen kanal."
    )
    assert revisions.all_revisions(any_db) == []


# -- the coordinator -----------------------------------------------------------------------


def test_the_coordinator_sits_on_the_steering_group_and_joins_the_group(any_db):
    load_roster(any_db)
    started = start_revision(any_db)

    overview = revisions.appoint_coordinator(
        any_db, actor=actor(any_db, "USEK"), channel_id=GROUP_CHANNEL, user_id="UANNE", now=LATER
    )

    assert overview.revision.coordinator.slack_user_id == "UANNE"
    assert overview.revision.group_size == 1
    assert group_ids(any_db) == ["UANNE"]
    assert revisions.revision_here(any_db, channel_id=GROUP_CHANNEL).coordinator.name == "Anne Lund"
    assert audit_log(any_db, entity=f"revision:{started.id}")[-1] == {
        "actor": "USEK",
        "action": "revision.coordinator",
        "entity": f"revision:{started.id}",
        "before": {"coordinator": None},
        "after": {"coordinator": "UANNE", "by_rotation": False},
    }


def test_a_new_coordinator_replaces_the_old_and_the_audit_says_who_was_before(any_db):
    load_roster(any_db)
    started = start_revision(any_db, coordinator="UANNE")

    overview = revisions.appoint_coordinator(
        any_db, actor=actor(any_db, "USEK"), channel_id=GROUP_CHANNEL, user_id="UJOHN", now=LATER
    )

    assert overview.revision.coordinator.slack_user_id == "UJOHN"
    assert group_ids(any_db) == ["UANNE", "UJOHN"]
    last = audit_log(any_db, entity=f"revision:{started.id}")[-1]
    assert (last["before"], last["after"]) == (
        {"coordinator": "UANNE"},
        {"coordinator": "UJOHN", "by_rotation": False},
    )


def test_reappointing_a_coordinator_already_in_the_group_does_not_add_them_twice(any_db):
    load_roster(any_db)
    start_revision(any_db, members=["UANNE", "UDITTE"])

    revisions.appoint_coordinator(
        any_db, actor=actor(any_db, "USEK"), channel_id=GROUP_CHANNEL, user_id="UANNE", now=LATER
    )

    assert group_ids(any_db) == ["UANNE", "UDITTE"]


@pytest.mark.parametrize(
    ("user", "candidate", "refusal", "message"),
    [
        (
            "USEK",
            "UDITTE",
            InvalidInput,
            "Tovholderen skal sidde i styregruppen, og det gør Ditte Krogh ikke.",
        ),
        (
            "USEK",
            "UOUTSIDER",
            NotFound,
            "<@UOUTSIDER> står ikke på brugerlisten. Tilføj personen først med `/pogi roster add`.",
        ),
        ("UANNE", "UANNE", NotAllowed, "Kun sekretariatet kan udpege tovholderen."),
    ],
)
def test_a_refused_appointment_changes_nothing(any_db, user, candidate, refusal, message):
    load_roster(any_db)
    start_revision(any_db)
    audit_before = audit_log(any_db)

    with pytest.raises(refusal) as raised:
        revisions.appoint_coordinator(
            any_db,
            actor=actor(any_db, user),
            channel_id=GROUP_CHANNEL,
            user_id=candidate,
            now=LATER,
        )

    assert said(raised.value.text) == message
    assert revisions.revision_here(any_db, channel_id=GROUP_CHANNEL).coordinator is None
    assert group_ids(any_db) == []
    assert audit_log(any_db) == audit_before


def test_there_is_no_coordinator_to_appoint_without_a_revision_in_the_channel(any_db):
    load_roster(any_db)

    with pytest.raises(NotFound) as raised:
        revisions.appoint_coordinator(
            any_db,
            actor=actor(any_db, "USEK"),
            channel_id=OTHER_CHANNEL,
            user_id="UANNE",
            now=NOW,
        )

    assert said(raised.value.text).startswith("Der er ingen revision knyttet til denne kanal.")


# -- the steering group's channel ----------------------------------------------------------


def test_the_steering_channel_is_set_moved_and_audited(any_db):
    load_roster(any_db)
    secretariat = actor(any_db, "USEK")

    first = revisions.set_steering_channel(
        any_db, actor=secretariat, channel_id=STEERING_CHANNEL, now=NOW
    )
    second = revisions.set_steering_channel(
        any_db, actor=secretariat, channel_id="CSTEER2", now=LATER
    )

    assert (first, second) == (None, STEERING_CHANNEL)
    assert revisions.steering_channel(any_db) == "CSTEER2"
    assert audit_log(any_db, entity="steering") == [
        {
            "actor": "USEK",
            "action": "steering.channel",
            "entity": "steering",
            "before": {"channel_id": None},
            "after": {"channel_id": STEERING_CHANNEL},
        },
        {
            "actor": "USEK",
            "action": "steering.channel",
            "entity": "steering",
            "before": {"channel_id": STEERING_CHANNEL},
            "after": {"channel_id": "CSTEER2"},
        },
    ]


def test_a_working_groups_channel_cannot_be_the_steering_channel(any_db):
    load_roster(any_db)
    start_revision(any_db)

    with pytest.raises(Conflict) as raised:
        revisions.set_steering_channel(
            any_db, actor=actor(any_db, "USEK"), channel_id=GROUP_CHANNEL, now=NOW
        )

    assert said(raised.value.text) == (
        "Denne kanal er en arbejdsgruppes kanal og kan ikke også være styregruppens."
    )
    assert revisions.steering_channel(any_db) is None
    assert audit_log(any_db, entity="steering") == []


def test_only_the_secretariat_sets_the_steering_channel(any_db):
    load_roster(any_db)

    with pytest.raises(NotAllowed) as raised:
        revisions.set_steering_channel(
            any_db, actor=actor(any_db, "UANNE"), channel_id=STEERING_CHANNEL, now=NOW
        )

    assert said(raised.value.text) == "Kun sekretariatet kan vælge styregruppens kanal."
    assert revisions.steering_channel(any_db) is None


# -- who is in what ------------------------------------------------------------------------


def test_all_revisions_in_start_order_with_their_group_sizes(any_db):
    load_roster(any_db)
    secretariat = actor(any_db, "USEK")
    revisions.start_revision(
        any_db, actor=secretariat, goal="Møbler", channel_id=OTHER_CHANNEL, now=LATER
    )
    start_revision(any_db, goal="Rengøring", coordinator="UANNE", members=["UDITTE", "UEMIL"])
    revisions.start_revision(
        any_db, actor=secretariat, goal="Transport", channel_id="CTHIRD", now=LATER
    )

    assert [(r.goal, r.group_size) for r in revisions.all_revisions(any_db)] == [
        ("Rengøring", 3),
        ("Møbler", 0),
        ("Transport", 0),
    ]


def test_a_persons_revisions_are_those_whose_group_they_are_in(any_db):
    load_roster(any_db)
    start_revision(any_db, goal="Rengøring", coordinator="UANNE", members=["UDITTE"])
    start_revision(
        any_db,
        goal="Møbler",
        channel_id=OTHER_CHANNEL,
        coordinator="UJOHN",
        members=["UDITTE", "UEMIL"],
    )

    assert [
        (r.goal, r.group_size)
        for r in revisions.revisions_of_person(any_db, slack_user_id="UDITTE")
    ] == [("Rengøring", 2), ("Møbler", 3)]
    assert [r.goal for r in revisions.revisions_of_person(any_db, slack_user_id="UANNE")] == [
        "Rengøring"
    ]
    assert [r.goal for r in revisions.revisions_of_person(any_db, slack_user_id="UJOHN")] == [
        "Møbler"
    ]
    assert revisions.revisions_of_person(any_db, slack_user_id="UFRIDA") == []
    assert revisions.revisions_of_person(any_db, slack_user_id="UOUTSIDER") == []
