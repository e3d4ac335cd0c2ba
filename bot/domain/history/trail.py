"""A revision's history from the audit log: read in pages in its channel, or whole as CSV and
JSON files (the channel's through the outbox, any revision's or all from the command line)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.domain import outbox, permissions
from bot.domain.errors import InvalidInput
from bot.domain.history.sentences import describe
from bot.domain.people import Actor
from bot.presentation.i18n import N_, Translator
from bot.presentation.labels import ERASED_LABEL, ERASED_PREFIX
from bot.presentation.text import Text, text
from bot.presentation.timeformat import format_moment
from storage import queries
from storage.database import Database
from storage.queries import audit as stored
from storage.queries.revisions import all_revisions
from storage.tables import AuditEntry, Hearing, Homework, Meeting, MeetingPoll, Revision, Vote

PAGE_SIZE = 20
EXPORT_CSV, EXPORT_JSON = "history.csv", "history.json"
ONLY_SECRETARIAT = N_("Kun sekretariatet kan se og hente historikken.")
NOT_HERE = N_("Historikken hører til en revision: skriv `/pogi historik` i arbejdsgruppens kanal.")
_BOT_ACTORS = {"pogi": "pogi", "cli": N_("kommandolinjen")}


@dataclass(frozen=True)
class HistoryLine:
    id: int
    at: datetime
    actor: str
    who: str | Text
    action: str
    entity: str
    sentence: Text
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class HistoryPage:
    goal: str
    lines: list[HistoryLine]
    number: int
    pages: int
    total: int


class _Names:
    """People and things named from the database, each looked up once."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.people = {p.slack_user_id: p.name for p in queries.all_people(session)}
        self.things: dict[str, str | Text] = {}

    def person(self, user_id: str) -> str | Text:
        if user_id.startswith(ERASED_PREFIX):
            return text(ERASED_LABEL)
        if user_id in self.people:
            return self.people[user_id]
        if user_id in _BOT_ACTORS:
            return text(_BOT_ACTORS[user_id])
        return user_id

    def thing(self, entity: str) -> str | Text:
        if entity not in self.things:
            self.things[entity] = self._thing(entity)
        return self.things[entity]

    def _thing(self, entity: str) -> str | Text:
        kind, _, key = entity.partition(":")
        if kind == "person":
            return self.person(key)
        if kind == "steering":
            return text(N_("styregruppens kanal"))
        number = int(key) if key.isdigit() else None
        if kind == "revision" and (revision := self._get(Revision, number)):
            return text(N_("revisionen af %(goal)s"), goal=revision.goal)
        if kind == "meeting" and (meeting := self._get(Meeting, number)):
            if meeting.title:
                return text(
                    N_("møde %(number)s »%(title)s«"), number=meeting.number, title=meeting.title
                )
            return text(N_("møde %(number)s"), number=meeting.number)
        if kind == "homework" and (homework := self._get(Homework, number)):
            return text(N_("hjemmearbejdet »%(task)s«"), task=homework.task)
        if kind == "hearing" and (hearing := self._get(Hearing, number)):
            if hearing.kind == "industry":
                return text(N_("branchehøringen"))
            return text(N_("den interne høring"))
        if kind == "vote" and (vote := self._get(Vote, number)):
            if vote.kind == "activity_plan":
                return text(N_("afstemningen om aktivitetsplanen for %(year)s"), year=vote.title)
            return text(N_("afstemningen om %(title)s"), title=vote.title)
        if kind == "poll" and (poll := self._get(MeetingPoll, number)):
            if poll.title:
                return text(N_("forslaget til mødetidspunkter »%(title)s«"), title=poll.title)
            return text(N_("forslaget til mødetidspunkter"))
        if kind == "activity_plan" and number is not None:
            return text(N_("aktivitetsplanen for %(year)s"), year=str(number))
        return entity

    def _get(self, table: Any, number: int | None) -> Any:
        return None if number is None else self.session.get(table, number)


def _line(entry: AuditEntry, names: _Names) -> HistoryLine:
    row = {
        "actor": entry.actor,
        "action": entry.action,
        "entity": entry.entity,
        "before": entry.before,
        "after": entry.after,
    }
    return HistoryLine(
        entry.id,
        entry.at,
        entry.actor,
        names.person(entry.actor),
        entry.action,
        entry.entity,
        describe(row, names),
        entry.before,
        entry.after,
    )


