"""Meetings of working groups and the steering group: propose, confirm, move, cancel, minutes.

A meeting's reminders, announcements and calendar files are outbox rows written in the same
transaction as the meeting itself (``bot.domain.outbox``).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot.domain import outbox
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound, TimeNotAccepted
from bot.domain.people import Actor
from bot.domain.roles import Role
from bot.presentation.i18n import N_
from bot.timephrase import (
    Day,
    Moment,
    Rejection,
    Span,
    TimeResult,
    parse_time,
    split_leading_time,
)
from storage import queries
from storage.database import Database
from storage.tables import Meeting, Person, Revision

GROUP, STEERING = "group", "steering"
PLANNED, CANCELLED = "planned", "cancelled"
DEFAULT_LENGTH = timedelta(hours=2)
ANNOUNCE, MOVED, CANCELLED_NOTICE = "meeting.announce", "meeting.moved", "meeting.cancelled"
REMINDER, MINUTES_PROMPT, MINUTES = "meeting.reminder", "meeting.minutes_prompt", "meeting.minutes"
TITLE_LIMIT = 150


@dataclass(frozen=True)
class MeetingView:
    id: int
    channel_id: str
    kind: str
    number: int
    title: str
    starts_at: datetime
    ends_at: datetime
    status: str
    sequence: int
    uid: str
    goal: str | None
    announced_ts: str | None = None
    has_minutes: bool = False

    @property
    def span(self) -> tuple[datetime, datetime]:
        return (self.starts_at, self.ends_at)

    @property
    def subject(self) -> str:
        return subject_of(self.id)


@dataclass(frozen=True)
class Proposal:
    """What pogi understood before anything is stored; travels in the confirm button."""

    channel_id: str
    kind: str
    number: int
    title: str
    starts_at: datetime
    ends_at: datetime
    goal: str | None
    assumed_length: bool = False
    nonce: str = ""
    """Names this proposal: the meeting it becomes carries it in its UID, so a second click on
    the same Bekræft, even after the meeting was cancelled, books nothing."""

    @property
    def span(self) -> tuple[datetime, datetime]:
        return (self.starts_at, self.ends_at)

    def encode(self) -> str:
        return json.dumps(
            {
                "c": self.channel_id,
                "s": self.starts_at.isoformat(),
                "e": self.ends_at.isoformat(),
                "t": self.title,
                "n": self.nonce,
            },
            ensure_ascii=False,
        )


@dataclass(frozen=True)
class Minutes:
    meeting: MeetingView
    attendance: list[str]
    decisions: str
    notes: str
    by: str | None
    at: datetime | None


def subject_of(meeting_id: int) -> str:
    return f"meeting:{meeting_id}"


def _view(session: Session, meeting: Meeting) -> MeetingView:
    goal = None
    if meeting.revision_id is not None:
        revision = session.get(Revision, meeting.revision_id)
        goal = revision.goal if revision else None
    return MeetingView(
        id=meeting.id,
        channel_id=meeting.channel_id,
        kind=meeting.kind,
        number=meeting.number,
        title=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        status=meeting.status,
        sequence=meeting.sequence,
        uid=meeting.uid,
        goal=goal,
        announced_ts=meeting.announced_ts,
        has_minutes=meeting.minutes_at is not None,
    )


# -- where and who -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Place:
    kind: str
    revision: Revision | None


def _place(session: Session, channel_id: str) -> _Place:
    revision = queries.revision_in_channel(session, channel_id=channel_id)
    if revision is not None:
        return _Place(GROUP, revision)
    steering = queries.steering_channel(session)
    if steering is not None and steering.channel_id == channel_id:
        return _Place(STEERING, None)
    raise NotFound(
        N_(
            "Møder indkaldes i en arbejdsgruppes kanal eller i styregruppens kanal, og denne "
            "kanal er ingen af delene."
        )
    )


def _may_call(session: Session, actor: Actor, place: _Place) -> None:
    person = actor.in_roster()
    if person.has(Role.SECRETARIAT):
        return
    if place.kind == STEERING:
        raise NotAllowed(N_("Kun sekretariatet kan indkalde til og ændre styregruppemøder."))
    coordinator = (
        session.get(Person, place.revision.coordinator_id)
        if place.revision and place.revision.coordinator_id
        else None
    )
    if coordinator is None or coordinator.slack_user_id != actor.user_id:
        raise NotAllowed(
            N_("Kun gruppens tovholder og sekretariatet kan indkalde til og ændre møder.")
        )


# -- times ---------------------------------------------------------------------------------


def _times(when: TimeResult | Rejection, *, now: datetime) -> tuple[datetime, datetime, bool]:
    """Start, end and whether the length was assumed; a meeting needs a clock time."""
    if isinstance(when, Rejection):
        raise TimeNotAccepted(when)
    if isinstance(when, Day):
        raise InvalidInput(
            N_("Skriv også et klokkeslæt for mødet, fx »torsdag kl. 13-15« eller »3/12 kl. 10«.")
        )
    if isinstance(when, Span):
        start, end, assumed = when.start, when.end, False
    else:
        assert isinstance(when, Moment)
        start, end, assumed = when.at, when.at + DEFAULT_LENGTH, True
    if start <= now:
        raise InvalidInput(N_("Mødet ville ligge i fortiden (%(when)s)."), when=start)
    return start, end, assumed


def _clash(
    session: Session,
    *,
    channel_id: str,
    start: datetime,
    end: datetime,
    other_than: int | None = None,
) -> Meeting | None:
    statement = select(Meeting).where(
        Meeting.channel_id == channel_id,
        Meeting.status == PLANNED,
        col(Meeting.starts_at) < end,
        col(Meeting.ends_at) > start,
    )
    if other_than is not None:
        statement = statement.where(Meeting.id != other_than)
    return session.exec(statement.order_by(Meeting.starts_at)).first()


def _refuse_clash(
    session: Session,
    *,
    channel_id: str,
    start: datetime,
    end: datetime,
    other_than: int | None = None,
) -> None:
    clash = _clash(session, channel_id=channel_id, start=start, end=end, other_than=other_than)
    if clash is not None:
        raise Conflict(
            N_("Tidspunktet overlapper møde %(number)s, %(when)s. Vælg et andet tidspunkt."),
            number=clash.number,
            when=(clash.starts_at, clash.ends_at),
        )


def _next_number(session: Session, channel_id: str) -> int:
    numbers = session.exec(
        select(Meeting.number).where(Meeting.channel_id == channel_id, Meeting.status == PLANNED)
    ).all()
    return max(numbers, default=0) + 1


# -- the flow ------------------------------------------------------------------------------


def propose(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    text: str,
    now: datetime,
    zone: ZoneInfo,
    language: str | None = None,
) -> Proposal:
    """``torsdag kl. 13-15 Opstartsmøde``: what pogi understood; nothing is stored until the
    proposer confirms."""
    with db.reading() as session:
        place = _place(session, channel_id)
        _may_call(session, actor, place)
        if not text.strip():
            raise InvalidInput(
                N_("Skriv tidspunktet for mødet, fx `/pogi møde torsdag kl. 13-15 Opstartsmøde`.")
            )
        parsed = split_leading_time(text, now=now, zone=zone, language=language)
        if isinstance(parsed, Rejection):
            raise TimeNotAccepted(parsed)
        when, title = parsed
        title = " ".join(title.split())[:TITLE_LIMIT]
        start, end, assumed = _times(when, now=now)
        _refuse_clash(session, channel_id=channel_id, start=start, end=end)
        return Proposal(
            channel_id=channel_id,
            kind=place.kind,
            number=_next_number(session, channel_id),
            title=title,
            starts_at=start,
            ends_at=end,
            goal=place.revision.goal if place.revision else None,
            assumed_length=assumed,
            nonce=uuid.uuid4().hex,
        )


def decode_proposal(value: str) -> tuple[str, datetime, datetime, str, str]:
    data = json.loads(value)
    return (
        data["c"],
        datetime.fromisoformat(data["s"]),
        datetime.fromisoformat(data["e"]),
        data["t"],
        data.get("n") or uuid.uuid4().hex,
    )


def confirm(
    db: Database,
    *,
    actor: Actor,
    proposal_value: str,
    now: datetime,
    reminders: tuple[timedelta, ...],
) -> MeetingView:
    """Store the meeting with its announcement, reminders and minutes prompt."""
    channel_id, start, end, title, nonce = decode_proposal(proposal_value)
    uid = f"{nonce}@pogi"
    with db.transaction() as session:
        place = _place(session, channel_id)
        _may_call(session, actor, place)
        twin = session.exec(select(Meeting).where(Meeting.uid == uid)).first()
        if twin is not None and twin.status == PLANNED:
            raise Conflict(
                N_("Mødet er allerede indkaldt som møde %(number)s."), number=twin.number
            )
        if twin is not None:
            raise Conflict(
                N_("Mødet fra dette forslag er aflyst. Foreslå et nyt møde med `/pogi møde`.")
            )
        if start <= now:
            raise InvalidInput(N_("Mødet ville ligge i fortiden (%(when)s)."), when=start)
        _refuse_clash(session, channel_id=channel_id, start=start, end=end)
        meeting = Meeting(
            channel_id=channel_id,
            revision_id=place.revision.id if place.revision else None,
            kind=place.kind,
            number=_next_number(session, channel_id),
            title=title,
            starts_at=start,
            ends_at=end,
            uid=uid,
            created_by=actor.user_id,
            created_at=now,
        )
        session.add(meeting)
        session.flush()
        subject = subject_of(meeting.id)
        outbox.schedule(
            session, kind=ANNOUNCE, subject=subject, destination=channel_id, due_at=now, now=now
        )
        _schedule_reminders(session, meeting, reminders=reminders, now=now)
        queries.add_audit(
            session,
            actor=actor.user_id,
            action="meeting.confirm",
            entity=subject,
            before=None,
            after=_snapshot(meeting),
            at=now,
        )
        return _view(session, meeting)


def _schedule_reminders(
    session: Session, meeting: Meeting, *, reminders: tuple[timedelta, ...], now: datetime
) -> None:
    subject = subject_of(meeting.id)
    for offset in reminders:
        due = meeting.starts_at - offset
        if due > now:
            outbox.schedule(
                session,
                kind=REMINDER,
                subject=subject,
                destination=meeting.channel_id,
                due_at=due,
                data={"offset": int(offset.total_seconds())},
                now=now,
            )
    outbox.schedule(
        session,
        kind=MINUTES_PROMPT,
        subject=subject,
        destination=meeting.channel_id,
        due_at=meeting.ends_at,
        now=now,
    )


def _snapshot(meeting: Meeting) -> dict[str, object]:
    return {
        "number": meeting.number,
        "title": meeting.title,
        "status": meeting.status,
        "starts_at": meeting.starts_at.isoformat(),
        "ends_at": meeting.ends_at.isoformat(),
        "sequence": meeting.sequence,
    }


def _planned(session: Session, *, channel_id: str, number: int) -> Meeting:
    meeting = session.exec(
        select(Meeting).where(
            Meeting.channel_id == channel_id, Meeting.number == number, Meeting.status == PLANNED
        )
    ).first()
    if meeting is None:
        raise NotFound(
            N_(
                "Der er intet planlagt møde nummer %(number)s i denne kanal. "
                "Se møderne med `/pogi møder`."
            ),
            number=number,
        )
    return meeting


def move(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    number: int,
    text: str,
    now: datetime,
    zone: ZoneInfo,
    reminders: tuple[timedelta, ...],
    language: str | None = None,
) -> tuple[MeetingView, MeetingView]:
    """Move a meeting; a time without an end keeps the meeting's length. Returns before, after."""
    with db.transaction() as session:
        place = _place(session, channel_id)
        _may_call(session, actor, place)
        meeting = _planned(session, channel_id=channel_id, number=number)
        before = _view(session, meeting)
        when = parse_time(text, now=now, zone=zone, language=language)
        start, end, assumed = _times(when, now=now)
        if assumed:
            end = start + (meeting.ends_at - meeting.starts_at)
        if (start, end) == (meeting.starts_at, meeting.ends_at):
            raise InvalidInput(N_("Mødet ligger allerede på det tidspunkt, så intet er ændret."))
        _refuse_clash(session, channel_id=channel_id, start=start, end=end, other_than=meeting.id)
        snapshot = _snapshot(meeting)
        meeting.starts_at, meeting.ends_at = start, end
        meeting.sequence += 1
        session.add(meeting)
        subject = subject_of(meeting.id)
        outbox.cancel(session, subject=subject, kinds=[REMINDER, MINUTES_PROMPT])
        _schedule_reminders(session, meeting, reminders=reminders, now=now)
        outbox.schedule(
            session,
            kind=MOVED,
            subject=subject,
            destination=channel_id,
            due_at=now,
            data={
                "from_start": before.starts_at.isoformat(),
                "from_end": before.ends_at.isoformat(),
                "sequence": meeting.sequence,
            },
            now=now,
        )
        queries.add_audit(
            session,
            actor=actor.user_id,
            action="meeting.move",
            entity=subject,
            before=snapshot,
            after=_snapshot(meeting),
            at=now,
        )
        _follow_homework(session, meeting, now=now)
        return before, _view(session, meeting)


