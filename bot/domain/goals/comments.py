"""Written comment rounds (skriftlig kommentering): the coordinator or the secretariat asks the
working group to comment on the current version of the goal text by a deadline. Each person has
one comment in a round, attached to that version and editable until the deadline; members who
have not commented are reminded, and at the deadline the round closes with a summary to the
coordinator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.domain import audit, outbox, permissions
from bot.domain.deadlines import deadline_from
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound
from bot.domain.goals.texts import NO_TEXT
from bot.domain.people import Actor
from bot.presentation.i18n import N_
from bot.timephrase.workdays import WorkingHours
from storage import queries
from storage.database import Database
from storage.queries import comments as stored
from storage.queries import goals as stored_goals
from storage.tables import CommentRound, GoalComment, Person, Revision

OPEN, CLOSED = "open", "closed"
ANNOUNCED, REMINDER, SUMMARY = "comments.announced", "comments.reminder", "comments.summary"
COMMENT_LIMIT = 3_000
"""Characters in one comment: a Slack text input holds at most 3,000."""
ONLY_GROUP_LEAD = N_("Kun gruppens tovholder og sekretariatet kan bede om kommentarer.")
NOT_HERE = N_("Kommentering hører til en revisions kanal.")
IN_THE_PAST = N_("Fristen for kommentarer ligger i fortiden (%(when)s).")
NO_DEADLINE = N_("Skriv fristen for kommentarer, fx `/pogi kommentering fredag kl. 12`.")
GONE = N_("Kommenteringen findes ikke længere.")


@dataclass(frozen=True)
class CommentView:
    author: str
    text: str
    goal_version: int
    updated_at: datetime
    edited: bool


@dataclass(frozen=True)
class RoundView:
    id: int
    revision_id: int
    goal: str
    channel_id: str
    goal_version: int
    deadline: datetime
    status: str
    opened_by: str
    opened_at: datetime
    coordinator: str | None
    """The coordinator's Slack id (None: the group has none)."""
    members: tuple[str, ...]
    """The working group's Slack ids."""
    comments: tuple[CommentView, ...]

    @property
    def commented(self) -> tuple[str, ...]:
        return tuple(comment.author for comment in self.comments)

    @property
    def asked(self) -> tuple[str, ...]:
        """The group members asked to comment: all but the coordinator and whoever asked."""
        leads = (self.coordinator, self.opened_by)
        return tuple(member for member in self.members if member not in leads)

    @property
    def missing(self) -> tuple[str, ...]:
        """Members asked to comment who have not."""
        return tuple(member for member in self.asked if member not in self.commented)

    def comment_by(self, user_id: str) -> CommentView | None:
        return next((c for c in self.comments if c.author == user_id), None)


def subject_of(round_id: int) -> str:
    return f"comments:{round_id}"


def open_round(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    text: str,
    now: datetime,
    zone: ZoneInfo,
    reminders: tuple[timedelta, ...],
    language: str | None = None,
    working: WorkingHours | None = None,
) -> RoundView:
    """``/pogi kommentering FRIST``: ask the group to comment on the current version."""
    with db.transaction() as session:
        revision = permissions.revision_here(session, channel_id, NOT_HERE)
        permissions.require_coordinator_or_secretariat(session, actor, revision, ONLY_GROUP_LEAD)
        version = stored_goals.latest_number(session, revision_id=revision.id)
        if not version:
            raise InvalidInput(NO_TEXT)
        deadline = deadline_from(
            text,
            now=now,
            zone=zone,
            language=language,
            missing=NO_DEADLINE,
            in_the_past=IN_THE_PAST,
        )
        running = stored.open_round(session, revision_id=revision.id)
        if running is not None:
            raise Conflict(
                N_("Der er allerede en åben kommentering med frist %(when)s."),
                when=running.deadline,
            )
        row = CommentRound(
            revision_id=revision.id,
            channel_id=channel_id,
            goal_version=version,
            deadline=deadline,
            opened_by=actor.user_id,
            opened_at=now,
        )
        session.add(row)
        session.flush()
        subject = subject_of(row.id)
        outbox.schedule(
            session, kind=ANNOUNCED, subject=subject, destination=channel_id, due_at=now, now=now
        )
        view = view_of(session, row)
        outbox.schedule_at_offsets(
            session,
            kind=REMINDER,
            subject=subject,
            destinations=[(member, None) for member in view.asked],
            event_at=deadline,
            offsets=reminders,
            now=now,
            working=working or WorkingHours(zone=zone),
        )
        audit.record(
            session,
            actor=actor,
            action="comments.open",
            entity=f"revision:{revision.id}",
            before=None,
            after={"round": row.id, "goal_version": version, "deadline": deadline.isoformat()},
            at=now,
        )
        return view


def comment_form(db: Database, *, actor: Actor, round_id: int, now: datetime) -> RoundView:
    """The round for ``Kommentér``'s modal (pre-filled with the actor's own comment)."""
    with db.reading() as session:
        row = session.get(CommentRound, round_id)
        _may_comment(session, actor, row, now)
        assert row is not None
        return view_of(session, row)


