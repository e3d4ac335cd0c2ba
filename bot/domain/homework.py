"""Homework: a task for one person before a deadline, reminders before it, a nudge after it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.domain import audit, outbox
from bot.domain.deadlines import deadline_of, read_task
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.people import Actor, PersonView
from bot.domain.permissions import require_coordinator_or_secretariat, revision_here
from bot.presentation.i18n import N_
from bot.timephrase.workdays import WorkingHours
from storage import queries
from storage.database import Database
from storage.queries import homework as homework_queries
from storage.queries.homework import DONE, OPEN
from storage.tables import Homework, Meeting, Person, Revision

POSTED, ASSIGNED, REMINDER, OVERDUE, COMPLETED = (
    "homework.posted",
    "homework.assigned",
    "homework.reminder",
    "homework.overdue",
    "homework.done",
)
TASK_LIMIT = 500


@dataclass(frozen=True)
class HomeworkView:
    id: int
    channel_id: str
    goal: str | None
    assignee: PersonView
    task: str
    due_at: datetime
    due_is_day: bool
    status: str
    created_by: str
    done_by: str | None = None
    done_at: datetime | None = None
    message_ts: str | None = None
    meeting_number: int | None = None

    @property
    def subject(self) -> str:
        return subject_of(self.id)


@dataclass(frozen=True)
class Completion:
    homework: HomeworkView
    already_done: bool


def subject_of(homework_id: int) -> str:
    return f"homework:{homework_id}"


def _id(row: Homework) -> int:
    """The id of homework that is stored (read, or added and flushed)."""
    assert row.id is not None, "the homework is not stored yet"
    return row.id


def _view(session: Session, row: Homework) -> HomeworkView:
    person = session.get(Person, row.assignee_id)
    assert person is not None
    organisation = queries.organisations_by_id(session)[person.organisation_id]
    revision = session.get(Revision, row.revision_id) if row.revision_id else None
    meeting = session.get(Meeting, row.meeting_id) if row.meeting_id else None
    return HomeworkView(
        id=_id(row),
        channel_id=row.channel_id,
        goal=revision.goal if revision else None,
        assignee=PersonView.of(person, organisation),
        task=row.task,
        due_at=row.due_at,
        due_is_day=row.due_is_day,
        status=row.status,
        created_by=row.created_by,
        done_by=row.done_by,
        done_at=row.done_at,
        message_ts=row.message_ts,
        meeting_number=meeting.number if meeting else None,
    )


def assign(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    assignee_ids: Sequence[str],
    text: str,
    now: datetime,
    zone: ZoneInfo,
    reminders: tuple[timedelta, ...],
    language: str | None = None,
    working: WorkingHours | None = None,
) -> list[HomeworkView]:
    """``@x @y Send udkast til fredag kl. 12``: the task for each person named, before its
    deadline; one homework each, so each is reminded (in ``working`` hours, by default 8–17 in
    ``zone``) and marks their own done. Anyone outside the roster stops them all."""
    task, due = read_task(text, now=now, zone=zone, language=language)
    task = " ".join(task.split())
    if not task:
        raise InvalidInput(
            N_("Skriv opgaven, fx `/pogi hjemmearbejde @navn Send udkast til fredag kl. 12`.")
        )
    if len(task) > TASK_LIMIT:
        raise InvalidInput(N_("Opgaven må højst fylde %(limit)s tegn."), limit=TASK_LIMIT)
    with db.transaction() as session:
        revision = revision_here(
            session,
            channel_id,
            N_(
                "Hjemmearbejde gives i en arbejdsgruppes kanal, og denne kanal er "
                "ikke knyttet til en revision."
            ),
        )
        require_coordinator_or_secretariat(
            session,
            actor,
            revision,
            N_("Kun gruppens tovholder og sekretariatet kan give hjemmearbejde."),
        )
        assignees = queries.people_by_slack_ids(session, slack_user_ids=list(assignee_ids))
        for assignee_id in assignee_ids:
            if assignee_id not in assignees:
                raise NotFound(
                    N_(
                        "<@%(user)s> står ikke på brugerlisten, så pogi kan ikke minde personen "
                        "om opgaven. Bed sekretariatet om at føje personen til brugerlisten."
                    ),
                    user=assignee_id,
                )
        due_at, due_is_day, meeting_id = deadline_of(session, due, channel_id, now=now, zone=zone)
        return [
            _assign_one(
                session,
                actor=actor,
                channel_id=channel_id,
                revision=revision,
                assignee=assignees[assignee_id],
                task=task,
                due_at=due_at,
                due_is_day=due_is_day,
                meeting_id=meeting_id,
                now=now,
                working=working or WorkingHours(zone=zone),
                reminders=reminders,
            )
            for assignee_id in dict.fromkeys(assignee_ids)
        ]


def _assign_one(
    session: Session,
    *,
    actor: Actor,
    channel_id: str,
    revision: Revision,
    assignee: Person,
    task: str,
    due_at: datetime,
    due_is_day: bool,
    meeting_id: int | None,
    now: datetime,
    working: WorkingHours,
    reminders: tuple[timedelta, ...],
) -> HomeworkView:
    assignee_id = assignee.slack_user_id
    row = Homework(
        channel_id=channel_id,
        revision_id=revision.id,
        assignee_id=assignee.id,
        task=task,
        due_at=due_at,
        due_is_day=due_is_day,
        meeting_id=meeting_id,
        created_by=actor.user_id,
        created_at=now,
    )
    session.add(row)
    session.flush()
    subject = subject_of(_id(row))
    outbox.schedule(
        session, kind=POSTED, subject=subject, destination=channel_id, due_at=now, now=now
    )
    outbox.schedule(
        session, kind=ASSIGNED, subject=subject, destination=assignee_id, due_at=now, now=now
    )
    _schedule_reminders(
        session, row, assignee_id=assignee_id, now=now, working=working, reminders=reminders
    )
    audit.record(
        session,
        actor=actor,
        action="homework.assign",
        entity=subject,
        before=None,
        after=_snapshot(row, assignee_id),
        at=now,
    )
    return _view(session, row)


def _snapshot(row: Homework, assignee_id: str) -> dict[str, object]:
    return {
        "assignee": assignee_id,
        "task": row.task,
        "due_at": row.due_at.isoformat(),
        "status": row.status,
    }


def _schedule_reminders(
    session: Session,
    row: Homework,
    *,
    assignee_id: str,
    now: datetime,
    working: WorkingHours,
    reminders: tuple[timedelta, ...],
) -> None:
    """The reminders still to come before the deadline, in working hours, and the nudge the
    first working morning after it."""
    subject = subject_of(_id(row))
    outbox.schedule_at_offsets(
        session,
        kind=REMINDER,
        subject=subject,
        destinations=[(assignee_id, None)],
        event_at=row.due_at,
        offsets=reminders,
        now=now,
        working=working,
    )
    outbox.schedule(
        session,
        kind=OVERDUE,
        subject=subject,
        destination=assignee_id,
        due_at=working.next_working_morning(row.due_at),
        now=now,
    )


def complete(db: Database, *, actor: Actor, homework_id: int, now: datetime) -> Completion:
    """Mark done: the assignee, the group's coordinator or the secretariat; a second click is
    harmless."""
    with db.transaction() as session:
        row = homework_queries.locked(session, homework_id=homework_id)
        if row is None:
            raise NotFound(N_("Opgaven findes ikke længere."))
        actor.in_roster()
        assignee = session.get(Person, row.assignee_id)
        if assignee is None or assignee.slack_user_id != actor.user_id:
            require_coordinator_or_secretariat(
                session,
                actor,
                session.get(Revision, row.revision_id) if row.revision_id else None,
                N_(
                    "Kun den, der har fået opgaven, gruppens tovholder og "
                    "sekretariatet kan markere den som færdig."
                ),
            )
        if row.status == DONE:
            return Completion(_view(session, row), already_done=True)
        row.status, row.done_by, row.done_at = DONE, actor.user_id, now
        session.add(row)
        subject = subject_of(_id(row))
        outbox.cancel(session, subject=subject)
        if row.message_ts:
            outbox.schedule(
                session,
                kind=COMPLETED,
                subject=subject,
                destination=row.channel_id,
                due_at=now,
                now=now,
            )
        audit.record(
            session,
            actor=actor,
            action="homework.done",
            entity=subject,
            before={"status": OPEN},
            after={"status": DONE},
            at=now,
        )
        return Completion(_view(session, row), already_done=False)


def follow_meeting(
    session: Session,
    *,
    meeting_id: int,
    due_at: datetime | None,
    now: datetime,
    new_meeting_id: int | None = None,
) -> None:
    """Homework due "til næste møde" moves with its meeting, and so do its reminders. When the
    meeting is cancelled it follows the group's next meeting (``new_meeting_id``), or keeps its
    deadline when there is none (``due_at`` None)."""
    for row in homework_queries.open_for_meeting(session, meeting_id=meeting_id):
        if new_meeting_id is not None or due_at is None:
            row.meeting_id = new_meeting_id
        if due_at is None:
            session.add(row)
            continue
        shift = due_at - row.due_at
        row.due_at = due_at
        session.add(row)
        for reminder in outbox.pending(session, subject=subject_of(_id(row))):
            if reminder.kind not in (REMINDER, OVERDUE):
                continue
            reminder.due_at = reminder.due_at + shift
            if reminder.due_at <= now and reminder.kind == REMINDER:
                reminder.status = outbox.CANCELLED
            session.add(reminder)


def get(session: Session, homework_id: int) -> HomeworkView | None:
    row = session.get(Homework, homework_id)
    return None if row is None else _view(session, row)


def open_by_person(db: Database, *, channel_id: str | None) -> dict[str, list[HomeworkView]]:
    """Open homework, by assignee name; in a channel only that group's."""
    with db.reading() as session:
        grouped: dict[str, list[HomeworkView]] = {}
        for row in homework_queries.open_homework(session, channel_id=channel_id):
            view = _view(session, row)
            grouped.setdefault(view.assignee.name, []).append(view)
        return dict(sorted(grouped.items(), key=lambda item: item[0].lower()))


def for_person(db: Database, *, slack_user_id: str, limit: int = 15) -> list[HomeworkView]:
    with db.reading() as session:
        person = queries.person_by_slack_id(session, slack_user_id=slack_user_id)
        if person is None or person.id is None:
            return []
        rows = homework_queries.open_for_person(session, person_id=person.id, limit=limit)
        return [_view(session, row) for row in rows]


def remember_message(session: Session, *, homework_id: int, ts: str | None) -> None:
    row = session.get(Homework, homework_id)
    if row is not None and ts:
        row.message_ts = ts
        session.add(row)
