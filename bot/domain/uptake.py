"""After launch: how far each member organisation has come with the goal.

When an ambassador confirms the launch, every member in the roster gets a direct message with the
approved goal text and three answers: implemented, in progress, not relevant (with an optional
note). The answer is the organisation's: any of its members may give or change it, and the latest
counts (each answer is in the audit log). Members of an organisation that has not answered are
reminded every quarter, for two years after the launch, within working hours; an answer drops the
organisation's reminders still to come.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.domain import audit, outbox
from bot.domain.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.people import Actor
from bot.domain.roles import Role
from bot.presentation.i18n import N_
from bot.timephrase.workdays import WorkingHours
from storage import queries
from storage.database import Database
from storage.queries import uptake as stored
from storage.tables import GoalUptake, Revision

IMPLEMENTED, IN_PROGRESS, NOT_RELEVANT = "implemented", "in_progress", "not_relevant"
STATUSES = (IMPLEMENTED, IN_PROGRESS, NOT_RELEVANT)
STATUS_NAMES = {
    IMPLEMENTED: N_("Implementeret"),
    IN_PROGRESS: N_("I gang"),
    NOT_RELEVANT: N_("Ikke relevant"),
}
ASK, REMINDER = "uptake.ask", "uptake.reminder"
EVERY_QUARTER = timedelta(days=91)
QUARTERS = 8
"""Reminders for two years after the launch; an organisation that has not answered by then is
shown as not answered in ``implementering``."""
NOTE_LIMIT = 1000
ONLY_MEMBERS = N_("Kun medlemmer på brugerlisten kan svare for deres organisation.")
NOT_LAUNCHED = N_("Indkøbsmålet er ikke lanceret, så der er ikke noget at svare på endnu.")
UNKNOWN_STATUS = N_("Svaret er ikke gyldigt. Vælg »Implementeret«, »I gang« eller »Ikke relevant«.")


@dataclass(frozen=True)
class OrganisationAnswer:
    organisation: str
    status: str | None
    """None: not answered."""
    note: str | None = None
    answered_by: str | None = None
    answered_at: datetime | None = None

    @property
    def status_name(self) -> str | None:
        return STATUS_NAMES[self.status] if self.status else None


@dataclass(frozen=True)
class Uptake:
    """A launched goal's uptake: each member organisation's latest answer."""

    revision_id: int
    goal: str
    channel_id: str | None
    launched_at: datetime
    version: int | None
    """The approved version of the goal text (None: none was frozen into the vote)."""
    organisations: tuple[OrganisationAnswer, ...]

    def count(self, status: str | None) -> int:
        return sum(1 for o in self.organisations if o.status == status)

    @property
    def implemented(self) -> int:
        return self.count(IMPLEMENTED)

    @property
    def relevant(self) -> int:
        return len(self.organisations) - self.count(NOT_RELEVANT)

    @property
    def share(self) -> int:
        """Per cent of the organisations for whom the goal is relevant that implemented it."""
        return round(100 * self.implemented / self.relevant) if self.relevant else 0


@dataclass(frozen=True)
class AnswerForm:
    """What the answer modal shows."""

    revision_id: int
    goal: str
    organisation: str
    status: str
    note: str | None
    locale: str | None

    @property
    def status_name(self) -> str:
        return STATUS_NAMES[self.status]


def subject_of(revision_id: int, organisation_id: int) -> str:
    return f"uptake:{revision_id}:{organisation_id}"


def ids_of(subject: str) -> tuple[int, int]:
    _, revision_id, organisation_id = subject.split(":")
    return int(revision_id), int(organisation_id)


def announce(
    session: Session,
    *,
    revision: Revision,
    version: int | None,
    now: datetime,
    working: WorkingHours | None = None,
) -> int:
    """In the launch's transaction: the direct message to every member, and the quarterly
    reminders. Returns how many members were asked."""
    asked = 0
    for person, organisation in stored.member_people(session):
        subject = subject_of(revision.id, organisation.id)
        data = {"version": version}
        outbox.schedule(
            session,
            kind=ASK,
            subject=subject,
            destination=person.slack_user_id,
            due_at=now,
            data=data,
            now=now,
        )
        for quarter in range(1, QUARTERS + 1):
            due = now + quarter * EVERY_QUARTER
            outbox.schedule(
                session,
                kind=REMINDER,
                subject=subject,
                destination=person.slack_user_id,
                due_at=working.next_start(due) if working else due,
                data=data,
                now=now,
            )
        asked += 1
    return asked


def _launched(session: Session, revision_id: int) -> Revision:
    revision = session.get(Revision, revision_id)
    if revision is None or revision.launched_at is None:
        raise NotFound(NOT_LAUNCHED)
    return revision


def _member(session: Session, actor: Actor) -> tuple[int, str, str | None]:
    """The acting member's organisation: its id and name, and the member's language."""
    person = actor.in_roster()
    if not person.has(Role.MEMBER):
        raise NotAllowed(ONLY_MEMBERS)
    found = stored.organisation_of(session, slack_user_id=actor.user_id)
    if found is None:
        raise NotAllowed(ONLY_MEMBERS)
    row, organisation = found
    return organisation.id, organisation.name, row.locale


def answer_form(db: Database, *, actor: Actor, revision_id: int, status: str) -> AnswerForm:
    """The modal for an answer: the status clicked, the organisation's note so far."""
    if status not in STATUSES:
        raise InvalidInput(UNKNOWN_STATUS)
    with db.reading() as session:
        organisation_id, organisation, locale = _member(session, actor)
        revision = _launched(session, revision_id)
        row = stored.answer_of(session, revision_id=revision.id, organisation_id=organisation_id)
        note = row.note if row is not None else None
        return AnswerForm(revision.id, revision.goal, organisation, status, note, locale)