def _follow_homework(session: Session, meeting: Meeting, *, now: datetime) -> None:
    """Homework due "til næste møde" and votes that close with the meeting follow it when it
    moves."""
    from bot.domain import homework, votes

    homework.follow_meeting(session, meeting_id=meeting.id, due_at=meeting.starts_at, now=now)
    votes.follow_meeting(session, meeting, now=now)


def _after_cancel(session: Session, meeting: Meeting, *, now: datetime) -> None:
    """Homework due "til næste møde" moves to the group's next meeting (or keeps its deadline
    when there is none); a vote that was to close with the meeting stays open until the
    secretariat closes it."""
    from bot.domain import homework, votes

    following = next_in_channel(session, channel_id=meeting.channel_id, now=now)
    homework.follow_meeting(
        session,
        meeting_id=meeting.id,
        due_at=following.starts_at if following else None,
        now=now,
        new_meeting_id=following.id if following else None,
    )
    votes.follow_meeting(session, meeting, now=now)


def cancel(
    db: Database, *, actor: Actor, channel_id: str, number: int, now: datetime
) -> MeetingView:
    with db.transaction() as session:
        place = _place(session, channel_id)
        _may_call(session, actor, place)
        meeting = _planned(session, channel_id=channel_id, number=number)
        snapshot = _snapshot(meeting)
        meeting.status = CANCELLED
        meeting.sequence += 1
        session.add(meeting)
        subject = subject_of(meeting.id)
        outbox.cancel(session, subject=subject)
        _after_cancel(session, meeting, now=now)
        outbox.schedule(
            session,
            kind=CANCELLED_NOTICE,
            subject=subject,
            destination=channel_id,
            due_at=now,
            data={"sequence": meeting.sequence},
            now=now,
        )
        queries.add_audit(
            session,
            actor=actor.user_id,
            action="meeting.cancel",
            entity=subject,
            before=snapshot,
            after=_snapshot(meeting),
            at=now,
        )
        return _view(session, meeting)


