"""The round's meetings: the opening and closing workshops shared by the round, and each
organisation's kickoff meeting. They are meetings like any other (announced with a calendar
file, reminded, moved and cancelled with ``/pogi møde``), booked through
``bot.domain.meetings.book``; what the round adds is kept in ``TravelMeeting``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.domain import meetings, outbox
from bot.domain.errors import Conflict, InvalidInput, TimeNotAccepted
from bot.domain.people import Actor
from bot.domain.travel.access import organisation_of, require_runner, round_here
from bot.domain.travel.views import CHECKLIST, CLOSING, EVALUATION_INVITE, KICKOFF, OPENING
from bot.presentation.i18n import N_
from bot.timephrase import Moment, Rejection, leading_time_readings
from bot.timephrase.workdays import WorkingHours
from storage.database import Database
from storage.queries import travel as travel_queries
from storage.tables import Meeting, Person, TravelMeeting, TravelParticipant, TravelRound

FULL_DAY = timedelta(hours=7)
"""A workshop is a full day: one given only a start lasts this long."""
PLACE_LIMIT = 200


@dataclass(frozen=True)
class TravelProposal:
    """What pogi understood; nothing is stored until ``Bekræft``."""

    channel_id: str
    kind: str
    team: str
    organisation: str
    organisation_id: int | None
    place: str
    starts_at: datetime
    ends_at: datetime
    assumed_length: bool
    nonce: str

    @property
    def span(self) -> tuple[datetime, datetime]:
        return (self.starts_at, self.ends_at)


def split_organisation(
    session: Session, team: TravelRound, text: str
) -> tuple[TravelParticipant, str, str]:
    """``Vejle Kommune torsdag kl. 9`` → the participant whose name the text starts with (the
    longest that fits, any case), its name and the rest."""
    organisations = [
        (participant, organisation_of(session, participant).name)
        for participant in travel_queries.participants(session, round_id=team.id)
    ]
    folded = " ".join(text.split()).casefold()
    best: tuple[TravelParticipant, str] | None = None
    for participant, name in organisations:
        key = name.casefold()
        if (folded == key or folded.startswith(key + " ") or folded.startswith(key + ";")) and (
            best is None or len(name) > len(best[1])
        ):
            best = (participant, name)
    if best is None:
        raise InvalidInput(
            N_("Begynd med navnet på en af rejseholdets organisationer: %(known)s."),
            known=", ".join(sorted((name for _, name in organisations), key=str.casefold)) or "–",
        )
    participant, name = best
    rest = " ".join(text.split())[len(name) :].lstrip(" ;")
    return participant, name, rest


def propose(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    kind: str,
    text: str,
    now: datetime,
    zone: ZoneInfo,
    language: str | None = None,
) -> TravelProposal:
    """``29/2 kl. 9-16 Force Technology, Vejen`` for a workshop (the time, then the place);
    ``Vejle Kommune torsdag kl. 9-12`` for a kickoff meeting (the organisation, then the time)."""
    with db.reading() as session:
        require_runner(actor, N_("planlægge rejseholdets møder"))
        team = round_here(session, channel_id)
        participant, organisation = None, ""
        if kind == KICKOFF:
            participant, organisation, text = split_organisation(session, team, text)
        if not text.strip():
            raise InvalidInput(N_("Skriv tidspunktet, fx »29/2 kl. 9-16 Force Technology, Vejen«."))
        readings = leading_time_readings(text, now=now, zone=zone, language=language)
        if isinstance(readings, Rejection):
            raise TimeNotAccepted(readings)
        when, rest = readings[0]
        start, end, assumed = meetings.meeting_times(when, now=now)
        if assumed and kind != KICKOFF and isinstance(when, Moment):
            end = start + FULL_DAY
        place = " ".join(rest.split())
        if len(place) > PLACE_LIMIT:
            raise InvalidInput(N_("Stedet er for langt (højst %(limit)s tegn)."), limit=PLACE_LIMIT)
        return TravelProposal(
            channel_id=channel_id,
            kind=kind,
            team=team.name,
            organisation=organisation,
            organisation_id=participant.organisation_id if participant else None,
            place=place,
            starts_at=start,
            ends_at=end,
            assumed_length=assumed,
            nonce=uuid.uuid4().hex,
        )


def confirm(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    kind: str,
    organisation_id: int | None,
    place: str,
    starts_at: datetime,
    ends_at: datetime,
    nonce: str,
    now: datetime,
    reminders: tuple[timedelta, ...],
    working: WorkingHours | None = None,
) -> meetings.MeetingView:
    """Book the meeting with its announcement, reminders and prompt for attendance or minutes;
    a kickoff meeting's checklist goes to the organisation's contact, and after the closing
    workshop every organisation is asked to evaluate the round."""
    if kind not in (OPENING, CLOSING, KICKOFF):
        raise InvalidInput(N_("Mødet findes ikke længere."))
    with db.transaction() as session:
        require_runner(actor, N_("planlægge rejseholdets møder"))
        team = round_here(session, channel_id)
        participant = None
        if kind == KICKOFF:
            participant = travel_queries.participant(
                session, round_id=team.id, organisation_id=organisation_id or 0
            )
            if participant is None or participant.status != travel_queries.ACTIVE:
                raise Conflict(N_("Organisationen deltager ikke længere i rejseholdet."))
        title = organisation_of(session, participant).name if participant else place
        meeting = meetings.book(
            session,
            actor=actor,
            channel_id=channel_id,
            kind=kind,
            revision_id=None,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            nonce=nonce,
            now=now,
            reminders=reminders,
            working=working,
            refuse_clash=kind != KICKOFF,
        )
        session.add(
            TravelMeeting(
                meeting_id=meeting.id,
                round_id=team.id,
                kind=kind,
                organisation_id=participant.organisation_id if participant else None,
                place=place,
            )
        )
        subject = meetings.subject_of(meeting.id)
        if participant is not None:
            contact = session.get(Person, participant.contact_id)
            assert contact is not None
            outbox.schedule(
                session,
                kind=CHECKLIST,
                subject=subject,
                destination=contact.slack_user_id,
                due_at=now,
                now=now,
            )
        if kind == CLOSING:
            _ask_for_evaluations(session, team, meeting, now=now)
        return meetings.get(session, meeting.id) or _missing()


def _missing() -> meetings.MeetingView:
    raise AssertionError("a meeting just booked is there")


def _ask_for_evaluations(
    session: Session, team: TravelRound, meeting: Meeting, *, now: datetime
) -> None:
    """At the closing workshop's end each organisation's contact gets the evaluation form."""
    for participant in travel_queries.participants(session, round_id=team.id):
        contact = session.get(Person, participant.contact_id)
        assert contact is not None
        outbox.schedule(
            session,
            kind=EVALUATION_INVITE,
            subject=meetings.subject_of(meeting.id),
            destination=contact.slack_user_id,
            due_at=meeting.ends_at,
            data={"participant": participant.id},
            now=now,
        )
