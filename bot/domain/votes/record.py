"""The decision record (afstemningsprotokol): every closed vote with what the steering group was
asked, what it decided, the voting rule and quorum, who attended, who cast each seat's ballot
(the member or the deputy), and the statements seats have had recorded (protokoltilførsler)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.domain import audit
from bot.domain.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.people import Actor
from bot.domain.roles import Role
from bot.domain.votes.tally import DEPUTY, MEMBER
from bot.domain.votes.views import CLOSED, VoteView, subject_of, view_of
from bot.presentation.i18n import N_
from storage import queries
from storage.database import Database
from storage.queries import records
from storage.queries import votes as stored
from storage.tables import Meeting, Vote, VoteStatement

STATEMENT_LIMIT = 3000
NOT_A_SEAT = N_(
    "Kun styregruppens medlemmer, deres suppleanter og sekretariatet kan få en bemærkning ført "
    "til protokollen."
)


@dataclass(frozen=True)
class StatementView:
    organisation: str
    text: str
    by: str
    at: datetime


@dataclass(frozen=True)
class RecordEntry:
    """One closed vote as the decision record tells it."""

    vote: VoteView
    opened_by: str
    closed_by: str | None
    attendance: list[str] | None
    """The organisations present according to the meeting's minutes; None without minutes."""
    statements: list[StatementView]


def seat_roles(session: Session, voters: Sequence[str]) -> dict[str, str]:
    """Whether each voter sits as the steering-group member or as the deputy, by Slack id."""
    people = queries.people_by_slack_ids(session, slack_user_ids=list(voters))
    roles = {}
    for slack_id, person in people.items():
        held = set(person.roles.split(";"))
        if Role.STEERING.value in held:
            roles[slack_id] = MEMBER
        elif Role.STEERING_DEPUTY.value in held:
            roles[slack_id] = DEPUTY
    return roles


def entries(session: Session, *, quorum: float = 0.5) -> list[RecordEntry]:
    """Every closed vote, oldest first."""
    found = []
    for vote in stored.votes_with_status(session, status=CLOSED):
        view = view_of(session, vote, quorum)
        meeting = session.get(Meeting, vote.meeting_id) if vote.meeting_id else None
        attendance = (
            list(meeting.minutes_attendance or [])
            if meeting is not None and meeting.minutes_at is not None
            else None
        )
        statements = [
            StatementView(row.organisation, row.text, row.by, row.at)
            for row in records.statements(session, vote_id=view.id)
        ]
        found.append(RecordEntry(view, vote.opened_by, vote.closed_by, attendance, statements))
    return found


# -- statements (protokoltilførsler) -------------------------------------------------------


@dataclass(frozen=True)
class StatementForm:
    """The closed vote a statement is for, the seats the actor may speak for, and what each
    has recorded already."""

    vote: VoteView
    seats: list[str]
    recorded: dict[str, str]


def _seats_for(session: Session, actor: Actor, vote: VoteView) -> list[str]:
    """The secretariat records for any seat; a member or deputy for their own organisation."""
    person = actor.in_roster()
    seats = [seat.organisation for seat in vote.tally.seats]
    if person.has(Role.SECRETARIAT):
        return seats
    if not (person.has(Role.STEERING) or person.has(Role.STEERING_DEPUTY)):
        raise NotAllowed(NOT_A_SEAT)
    if person.organisation not in seats:
        raise NotAllowed(NOT_A_SEAT)
    return [person.organisation]


def _latest_closed(session: Session, channel_id: str) -> Vote:
    vote = records.latest_vote_in_channel(session, channel_id=channel_id, status=CLOSED)
    if vote is None:
        raise NotFound(
            N_("Der er ingen lukket afstemning i denne kanal at føje en bemærkning til.")
        )
    return vote


def statement_form(
    db: Database, *, actor: Actor, channel_id: str, quorum: float = 0.5
) -> StatementForm:
    """The channel's latest closed vote, for a statement to its record."""
    with db.reading() as session:
        vote = view_of(session, _latest_closed(session, channel_id), quorum)
        seats = _seats_for(session, actor, vote)
        recorded = {
            row.organisation: row.text for row in records.statements(session, vote_id=vote.id)
        }
        return StatementForm(vote, seats, recorded)


def record_statement(
    db: Database,
    *,
    actor: Actor,
    vote_id: int,
    organisation: str,
    text: str,
    now: datetime,
    quorum: float = 0.5,
) -> StatementView:
    """A seat's statement in the record of a closed vote; the seat's latest counts, and an
    empty text withdraws it."""
    cleaned = text.strip()
    if len(cleaned) > STATEMENT_LIMIT:
        raise InvalidInput(N_("Bemærkningen må højst være %(limit)s tegn."), limit=STATEMENT_LIMIT)
    with db.transaction() as session:
        vote = session.get(Vote, vote_id)
        if vote is None or vote.status != CLOSED:
            raise NotFound(N_("Afstemningen findes ikke, eller den er ikke lukket endnu."))
        if organisation not in _seats_for(session, actor, view_of(session, vote, quorum)):
            raise NotAllowed(NOT_A_SEAT)
        row = records.statement_of(session, vote_id=vote_id, organisation=organisation)
        before = None if row is None else {"organisation": organisation, "text": row.text}
        if not cleaned:
            if row is None:
                raise InvalidInput(N_("Skriv den bemærkning, der skal føres til protokollen."))
            session.delete(row)
        else:
            if row is None:
                row = VoteStatement(
                    vote_id=vote_id, organisation=organisation, text="", by=actor.user_id, at=now
                )
            row.text, row.by, row.at = cleaned, actor.user_id, now
            session.add(row)
        audit.record(
            session,
            actor=actor,
            action="vote.statement",
            entity=subject_of(vote_id),
            before=before,
            after={"organisation": organisation, "text": cleaned} if cleaned else None,
            at=now,
        )
        return StatementView(organisation, cleaned, actor.user_id, now)
