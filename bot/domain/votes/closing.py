"""Closing a vote: counted from the stored ballots, decided, and told. A goal approved meets
the approval phase's condition and waits for the secretariat to move it on; one not approved
goes back to the working group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.domain import audit, outbox
from bot.domain.errors import Conflict, NotFound
from bot.domain.people import Actor
from bot.domain.process import PROCESSES, phases_of
from bot.domain.roles import Role
from bot.domain.votes.ballots import refresh_soon
from bot.domain.votes.opening import deciding, schedule_reminders
from bot.domain.votes.record import seat_roles
from bot.domain.votes.views import (
    AMBASSADOR,
    CANCELLED,
    CLOSED,
    OPEN,
    REFRESH,
    REMINDER,
    RESULT,
    VoteView,
    subject_of,
    tally_of,
    view_of,
)
from bot.presentation.i18n import N_
from storage import queries
from storage.database import Database
from storage.queries import votes as stored
from storage.tables import Meeting, Revision, Vote

CLOSE_REFUSAL = N_("Kun sekretariatet kan lukke en afstemning.")


@dataclass(frozen=True)
class CloseEarly:
    """``afstemning luk`` before the vote's meeting has begun: closed only once confirmed."""

    vote: VoteView


def close_here(
    db: Database, *, actor: Actor, channel_id: str, now: datetime, quorum: float = 0.5
) -> VoteView | CloseEarly:
    """Close the channel's open vote; before its meeting has begun, ask first."""
    actor.require_secretariat(CLOSE_REFUSAL)
    with db.reading() as session:
        vote = stored.open_vote_in_channel(session, channel_id=channel_id, status=OPEN)
        if vote is None or vote.id is None:
            raise NotFound(N_("Der er ingen åben afstemning i denne kanal."))
        if vote.opens_at is not None and now < vote.opens_at:
            return CloseEarly(view_of(session, vote, quorum))
    return _closed(close(db, vote_id=vote.id, by=actor.user_id, now=now, quorum=quorum))


def close_early(
    db: Database, *, actor: Actor, vote_id: int, now: datetime, quorum: float = 0.5
) -> VoteView:
    """Close a vote before its meeting has begun, as the secretariat confirmed."""
    actor.require_secretariat(CLOSE_REFUSAL)
    return _closed(close(db, vote_id=vote_id, by=actor.user_id, now=now, quorum=quorum))


def _closed(vote: VoteView | None) -> VoteView:
    if vote is None:
        raise Conflict(N_("Afstemningen er allerede lukket."))
    return vote


def close(
    db: Database, *, vote_id: int, by: str, now: datetime, quorum: float = 0.5
) -> VoteView | None:
    """Close, count from the stored ballots, decide, and tell: None if it was closed already."""
    with db.transaction() as session:
        vote = stored.locked_vote(session, vote_id=vote_id)
        if vote is None or vote.status != OPEN:
            return None
        early = vote.opens_at is not None and now < vote.opens_at
        tally = tally_of(session, vote, quorum)
        cast_as = seat_roles(session, [s.voter for s in tally.seats if s.voter])
        vote.status, vote.closed_by, vote.closed_at = CLOSED, by, now
        vote.result = {
            "counts": tally.counts,
            "seats_total": len(tally.seats),
            "voted": tally.voted,
            "quorum_needed": tally.quorum_needed,
            "quorum": tally.quorum,
            "passed": tally.passed,
            "seats": [
                {
                    "organisation": s.organisation,
                    "choice": s.choice,
                    "voter": s.voter,
                    "approval": s.approval,
                    "reason": s.reason,
                    "cast_as": cast_as.get(s.voter) if s.voter else None,
                }
                for s in tally.seats
            ],
        }
        session.add(vote)
        subject = subject_of(vote_id)
        outbox.cancel(session, subject=subject, kinds=[REMINDER, REFRESH])
        for kind in (REFRESH, RESULT):
            outbox.schedule(
                session,
                kind=kind,
                subject=subject,
                destination=vote.channel_id,
                due_at=now,
                now=now,
            )
        audit.record(
            session,
            actor=by,
            action="vote.close",
            entity=subject,
            before={"status": OPEN},
            after={**vote.result, "before_meeting": True} if early else vote.result,
            at=now,
        )
        if vote.revision_id is not None:
            _decide_revision(session, vote, passed=tally.passed, by=by, now=now)
        return view_of(session, vote, quorum)


