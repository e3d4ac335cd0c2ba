"""What a vote looks like to the rest of pogi, read from what is stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from bot.domain.activity_plan import VOTE_KIND, PlanItem
from bot.domain.roles import Role
from bot.domain.votes.tally import Seat, Tally
from storage import queries
from storage.database import Database
from storage.queries import ballot_reasons as reason_queries
from storage.queries import votes as stored
from storage.tables import Meeting, Vote

GOAL, ACTIVITY_PLAN = "goal", VOTE_KIND
OPEN, CLOSED, CANCELLED = "open", "closed", "cancelled"
"""A cancelled vote was closed without a decision: its meeting was cancelled, and there was no
other meeting to move it to."""
POSTED, REFRESH, REMINDER, RESULT, AMBASSADOR, PROTOCOL = (
    "vote.posted",
    "vote.refresh",
    "vote.reminder",
    "vote.result",
    "vote.ambassador",
    "vote.protocol",
)
PROTOCOL_WORD = "vote.protocol_docx"
"""The decision record as a Word file, shared after the Markdown one."""
REMINDER_OFFSETS = (timedelta(days=1), timedelta(hours=1))


def subject_of(vote_id: int) -> str:
    return f"vote:{vote_id}"


@dataclass(frozen=True)
class VoteView:
    id: int
    channel_id: str
    kind: str
    title: str
    proposal: str
    status: str
    opened_at: datetime
    closes_at: datetime | None
    override_reason: str | None
    meeting_number: int | None
    meeting_span: tuple[datetime, datetime] | None
    message_ts: str | None
    tally: Tally
    closed_at: datetime | None = None
    result: dict[str, Any] | None = None
    opens_at: datetime | None = None
    """Ballots are taken from here (the meeting's start); None: from the opening."""
    plan: tuple[PlanItem, ...] | None = None
    """An activity plan's goals as they stood when its vote opened."""
    hidden: bool = False
    """How each option stands is shown only once the vote has closed."""
    goal_version: int | None = None
    """The goal text's version voted on, frozen when the vote opened."""
    revision_id: int | None = None


@dataclass(frozen=True)
class VoteTitle:
    """What a receipt names of its vote."""

    kind: str
    title: str


@dataclass(frozen=True)
class Receipt:
    """What the voter is told once their ballot (or approval) is stored."""

    vote: VoteTitle
    organisation: str
    choice: str
    previous: str | None
    locale: str | None = None
    """The voter's Slack locale as the roster remembers it, for the receipt's language."""

    def as_data(self) -> dict[str, Any]:
        """What the receipt's message shows, in plain JSON values."""
        return {
            "vote": {"kind": self.vote.kind, "title": self.vote.title},
            "organisation": self.organisation,
            "choice": self.choice,
            "previous": self.previous,
        }


@dataclass(frozen=True)
class OverrideNeeded:
    """No steering meeting, or not the spring meeting: the secretariat may open it anyway."""

    reason: str  # "no_meeting" | "not_spring"
    meeting_span: tuple[datetime, datetime] | None
    request: str
    hidden: bool = False
    kind: str = "goal"  # what is voted on: "goal" | "activity_plan", for the wording


def steering_seats(session: Session) -> dict[int, str]:
    """Every organisation with a steering-group member is a seat: id → name."""
    return stored.steering_seats(session, seat_role=Role.STEERING.value)


def tally_of(session: Session, vote: Vote, quorum: float) -> Tally:
    """A closed vote's tally as it was decided; an open vote's from the ballots stored now."""
    if vote.status == CLOSED and vote.result and "seats" in vote.result:
        seats = [
            Seat(
                s["organisation"],
                s["choice"],
                s["voter"],
                s.get("approval"),
                reason=s.get("reason"),
                cast_as=s.get("cast_as"),
            )
            for s in vote.result["seats"]
        ]
        return Tally(seats, quorum)
    vote_id = _id(vote)
    organisations = steering_seats(session)
    ballots = {b.organisation_id: b for b in stored.ballots_of(session, vote_id=vote_id)}
    approvals = {a.organisation_id: a.state for a in stored.approvals_of(session, vote_id=vote_id)}
    reasons = {
        r.organisation_id: r.reason
        for r in reason_queries.reasons_of(session, vote_id=vote_id)
        if r.organisation_id in ballots and ballots[r.organisation_id].choice == r.choice
    }
    names = queries.organisations_by_id(session)
    seats = [
        Seat(
            names[org_id].name,
            ballots[org_id].choice if org_id in ballots else None,
            ballots[org_id].voter if org_id in ballots else None,
            approvals.get(org_id),
            reasons.get(org_id),
        )
        for org_id in set(organisations) | set(ballots)
    ]
    return Tally(sorted(seats, key=lambda s: s.organisation.lower()), quorum)


def view_of(session: Session, vote: Vote, quorum: float) -> VoteView:
    meeting = session.get(Meeting, vote.meeting_id) if vote.meeting_id else None
    return VoteView(
        id=_id(vote),
        channel_id=vote.channel_id,
        kind=vote.kind,
        title=vote.title,
        proposal=vote.proposal,
        status=vote.status,
        opened_at=vote.opened_at,
        closes_at=vote.closes_at,
        override_reason=vote.override_reason,
        meeting_number=meeting.number if meeting else None,
        meeting_span=(meeting.starts_at, meeting.ends_at) if meeting else None,
        message_ts=vote.message_ts,
        tally=tally_of(session, vote, quorum),
        closed_at=vote.closed_at,
        result=vote.result,
        opens_at=vote.opens_at,
        plan=None if vote.plan is None else tuple(PlanItem.of_data(d) for d in vote.plan),
        hidden=vote.hidden,
        goal_version=vote.goal_version,
        revision_id=vote.revision_id,
    )


def _id(vote: Vote) -> int:
    assert vote.id is not None, "a stored vote has an id"
    return vote.id


def get(session: Session, vote_id: int, *, quorum: float = 0.5) -> VoteView | None:
    vote = session.get(Vote, vote_id)
    return None if vote is None else view_of(session, vote, quorum)


def open_in_channel(db: Database, *, channel_id: str, quorum: float = 0.5) -> VoteView | None:
    with db.reading() as session:
        vote = stored.open_vote_in_channel(session, channel_id=channel_id, status=OPEN)
        return None if vote is None else view_of(session, vote, quorum)


def open_for_revision(db: Database, *, revision_id: int, quorum: float = 0.5) -> VoteView | None:
    with db.reading() as session:
        vote = stored.vote_of_revision(session, revision_id=revision_id, status=OPEN)
        return None if vote is None else view_of(session, vote, quorum)


def closed_votes(session: Session, *, quorum: float = 0.5) -> list[VoteView]:
    return [
        view_of(session, vote, quorum) for vote in stored.votes_with_status(session, status=CLOSED)
    ]


def remember_message(session: Session, *, vote_id: int, ts: str | None) -> None:
    """The vote message's timestamp, so that later refreshes update it."""
    vote = session.get(Vote, vote_id)
    if vote is not None and ts and vote.message_ts is None:
        vote.message_ts = ts
        session.add(vote)


def seat_has_voted(session: Session, *, vote_id: int, organisation_id: int) -> bool:
    return stored.seat_has_ballot(session, vote_id=vote_id, organisation_id=organisation_id)
