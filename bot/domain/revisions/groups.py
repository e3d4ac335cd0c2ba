"""A revision's working group: who is in it, its coordinator, and the rule it must meet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session

from bot.domain import audit
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.people import Actor, PersonView
from bot.domain.permissions import require_coordinator_or_secretariat
from bot.domain.process import MIN_ORGANISATIONS
from bot.domain.revisions.revisions import revision_in
from bot.domain.revisions.rotation import require_next_in_turn
from bot.domain.revisions.views import (
    GroupChange,
    GroupCheck,
    GroupOverview,
    RevisionView,
    entity_of,
    id_of,
    view_of,
)
from bot.domain.roles import Role
from bot.presentation.i18n import N_
from bot.presentation.text import Text, plural, text
from storage import queries
from storage.database import Database
from storage.queries import revisions as revision_queries
from storage.tables import CoordinatorTerm, GroupMember, Person, Revision


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


def overview_of(session: Session, revision: Revision) -> GroupOverview:
    """The group by organisation, and how it stands against the rule."""
    organisations = queries.organisations_by_id(session)
    members = [
        PersonView.of(person, organisations[person.organisation_id])
        for person in queries.group_people(session, revision_id=id_of(revision))
    ]
    by_organisation: dict[str, list[PersonView]] = {}
    for member in sorted(members, key=lambda p: (p.organisation.lower(), p.name.lower())):
        by_organisation.setdefault(member.organisation, []).append(member)
    view = view_of(session, revision, group_size=len(members), organisations=organisations)
    return GroupOverview(view, by_organisation, check_group(view, members))


def group_overview(db: Database, *, actor: Actor, channel_id: str) -> GroupOverview:
    actor.in_roster()
    with db.reading() as session:
        return overview_of(session, revision_in(session, channel_id))


def _membership(session: Session, revision: Revision, person_id: int) -> GroupMember | None:
    return revision_queries.group_membership(
        session, revision_id=id_of(revision), person_id=person_id
    )


def _person_id(person: Person) -> int:
    assert person.id is not None, "the person is not stored yet"
    return person.id


def appoint_coordinator(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    user_id: str,
    now: datetime,
    by_rotation: bool = False,
) -> GroupOverview:
    """Appoint the coordinator, directly or as the next in turn (``by_rotation``); the term is
    stored, and the rotation reads it."""
    actor.require_secretariat(N_("Kun sekretariatet kan udpege tovholderen."))
    with db.transaction() as session:
        revision = revision_in(session, channel_id)
        if by_rotation:
            require_next_in_turn(session, revision, user_id)
        person = queries.person_by_slack_id(session, slack_user_id=user_id)
        if person is None:
            raise NotFound(
                N_(
                    "<@%(user)s> står ikke på brugerlisten. Tilføj personen først med "
                    "`/pogi roster add`."
                ),
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
        revision.coordinator_id = _person_id(person)
        session.add(revision)
        if before != revision.coordinator_id:
            session.add(
                CoordinatorTerm(
                    revision_id=id_of(revision),
                    person_id=_person_id(person),
                    organisation_id=person.organisation_id,
                    by_rotation=by_rotation,
                    appointed_by=actor.user_id,
                    appointed_at=now,
                )
            )
        if _membership(session, revision, _person_id(person)) is None:
            session.add(
                GroupMember(revision_id=id_of(revision), person_id=_person_id(person), added_at=now)
            )
        audit.record(
            session,
            actor=actor,
            action="revision.coordinator",
            entity=entity_of(revision),
            before={"coordinator": previous.slack_user_id if previous else None},
            after={"coordinator": user_id, "by_rotation": by_rotation},
            at=now,
        )
        session.flush()
        return overview_of(session, revision)


def change_group(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
    now: datetime,
) -> GroupChange:
    with db.transaction() as session:
        revision = revision_in(session, channel_id)
        require_coordinator_or_secretariat(
            session,
            actor,
            revision,
            N_("Kun gruppens tovholder og sekretariatet kan ændre arbejdsgruppen."),
        )
        organisations = queries.organisations_by_id(session)
        found = queries.people_by_slack_ids(session, slack_user_ids=[*add, *remove])
        missing = [user for user in dict.fromkeys(add) if user not in found]
        not_member: list[str] = []
        added: list[PersonView] = []
        already: list[PersonView] = []
        removed: list[PersonView] = []
        for user in dict.fromkeys(add):
            person = found.get(user)
            if person is None:
                continue
            view = PersonView.of(person, organisations[person.organisation_id])
            if _membership(session, revision, _person_id(person)):
                already.append(view)
                continue
            session.add(
                GroupMember(revision_id=id_of(revision), person_id=_person_id(person), added_at=now)
            )
            added.append(view)
        for user in dict.fromkeys(remove):
            person = found.get(user)
            if person is None:
                not_member.append(user)
                continue
            if person.id == revision.coordinator_id:
                raise InvalidInput(
                    N_("Tovholderen kan ikke fjernes fra gruppen. Udpeg først en ny tovholder.")
                )
            membership = _membership(session, revision, _person_id(person))
            if membership is None:
                not_member.append(user)
                continue
            session.delete(membership)
            removed.append(PersonView.of(person, organisations[person.organisation_id]))
        if added or removed:
            audit.record(
                session,
                actor=actor,
                action="group.change",
                entity=entity_of(revision),
                before=None,
                after={
                    "added": [p.slack_user_id for p in added],
                    "removed": [p.slack_user_id for p in removed],
                },
                at=now,
            )
        session.flush()
        return GroupChange(
            added, already, missing, removed, not_member, overview_of(session, revision)
        )