def _decide_revision(session: Session, vote: Vote, *, passed: bool, by: str, now: datetime) -> None:
    """Passed: the goal is approved, the ambassadors are told to launch it, and the condition to
    leave the approval phase is met; the secretariat moves the revision on (the result says
    so). Not passed: back to the working group, to the process's rework phase."""
    revision = session.get(Revision, vote.revision_id)
    if revision is None or not deciding(revision) or vote.id is None:
        return
    if not passed:
        before = revision.phase
        revision.phase = PROCESSES[revision.process].rework
        assert revision.phase in {phase.key for phase in phases_of(revision.process)}
        session.add(revision)
        audit.record(
            session,
            actor=by,
            action="revision.phase",
            entity=f"revision:{revision.id}",
            before={"phase": before},
            after={"phase": revision.phase, "vote": vote.id},
            at=now,
        )
    else:
        for person in queries.all_people(session):
            if Role.AMBASSADOR.value in person.roles.split(";"):
                outbox.schedule(
                    session,
                    kind=AMBASSADOR,
                    subject=subject_of(vote.id),
                    destination=person.slack_user_id,
                    due_at=now,
                    now=now,
                )


def close_due(db: Database, *, now: datetime, quorum: float = 0.5) -> list[VoteView]:
    """Close the votes whose meeting has ended; safe to run in several processes at once."""
    with db.reading() as session:
        due = stored.due_to_close(session, status=OPEN, now=now)
    closed = [close(db, vote_id=vote_id, by="pogi", now=now, quorum=quorum) for vote_id in due]
    return [vote for vote in closed if vote is not None]


def follow_meeting(session: Session, meeting: Meeting, *, now: datetime) -> list[dict[str, Any]]:
    """Open votes tied to a moved meeting open at its new start and close at its new end, with
    their reminders moved. Tied to a cancelled meeting, they move to the channel's next meeting,
    or, with none planned, are closed without a decision. Returns what became of each, for the
    notice of the cancelled meeting."""
    assert meeting.id is not None
    following = None
    if meeting.status != "planned":
        following = stored.current_or_next_meeting(session, channel_id=meeting.channel_id, now=now)
    outcomes: list[dict[str, Any]] = []
    for vote in stored.votes_of_meeting(session, meeting_id=meeting.id, status=OPEN):
        assert vote.id is not None
        subject = subject_of(vote.id)
        outbox.cancel(session, subject=subject, kinds=[REMINDER])
        before = {"status": vote.status, "meeting_id": vote.meeting_id}
        target = meeting if meeting.status == "planned" else following
        if target is not None:
            vote.meeting_id, vote.opens_at, vote.closes_at = (
                target.id,
                target.starts_at,
                target.ends_at,
            )
            schedule_reminders(session, vote, now=now)
            outcome: dict[str, Any] = {
                "title": vote.title,
                "kind": vote.kind,
                "moved_to": target.number,
                "starts_at": target.starts_at.isoformat(),
                "ends_at": target.ends_at.isoformat(),
            }
        else:
            vote.status, vote.closed_by, vote.closed_at = CANCELLED, "pogi", now
            outcome = {"title": vote.title, "kind": vote.kind, "moved_to": None}
        session.add(vote)
        refresh_soon(session, vote.id, vote.channel_id, now=now)
        if meeting.status != "planned":
            audit.record(
                session,
                actor="pogi",
                action="vote.follow_cancelled_meeting",
                entity=subject,
                before=before,
                after={"status": vote.status, "meeting_id": vote.meeting_id},
                at=now,
            )
            outcomes.append(outcome)
    return outcomes
