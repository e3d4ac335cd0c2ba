"""Where a revision stands in its process, the conditions to leave its phase, and moving on:
only when every condition is met, or past unmet ones with the secretariat's reason, recorded
for good."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.domain import audit, outbox
from bot.domain.errors import Conflict, InvalidInput
from bot.domain.people import Actor
from bot.domain.process import Phase, next_phase, phase_index, phases_of
from bot.domain.revisions.conditions import conditions_of
from bot.domain.revisions.groups import overview_of
from bot.domain.revisions.revisions import all_revisions, revision_in
from bot.domain.revisions.views import (
    GroupOverview,
    OverrideView,
    PhaseOverview,
    RevisionView,
    current_phase,
    entity_of,
    id_of,
)
from bot.presentation.i18n import N_
from bot.presentation.text import Bullets, text
from storage import queries
from storage.database import Database
from storage.queries import process as stored
from storage.tables import PhaseOverride, Revision

REASON_LIMIT = 2000
MOVED = "revision.moved"
"""The outbox kind announcing a move in the revision's channel."""
ONLY_SECRETARIAT = N_("Kun sekretariatet kan flytte revisionen til næste fase.")


class ConditionsUnmet(InvalidInput):
    """Moving on was refused: these conditions are unmet."""

    def __init__(self, overview: PhaseOverview) -> None:
        super().__init__(
            N_(
                "Revisionen kan ikke flyttes videre fra %(phase)s, før dette er på plads:\n"
                "%(missing)s"
            ),
            phase=text(overview.revision.phase.title),
            missing=Bullets(tuple(condition.label for condition in overview.unmet)),
        )
        self.overview = overview


def phase_view(
    session: Session, revision: Revision, view: RevisionView, *, now: datetime
) -> PhaseOverview:
    """The revision's phases and the conditions of the current one, read in one statement."""
    facts = stored.facts(session, now=now, revision_id=id_of(revision))[id_of(revision)]
    overrides = tuple(
        OverrideView(
            row.from_phase, row.to_phase, tuple(row.unmet or ()), row.reason, row.by, row.at
        )
        for row in stored.overrides(session, revision_id=id_of(revision))
    )
    return PhaseOverview(
        view,
        phases_of(revision.process),
        phase_index(revision.process, revision.phase),
        conditions_of(view.phase, facts),
        overrides,
        facts.goal_version,
    )


def phase_overview(db: Database, *, actor: Actor, channel_id: str, now: datetime) -> PhaseOverview:
    return overview_here(db, actor=actor, channel_id=channel_id, now=now)[0]


def overview_here(
    db: Database, *, actor: Actor, channel_id: str, now: datetime
) -> tuple[PhaseOverview, GroupOverview]:
    """Where the revision in this channel stands, its conditions and its group, read once."""
    actor.in_roster()
    with db.reading() as session:
        revision = revision_in(session, channel_id)
        group = overview_of(session, revision)
        return phase_view(session, revision, group.revision, now=now), group


def status_here(
    db: Database, *, actor: Actor, channel_id: str, now: datetime
) -> tuple[PhaseOverview, GroupOverview] | None:
    """As ``overview_here``, read in one session; None where no revision is bound."""
    actor.in_roster()
    with db.reading() as session:
        revision = queries.revision_in_channel(session, channel_id=channel_id)
        if revision is None:
            return None
        group = overview_of(session, revision)
        return phase_view(session, revision, group.revision, now=now), group


def advance_phase(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    from_phase: str,
    now: datetime,
    reason: str | None = None,
) -> PhaseOverview:
    """Move on from ``from_phase`` when every condition is met; with a ``reason``, past unmet
    ones too (``Flyt alligevel``), recorded in the audit log and on the revision for good. A
    second click on an old confirmation changes nothing."""
    actor.require_secretariat(ONLY_SECRETARIAT)
    if reason is not None:
        reason = reason.strip()
        if not reason:
            raise InvalidInput(N_("Skriv en begrundelse for at flytte revisionen alligevel."))
        if len(reason) > REASON_LIMIT:
            raise InvalidInput(N_("Begrundelsen må højst være på 2000 tegn."))
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
        before = phase_view(session, revision, overview_of(session, revision).revision, now=now)
        unmet = [condition.key for condition in before.unmet]
        if unmet and reason is None:
            raise ConditionsUnmet(before)
        revision.phase = upcoming.key
        session.add(revision)
        after: dict[str, object] = {"phase": upcoming.key}
        if unmet:
            session.add(
                PhaseOverride(
                    revision_id=id_of(revision),
                    from_phase=from_phase,
                    to_phase=upcoming.key,
                    unmet=unmet,
                    reason=reason or "",
                    by=actor.user_id,
                    at=now,
                )
            )
            after |= {"unmet": unmet, "reason": reason}
        outbox.schedule(
            session,
            kind=MOVED,
            subject=entity_of(revision),
            destination=channel_id,
            due_at=now,
            data={"phase": upcoming.key, "by": actor.user_id},
            now=now,
        )
        audit.record(
            session,
            actor=actor,
            action="revision.phase",
            entity=entity_of(revision),
            before={"phase": from_phase},
            after=after,
            at=now,
        )
        session.flush()
        return phase_view(session, revision, overview_of(session, revision).revision, now=now)


def conditions_everywhere(db: Database, *, now: datetime) -> dict[int, PhaseOverview]:
    """Every revision's phases and conditions, by revision id, read in one statement."""
    views = {view.id: view for view in all_revisions(db)}
    with db.reading() as session:
        facts = stored.facts(session, now=now)
    return {
        revision_id: PhaseOverview(
            view,
            phases_of(view.process),
            phase_index(view.process, view.phase.key),
            conditions_of(view.phase, facts[revision_id]),
            goal_version=facts[revision_id].goal_version,
        )
        for revision_id, view in views.items()
        if revision_id in facts
    }


@dataclass(frozen=True)
class Moved:
    """What the channel is told of a move: the goal, the phase it moved to (its number of how
    many), and who moved it."""

    goal: str
    phase: Phase
    number: int
    total: int
    by: str


def moved(session: Session, *, revision_id: int, phase: str, by: str) -> Moved | None:
    """The announcement of a move to ``phase``, as the revision stands; None if it is gone."""
    revision = session.get(Revision, revision_id)
    if revision is None:
        return None
    phases = phases_of(revision.process)
    index = phase_index(revision.process, phase)
    return Moved(revision.goal, phases[index], index + 1, len(phases), by)
