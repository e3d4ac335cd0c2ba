"""Revisions of procurement goals, their working groups, coordinators and phases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound
from bot.domain.people import Actor, PersonView
from bot.domain.process import PROCESS_2023, Phase, first_phase, next_phase, phase_index, phases_of
from bot.domain.roles import Role
from bot.presentation.i18n import N_
from bot.presentation.text import Text, plural, text
from storage import queries
from storage.database import Database
from storage.tables import GroupMember, Person, Revision, SteeringChannel

MIN_ORGANISATIONS = 5


@dataclass(frozen=True)
class RevisionView:
    id: int
    goal: str
    process: str
    phase: Phase
    channel_id: str | None
    coordinator: PersonView | None
    group_size: int = 0


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
    overview: GroupOverview


@dataclass(frozen=True)
class PhaseOverview:
    revision: RevisionView
    phases: tuple[Phase, ...]
    current: int
    missing: tuple[Text, ...]


# -- reading -------------------------------------------------------------------------------


def _view(session: Session, revision: Revision, *, group_size: int | None = None) -> RevisionView:
    coordinator = None
    organisations = queries.organisations_by_id(session)
    if revision.coordinator_id is not None:
        person = session.get(Person, revision.coordinator_id)
        if person is not None:
            coordinator = PersonView.of(person, organisations[person.organisation_id])
    if group_size is None:
        group_size = len(queries.group_people(session, revision_id=revision.id))
    return RevisionView(
        id=revision.id,
        goal=revision.goal,
        process=revision.process,
        phase=phases_of(revision.process)[phase_index(revision.process, revision.phase)],
        channel_id=revision.channel_id,
        coordinator=coordinator,
        group_size=group_size,
    )


def _revision_here(session: Session, channel_id: str) -> Revision:
    revision = queries.revision_in_channel(session, channel_id=channel_id)
    if revision is None:
        raise NotFound(
            N_(
                "Der er ingen revision knyttet til denne kanal. Sekretariatet kan starte en med "
                "`/pogi revision start MÅL`."
            )
        )
    return revision


def revision_here(db: Database, *, channel_id: str) -> RevisionView | None:
    with db.reading() as session:
        revision = queries.revision_in_channel(session, channel_id=channel_id)
        return None if revision is None else _view(session, revision)


def all_revisions(db: Database) -> list[RevisionView]:
    with db.reading() as session:
        sizes = queries.group_sizes(session)
        return [
            _view(session, revision, group_size=sizes.get(revision.id, 0))
            for revision in queries.all_revisions(session)
        ]


def _group(session: Session, revision: Revision) -> GroupOverview:
    organisations = queries.organisations_by_id(session)
    members = [
        PersonView.of(person, organisations[person.organisation_id])
        for person in queries.group_people(session, revision_id=revision.id)
    ]
    by_organisation: dict[str, list[PersonView]] = {}
    for member in sorted(members, key=lambda p: (p.organisation.lower(), p.name.lower())):
        by_organisation.setdefault(member.organisation, []).append(member)
    view = _view(session, revision, group_size=len(members))
    return GroupOverview(view, by_organisation, check_group(view, members))


def check_group(revision: RevisionView, members: list[PersonView]) -> GroupCheck:
    """At least five member organisations, one of them the coordinator's; the coordinator sits
    on the steering group and is in the group."""
    organisations = {member.organisation for member in members}
    problems: list[Text] = []
    if len(organisations) < MIN_ORGANISATIONS:
        problems.append(
            plural(
                "Gruppen har %(count)s medlemsorganisation; der skal være mindst %(minimum)s.",
                "Gruppen har %(count)s medlemsorganisationer; der skal være mindst %(minimum)s.",
                count=len(organisations),
                minimum=MIN_ORGANISATIONS,
            )
        )
    coordinator = revision.coordinator
    if coordinator is None:
        problems.append(text(N_("Der er ikke udpeget en tovholder.")))
    else:
        if not coordinator.has(Role.STEERING):
            problems.append(
                text(
                    N_("Tovholderen, %(name)s, sidder ikke i styregruppen."), name=coordinator.name
                )
            )
        if coordinator.slack_user_id not in {member.slack_user_id for member in members}:
            problems.append(
                text(N_("Tovholderen, %(name)s, er ikke med i gruppen."), name=coordinator.name)
            )
    return GroupCheck(len(organisations), tuple(problems))


def group_overview(db: Database, *, actor: Actor, channel_id: str) -> GroupOverview:
    actor.in_roster()
    with db.reading() as session:
        return _group(session, _revision_here(session, channel_id))


def _missing_to_move_on(overview: GroupOverview) -> tuple[Text, ...]:
    phase = overview.revision.phase.key
    if phase == "forberedelse" and overview.revision.coordinator is None:
        return (text(N_("Der er ikke udpeget en tovholder.")),)
    if phase == "udvikling":
        return overview.check.problems
    return ()


def phase_overview(db: Database, *, actor: Actor, channel_id: str) -> PhaseOverview:
    return overview_here(db, actor=actor, channel_id=channel_id)[0]


def overview_here(
    db: Database, *, actor: Actor, channel_id: str
) -> tuple[PhaseOverview, GroupOverview]:
    """Where the revision in this channel stands, and its group, read once."""
    actor.in_roster()
    with db.reading() as session:
        overview = _group(session, _revision_here(session, channel_id))
    revision = overview.revision
    phase = PhaseOverview(
        revision,
        phases_of(revision.process),
        phase_index(revision.process, revision.phase.key),
        _missing_to_move_on(overview),
    )
    return phase, overview


# -- changing ------------------------------------------------------------------------------


def _audit_revision(
    session: Session,
    *,
    actor: Actor,
    action: str,
    revision: Revision,
    before: dict | None,
    after: dict | None,
    now: datetime,
) -> None:
    queries.add_audit(
        session,
        actor=actor.user_id,
        action=action,
        entity=f"revision:{revision.id}",
        before=before,
        after=after,
        at=now,
    )


def start_revision(
    db: Database, *, actor: Actor, goal: str, channel_id: str, now: datetime
) -> RevisionView:
    actor.require_secretariat(N_("Kun sekretariatet kan starte en revision."))
    goal = " ".join(goal.split())
    if not goal:
        raise InvalidInput(
            N_("Skriv hvilket indkøbsmål der skal revideres, fx `/pogi revision start Rengøring`.")
        )
    if len(goal) > 200:
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
        revision = Revision(
            goal=goal,
            process=PROCESS_2023,
            phase=first_phase(PROCESS_2023).key,
            channel_id=channel_id,
            started_at=now,
            started_by=actor.user_id,
        )
        session.add(revision)
        session.flush()
        _audit_revision(
            session,
            actor=actor,
            action="revision.start",
            revision=revision,
            before=None,
            after={"goal": goal, "phase": revision.phase, "channel_id": channel_id},
            now=now,
        )
        return _view(session, revision, group_size=0)


def _may_change_group(actor: Actor, session: Session, revision: Revision) -> None:
    person = actor.in_roster()
    if person.has(Role.SECRETARIAT):
        return
    coordinator = session.get(Person, revision.coordinator_id) if revision.coordinator_id else None
    if coordinator is None or coordinator.slack_user_id != actor.user_id:
        raise NotAllowed(N_("Kun gruppens tovholder og sekretariatet kan ændre arbejdsgruppen."))


def appoint_coordinator(
    db: Database, *, actor: Actor, channel_id: str, user_id: str, now: datetime
) -> GroupOverview:
    actor.require_secretariat(N_("Kun sekretariatet kan udpege tovholderen."))
    with db.transaction() as session:
        revision = _revision_here(session, channel_id)
        person = queries.person_by_slack_id(session, slack_user_id=user_id)
        if person is None:
            raise NotFound(
                N_("<@%(user)s> er ikke i rosteret. Tilføj personen først med `/pogi roster add`."),
                user=user_id,
            )
        view = PersonView.of(person, queries.organisations_by_id(session)[person.organisation_id])
        if not view.has(Role.STEERING):
            raise InvalidInput(
                N_("Tovholderen skal sidde i styregruppen, og det gør %(name)s ikke."),
                name=view.name,
            )
        before = revision.coordinator_id
        previous = session.get(Person, before) if before else None
        revision.coordinator_id = person.id
        session.add(revision)
        if queries.group_membership(session, revision_id=revision.id, person_id=person.id) is None:
            session.add(GroupMember(revision_id=revision.id, person_id=person.id, added_at=now))
        _audit_revision(
            session,
            actor=actor,
            action="revision.coordinator",
            revision=revision,
            before={"coordinator": previous.slack_user_id if previous else None},
            after={"coordinator": user_id},
            now=now,
        )
        session.flush()
        return _group(session, revision)


def change_group(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    add: list[str] = (),
    remove: list[str] = (),
    now: datetime,
) -> GroupChange:
    with db.transaction() as session:
        revision = _revision_here(session, channel_id)
        _may_change_group(actor, session, revision)
        organisations = queries.organisations_by_id(session)
        found = queries.people_by_slack_ids(session, slack_user_ids=[*add, *remove])
        missing = [user for user in dict.fromkeys([*add, *remove]) if user not in found]
        added: list[PersonView] = []
        already: list[PersonView] = []
        removed: list[PersonView] = []
        for user in dict.fromkeys(add):
            person = found.get(user)
            if person is None:
                continue
            view = PersonView.of(person, organisations[person.organisation_id])
            if queries.group_membership(session, revision_id=revision.id, person_id=person.id):
                already.append(view)
                continue
            session.add(GroupMember(revision_id=revision.id, person_id=person.id, added_at=now))
            added.append(view)
        for user in dict.fromkeys(remove):
            person = found.get(user)
            if person is None:
                continue
            if person.id == revision.coordinator_id:
                raise InvalidInput(
                    N_("Tovholderen kan ikke fjernes fra gruppen. Udpeg først en ny tovholder.")
                )
            membership = queries.group_membership(
                session, revision_id=revision.id, person_id=person.id
            )
            if membership is not None:
                session.delete(membership)
                removed.append(PersonView.of(person, organisations[person.organisation_id]))
        if added or removed:
            _audit_revision(
                session,
                actor=actor,
                action="group.change",
                revision=revision,
                before=None,
                after={
                    "added": [p.slack_user_id for p in added],
                    "removed": [p.slack_user_id for p in removed],
                },
                now=now,
            )
        session.flush()
        return GroupChange(added, already, missing, removed, _group(session, revision))


def set_steering_channel(
    db: Database, *, actor: Actor, channel_id: str, now: datetime
) -> str | None:
    """Make ``channel_id`` the steering group's channel; returns the previous one."""
    actor.require_secretariat(N_("Kun sekretariatet kan udpege styregruppens kanal."))
    with db.transaction() as session:
        if queries.revision_in_channel(session, channel_id=channel_id) is not None:
            raise Conflict(
                N_("Denne kanal er en arbejdsgruppes kanal og kan ikke også være styregruppens.")
            )
        current = queries.steering_channel(session)
        previous = current.channel_id if current else None
        if current is None:
            session.add(SteeringChannel(id=1, channel_id=channel_id, set_at=now))
        else:
            current.channel_id = channel_id
            current.set_at = now
            session.add(current)
        queries.add_audit(
            session,
            actor=actor.user_id,
            action="steering.channel",
            entity="steering",
            before={"channel_id": previous},
            after={"channel_id": channel_id},
            at=now,
        )
        return previous


