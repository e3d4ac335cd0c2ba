"""Where a revision stands in its process, what it lacks to move on, and moving on."""

from __future__ import annotations

from datetime import datetime

from bot.domain import audit
from bot.domain.errors import Conflict, InvalidInput
from bot.domain.people import Actor
from bot.domain.process import next_phase, phase_index, phases_of
from bot.domain.revisions.groups import overview_of
from bot.domain.revisions.revisions import revision_in
from bot.domain.revisions.views import GroupOverview, PhaseOverview, current_phase, entity_of
from bot.presentation.i18n import N_
from bot.presentation.text import Text, text
from storage.database import Database


def _missing_to_move_on(overview: GroupOverview) -> tuple[Text, ...]:
    phase = overview.revision.phase.key
    if phase == "forberedelse" and overview.revision.coordinator is None:
        return (text(N_("Der er ikke udpeget en tovholder.")),)
    if phase == "udvikling":
        return overview.check.problems
    return ()


def _phases(overview: GroupOverview) -> PhaseOverview:
    revision = overview.revision
    return PhaseOverview(
        revision,
        phases_of(revision.process),
        phase_index(revision.process, revision.phase.key),
        _missing_to_move_on(overview),
    )


def phase_overview(db: Database, *, actor: Actor, channel_id: str) -> PhaseOverview:
    return overview_here(db, actor=actor, channel_id=channel_id)[0]


def overview_here(
    db: Database, *, actor: Actor, channel_id: str
) -> tuple[PhaseOverview, GroupOverview]:
    """Where the revision in this channel stands, and its group, read once."""
    actor.in_roster()
    with db.reading() as session:
        overview = overview_of(session, revision_in(session, channel_id))
    return _phases(overview), overview


def advance_phase(
    db: Database, *, actor: Actor, channel_id: str, from_phase: str, now: datetime
) -> PhaseOverview:
    """Move on from ``from_phase``; a second click on an old confirmation changes nothing."""
    actor.require_secretariat(N_("Kun sekretariatet kan flytte revisionen til næste fase."))
    with db.transaction() as session:
        revision = revision_in(session, channel_id)
        if revision.phase != from_phase:
            raise Conflict(
                N_("Revisionen er allerede flyttet videre; den er nu i fasen %(phase)s."),
                phase=text(current_phase(revision).title),
            )
        upcoming = next_phase(revision.process, revision.phase)
        if upcoming is None:
            raise InvalidInput(N_("Revisionen er i sidste fase og kan ikke flyttes videre."))
        revision.phase = upcoming.key
        session.add(revision)
        audit.record(
            session,
            actor=actor,
            action="revision.phase",
            entity=entity_of(revision),
            before={"phase": from_phase},
            after={"phase": upcoming.key},
            at=now,
        )
        session.flush()
        overview = overview_of(session, revision)
    return _phases(overview)
