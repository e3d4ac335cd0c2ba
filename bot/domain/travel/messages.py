"""What the travelling team's messages read when they are sent (``bot.delivery.composers``)."""

from __future__ import annotations

from sqlmodel import Session

from bot.domain.travel.views import slack_id
from storage.queries import travel as travel_queries
from storage.tables import Organisation, TravelParticipant, TravelRound


def head_of_kickoff(session: Session, *, meeting_id: int) -> str:
    """The Slack id of the head of procurement of the organisation a kickoff meeting is for."""
    travel = travel_queries.travel_meeting(session, meeting_id=meeting_id)
    if travel is None or travel.organisation_id is None:
        return ""
    participant = travel_queries.participant(
        session, round_id=travel.round_id, organisation_id=travel.organisation_id
    )
    return slack_id(session, participant.head_id) if participant else ""


def evaluation_invite(session: Session, *, participant_id: int) -> tuple[str, str] | None:
    """The round's name and the organisation's, for an organisation still taking part."""
    participant = session.get(TravelParticipant, participant_id)
    if participant is None or participant.status != travel_queries.ACTIVE:
        return None
    team = session.get(TravelRound, participant.round_id)
    organisation = session.get(Organisation, participant.organisation_id)
    if team is None or organisation is None:
        return None
    return team.name, organisation.name
