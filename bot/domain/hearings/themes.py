"""The themes of a consultation memo: the secretariat (or the group's coordinator) names a
theme, writes a summary of what the answers under it say, assigns the answers, and records the
working group's remarks, whether the point is taken and what changes. Answers are summarised,
never cut: the memo's annex has each in full."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.domain import audit, permissions
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.hearings.views import (
    DECISIONS,
    NOT_HERE,
    HearingView,
    ThemeView,
    id_of,
    view_of,
)
from bot.domain.people import Actor
from bot.presentation.i18n import N_
from storage.database import Database
from storage.queries import hearings as stored
from storage.queries import records
from storage.tables import HearingTheme, Revision

ONLY_COORDINATOR_OR_SECRETARIAT = N_(
    "Kun gruppens tovholder og sekretariatet kan behandle høringssvar."
)
TITLE_LIMIT = 200


@dataclass(frozen=True)
class ThemeInput:
    """A theme as the form gives it."""

    title: str
    summary: str
    remarks: str
    decision: str
    change: str
    answers: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class AnswerChoice:
    """An answer a theme can summarise: its hearing, the hearing's kind and the organisation."""

    hearing_id: int
    kind: str
    organisation: str


@dataclass(frozen=True)
class ThemeForm:
    revision_id: int
    goal: str
    theme: ThemeView | None
    """``None`` for a new theme."""
    choices: list[AnswerChoice]


@dataclass(frozen=True)
class ThemeList:
    goal: str
    themes: list[ThemeView]
    unthemed: list[AnswerChoice]
    """Answers with comments that no theme summarises yet."""


def themes_of(session: Session, revision_id: int) -> list[ThemeView]:
    return [_view(row) for row in records.themes(session, revision_id=revision_id)]


def _view(row: HearingTheme) -> ThemeView:
    answers = tuple((int(a["hearing"]), str(a["organisation"])) for a in row.answers or [])
    return ThemeView(
        row.number, row.title, row.summary, row.remarks, row.decision, row.change, answers
    )


def _hearings(session: Session, revision_id: int) -> list[HearingView]:
    """The revision's hearings, the internal one first."""
    return [view_of(session, row) for row in stored.of_revision(session, revision_id=revision_id)]


def _choices(hearings: list[HearingView]) -> list[AnswerChoice]:
    """Every answer of the hearings, in their order."""
    return [
        AnswerChoice(view.id, view.kind, answer.organisation)
        for view in hearings
        for answer in view.answers
    ]


def _revision(session: Session, actor: Actor, revision: Revision | None) -> Revision:
    if revision is None:
        raise NotFound(NOT_HERE)
    permissions.require_coordinator_or_secretariat(
        session, actor, revision, ONLY_COORDINATOR_OR_SECRETARIAT
    )
    return revision


def _theme(session: Session, revision_id: int, number: int) -> HearingTheme:
    row = records.theme(session, revision_id=revision_id, number=number)
    if row is None:
        raise NotFound(N_("Der er intet tema %(number)s."), number=number)
    return row


def listing(db: Database, *, actor: Actor, channel_id: str) -> ThemeList:
    """The revision's themes, and the answers with comments that no theme summarises."""
    actor.in_roster()
    with db.reading() as session:
        revision = permissions.revision_here(session, channel_id, NOT_HERE)
        revision_id = id_of(revision)
        themes = themes_of(session, revision_id)
        hearings = _hearings(session, revision_id)
        placed = {pair for theme in themes for pair in theme.answers} | {
            (view.id, organisation) for view in hearings for organisation in view.without_comments
        }
        unthemed = [
            choice
            for choice in _choices(hearings)
            if (choice.hearing_id, choice.organisation) not in placed
        ]
        return ThemeList(revision.goal, themes, unthemed)


def theme_form(db: Database, *, actor: Actor, channel_id: str, number: int | None) -> ThemeForm:
    """What the form for a new theme (``number`` None) or theme ``number`` shows."""
    with db.reading() as session:
        revision = permissions.revision_here(session, channel_id, NOT_HERE)
        revision_id = id_of(_revision(session, actor, revision))
        if not stored.of_revision(session, revision_id=revision_id):
            raise InvalidInput(
                N_(
                    "Der har ikke været nogen høring endnu, så der er ingen høringssvar at "
                    "samle i temaer."
                )
            )
        theme = None if number is None else _view(_theme(session, revision_id, number))
        return ThemeForm(
            revision_id, revision.goal, theme, _choices(_hearings(session, revision_id))
        )


def save_theme(
    db: Database,
    *,
    actor: Actor,
    revision_id: int,
    number: int | None,
    theme: ThemeInput,
    now: datetime,
) -> ThemeView:
    """A new theme (``number`` None, numbered after the last) or theme ``number`` changed."""
    title = " ".join(theme.title.split())
    if not title:
        raise InvalidInput(N_("Giv temaet en overskrift."))
    if len(title) > TITLE_LIMIT:
        raise InvalidInput(N_("Overskriften må højst være %(limit)s tegn."), limit=TITLE_LIMIT)
    if theme.decision and theme.decision not in DECISIONS:
        raise InvalidInput(N_("Vælg en konklusion blandt dem, formularen viser."))
    with db.transaction() as session:
        revision = _revision(session, actor, session.get(Revision, revision_id))
        known = {
            (c.hearing_id, c.organisation) for c in _choices(_hearings(session, id_of(revision)))
        }
        unknown = [o for h, o in theme.answers if (h, o) not in known]
        if unknown:
            raise InvalidInput(
                N_("%(organisation)s har ikke afgivet høringssvar."), organisation=unknown[0]
            )
        before = None
        if number is None:
            row = HearingTheme(
                revision_id=revision_id,
                number=records.next_theme_number(session, revision_id=revision_id),
                title=title,
                by=actor.user_id,
                at=now,
            )
        else:
            row = _theme(session, revision_id, number)
            before = {"title": row.title, "decision": row.decision, "answers": row.answers}
        row.title, row.summary, row.remarks = title, theme.summary.strip(), theme.remarks.strip()
        row.decision, row.change = theme.decision, theme.change.strip()
        row.answers = [{"hearing": h, "organisation": o} for h, o in theme.answers]
        row.by, row.at = actor.user_id, now
        session.add(row)
        audit.record(
            session,
            actor=actor,
            action="hearing.theme",
            entity=f"revision:{revision_id}",
            before=before,
            after={
                "number": row.number,
                "title": row.title,
                "decision": row.decision,
                "answers": row.answers,
            },
            at=now,
        )
        return _view(row)


def remove_theme(db: Database, *, actor: Actor, channel_id: str, number: int, now: datetime) -> str:
    """Theme ``number`` removed; the answers it summarised stay. Returns its title."""
    with db.transaction() as session:
        revision = _revision(
            session, actor, permissions.revision_here(session, channel_id, NOT_HERE)
        )
        row = _theme(session, id_of(revision), number)
        title = row.title
        audit.record(
            session,
            actor=actor,
            action="hearing.theme_removed",
            entity=f"revision:{id_of(revision)}",
            before={"number": number, "title": title, "answers": row.answers},
            after=None,
            at=now,
        )
        session.delete(row)
        return title