def coming(
    db: Database, *, channel_id: str | None, now: datetime, limit: int = 30
) -> list[MeetingView]:
    """Planned meetings that have not ended, in this channel or everywhere."""
    with db.reading() as session:
        statement = select(Meeting).where(Meeting.status == PLANNED, col(Meeting.ends_at) > now)
        if channel_id is not None:
            statement = statement.where(Meeting.channel_id == channel_id)
        rows = session.exec(statement.order_by(Meeting.starts_at).limit(limit)).all()
        return [_view(session, row) for row in rows]


def next_in_channel(session: Session, *, channel_id: str, now: datetime) -> Meeting | None:
    statement = (
        select(Meeting)
        .where(
            Meeting.channel_id == channel_id,
            Meeting.status == PLANNED,
            col(Meeting.starts_at) > now,
        )
        .order_by(Meeting.starts_at)
    )
    return session.exec(statement).first()


def next_meeting(db: Database, *, channel_id: str, now: datetime) -> MeetingView | None:
    with db.reading() as session:
        meeting = next_in_channel(session, channel_id=channel_id, now=now)
        return None if meeting is None else _view(session, meeting)


def for_person(
    db: Database, *, slack_user_id: str, now: datetime, limit: int = 10
) -> list[MeetingView]:
    """Coming meetings of the person's working groups, and of the steering group if they sit on
    it or are in the secretariat."""
    with db.reading() as session:
        person = queries.person_by_slack_id(session, slack_user_id=slack_user_id)
        if person is None:
            return []
        channels = {
            r.channel_id
            for r in queries.revisions_with_member(session, person_id=person.id)
            if r.channel_id
        }
        roles = set(person.roles.split(";"))
        steering = queries.steering_channel(session)
        if steering and roles & {
            Role.STEERING.value,
            Role.STEERING_DEPUTY.value,
            Role.SECRETARIAT.value,
        }:
            channels.add(steering.channel_id)
        if not channels:
            return []
        rows = session.exec(
            select(Meeting)
            .where(
                col(Meeting.channel_id).in_(channels),
                Meeting.status == PLANNED,
                col(Meeting.ends_at) > now,
            )
            .order_by(Meeting.starts_at)
            .limit(limit)
        ).all()
        return [_view(session, row) for row in rows]