def steering_channel(db: Database) -> str | None:
    with db.reading() as session:
        current = queries.steering_channel(session)
        return current.channel_id if current else None


def advance_phase(
    db: Database, *, actor: Actor, channel_id: str, from_phase: str, now: datetime
) -> PhaseOverview:
    """Move on from ``from_phase``; a second click on an old confirmation changes nothing."""
    actor.require_secretariat(N_("Kun sekretariatet kan flytte revisionen til næste fase."))
    with db.transaction() as session:
        revision = _revision_here(session, channel_id)
        if revision.phase != from_phase:
            raise Conflict(
                N_("Revisionen er allerede flyttet videre; den er nu i fasen %(phase)s."),
                phase=text(
                    phases_of(revision.process)[phase_index(revision.process, revision.phase)].title
                ),
            )
        upcoming = next_phase(revision.process, revision.phase)
        if upcoming is None:
            raise InvalidInput(N_("Revisionen er i sidste fase og kan ikke flyttes videre."))
        revision.phase = upcoming.key
        session.add(revision)
        _audit_revision(
            session,
            actor=actor,
            action="revision.phase",
            revision=revision,
            before={"phase": from_phase},
            after={"phase": upcoming.key},
            now=now,
        )
        session.flush()
        overview = _group(session, revision)
    return PhaseOverview(
        overview.revision,
        phases_of(revision.process),
        phase_index(revision.process, revision.phase),
        _missing_to_move_on(overview),
    )


def revisions_of_person(db: Database, *, slack_user_id: str) -> list[RevisionView]:
    """The revisions whose working group the person is in (coordinators are always in it)."""
    with db.reading() as session:
        person = queries.person_by_slack_id(session, slack_user_id=slack_user_id)
        if person is None:
            return []
        sizes = queries.group_sizes(session)
        return [
            _view(session, revision, group_size=sizes.get(revision.id, 0))
            for revision in queries.revisions_with_member(session, person_id=person.id)
        ]
