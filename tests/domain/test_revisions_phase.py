"""Phases of a revision (``bot.domain.revisions`` over ``bot.domain.process``): where it
stands, moving on."""

from __future__ import annotations

from itertools import pairwise

import pytest
from sqlalchemy import event

from bot.domain import revisions
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound, NotInRoster
from bot.domain.process import PROCESS_2014, PROCESS_2023, phases_of
from tests.support.factories import (
    DA,
    GROUP_CHANNEL,
    LATER,
    NOW,
    OTHER_CHANNEL,
    actor,
    audit_log,
    load_roster,
    said,
    start_revision,
)

KEYS = [phase.key for phase in phases_of(PROCESS_2023)]


def advance(db, *, from_phase: str, user: str = "USEK", reason: str | None = None):  # type: ignore[no-untyped-def]
    return revisions.advance_phase(
        db,
        actor=actor(db, user),
        channel_id=GROUP_CHANNEL,
        from_phase=from_phase,
        now=LATER,
        reason=reason,
    )


def overview(db, user: str = "UANNE"):  # type: ignore[no-untyped-def]
    return revisions.phase_overview(db, actor=actor(db, user), channel_id=GROUP_CHANNEL, now=LATER)


def prepared(db) -> None:  # type: ignore[no-untyped-def]
    """The documents of preparation registered, and the reason for no supplier dialogue."""
    secretariat = actor(db, "USEK")
    for kind, url in (
        ("background-report", "https://pogi.dk/baggrund.pdf"),
        ("terms-of-reference", "https://pogi.dk/kommissorium.docx"),
    ):
        revisions.add_document(
            db, actor=secretariat, channel_id=GROUP_CHANNEL, kind=kind, url=url, title="", now=NOW
        )
    revisions.record_no_supplier_dialogue(
        db, actor=secretariat, channel_id=GROUP_CHANNEL, reason="Markedet er kendt", now=NOW
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

    shown = overview(any_db, "UEMIL")

    assert shown.current == 0
    assert shown.phases[shown.current].key == "forberedelse"
    assert DA(shown.revision.phase.title) == "Forberedelse"
    assert [c.key for c in shown.unmet] == [
        "coordinator",
        "background-report",
        "terms-of-reference",
        "suppliers",
    ]
    assert said(shown.missing[0]) == "Der er udpeget en tovholder."


def test_with_a_coordinator_and_the_documents_preparation_misses_nothing(any_db):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE")
    prepared(any_db)

    assert overview(any_db).missing == ()
    assert overview(any_db).ready


def test_in_development_the_group_rule_is_what_is_missing(any_db):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE", members=["UDITTE"])
    prepared(any_db)
    advance(any_db, from_phase="forberedelse")

    shown = overview(any_db)

    assert shown.current == 1
    assert [c.key for c in shown.unmet] == ["group-rule", "meetings-1", "goal-text"]
    assert said(shown.unmet[0].todo) == (
        "Gruppen har 2 medlemsorganisationer; tilføj medlemmer med `/pogi gruppe add @navn`."
    )


def test_phase_overview_needs_a_revision_and_a_roster_entry(any_db):
    load_roster(any_db)
    start_revision(any_db)

    with pytest.raises(NotFound):
        revisions.phase_overview(
            any_db, actor=actor(any_db, "USEK"), channel_id=OTHER_CHANNEL, now=LATER
        )
    with pytest.raises(NotInRoster):
        overview(any_db, "UOUTSIDER")


def test_moving_on_moves_one_step_and_is_audited(any_db):
    load_roster(any_db)
    started = start_revision(any_db, coordinator="UANNE")
    prepared(any_db)

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
    start_revision(any_db, coordinator="UANNE")
    prepared(any_db)
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
        advance(any_db, from_phase=key, reason="Trinene prøves her")
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


def test_moving_on_with_unmet_conditions_is_refused_naming_each_and_changes_nothing(any_db):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE")
    audit_before = audit_log(any_db)

    with pytest.raises(revisions.ConditionsUnmet) as raised:
        advance(any_db, from_phase="forberedelse")

    assert said(raised.value.text) == (
        "Revisionen kan ikke flyttes videre fra Forberedelse, før dette er på plads:\n"
        "• Baggrundsrapporten er registreret.\n"
        "• Kommissoriet er registreret.\n"
        "• Leverandørerne er inddraget tidligt."
    )
    assert phase_now(any_db) == "forberedelse"
    assert audit_log(any_db) == audit_before


def test_moving_anyway_records_the_unmet_conditions_and_the_reason_for_good(any_db):
    load_roster(any_db)
    started = start_revision(any_db, coordinator="UANNE")
    audit_before = audit_log(any_db)
    with pytest.raises(InvalidInput) as empty:
        advance(any_db, from_phase="forberedelse", reason="  ")
    assert said(empty.value.text) == "Skriv en begrundelse for at flytte revisionen alligevel."
    assert audit_log(any_db) == audit_before

    moved = advance(any_db, from_phase="forberedelse", reason="Kommissoriet kommer i januar")

    assert moved.revision.phase.key == "udvikling"
    assert audit_log(any_db, entity=f"revision:{started.id}")[-1] == {
        "actor": "USEK",
        "action": "revision.phase",
        "entity": f"revision:{started.id}",
        "before": {"phase": "forberedelse"},
        "after": {
            "phase": "udvikling",
            "unmet": ["background-report", "terms-of-reference", "suppliers"],
            "reason": "Kommissoriet kommer i januar",
        },
    }
    [override] = overview(any_db).overrides
    assert (override.from_phase, override.to_phase, override.by) == (
        "forberedelse",
        "udvikling",
        "USEK",
    )
    assert override.unmet == ("background-report", "terms-of-reference", "suppliers")
    assert override.reason == "Kommissoriet kommer i januar"


def test_the_older_working_group_process_has_its_own_phases_and_conditions(any_db):
    load_roster(any_db)
    start_revision(any_db, process=PROCESS_2014)

    shown = overview(any_db)

    assert [phase.key for phase in shown.phases] == [
        "moede-1",
        "moede-2",
        "moede-3",
        "moede-4",
        "kommentering",
        "politisk-behandling",
        "godkendelse",
        "lancering",
        "implementering",
    ]
    assert [c.key for c in shown.conditions] == ["coordinator", "meetings-1"]
    assert [said(c.label) for c in shown.unmet] == [
        "Der er udpeget en tovholder.",
        "Arbejdsgruppen har holdt mindst 1 møde.",
    ]


def test_a_goal_has_one_revision_at_a_time_and_the_refusal_names_its_channel(any_db):
    load_roster(any_db)
    start_revision(any_db)
    audit_before = audit_log(any_db)

    with pytest.raises(Conflict) as raised:
        start_revision(any_db, goal="rengøring", channel_id=OTHER_CHANNEL)

    assert said(raised.value.text) == (
        "Rengøring er allerede under revision i <#CGROUP> (fasen Forberedelse). Et indkøbsmål "
        "revideres én gang ad gangen."
    )
    assert audit_log(any_db) == audit_before
    start_revision(any_db, goal="Møbler", channel_id=OTHER_CHANNEL)  # another goal may start


def test_a_finished_revision_leaves_room_for_the_next_of_its_goal(any_db):
    load_roster(any_db)
    start_revision(any_db, at="implementering")

    again = start_revision(any_db, channel_id=OTHER_CHANNEL)

    assert again.phase.key == "forberedelse"


def _statements_reading_conditions(db, read) -> int:  # type: ignore[no-untyped-def]
    """How many SQL statements ``read()`` runs that read conditions (they alone name the
    preparation documents' table)."""
    seen: list[str] = []

    def count(_conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        read()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return sum("revision_document" in statement for statement in seen)


def test_the_conditions_are_read_in_one_statement_per_revision_and_one_for_all(any_db):
    load_roster(any_db)
    for number, channel in enumerate((GROUP_CHANNEL, OTHER_CHANNEL, "CTREDJE")):
        start_revision(any_db, goal=f"Mål {number}", channel_id=channel, coordinator="UANNE")
    prepared(any_db)

    def here() -> None:
        assert len(overview(any_db).conditions) == 4

    def everywhere() -> None:
        assert len(revisions.conditions_everywhere(any_db, now=LATER)) == 3

    assert _statements_reading_conditions(any_db, here) == 1
    assert _statements_reading_conditions(any_db, everywhere) == 1