def get(session: Session, meeting_id: int) -> MeetingView | None:
    meeting = session.get(Meeting, meeting_id)
    return None if meeting is None else _view(session, meeting)


# -- minutes -------------------------------------------------------------------------------


def minutes_form(db: Database, *, actor: Actor, meeting_id: int) -> tuple[MeetingView, list[str]]:
    """The meeting and the organisations to tick for attendance."""
    with db.reading() as session:
        meeting = _meeting(session, meeting_id)
        _may_call(session, actor, _place(session, meeting.channel_id))
        return _view(session, meeting), _organisations(session, meeting)


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.status != PLANNED:
        raise NotFound(N_("Mødet findes ikke længere."))
    return meeting


def _organisations(session: Session, meeting: Meeting) -> list[str]:
    names: set[str] = set()
    organisations = queries.organisations_by_id(session)
    if meeting.revision_id is not None:
        for person in queries.group_people(session, revision_id=meeting.revision_id):
            names.add(organisations[person.organisation_id].name)
    else:
        for person in queries.all_people(session):
            if {Role.STEERING.value, Role.STEERING_DEPUTY.value} & set(person.roles.split(";")):
                names.add(organisations[person.organisation_id].name)
    return sorted(names, key=str.lower)


def record_minutes(
    db: Database,
    *,
    actor: Actor,
    meeting_id: int,
    attendance: list[str],
    decisions: str,
    notes: str,
    now: datetime,
) -> Minutes:
    """Keep the minutes and post them in the channel; recording again replaces them."""
    with db.transaction() as session:
        meeting = _meeting(session, meeting_id)
        _may_call(session, actor, _place(session, meeting.channel_id))
        if meeting.starts_at > now:
            raise InvalidInput(N_("Referatet kan først skrives, når mødet er begyndt."))
        before = {
            "attendance": meeting.minutes_attendance,
            "decisions": meeting.minutes_decisions,
            "notes": meeting.minutes_notes,
        }
        meeting.minutes_attendance = sorted(set(attendance), key=str.lower)
        meeting.minutes_decisions = decisions.strip()
        meeting.minutes_notes = notes.strip()
        meeting.minutes_by = actor.user_id
        meeting.minutes_at = now
        session.add(meeting)
        subject = subject_of(meeting.id)
        outbox.cancel(session, subject=subject, kinds=[MINUTES_PROMPT])
        outbox.schedule(
            session,
            kind=MINUTES,
            subject=subject,
            destination=meeting.channel_id,
            due_at=now,
            now=now,
        )
        queries.add_audit(
            session,
            actor=actor.user_id,
            action="meeting.minutes",
            entity=subject,
            before=before,
            after={
                "attendance": meeting.minutes_attendance,
                "decisions": meeting.minutes_decisions,
                "notes": meeting.minutes_notes,
            },
            at=now,
        )
        return minutes_of(session, meeting)


def minutes_of(session: Session, meeting: Meeting) -> Minutes:
    return Minutes(
        _view(session, meeting),
        list(meeting.minutes_attendance or []),
        meeting.minutes_decisions or "",
        meeting.minutes_notes or "",
        meeting.minutes_by,
        meeting.minutes_at,
    )
