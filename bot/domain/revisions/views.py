"""What a revision looks like from outside: its view, its group's overview and check, where it
stands in its phases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.domain.people import PersonView
from bot.domain.process import PROCESSES, Phase, phase_index, phase_of, phases_of
from bot.domain.revisions.conditions import ConditionView, label_of
from bot.presentation.text import Text
from storage import queries
from storage.tables import Organisation, Person, Revision


@dataclass(frozen=True)
class RevisionView:
    id: int
    goal: str
    process: str
    phase: Phase
    channel_id: str | None
    coordinator: PersonView | None
    group_size: int = 0

    @property
    def process_title(self) -> str:
        return PROCESSES[self.process].title


@dataclass(frozen=True)
class GroupCheck:
    """Whether a working group meets the rule of the 2023 process (seeds/003)."""

    organisation_count: int
    problems: tuple[Text, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class GroupOverview:
    revision: RevisionView
    members_by_organisation: dict[str, list[PersonView]]
    check: GroupCheck


@dataclass(frozen=True)
class GroupChange:
    added: list[PersonView]
    already: list[PersonView]
    not_in_roster: list[str]
    removed: list[PersonView]
    not_member: list[str]
    overview: GroupOverview


@dataclass(frozen=True)
class OverrideView:
    """A move past unmet conditions (``Flyt alligevel``)."""

    from_phase: str
    to_phase: str
    unmet: tuple[str, ...]
    reason: str
    by: str
    at: datetime

    @property
    def unmet_labels(self) -> tuple[Text, ...]:
        return tuple(label_of(key) for key in self.unmet)

    def phase_title(self, process: str, key: str) -> str:
        return phase_of(process, key).title


@dataclass(frozen=True)
class PhaseOverview:
    revision: RevisionView
    phases: tuple[Phase, ...]
    current: int
    conditions: tuple[ConditionView, ...] = ()
    overrides: tuple[OverrideView, ...] = ()
    goal_version: int | None = None
    """The goal text's current version (None: no text yet)."""

    @property
    def unmet(self) -> tuple[ConditionView, ...]:
        return tuple(condition for condition in self.conditions if not condition.met)

    @property
    def missing(self) -> tuple[Text, ...]:
        """The unmet conditions' statements."""
        return tuple(condition.label for condition in self.unmet)

    @property
    def ready(self) -> bool:
        return not self.unmet


def id_of(revision: Revision) -> int:
    """The id of a revision that is stored (read, or added and flushed)."""
    assert revision.id is not None, "the revision is not stored yet"
    return revision.id


def entity_of(revision: Revision) -> str:
    """The revision's name in the audit log."""
    return f"revision:{id_of(revision)}"


def current_phase(revision: Revision) -> Phase:
    return phases_of(revision.process)[phase_index(revision.process, revision.phase)]


def view_of(
    session: Session,
    revision: Revision,
    *,
    group_size: int | None = None,
    organisations: dict[int, Organisation] | None = None,
    coordinators: dict[int, Person] | None = None,
) -> RevisionView:
    """The revision as seen from outside; ``organisations`` and ``coordinators`` (by id) when
    the caller has read them already, as for a list of revisions."""
    coordinator = None
    if organisations is None:
        organisations = queries.organisations_by_id(session)
    if revision.coordinator_id is not None:
        person = (
            coordinators.get(revision.coordinator_id)
            if coordinators is not None
            else session.get(Person, revision.coordinator_id)
        )
        if person is not None:
            coordinator = PersonView.of(person, organisations[person.organisation_id])
    if group_size is None:
        group_size = len(queries.group_people(session, revision_id=id_of(revision)))
    return RevisionView(
        id=id_of(revision),
        goal=revision.goal,
        process=revision.process,
        phase=current_phase(revision),
        channel_id=revision.channel_id,
        coordinator=coordinator,
        group_size=group_size,
    )
