"""Starting a revision, and reading which revisions there are and who is in them."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.domain import audit, permissions
from bot.domain.errors import Conflict, InvalidInput
from bot.domain.people import Actor
from bot.domain.process import DEFAULT_PROCESS, first_phase, phases_of
from bot.domain.revisions.views import RevisionView, current_phase, entity_of, id_of, view_of
from bot.presentation.i18n import N_
from bot.presentation.text import text
from storage import queries
from storage.database import Database
from storage.queries import revisions as revision_queries
from storage.tables import Revision

GOAL_LIMIT = 200


def revision_in(session: Session, channel_id: str) -> Revision:
    """The revision bound to this channel, or a refusal that says how to start one."""
    return permissions.revision_here(
        session,
        channel_id,
        N_(
            "Der er ingen revision knyttet til denne kanal. Sekretariatet kan starte en med "
            "`/pogi revision start MÅL`."
        ),
    )


def revision_here(db: Database, *, channel_id: str) -> RevisionView | None:
    with db.reading() as session:
        revision = queries.revision_in_channel(session, channel_id=channel_id)
        return None if revision is None else view_of(session, revision)


def all_revisions(db: Database) -> list[RevisionView]:
    """Every revision, read in a few statements however many there are: the revisions, their
    coordinators, the organisations and the group sizes."""
    with db.reading() as session:
        sizes = queries.group_sizes(session)
        organisations = queries.organisations_by_id(session)
        found = revision_queries.all_revisions(session)
        coordinators = {
            person.id: person
            for person in revision_queries.people_by_ids(
                session, ids=[r.coordinator_id for r in found if r.coordinator_id is not None]
            )
        }
        return [
            view_of(
                session,
                revision,
                group_size=sizes.get(id_of(revision), 0),
                organisations=organisations,
                coordinators=coordinators,
            )
            for revision in found
        ]


def revisions_of_person(db: Database, *, slack_user_id: str) -> list[RevisionView]:
    """The revisions whose working group the person is in (coordinators are always in it)."""
    with db.reading() as session:
        person = queries.person_by_slack_id(session, slack_user_id=slack_user_id)
        if person is None or person.id is None:
            return []
        sizes = queries.group_sizes(session)
        return [
            view_of(session, revision, group_size=sizes.get(id_of(revision), 0))
            for revision in revision_queries.revisions_with_member(session, person_id=person.id)
        ]


def start_revision(
    db: Database,
    *,
    actor: Actor,
    goal: str,
    channel_id: str,
    now: datetime,
    process: str = DEFAULT_PROCESS,
) -> RevisionView:
    """Start a revision of ``goal`` following ``process`` (``bot.domain.process``); a goal has
    one revision at a time: until the running one reaches its last phase."""
    actor.require_secretariat(N_("Kun sekretariatet kan starte en revision."))
    goal = " ".join(goal.split())
    if not goal:
        raise InvalidInput(
            N_("Skriv, hvilket indkøbsmål der skal revideres, fx `/pogi revision start Rengøring`.")
        )
    if len(goal) > GOAL_LIMIT:
        raise InvalidInput(N_("Målets navn må højst være på 200 tegn."))
    with db.transaction() as session:
        existing = queries.revision_in_channel(session, channel_id=channel_id)
        if existing is not None:
            raise Conflict(
                N_("Denne kanal er allerede arbejdsgruppens kanal for revisionen af %(goal)s."),
                goal=existing.goal,
            )
        steering = queries.steering_channel(session)
        if steering is not None and steering.channel_id == channel_id:
            raise Conflict(
                N_("Dette er styregruppens kanal. Start revisionen i arbejdsgruppens egen kanal.")
            )
        running = _running_revision_of(session, goal)
        if running is not None:
            raise Conflict(
                N_(
                    "%(goal)s er allerede under revision i <#%(channel)s> (fasen %(phase)s). Et "
                    "indkøbsmål revideres én gang ad gangen."
                ),
                goal=running.goal,
                channel=running.channel_id or "",
                phase=text(current_phase(running).title),
            )
        revision = Revision(
            goal=goal,
            process=process,
            phase=first_phase(process).key,
            channel_id=channel_id,
            started_at=now,
            started_by=actor.user_id,
        )
        session.add(revision)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="revision.start",
            entity=entity_of(revision),
            before=None,
            after={
                "goal": goal,
                "process": process,
                "phase": revision.phase,
                "channel_id": channel_id,
            },
            at=now,
        )
        return view_of(session, revision, group_size=0)


def _running_revision_of(session: Session, goal: str) -> Revision | None:
    """The revision of ``goal`` (however capitalised) that has not reached its last phase."""
    for revision in revision_queries.all_revisions(session):
        last = phases_of(revision.process)[-1].key
        if revision.goal.casefold() == goal.casefold() and revision.phase != last:
            return revision
    return None
