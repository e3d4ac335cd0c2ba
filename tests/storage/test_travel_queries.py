"""The travelling team's queries, on SQLite and on PostgreSQL: a round by channel and by name,
its active participants, an organisation's rounds, plan versions in order, and the rows a
person's erasure rewrites."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.domain import personal_data
from storage import queries
from storage.queries import travel as travel_queries
from storage.tables import TravelActivity, TravelParticipant, TravelPlan, TravelRound
from tests.handlers.travel_support import TEAM
from tests.support.factories import ROSTER, load_roster

NOW = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)


def _person_id(session, slack_user_id: str) -> int:  # type: ignore[no-untyped-def]
    person = queries.person_by_slack_id(session, slack_user_id=slack_user_id)
    assert person is not None
    return person.id


def test_a_round_its_participants_and_plan_versions_are_read_back(any_db):
    load_roster(any_db, [*ROSTER, *TEAM])
    with any_db.transaction() as session:
        team = TravelRound(name="Jylland/Fyn", channel_id="CREJSE", started_by="UOLE")
        session.add(team)
        session.flush()
        vejle = queries.organisation_named(session, name="Vejle Kommune")
        odense = queries.organisation_named(session, name="Odense Kommune")
        assert vejle is not None and odense is not None
        kept = TravelParticipant(
            round_id=team.id,
            organisation_id=vejle.id,
            contact_id=_person_id(session, "UEMIL"),
            head_id=_person_id(session, "ULIS"),
            added_by="UOLE",
        )
        gone = TravelParticipant(
            round_id=team.id,
            organisation_id=odense.id,
            contact_id=_person_id(session, "UDITTE"),
            head_id=_person_id(session, "UKAJ"),
            added_by="UOLE",
            status=travel_queries.REMOVED,
        )
        session.add_all([kept, gone])
        session.flush()
        for version in (2, 1):
            session.add(
                TravelPlan(
                    participant_id=kept.id,
                    version=version,
                    activities=[{"title": "Markedsdialog", "owner": "UOLE"}],
                    agreement="Aftale",
                    comments=[{"by": "ULIS", "text": "Lis Mørk synes, fristen er kort"}],
                    sent_by="UOLE",
                    sent_at=NOW,
                )
            )
        session.flush()
        session.add(
            TravelActivity(
                participant_id=kept.id,
                plan_id=travel_queries.plans(session, participant_id=kept.id)[0].id,
                title="Markedsdialog",
                owner_id=_person_id(session, "ULIS"),
                due_on=date(2027, 3, 1),
            )
        )

    with any_db.reading() as session:
        found = travel_queries.round_in_channel(session, channel_id="CREJSE")
        assert found is not None and found.name == "Jylland/Fyn"
        assert travel_queries.round_named(session, name="jylland/fyn") is not None
        assert [
            p.organisation_id for p in travel_queries.participants(session, round_id=found.id)
        ] == [vejle.id]
        assert (
            len(travel_queries.participations_of_organisation(session, organisation_id=vejle.id))
            == 1
        )
        assert (
            travel_queries.participations_of_organisation(session, organisation_id=odense.id) == []
        )
        [participant] = travel_queries.participants(session, round_id=found.id)
        assert [
            p.version for p in travel_queries.plans(session, participant_id=participant.id)
        ] == [
            1,
            2,
        ]
        owned = travel_queries.activities_owned(session, owner_id=_person_id(session, "ULIS"))
        assert [a.title for a in owned] == ["Markedsdialog"]

    # erasing the head of procurement rewrites their name and id in the plans' JSON too
    personal_data.erase_person(any_db, slack_user_id="ULIS", actor="USEK", now=NOW)
    with any_db.reading() as session:
        [first, _] = travel_queries.plans(session, participant_id=participant.id)
        assert "ULIS" not in str(first.comments) and "Lis Mørk" not in str(first.comments)
