"""The roster: organisations and people, imported from CSV or added one at a time."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain import audit
from bot.domain.errors import InvalidInput
from bot.domain.people import Actor, PersonView
from bot.domain.roles import Role, encode_roles, parse_roles
from bot.presentation.i18n import N_
from bot.presentation.text import Text, plural, text
from storage import queries
from storage.database import Database
from storage.tables import Person

COLUMNS = ("slack_user_id", "name", "organisation", "roles")
SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,30}$")


@dataclass(frozen=True)
class RosterEntry:
    slack_user_id: str
    name: str
    organisation: str
    roles: frozenset[Role]
    line: int = 0


# The role words `/pogi roster add` takes, in the reader's language (the CSV file takes the codes).
ROLE_WORDS = N_(
    "sekretariat, styregruppemedlem, suppleant, medlem, ambassadør, rådgiver, indkøbschef"
)


@dataclass(frozen=True)
class ImportProblem:
    line: int
    text: Text


class RosterImportError(InvalidInput):
    """A roster file with problems; nothing was imported."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__(N_("Brugerlisten blev ikke indlæst."))
        self.text = plural(
            "Brugerlisten blev ikke indlæst: Filen har %(count)s fejl.",
            "Brugerlisten blev ikke indlæst: Filen har %(count)s fejl.",
            count=len(problems),
        )
        self.problems = problems


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def read_roster_csv(content: str) -> list[RosterEntry]:
    """Parse and check the whole file; raise ``RosterImportError`` listing every bad line."""
    content = content.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(content))
    problems: list[ImportProblem] = []
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        raise RosterImportError([ImportProblem(1, text(N_("Filen er tom.")))]) from None
    if tuple(header[:4]) != COLUMNS:
        hint = N_("Første linje skal være kolonnenavnene %(columns)s.")
        if len(header) == 1 and ";" in header[0]:
            hint = N_(
                "Filen ser ud til at være adskilt med semikolon. Brug komma mellem kolonnerne "
                "%(columns)s og semikolon mellem roller."
            )
        raise RosterImportError([ImportProblem(1, text(hint, columns=",".join(COLUMNS)))])

    entries: list[RosterEntry] = []
    first_line_of: dict[str, int] = {}
    next_start = reader.line_num + 1
    for row in reader:
        # a quoted field may span lines: a row is reported on the line where it starts
        line, next_start = next_start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        cells = [cell.strip() for cell in row] + [""] * (4 - len(row))
        slack_user_id, name, organisation, role_text = cells[:4]
        row_problems: list[Text] = []
        if not slack_user_id:
            row_problems.append(text(N_("Slack-id mangler.")))
        elif not SLACK_USER_ID.match(slack_user_id):
            row_problems.append(
                text(
                    N_("%(value)s er ikke et Slack-bruger-id (fx U012AB3CD)."), value=slack_user_id
                )
            )
        elif slack_user_id in first_line_of:
            row_problems.append(
                text(
                    N_("Slack-id %(value)s står også på linje %(other)s."),
                    value=slack_user_id,
                    other=first_line_of[slack_user_id],
                )
            )
        if not name:
            row_problems.append(text(N_("Navn mangler.")))
        if not organisation:
            row_problems.append(text(N_("Organisation mangler.")))
        roles, unknown = parse_roles(role_text)
        for word in unknown:
            row_problems.append(
                text(
                    N_("Ukendt rolle: %(role)s. Mulige roller: %(known)s."),
                    role=word,
                    known=", ".join(role.value for role in Role),
                )
            )
        if not roles and not unknown:
            row_problems.append(text(N_("Mindst én rolle skal angives.")))
        if slack_user_id and slack_user_id not in first_line_of:
            first_line_of[slack_user_id] = line
        if row_problems:
            problems.extend(ImportProblem(line, problem) for problem in row_problems)
        else:
            entries.append(
                RosterEntry(slack_user_id, name, organisation, frozenset(roles), line=line)
            )
    if problems:
        raise RosterImportError(problems)
    return entries


def _snapshot(person: Person, organisation: str) -> dict[str, object]:
    return {"name": person.name, "organisation": organisation, "roles": person.roles}


