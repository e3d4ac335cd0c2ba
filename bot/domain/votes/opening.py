"""Opening a vote: in the steering group's channel, tied to its current or next meeting, as a
rule the spring meeting; otherwise only with a reason the secretariat states (SPEC §4)."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.domain import activity_plan, audit, outbox
from bot.domain.errors import Conflict, InvalidInput, NotFound
from bot.domain.people import Actor
from bot.domain.process import (
    GOAL_VOTE,
    SPRING_MONTHS,
    phase_allowing,
    phase_index,
    phase_of,
    phases_of,
)
from bot.domain.roles import Role
from bot.domain.votes.views import (
    ACTIVITY_PLAN,
    GOAL,
    OPEN,
    POSTED,
    REMINDER,
    REMINDER_OFFSETS,
    OverrideNeeded,
    VoteView,
    steering_seats,
    subject_of,
    view_of,
)
from bot.presentation.i18n import N_
from bot.presentation.text import text as text_of
from bot.timephrase.workdays import WorkingHours
from storage import queries
from storage.database import Database
from storage.queries import goals as stored_goals
from storage.queries import votes as stored
from storage.tables import Revision, Vote

DANISH_TIME = ZoneInfo("Europe/Copenhagen")
"""Which month a meeting is in, where the caller names no zone (``POGI_TIMEZONE``)."""
HIDDEN_WORD = "skjult"
"""What the request to open a vote anyway says of a hidden vote (``afstemning MÅL skjult``)."""
OPEN_REFUSAL = N_("Kun sekretariatet kan åbne en afstemning.")
_ACTIVITY_PLAN = re.compile(
    r"^aktivitetsplan(?:en)?\s*(\d{4})?$|^activity[\s-]+plan\s*(\d{4})?$", re.IGNORECASE
)


def deciding(revision: Revision) -> bool:
    """Whether the revision is in the phase of its process where the steering group votes."""
    return GOAL_VOTE in phase_of(revision.process, revision.phase).allows


def phase_title(revision: Revision) -> str:
    return phases_of(revision.process)[phase_index(revision.process, revision.phase)].title


def _steering_channel(session: Session, channel_id: str) -> None:
    steering = queries.steering_channel(session)
    if steering is None or steering.channel_id != channel_id:
        raise InvalidInput(
            N_(
                "Afstemninger foregår i styregruppens kanal. Sekretariatet vælger "
                "den med `/pogi styregruppe her`."
            )
        )


def _subject(
    session: Session, text: str, *, now: datetime, zone: tzinfo
) -> tuple[str, str, Revision | None]:
    """``Rengøring`` or ``aktivitetsplan 2027`` → kind, title and the revision voted on. A plan
    is for this year or the next two."""
    text = " ".join(text.split())
    plan = _ACTIVITY_PLAN.match(text)
    if plan:
        year = plan.group(1) or plan.group(2)
        if not year:
            raise InvalidInput(N_("Skriv årstallet, fx `/pogi afstemning aktivitetsplan 2027`."))
        activity_plan.check_year(int(year), now=now, zone=zone)
        return ACTIVITY_PLAN, year, None
    if not text:
        raise InvalidInput(
            N_("Skriv, hvilket indkøbsmål der skal stemmes om, fx `/pogi afstemning Rengøring`.")
        )
    revision = stored.newest_revision_of_goal(session, goal=text)
    if revision is None:
        raise NotFound(
            N_(
                "Der er ingen revision af et indkøbsmål, der hedder %(goal)s. Se "
                "revisionerne med `/pogi status`."
            ),
            goal=text,
        )
    return GOAL, revision.goal, revision


def open_vote(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    subject: str,
    proposal: str = "",
    now: datetime,
    override_reason: str | None = None,
    quorum: float = 0.5,
    zone: tzinfo = DANISH_TIME,
    hidden: bool = False,
) -> VoteView | OverrideNeeded:
    """Open a vote on ``subject`` (a goal under revision, or ``aktivitetsplan ÅR``), with a link
    to the ``proposal``, tied to the steering group's current or next meeting. Without such a
    meeting, or outside the spring meeting, only with a stated reason. A ``hidden`` vote shows
    how each option stands only once it has closed."""
    actor.require_secretariat(OPEN_REFUSAL)
    with db.transaction() as session:
        _steering_channel(session, channel_id)
        kind, title, revision = _subject(session, subject, now=now, zone=zone)
        already = stored.vote_titled(
            session, channel_id=channel_id, status=OPEN, kind=kind, title=title
        )
        if already is not None:
            raise Conflict(N_("Der er allerede en åben afstemning om %(title)s."), title=title)
        if revision is not None and not deciding(revision):
            where = phase_allowing(revision.process, GOAL_VOTE)
            raise InvalidInput(
                N_(
                    "Revisionen af %(goal)s er i fasen »%(phase)s«. Styregruppen stemmer først om "
                    "indkøbsmålet, når revisionen er i fasen »%(deciding)s«. Sekretariatet flytter "
                    "revisionen videre med `/pogi fase næste` i arbejdsgruppens kanal."
                ),
                goal=revision.goal,
                phase=text_of(phase_title(revision)),
                deciding=text_of(where.title if where else ""),
            )
        meeting = stored.current_or_next_meeting(session, channel_id=channel_id, now=now)
        reason = (override_reason or "").strip()
        flag = HIDDEN_WORD if hidden else ""
        request = " ".join(part for part in (subject.strip(), flag, proposal) if part)
        if not reason:
            if meeting is None:
                return OverrideNeeded("no_meeting", None, request, hidden=hidden, kind=kind)
            if meeting.starts_at.astimezone(zone).month not in SPRING_MONTHS:
                span = (meeting.starts_at, meeting.ends_at)
                return OverrideNeeded("not_spring", span, request, hidden=hidden, kind=kind)
        if not steering_seats(session):
            raise InvalidInput(
                N_("Ingen på brugerlisten sidder i styregruppen, så der er ingen, der kan stemme.")
            )
        vote = Vote(
            channel_id=channel_id,
            kind=kind,
            title=title,
            revision_id=revision.id if revision else None,
            proposal=proposal,
            meeting_id=meeting.id if meeting else None,
            opens_at=meeting.starts_at if meeting else None,
            closes_at=meeting.ends_at if meeting else None,
            override_reason=reason or None,
            plan=activity_plan.frozen(session, year=int(title)) if kind == ACTIVITY_PLAN else None,
            goal_version=(
                stored_goals.latest_number(session, revision_id=revision.id) or None
                if revision is not None and revision.id is not None and kind != ACTIVITY_PLAN
                else None
            ),
            opened_by=actor.user_id,
            opened_at=now,
            hidden=hidden,
        )
        session.add(vote)
        session.flush()
        assert vote.id is not None
        outbox.schedule(
            session,
            kind=POSTED,
            subject=subject_of(vote.id),
            destination=channel_id,
            due_at=now,
            now=now,
        )
        schedule_reminders(session, vote, now=now)
        audit.record(
            session,
            actor=actor,
            action="vote.open",
            entity=subject_of(vote.id),
            before=None,
            after={
                "kind": kind,
                "title": title,
                "proposal": proposal,
                "meeting_id": vote.meeting_id,
                "override_reason": vote.override_reason,
                "hidden": hidden,
                "goal_version": vote.goal_version,
            },
            at=now,
        )
        return view_of(session, vote, quorum)


def schedule_reminders(session: Session, vote: Vote, *, now: datetime) -> None:
    """A direct message before the vote closes to each steering member and deputy (the composer
    checks, when it is due, whether their seat has voted). A vote with no closing time has
    none."""
    if vote.closes_at is None or vote.id is None:
        return
    voters = {Role.STEERING.value, Role.STEERING_DEPUTY.value}
    outbox.schedule_at_offsets(
        session,
        kind=REMINDER,
        subject=subject_of(vote.id),
        destinations=[
            (person.slack_user_id, {"organisation_id": person.organisation_id})
            for person in queries.all_people(session)
            if voters & set(person.roles.split(";"))
        ],
        event_at=vote.closes_at,
        offsets=REMINDER_OFFSETS,
        now=now,
        working=WorkingHours(),
        keep_within=outbox.SHORTLY_BEFORE_A_MEETING,
    )
