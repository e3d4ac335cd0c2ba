"""The travelling team on a participant's App Home: their organisation's phase, its next
meeting, its open activities and a plan waiting for their approval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.domain.travel import activities, plans
from bot.domain.travel.views import KICKOFF, SENT, WORKSHOPS, ParticipantState, board_of
from storage import queries
from storage.database import Database
from storage.queries import travel as travel_queries
from storage.queries.meetings import PLANNED
from storage.tables import TravelParticipant, TravelRound


@dataclass(frozen=True)
class NextMeeting:
    kind: str
    organisation: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class HomeRound:
    team: str
    channel_id: str
    organisation: str
    state: ParticipantState
    next_meeting: NextMeeting | None
    activities: list[activities.ActivityView]
    approval: plans.PlanView | None
    evaluate: int | None
    """The participation to evaluate, when the organisation has not yet."""


def home_of(db: Database, *, slack_user_id: str, now: datetime) -> list[HomeRound]:
    """The rounds the person's organisation takes part in; none for anyone else."""
    with db.reading() as session:
        person = queries.person_by_slack_id(session, slack_user_id=slack_user_id)
        if person is None:
            return []
        found: list[HomeRound] = []
        for participant in travel_queries.participations_of_organisation(
            session, organisation_id=person.organisation_id
        ):
            team = session.get(TravelRound, participant.round_id)
            assert team is not None
            state = next(
                s for s in board_of(session, team, now=now).participants if s.id == participant.id
            )
            found.append(
                HomeRound(
                    team=team.name,
                    channel_id=team.channel_id,
                    organisation=state.organisation,
                    state=state,
                    next_meeting=_next_meeting(session, participant, state.organisation, now),
                    activities=[
                        activities.view_of(session, a)
                        for a in travel_queries.activities(session, participant_id=participant.id)
                        if a.status == "open"
                    ],
                    approval=_approval(session, participant, slack_user_id),
                    evaluate=participant.id if state.waiting == "evaluation" else None,
                )
            )
        return found


def _next_meeting(
    session: Session, participant: TravelParticipant, organisation: str, now: datetime
) -> NextMeeting | None:
    for travel, meeting in travel_queries.round_meetings(session, round_id=participant.round_id):
        if meeting.status != PLANNED or meeting.ends_at <= now:
            continue
        if travel.kind in WORKSHOPS or (
            travel.kind == KICKOFF and travel.organisation_id == participant.organisation_id
        ):
            return NextMeeting(travel.kind, organisation, meeting.starts_at, meeting.ends_at)
    return None


def _approval(
    session: Session, participant: TravelParticipant, slack_user_id: str
) -> plans.PlanView | None:
    latest = travel_queries.plans(session, participant_id=participant.id)
    if not latest or latest[-1].status != SENT:
        return None
    view = plans.view_of(session, latest[-1])
    return view if slack_user_id in (view.contact, view.head) else None
