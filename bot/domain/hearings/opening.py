"""Opening a hearing: the deadline as the secretariat writes it, the rules for when a round may
open (one open round of a kind; the industry hearing after a closed internal one, with parties
to consult), the short-notice question, and the announcement, invitations and reminders."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.domain import audit, outbox, permissions
from bot.domain.deadlines import deadline_from
from bot.domain.errors import Conflict, InvalidInput
from bot.domain.hearings.views import (
    ANNOUNCED,
    CUSTOMARY,
    INDUSTRY,
    INTERNAL,
    INVITED,
    NOT_HERE,
    OPEN,
    REMINDER,
    HearingView,
    ShortNotice,
    consulted_now,
    contacts,
    id_of,
    member_organisations,
    parties_of,
    subject_of,
    view_of,
)
from bot.domain.people import Actor
from bot.domain.process import INDUSTRY_HEARING, INTERNAL_HEARING, phase_allowing, phase_of
from bot.presentation.i18n import N_
from bot.presentation.text import text as text_of
from bot.timephrase import workdays
from bot.timephrase.workdays import WorkingHours
from storage.database import Database
from storage.queries import goals as stored_goals
from storage.queries import hearings as stored
from storage.tables import Hearing, Person, Revision

ONLY_SECRETARIAT = N_("Kun sekretariatet kan åbne en høring.")
IN_THE_PAST = N_("Høringsfristen ligger i fortiden (%(when)s).")
NO_DEADLINE = N_("Skriv høringsfristen, fx `/pogi høring intern 15. januar kl. 12 LINK`.")


def _may_open(session: Session, revision: Revision, kind: str) -> None:
    _in_its_phase(revision, kind)
    revision_id = id_of(revision)
    if stored.still_open(session, revision_id=revision_id, kind=kind):
        if kind == INDUSTRY:
            raise Conflict(N_("Der er allerede en åben branchehøring om dette indkøbsmål."))
        raise Conflict(N_("Der er allerede en åben intern høring om dette indkøbsmål."))
    if kind != INDUSTRY:
        return
    internal = stored.latest(session, revision_id=revision_id, kind=INTERNAL)
    if internal is None:
        raise InvalidInput(
            N_(
                "Branchehøringen følger efter den interne høring, som endnu ikke er gennemført. "
                "Start med `/pogi høring intern FRIST`."
            )
        )
    if internal.status == OPEN:
        raise InvalidInput(
            N_(
                "Den interne høring er stadig åben (frist %(when)s). "
                "Branchehøringen kan først åbnes, når den er lukket."
            ),
            when=internal.deadline,
        )
    if not stored.parties(session, revision_id=revision_id):
        raise InvalidInput(
            N_(
                "Høringslisten er tom. Tilføj de parter, der skal høres, med "
                "`/pogi høring part add ORGANISATION; KONTAKT; E-MAIL`."
            )
        )


def _in_its_phase(revision: Revision, kind: str) -> None:
    """A hearing opens only in the phase of the revision's process that holds it."""
    allowed = INTERNAL_HEARING if kind == INTERNAL else INDUSTRY_HEARING
    if allowed in phase_of(revision.process, revision.phase).allows:
        return
    where = phase_allowing(revision.process, allowed)
    if where is None:
        raise InvalidInput(N_("Revisionens proces har ingen branchehøring."))
    raise InvalidInput(
        N_(
            "Revisionen er i fasen %(phase)s, og høringen hører til fasen %(where)s. "
            "Sekretariatet flytter revisionen med `/pogi fase næste`, når betingelserne er "
            "opfyldt."
        ),
        phase=text_of(phase_of(revision.process, revision.phase).title),
        where=text_of(where.title),
    )


