"""Phases of a revision (``bot.domain.revisions`` over ``bot.domain.process``): where it
stands, moving on."""

from __future__ import annotations

from itertools import pairwise

import pytest

from bot.domain import revisions
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound, NotInRoster
from bot.domain.process import PROCESS_2023, phases_of
from tests.support.factories import (
    DA,
    GROUP_CHANNEL,
    LATER,
    OTHER_CHANNEL,
    actor,
    audit_log,
    load_roster,
    said,
    start_revision,
)

KEYS = [phase.key for phase in phases_of(PROCESS_2023)]


def advance(db, *, from_phase: str, user: str = "USEK"):  # type: ignore[no-untyped-def]
    return revisions.advance_phase(
        db, actor=actor(db, user), channel_id=GROUP_CHANNEL, from_phase=from_phase, now=LATER
    )


def phase_now(db) -> str:  # type: ignore[no-untyped-def]
    return revisions.revision_here(db, channel_id=GROUP_CHANNEL).phase.key


def test_the_2023_process_has_seven_phases_in_order():
    assert KEYS == [
        "forberedelse",
        "udvikling",
        "intern-hoering",
        "branchehoering",
        "godkendelse",
        "lancering",
        "implementering",
    ]


def test_a_new_revision_stands_in_preparation_and_needs_a_coordinator(any_db):
    load_roster(any_db)
    start_revision(any_db)

    overview = revisions.phase_overview(
        any_db, actor=actor(any_db, "UEMIL"), channel_id=GROUP_CHANNEL
    )

    assert overview.current == 0
    assert overview.phases[overview.current].key == "forberedelse"
    assert DA(overview.revision.phase.title) == "Forberedelse"
    assert [said(m) for m in overview.missing] == ["Der er ikke udpeget en tovholder."]


def test_with_a_coordinator_preparation_misses_nothing(any_db):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE")

    overview = revisions.phase_overview(
        any_db, actor=actor(any_db, "UANNE"), channel_id=GROUP_CHANNEL
    )

    assert overview.missing == ()


def test_in_development_the_group_rule_is_what_is_missing(any_db):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE", members=["UDITTE"])
    advance(any_db, from_phase="forberedelse")

    overview = revisions.phase_overview(
        any_db, actor=actor(any_db, "UANNE"), channel_id=GROUP_CHANNEL
    )

    assert overview.current == 1
    assert [said(m) for m in overview.missing] == [
        "Gruppen har 2 medlemsorganisationer; der skal være mindst 5."
    ]


def test_phase_overview_needs_a_revision_and_a_roster_entry(any_db):
    load_roster(any_db)
    start_revision(any_db)

    with pytest.raises(NotFound):
        revisions.phase_overview(any_db, actor=actor(any_db, "USEK"), channel_id=OTHER_CHANNEL)
    with pytest.raises(NotInRoster):
        revisions.phase_overview(any_db, actor=actor(any_db, "UOUTSIDER"), channel_id=GROUP_CHANNEL)


def test_moving_on_moves_one_step_and_is_audited(any_db):
    load_roster(any_db)
    started = start_revision(any_db, coordinator="UANNE")

    moved = advance(any_db, from_phase="forberedelse")

    assert moved.current == 1
    assert moved.revision.phase.key == "udvikling"
    assert phase_now(any_db) == "udvikling"
    assert audit_log(any_db, entity=f"revision:{started.id}")[-1] == {
        "actor": "USEK",
        "action": "revision.phase",
        "entity": f"revision:{started.id}",
        "before": {"phase": "forberedelse"},
        "after": {"phase": "udvikling"},
    }


def test_a_second_click_on_an_old_confirmation_changes_nothing(any_db):
    load_roster(any_db)
    start_revision(any_db)
    advance(any_db, from_phase="forberedelse")
    audit_before = audit_log(any_db)

    with pytest.raises(Conflict) as raised:
        advance(any_db, from_phase="forberedelse")

    assert said(raised.value.text) == (
        "Revisionen er allerede flyttet videre; den er nu i fasen Udvikling i arbejdsgruppen."
    )
    assert phase_now(any_db) == "udvikling"
    assert audit_log(any_db) == audit_before


def test_the_revision_walks_every_phase_and_the_last_refuses_to_move(any_db):
    load_roster(any_db)
    started = start_revision(any_db, coordinator="UANNE")
    for key in KEYS[:-1]:
        advance(any_db, from_phase=key)
    audit_before = audit_log(any_db)

    with pytest.raises(InvalidInput) as raised:
        advance(any_db, from_phase="implementering")

    assert said(raised.value.text) == "Revisionen er i sidste fase og kan ikke flyttes videre."
    assert phase_now(any_db) == "implementering"
    assert audit_log(any_db) == audit_before
    moves = [
        (entry["before"]["phase"], entry["after"]["phase"])
        for entry in audit_log(any_db, entity=f"revision:{started.id}")
        if entry["action"] == "revision.phase"
    ]
    assert moves == list(pairwise(KEYS))


@pytest.mark.parametrize("user", ["UANNE", "UDITTE"])
def test_only_the_secretariat_moves_a_revision_on(any_db, user):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE")
    audit_before = audit_log(any_db)

    with pytest.raises(NotAllowed) as raised:
        advance(any_db, from_phase="forberedelse", user=user)

    assert said(raised.value.text) == "Kun sekretariatet kan flytte revisionen til næste fase."
    assert phase_now(any_db) == "forberedelse"
    assert audit_log(any_db) == audit_before
