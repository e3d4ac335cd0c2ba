"""The consultation memo (høringsnotat): what it is written from, the secretariat's request for
it (composed and shared in the channel by the outbox), and the memo's own text: case number,
responsible unit, introduction, other changes and the further course."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.domain import audit, goals, outbox, permissions
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.goals import GoalDiff, GoalText
from bot.domain.hearings.themes import themes_of
from bot.domain.hearings.views import (
    MEMO,
    MEMO_WORD,
    NOT_HERE,
    Memo,
    MemoDetails,
    id_of,
    view_of,
)
from bot.domain.people import Actor
from bot.presentation.i18n import N_
from storage.database import Database
from storage.queries import goals as stored_goals
from storage.queries import hearings as stored
from storage.queries import records
from storage.tables import Hearing, Revision
from storage.tables import MemoDetails as MemoDetailsRow

ONLY_SECRETARIAT = N_("Kun sekretariatet kan udarbejde høringsnotatet.")
CASE_NUMBER_LIMIT, UNIT_LIMIT = 100, 300


def memo(db: Database, *, actor: Actor, channel_id: str, now: datetime) -> Memo:
    """Ask for the consultation memo (høringsnotat); it is composed and shared through the
    outbox."""
    actor.require_secretariat(ONLY_SECRETARIAT)
    with db.transaction() as session:
        revision = permissions.revision_here(session, channel_id, NOT_HERE)
        if not stored.of_revision(session, revision_id=id_of(revision)):
            raise InvalidInput(
                N_(
                    "Der har ikke været nogen høring endnu, så der kan ikke udarbejdes et "
                    "høringsnotat."
                )
            )
        for kind in (MEMO, MEMO_WORD):  # Markdown to read in Slack, Word to file
            outbox.schedule(
                session,
                kind=kind,
                subject=f"revision:{id_of(revision)}",
                destination=channel_id,
                due_at=now,
                data={"requested_by": actor.user_id},
                now=now,
            )
        return memo_of(session, revision)


def memo_of(session: Session, revision: Revision) -> Memo:
    """The revision's hearings, oldest first, its goal, the memo's own text and its themes;
    with the goal text put to the first hearing and what has changed in it since."""
    revision_id = id_of(revision)
    rows = stored.of_revision(session, revision_id=revision_id)
    draft, since = _goal_text_since_hearing(session, revision, rows)
    return Memo(
        [view_of(session, row) for row in rows],
        revision.goal,
        details_of(session, revision_id),
        themes_of(session, revision_id),
        draft=draft,
        since_hearing=since,
    )


def _goal_text_since_hearing(
    session: Session, revision: Revision, rows: Sequence[Hearing]
) -> tuple[GoalText | None, GoalDiff | None]:
    """The version frozen into the first hearing that had one, and its difference from the
    version current now (None when nothing was saved since)."""
    frozen = next((row.goal_version for row in rows if row.goal_version), None)
    if frozen is None:
        return None, None
    found = stored_goals.version(session, revision_id=id_of(revision), number=frozen)
    latest = stored_goals.latest(session, revision_id=id_of(revision))
    if found is None or latest is None:
        return None, None
    draft = goals.text_of(found)
    if latest.number == found.number:
        return draft, None
    return draft, goals.diff_between(revision.goal, draft, goals.text_of(latest))


def details_of(session: Session, revision_id: int) -> MemoDetails:
    row = records.memo_details(session, revision_id=revision_id)
    if row is None:
        return MemoDetails()
    return MemoDetails(
        row.case_number, row.unit, row.introduction, row.other_changes, row.further_course
    )


@dataclass(frozen=True)
class DetailsForm:
    """What the form for the memo's own text shows: the revision and what is saved."""

    revision_id: int
    goal: str
    details: MemoDetails


def details_form(db: Database, *, actor: Actor, channel_id: str) -> DetailsForm:
    actor.require_secretariat(ONLY_SECRETARIAT)
    with db.reading() as session:
        revision = permissions.revision_here(session, channel_id, NOT_HERE)
        revision_id = id_of(revision)
        return DetailsForm(revision_id, revision.goal, details_of(session, revision_id))


def save_details(
    db: Database, *, actor: Actor, revision_id: int, details: MemoDetails, now: datetime
) -> MemoDetails:
    """The memo's own text, as the secretariat wrote it; an empty field takes its default."""
    actor.require_secretariat(ONLY_SECRETARIAT)
    cleaned = MemoDetails(
        " ".join(details.case_number.split()),
        " ".join(details.unit.split()),
        details.introduction.strip(),
        details.other_changes.strip(),
        details.further_course.strip(),
    )
    if len(cleaned.case_number) > CASE_NUMBER_LIMIT:
        raise InvalidInput(
            N_("Sagsnummeret må højst være %(limit)s tegn."), limit=CASE_NUMBER_LIMIT
        )
    if len(cleaned.unit) > UNIT_LIMIT:
        raise InvalidInput(N_("Enhedens navn må højst være %(limit)s tegn."), limit=UNIT_LIMIT)
    with db.transaction() as session:
        if session.get(Revision, revision_id) is None:
            raise NotFound(N_("Revisionen findes ikke længere."))
        row = records.memo_details(session, revision_id=revision_id)
        before = None if row is None else {"case_number": row.case_number, "unit": row.unit}
        if row is None:
            row = MemoDetailsRow(revision_id=revision_id, by=actor.user_id, at=now)
        row.case_number, row.unit = cleaned.case_number, cleaned.unit
        row.introduction, row.other_changes = cleaned.introduction, cleaned.other_changes
        row.further_course = cleaned.further_course
        row.by, row.at = actor.user_id, now
        session.add(row)
        audit.record(
            session,
            actor=actor,
            action="hearing.memo_details",
            entity=f"revision:{revision_id}",
            before=before,
            after={"case_number": row.case_number, "unit": row.unit},
            at=now,
        )
        return cleaned
