"""Planning meetings: propose and confirm (moving and cancelling are ``changes``).

A meeting's reminders, announcements and calendar files are outbox rows written in the same
transaction as the meeting itself (``bot.domain.outbox``); what follows a moved or cancelled
meeting in other features (its homework, its votes) is ``bot.domain.followups``.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.domain import audit, outbox
from bot.domain.errors import Conflict, InvalidInput, NotFound, TimeNotAccepted
from bot.domain.meetings.place import Place, place_for_caller
from bot.domain.meetings.poll_views import settle
from bot.domain.meetings.views import (
    ANNOUNCE,
    DEFAULT_LENGTH,
    MINUTES_PROMPT,
    REMINDER,
    TITLE_LIMIT,
    MeetingView,
    Proposal,
    id_of,
    snapshot,
    subject_of,
    view_of,
)
from bot.domain.people import Actor
from bot.presentation.i18n import N_
from bot.timephrase import (
    Day,
    Moment,
    Rejection,
    Span,
    TimeResult,
    leading_time_readings,
)
from bot.timephrase.workdays import WorkingHours
from storage.database import Database
from storage.queries import meetings as meeting_queries
from storage.queries.meetings import PLANNED
from storage.tables import Meeting

# -- times, clashes and numbers ------------------------------------------------------------


def meeting_times(
    when: TimeResult | Rejection, *, now: datetime
) -> tuple[datetime, datetime, bool]:
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
    _refuse_past(start, now=now)
    return start, end, assumed


def _refuse_past(start: datetime, *, now: datetime) -> None:
    if start <= now:
        raise InvalidInput(N_("Mødet ville ligge i fortiden (%(when)s)."), when=start)


def refuse_overlap(
    session: Session,
    *,
    channel_id: str,
    start: datetime,
    end: datetime,
    other_than: int | None = None,
) -> None:
    clash = meeting_queries.first_overlapping(
        session, channel_id=channel_id, start=start, end=end, other_than=other_than
    )
    if clash is not None:
        raise Conflict(
            N_("Tidspunktet overlapper møde %(number)s, %(when)s. Vælg et andet tidspunkt."),
            number=clash.number,
            when=(clash.starts_at, clash.ends_at),
        )


def _next_number(session: Session, channel_id: str) -> int:
    return meeting_queries.highest_planned_number(session, channel_id=channel_id) + 1


def planned(session: Session, *, channel_id: str, number: int) -> Meeting:
    meeting = meeting_queries.planned(session, channel_id=channel_id, number=number)
    if meeting is None:
        raise NotFound(
            N_(
                "Der er intet planlagt møde nummer %(number)s i denne kanal. "
                "Se møderne med `/pogi møder`."
            ),
            number=number,
        )
    return meeting


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
        place = place_for_caller(session, actor, channel_id)
        if not text.strip():
            raise InvalidInput(
                N_("Skriv tidspunktet for mødet, fx `/pogi møde torsdag kl. 13-15 Opstartsmøde`.")
            )
        readings = leading_time_readings(text, now=now, zone=zone, language=language)
        if isinstance(readings, Rejection):
            raise TimeNotAccepted(readings)
        first, *others = readings
        proposal = _proposal(session, place, channel_id, first, now=now)
        for other in others:
            try:
                alternative = _proposal(session, place, channel_id, other, now=now)
            except (InvalidInput, Conflict):
                continue  # a reading that could not be booked anyway is not offered
            return replace(proposal, alternative=alternative)
        return proposal


def _proposal(
    session: Session,
    place: Place,
    channel_id: str,
    reading: tuple[TimeResult, str],
    *,
    now: datetime,
) -> Proposal:
    when, title = reading
    start, end, assumed = meeting_times(when, now=now)
    return proposal_at(session, place, channel_id, start, end, title, now=now, assumed=assumed)


def proposal_at(
    session: Session,
    place: Place,
    channel_id: str,
    start: datetime,
    end: datetime,
    title: str,
    *,
    now: datetime,
    assumed: bool = False,
) -> Proposal:
    """A meeting from ``start`` to ``end`` as a proposal to confirm, if it can be booked."""
    _refuse_past(start, now=now)
    refuse_overlap(session, channel_id=channel_id, start=start, end=end)
    return Proposal(
        channel_id=channel_id,
        kind=place.kind,
        number=_next_number(session, channel_id),
        title=" ".join(title.split())[:TITLE_LIMIT],
        starts_at=start,
        ends_at=end,
        goal=place.revision.goal if place.revision else None,
        assumed_length=assumed,
        nonce=uuid.uuid4().hex,
    )


def confirm(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    starts_at: datetime,
    ends_at: datetime,
    title: str,
    nonce: str | None = None,
    now: datetime,
    reminders: tuple[timedelta, ...],
    working: WorkingHours | None = None,
    poll_id: int | None = None,
) -> MeetingView:
    """Store the proposed meeting with its announcement, reminders and minutes prompt.

    ``nonce`` is the proposal's (:attr:`Proposal.nonce`): a proposal books one meeting at most.
    Without one (a button from before proposals were named) the meeting gets a name of its own.
    A meeting picked from a time poll (``poll_id``) decides the poll.
    """
    with db.transaction() as session:
        place = place_for_caller(session, actor, channel_id)
        meeting = book(
            session,
            actor=actor,
            channel_id=channel_id,
            kind=place.kind,
            revision_id=place.revision.id if place.revision else None,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            nonce=nonce,
            now=now,
            reminders=reminders,
            working=working,
        )
        if poll_id is not None:
            settle(session, poll_id=poll_id, meeting=meeting, by=actor.user_id, now=now)
        return view_of(session, meeting)


def book(
    session: Session,
    *,
    actor: Actor,
    channel_id: str,
    kind: str,
    revision_id: int | None,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    nonce: str | None,
    now: datetime,
    reminders: tuple[timedelta, ...],
    working: WorkingHours | None = None,
    refuse_clash: bool = True,
) -> Meeting:
    """Store a meeting in the caller's transaction with its announcement, reminders, minutes
    prompt and audit row; a travelling team's workshop is booked here by its own feature."""
    uid = f"{nonce or uuid.uuid4().hex}@pogi"
    twin = meeting_queries.with_uid(session, uid=uid)
    if twin is not None and twin.status == PLANNED:
        raise Conflict(N_("Mødet er allerede indkaldt som møde %(number)s."), number=twin.number)
    if twin is not None:
        raise Conflict(
            N_("Mødet fra dette forslag er aflyst. Foreslå et nyt møde med `/pogi møde`.")
        )
    _refuse_past(starts_at, now=now)
    if refuse_clash:
        refuse_overlap(session, channel_id=channel_id, start=starts_at, end=ends_at)
    meeting = Meeting(
        channel_id=channel_id,
        revision_id=revision_id,
        kind=kind,
        number=_next_number(session, channel_id),
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        uid=uid,
        created_by=actor.user_id,
        created_at=now,
    )
    session.add(meeting)
    session.flush()
    subject = subject_of(id_of(meeting))
    outbox.schedule(
        session, kind=ANNOUNCE, subject=subject, destination=channel_id, due_at=now, now=now
    )
    schedule_reminders(
        session, meeting, reminders=reminders, now=now, working=working or WorkingHours()
    )
    audit.record(
        session,
        actor=actor,
        action="meeting.confirm",
        entity=subject,
        before=None,
        after=snapshot(meeting),
        at=now,
    )
    return meeting


def schedule_reminders(
    session: Session,
    meeting: Meeting,
    *,
    reminders: tuple[timedelta, ...],
    now: datetime,
    working: WorkingHours,
) -> None:
    """The reminders still to come before the meeting (a day or more before it in working
    hours), and the minutes prompt at its end."""
    subject = subject_of(id_of(meeting))
    outbox.schedule_at_offsets(
        session,
        kind=REMINDER,
        subject=subject,
        destinations=[(meeting.channel_id, None)],
        event_at=meeting.starts_at,
        offsets=reminders,
        now=now,
        working=working,
        keep_within=outbox.SHORTLY_BEFORE_A_MEETING,
    )
    outbox.schedule(
        session,
        kind=MINUTES_PROMPT,
        subject=subject,
        destination=meeting.channel_id,
        due_at=meeting.ends_at,
        now=now,
    )
