"""The coordinator rotation (``bot.domain.revisions.rotation``) on SQLite and on PostgreSQL: the
order read from stored appointments, ties in the roster's order, a replaced coordinator's
organisation, and skips for one revision only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain import revisions
from bot.domain.errors import Conflict, NotFound
from tests.support.factories import MEMBER, NOW, SEC, STEER, actor, load_roster, person

ROSTER = [
    person("USEK", "Sofie Holm", "Miljøstyrelsen", SEC),
    person("UVEJLE", "Vera Vejle", "Vejle Kommune", STEER),
    person("UAARHUS", "Anne Lund", "Aarhus Kommune", STEER),
    person("UAARHUS2", "Asger Lund", "Aarhus Kommune", STEER),
    person("UODENSE", "Ole Odense", "Odense Kommune", STEER),
    person("UMEMB", "Mette Bach", "Roskilde Kommune", MEMBER),
]


def _start(db, goal: str, channel: str) -> None:  # type: ignore[no-untyped-def]
    revisions.start_revision(db, actor=actor(db, "USEK"), goal=goal, channel_id=channel, now=NOW)


def _next(db, channel: str) -> str:  # type: ignore[no-untyped-def]
    return revisions.propose_coordinator(
        db, actor=actor(db, "USEK"), channel_id=channel
    ).person.slack_user_id


def _appoint(db, channel: str, user: str, days: int) -> None:  # type: ignore[no-untyped-def]
    revisions.appoint_coordinator(
        db,
        actor=actor(db, "USEK"),
        channel_id=channel,
        user_id=user,
        now=NOW + timedelta(days=days),
    )


def test_never_first_in_the_rosters_order_then_the_least_recent(any_db):
    load_roster(any_db, ROSTER)
    for goal, channel in (("Rengøring", "C1"), ("Møbler", "C2"), ("Transport", "C3")):
        _start(any_db, goal, channel)

    # nobody has coordinated: the first steering member in the roster
    assert _next(any_db, "C1") == "UVEJLE"
    _appoint(any_db, "C1", "UODENSE", days=1)  # appointed directly, out of turn
    assert _next(any_db, "C2") == "UVEJLE"  # Vejle and Aarhus never coordinated; Vejle first
    _appoint(any_db, "C2", "UVEJLE", days=2)
    # Aarhus never coordinated, proposed by its first steering member in the roster
    assert _next(any_db, "C3") == "UAARHUS"
    _appoint(any_db, "C3", "UAARHUS2", days=3)
    # everyone has coordinated now: Odense longest ago
    assert _next(any_db, "C3") == "UODENSE"
    # a replaced coordinator still coordinated: C1 goes to Vejle, so Odense stays least recent
    _appoint(any_db, "C1", "UVEJLE", days=4)
    proposal = revisions.propose_coordinator(any_db, actor=actor(any_db, "USEK"), channel_id="C1")
    assert proposal.person.slack_user_id == "UODENSE"
    assert proposal.last_term == (NOW + timedelta(days=1), "Rengøring")


def test_a_skip_holds_for_its_revision_and_the_last_skip_leaves_nobody(any_db):
    load_roster(any_db, ROSTER)
    _start(any_db, "Rengøring", "C1")
    _start(any_db, "Møbler", "C2")
    secretariat = actor(any_db, "USEK")

    following = revisions.skip_in_rotation(
        any_db, actor=secretariat, channel_id="C1", user_id="UVEJLE", reason="Travlt", now=NOW
    )
    assert following is not None and following.person.slack_user_id == "UAARHUS"
    assert [s.organisation for s in following.skipped] == ["Vejle Kommune"]
    assert _next(any_db, "C2") == "UVEJLE"  # only for that revision
    with pytest.raises(Conflict):  # out of turn
        revisions.skip_in_rotation(
            any_db, actor=secretariat, channel_id="C1", user_id="UVEJLE", reason="Igen", now=NOW
        )
    for user in ("UAARHUS", "UODENSE"):
        following = revisions.skip_in_rotation(
            any_db, actor=secretariat, channel_id="C1", user_id=user, reason="Nej", now=NOW
        )
    assert following is None
    with pytest.raises(NotFound):
        _next(any_db, "C1")