def submit(
    db: Database, *, actor: Actor, round_id: int, text: str, now: datetime
) -> tuple[RoundView, bool]:
    """Save the actor's comment (a new one, or theirs edited); returns the round and whether it
    was an edit."""
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput(N_("Skriv din kommentar."))
    if len(cleaned) > COMMENT_LIMIT:
        raise InvalidInput(
            N_("En kommentar må højst være på 3.000 tegn; din er på %(length)s."),
            length=len(cleaned),
        )
    with db.transaction() as session:
        row = stored.locked(session, round_id=round_id)
        _may_comment(session, actor, row, now)
        assert row is not None
        existing = stored.comment_by(session, round_id=round_id, author=actor.user_id)
        if existing is not None and existing.text == cleaned:
            raise InvalidInput(N_("Kommentaren er ikke ændret."))
        comment = existing or GoalComment(
            round_id=round_id,
            revision_id=row.revision_id,
            goal_version=row.goal_version,
            author=actor.user_id,
            text=cleaned,
            created_at=now,
            updated_at=now,
        )
        comment.text, comment.updated_at = cleaned, now
        session.add(comment)
        audit.record(
            session,
            actor=actor,
            action="comments.comment",
            entity=f"revision:{row.revision_id}",
            before=None if existing is None else {"round": round_id},
            after={"round": round_id, "goal_version": row.goal_version, "length": len(cleaned)},
            at=now,
        )
        session.flush()
        return view_of(session, row), existing is not None


def _may_comment(session: Session, actor: Actor, row: CommentRound | None, now: datetime) -> None:
    actor.in_roster()
    if row is None:
        raise NotFound(GONE)
    if row.status != OPEN or row.deadline <= now:
        raise InvalidInput(
            N_("Fristen for kommentarer var %(when)s, så kommenteringen er lukket."),
            when=row.deadline,
        )
    members = queries.group_people(session, revision_id=row.revision_id)
    if actor.user_id not in {member.slack_user_id for member in members}:
        raise NotAllowed(N_("Kun arbejdsgruppens medlemmer kan kommentere målteksten."))


def close(db: Database, *, round_id: int, now: datetime) -> RoundView | None:
    """Close at the deadline and send the coordinator the summary; None if already closed."""
    with db.transaction() as session:
        row = stored.locked(session, round_id=round_id)
        if row is None or row.status != OPEN:
            return None
        row.status, row.closed_by, row.closed_at = CLOSED, "pogi", now
        session.add(row)
        subject = subject_of(round_id)
        outbox.cancel(session, subject=subject, kinds=[REMINDER])
        view = view_of(session, row)
        for destination in _summary_recipients(view):
            outbox.schedule(
                session, kind=SUMMARY, subject=subject, destination=destination, due_at=now, now=now
            )
        audit.record(
            session,
            actor="pogi",
            action="comments.close",
            entity=f"revision:{row.revision_id}",
            before={"status": OPEN},
            after={"round": round_id, "status": CLOSED, "comments": len(view.comments)},
            at=now,
        )
        return view


def _summary_recipients(view: RoundView) -> tuple[str, ...]:
    """The coordinator; without one, whoever asked for the comments."""
    return (view.coordinator or view.opened_by,)


def close_due(db: Database, *, now: datetime) -> list[RoundView]:
    """Close every round whose deadline has come."""
    with db.reading() as session:
        due = stored.due(session, now=now)
    closed = [close(db, round_id=round_id, now=now) for round_id in due]
    return [view for view in closed if view is not None]


def get(session: Session, round_id: int) -> RoundView | None:
    """For the outbox: the round as it is when a message is composed."""
    row = session.get(CommentRound, round_id)
    return None if row is None else view_of(session, row)


def counts_by_version(session: Session, revision_id: int) -> dict[int, int]:
    """How many comments each version of the goal text got."""
    return stored.counts_by_version(session, revision_id=revision_id)


def view_of(session: Session, row: CommentRound) -> RoundView:
    revision = session.get(Revision, row.revision_id)
    assert revision is not None
    coordinator = session.get(Person, revision.coordinator_id) if revision.coordinator_id else None
    return RoundView(
        id=row.id,
        revision_id=row.revision_id,
        goal=revision.goal,
        channel_id=row.channel_id,
        goal_version=row.goal_version,
        deadline=row.deadline,
        status=row.status,
        opened_by=row.opened_by,
        opened_at=row.opened_at,
        coordinator=coordinator.slack_user_id if coordinator else None,
        members=tuple(
            p.slack_user_id for p in queries.group_people(session, revision_id=row.revision_id)
        ),
        comments=tuple(
            CommentView(
                c.author, c.text, c.goal_version, c.updated_at, c.updated_at != c.created_at
            )
            for c in stored.comments(session, round_id=row.id)
        ),
    )