def import_roster(
    db: Database, *, entries: list[RosterEntry], actor: str, now: datetime
) -> ImportResult:
    """Create or update every entry in one transaction; re-importing changes nothing twice."""
    result = ImportResult()
    with db.transaction() as session:
        organisations = {org.id: org.name for org in queries.organisations_by_id(session).values()}
        for entry in entries:
            organisation = queries.get_or_create_organisation(session, name=entry.organisation)
            assert organisation.id is not None, "a stored organisation has an id"
            organisations[organisation.id] = organisation.name
            person = queries.person_by_slack_id(session, slack_user_id=entry.slack_user_id)
            wanted_roles = encode_roles(entry.roles)
            if person is None:
                person = Person(
                    slack_user_id=entry.slack_user_id,
                    name=entry.name,
                    organisation_id=organisation.id,
                    roles=wanted_roles,
                    created_at=now,
                )
                session.add(person)
                audit.record(
                    session,
                    actor=actor,
                    action="person.create",
                    entity=f"person:{entry.slack_user_id}",
                    before=None,
                    after=_snapshot(person, organisation.name),
                    at=now,
                )
                result.created.append(entry.slack_user_id)
                continue
            before = _snapshot(person, organisations[person.organisation_id])
            person.name = entry.name
            person.organisation_id = organisation.id
            person.roles = wanted_roles
            after = _snapshot(person, organisation.name)
            if before == after:
                result.unchanged.append(entry.slack_user_id)
                continue
            session.add(person)
            audit.record(
                session,
                actor=actor,
                action="person.update",
                entity=f"person:{entry.slack_user_id}",
                before=before,
                after=after,
                at=now,
            )
            result.updated.append(entry.slack_user_id)
    return result


def add_person(
    db: Database,
    *,
    actor: Actor,
    slack_user_id: str,
    name: str,
    organisation: str,
    roles: frozenset[Role],
    now: datetime,
) -> tuple[PersonView, bool]:
    """Add someone to the roster or update them; returns the entry and whether it is new."""
    actor.require_secretariat(N_("Kun sekretariatet kan ændre brugerlisten."))
    organisation = organisation.strip()
    if not organisation:
        raise InvalidInput(
            N_("Angiv organisationen, fx `/pogi roster add @navn Aarhus Kommune medlem`.")
        )
    if not roles:
        raise InvalidInput(N_("Angiv mindst én rolle: %(known)s."), known=text(ROLE_WORDS))
    entry = RosterEntry(slack_user_id, name, organisation, roles)
    result = import_roster(db, entries=[entry], actor=actor.user_id, now=now)
    person = find_person(db, slack_user_id=slack_user_id)
    assert person is not None
    return person, bool(result.created)


def find_person(db: Database, *, slack_user_id: str) -> PersonView | None:
    """The user's roster entry, read now."""
    with db.reading() as session:
        found = queries.person_with_organisation(session, slack_user_id=slack_user_id)
        return None if found is None else PersonView.of(*found)


def roster_by_organisation(db: Database, *, actor: Actor) -> dict[str, list[PersonView]]:
    actor.require_secretariat(N_("Kun sekretariatet kan se og ændre brugerlisten."))
    grouped: dict[str, list[PersonView]] = defaultdict(list)
    with db.reading() as session:
        organisations = queries.organisations_by_id(session)
        for person in queries.all_people(session):
            view = PersonView.of(person, organisations[person.organisation_id])
            grouped[view.organisation].append(view)
    return dict(sorted(grouped.items(), key=lambda item: item[0].lower()))


def roster_is_empty(db: Database) -> bool:
    with db.reading() as session:
        return queries.count_people(session) == 0


def remember_locale(db: Database, *, slack_user_id: str, locale: str) -> None:
    """Keep the user's Slack locale so later answers need no Web API call."""
    with db.transaction(housekeeping=True) as session:
        person = queries.person_by_slack_id(session, slack_user_id=slack_user_id)
        if person is None or person.locale == locale:
            return
        person.locale = locale
        session.add(person)