def _revision_here(session: Session, channel_id: str) -> Revision:
    return permissions.revision_here(session, channel_id, NOT_HERE)


def page(db: Database, *, actor: Actor, channel_id: str, number: int = 1) -> HistoryPage:
    """Page ``number`` of this channel's revision's history, newest first."""
    actor.require_secretariat(ONLY_SECRETARIAT)
    with db.reading() as session:
        revision = _revision_here(session, channel_id)
        entities = stored.revision_entities(session, revision_ids=[revision.id])
        _, total = stored.audit_page(session, entities=entities, limit=0)
        pages = max(1, -(-total // PAGE_SIZE))
        if number < 1 or number > pages:
            raise InvalidInput(
                N_(
                    "Historikken har ingen side %(number)s; den sidste er side %(pages)s "
                    "(`/pogi historik %(pages)s`)."
                ),
                number=number,
                pages=pages,
            )
        rows, _ = stored.audit_page(
            session, entities=entities, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE
        )
        names = _Names(session)
        return HistoryPage(revision.goal, [_line(row, names) for row in rows], number, pages, total)


def request_export(db: Database, *, actor: Actor, channel_id: str, now: datetime) -> str:
    """Ask for the channel's revision's history as CSV and JSON files, shared in the channel
    through the outbox; returns the goal."""
    actor.require_secretariat(ONLY_SECRETARIAT)
    with db.transaction() as session:
        revision = _revision_here(session, channel_id)
        for kind in (EXPORT_CSV, EXPORT_JSON):
            outbox.schedule(
                session,
                kind=kind,
                subject=f"revision:{revision.id}",
                destination=channel_id,
                due_at=now,
                data={"requested_by": actor.user_id},
                now=now,
            )
        return revision.goal


def lines_of(
    session: Session, *, revision_ids: list[int] | None = None, since: datetime | None = None
) -> list[HistoryLine]:
    """The whole history, newest first: of the revisions, or everything in the log."""
    entities = None
    if revision_ids is not None:
        entities = stored.revision_entities(session, revision_ids=revision_ids)
    rows, _ = stored.audit_page(session, entities=entities, since=since)
    names = _Names(session)
    return [_line(row, names) for row in rows]


def goal_of(session: Session, *, revision_id: int) -> str | None:
    revision = session.get(Revision, revision_id)
    return None if revision is None else revision.goal


def export(db: Database, *, goal: str | None, since: datetime | None) -> list[HistoryLine]:
    """For the command line: the history of the revisions of ``goal`` (every revision of that
    goal), or the whole log; from ``since`` on."""
    with db.reading() as session:
        revision_ids = None
        if goal is not None:
            revision_ids = [
                r.id for r in all_revisions(session) if r.goal.casefold() == goal.casefold()
            ]
            if not revision_ids:
                raise InvalidInput(N_("Der er ingen revision af %(goal)s."), goal=goal)
        return lines_of(session, revision_ids=revision_ids, since=since)


# -- the files -----------------------------------------------------------------------------

COLUMNS = ("id", "at", "when", "actor", "who", "action", "entity", "what", "before", "after")


def _record(line: HistoryLine, tr: Translator) -> dict[str, Any]:
    who = line.who.render(tr) if isinstance(line.who, Text) else line.who
    return {
        "id": line.id,
        "at": line.at.isoformat(),
        "when": format_moment(line.at, zone=tr.zone, language=tr.language),
        "actor": line.actor,
        "who": who,
        "action": line.action,
        "entity": line.entity,
        "what": line.sentence.render(tr),
        "before": line.before,
        "after": line.after,
    }


def as_csv(lines: list[HistoryLine], tr: Translator) -> str:
    """One row a change, newest first; ``what`` in words, ``before`` and ``after`` as stored."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for line in lines:
        record = _record(line, tr)
        for key in ("before", "after"):
            value = record[key]
            record[key] = "" if value is None else json.dumps(value, ensure_ascii=False)
        writer.writerow(record)
    return out.getvalue()


def as_json(lines: list[HistoryLine], tr: Translator) -> str:
    return json.dumps([_record(line, tr) for line in lines], ensure_ascii=False, indent=2) + "\n"