def answer(
    db: Database, *, actor: Actor, revision_id: int, status: str, note: str, now: datetime
) -> AnswerForm:
    """The organisation's answer, replacing its earlier one; drops its reminders to come."""
    if status not in STATUSES:
        raise InvalidInput(UNKNOWN_STATUS)
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise InvalidInput(N_("Bemærkningen må højst være på %(limit)s tegn."), limit=NOTE_LIMIT)
    with db.transaction() as session:
        organisation_id, organisation, locale = _member(session, actor)
        revision = _launched(session, revision_id)
        row = stored.answer_of(session, revision_id=revision.id, organisation_id=organisation_id)
        before = None if row is None else {"status": row.status, "note": row.note}
        if row is None:
            row = GoalUptake(
                revision_id=revision.id,
                organisation_id=organisation_id,
                status=status,
                answered_by=actor.user_id,
                answered_at=now,
            )
        row.status, row.note = status, note or None
        row.answered_by, row.answered_at = actor.user_id, now
        session.add(row)
        outbox.cancel(session, subject=subject_of(revision.id, organisation_id), kinds=[REMINDER])
        audit.record(
            session,
            actor=actor,
            action="goal.uptake",
            entity=f"revision:{revision.id}",
            before=before,
            after={"status": status, "note": note or None, "organisation": organisation},
            at=now,
        )
        return AnswerForm(revision.id, revision.goal, organisation, status, note or None, locale)


def uptake_of(session: Session, revision: Revision) -> Uptake:
    """Every member organisation (and any other that answered), by name."""
    assert revision.launched_at is not None
    names = queries.organisations_by_id(session)
    answers = {row.organisation_id: row for row in stored.answers(session, revision_id=revision.id)}
    members = {organisation.id for _, organisation in stored.member_people(session)}
    rows = []
    for organisation_id in members | set(answers):
        row = answers.get(organisation_id)
        name = names[organisation_id].name if organisation_id in names else "?"
        if row is None:
            rows.append(OrganisationAnswer(name, None))
        else:
            rows.append(
                OrganisationAnswer(name, row.status, row.note, row.answered_by, row.answered_at)
            )
    return Uptake(
        revision.id,
        revision.goal,
        revision.channel_id,
        revision.launched_at,
        stored.approved_version(session, revision_id=revision.id),
        tuple(sorted(rows, key=lambda o: o.organisation.lower())),
    )


def uptake_here(db: Database, *, actor: Actor, channel_id: str) -> list[Uptake]:
    """``/pogi implementering``: this channel's goal; outside a revision's channel every launched
    goal. A revision not launched yet is refused."""
    actor.in_roster()
    with db.reading() as session:
        revision = queries.revision_in_channel(session, channel_id=channel_id)
        if revision is None:
            return [uptake_of(session, r) for r in stored.launched(session)]
        if revision.launched_at is None:
            raise NotFound(
                N_(
                    "Indkøbsmålet *%(goal)s* er ikke lanceret endnu. Implementeringen følges, "
                    "når en ambassadør har bekræftet lanceringen."
                ),
                goal=revision.goal,
            )
        return [uptake_of(session, revision)]


def launched_by_id(db: Database) -> dict[int, Uptake]:
    """Every launched goal's uptake, by revision id (``/pogi status``)."""
    with db.reading() as session:
        return {r.id: uptake_of(session, r) for r in stored.launched(session)}


def open_for(db: Database, *, slack_user_id: str) -> list[tuple[Uptake, OrganisationAnswer]]:
    """The App Home: launched goals the member's organisation has not answered »Implementeret«
    to, each with the organisation's answer so far."""
    with db.reading() as session:
        found = stored.organisation_of(session, slack_user_id=slack_user_id)
        if found is None or Role.MEMBER.value not in found[0].roles.split(";"):
            return []
        organisation = found[1].name
        result: list[tuple[Uptake, OrganisationAnswer]] = []
        for revision in stored.launched(session):
            uptake = uptake_of(session, revision)
            mine = next(o for o in uptake.organisations if o.organisation == organisation)
            if mine.status != IMPLEMENTED:
                result.append((uptake, mine))
        return result


def pending_for(session: Session, *, subject: str) -> Revision | None:
    """For the outbox: the launched revision a reminder is about, while the organisation has
    not answered (None: drop the reminder)."""
    revision_id, organisation_id = ids_of(subject)
    revision = session.get(Revision, revision_id)
    if revision is None or revision.launched_at is None:
        return None
    if stored.answer_of(session, revision_id=revision_id, organisation_id=organisation_id):
        return None
    return revision