def propose(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    kind: str,
    text: str,
    url: str,
    now: datetime,
    zone: ZoneInfo,
    reminders: tuple[timedelta, ...],
    language: str | None = None,
    working: WorkingHours | None = None,
) -> HearingView | ShortNotice:
    """Open at once, or ask first when the deadline gives under four weeks. ``text`` is the
    deadline as written (``21. december kl. 12``), ``url`` the draft's address or empty."""
    actor.require_secretariat(ONLY_SECRETARIAT)
    deadline = deadline_from(
        text,
        now=now,
        zone=zone,
        language=language,
        missing=NO_DEADLINE,
        in_the_past=IN_THE_PAST,
    )
    with db.reading() as session:
        _may_open(session, permissions.revision_here(session, channel_id, NOT_HERE), kind)
    if deadline - now < CUSTOMARY:
        local = (now.astimezone(zone).date(), deadline.astimezone(zone).date())
        return ShortNotice(
            kind, deadline, url, max(0, (deadline - now).days), workdays.working_days(*local)
        )
    return open_hearing(
        db,
        actor=actor,
        channel_id=channel_id,
        kind=kind,
        deadline=deadline,
        url=url,
        now=now,
        reminders=reminders,
        working=working or WorkingHours(zone=zone),
    )


def open_hearing(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    kind: str,
    deadline: datetime,
    url: str,
    now: datetime,
    reminders: tuple[timedelta, ...],
    working: WorkingHours | None = None,
) -> HearingView:
    """Open the hearing: announce it in the channel, invite the consulted organisations'
    contacts and remind them ``reminders`` before the deadline (in ``working`` hours). A
    deadline that has passed (a short notice confirmed too late) is refused."""
    if deadline <= now:
        raise InvalidInput(IN_THE_PAST, when=deadline)
    actor.require_secretariat(ONLY_SECRETARIAT)
    with db.transaction() as session:
        revision = permissions.revision_here(session, channel_id, NOT_HERE)
        _may_open(session, revision, kind)
        hearing = Hearing(
            revision_id=id_of(revision),
            channel_id=channel_id,
            kind=kind,
            deadline=deadline,
            url=url,
            opened_by=actor.user_id,
            opened_at=now,
            goal_version=stored_goals.latest_number(session, revision_id=id_of(revision)) or None,
        )
        hearing.consulted = consulted_now(session, hearing)
        session.add(hearing)
        session.flush()
        subject = subject_of(id_of(hearing))
        outbox.schedule(
            session, kind=ANNOUNCED, subject=subject, destination=channel_id, due_at=now, now=now
        )
        invited = _invitees(session, hearing)
        for person in invited:
            outbox.schedule(
                session,
                kind=INVITED,
                subject=subject,
                destination=person.slack_user_id,
                due_at=now,
                now=now,
            )
        outbox.schedule_at_offsets(
            session,
            kind=REMINDER,
            subject=subject,
            destinations=[
                (person.slack_user_id, {"organisation_id": person.organisation_id})
                for person in invited
            ],
            event_at=deadline,
            offsets=reminders,
            now=now,
            working=working or WorkingHours(),
        )
        audit.record(
            session,
            actor=actor,
            action="hearing.open",
            entity=subject,
            before=None,
            after={
                "kind": kind,
                "deadline": deadline.isoformat(),
                "url": url,
                "goal_version": hearing.goal_version,
            },
            at=now,
        )
        return view_of(session, hearing)


open_confirmed = open_hearing
"""The secretariat confirmed a short notice (kind, deadline and URL read back from the button):
the hearing opens the same way, unless its deadline has passed meanwhile."""


def _invitees(session: Session, hearing: Hearing) -> list[Person]:
    """Internal hearing: every member organisation's contacts. Industry hearing: the listed
    parties' contacts who are in the roster (guests in a shared channel); the rest answer by
    e-mail and the secretariat registers their answers."""
    organisations = (
        member_organisations(session)
        if hearing.kind == INTERNAL
        else [p.organisation for p in parties_of(session, hearing.revision_id)]
    )
    people: list[Person] = []
    for organisation in organisations:
        people.extend(contacts(session, organisation))
    return people
