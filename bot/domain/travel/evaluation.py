"""Phase 4: after the closing workshop each organisation evaluates what it got out of the round:
a 1–5 rating per question and free text. The questions are the form's
(``templates/slack/travel/_evaluation.j2``); the results are gathered per question, with the
comments, and exported as a CSV file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.domain import audit, outbox
from bot.domain.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.people import Actor
from bot.domain.travel.access import organisation_of, require_runner, round_here
from bot.domain.travel.views import EVALUATION_EXPORT as EXPORT
from bot.presentation.i18n import N_
from storage import queries
from storage.database import Database
from storage.queries import travel as travel_queries
from storage.tables import TravelEvaluation, TravelParticipant, TravelRound

COMMENT_LIMIT = 3000
RATINGS = range(1, 6)


@dataclass(frozen=True)
class EvaluationForm:
    participant_id: int
    organisation: str
    team: str
    ratings: dict[str, int]
    comment: str


@dataclass(frozen=True)
class QuestionResult:
    key: str
    answers: int
    average: float | None
    counts: tuple[int, ...]
    """How many gave 1, 2, 3, 4 and 5."""


@dataclass(frozen=True)
class Results:
    team: str
    channel_id: str
    organisations: int
    answered: tuple[str, ...]
    missing: tuple[str, ...]
    questions: tuple[QuestionResult, ...]
    comments: tuple[tuple[str, str], ...]
    """(organisation, comment) for every answer with one."""
    rows: tuple[tuple[str, dict[str, int], str, str], ...]
    """(organisation, ratings, comment, by) for the export."""


def _participant(session: Session, actor: Actor, participant_id: int) -> TravelParticipant:
    """The organisation's participation, once the actor belongs to it."""
    person = actor.in_roster()
    participant = session.get(TravelParticipant, participant_id)
    if participant is None or participant.status != travel_queries.ACTIVE:
        raise NotFound(N_("Organisationen deltager ikke længere i rejseholdet."))
    organisation = organisation_of(session, participant)
    if person.organisation != organisation.name:
        raise NotAllowed(
            N_("Kun personer fra %(organisation)s kan evaluere rejseholdet for organisationen."),
            organisation=organisation.name,
        )
    return participant


def form(db: Database, *, actor: Actor, participant_id: int) -> EvaluationForm:
    with db.reading() as session:
        participant = _participant(session, actor, participant_id)
        team = session.get(TravelRound, participant.round_id)
        assert team is not None
        given = travel_queries.evaluation(
            session, round_id=team.id, organisation_id=participant.organisation_id
        )
        return EvaluationForm(
            participant_id=participant.id,
            organisation=organisation_of(session, participant).name,
            team=team.name,
            ratings=dict(given.ratings or {}) if given else {},
            comment=given.comment if given else "",
        )


def record(
    db: Database,
    *,
    actor: Actor,
    participant_id: int,
    ratings: dict[str, str],
    comment: str,
    now: datetime,
) -> EvaluationForm:
    """Keep the organisation's evaluation; answering again replaces it."""
    if not ratings:
        raise InvalidInput(N_("Giv en vurdering fra 1 til 5 for hvert spørgsmål."))
    scores: dict[str, int] = {}
    for key, value in ratings.items():
        if not value.isdigit() or int(value) not in RATINGS:
            raise InvalidInput(N_("Giv en vurdering fra 1 til 5 for hvert spørgsmål."))
        scores[key] = int(value)
    comment = comment.strip()
    if len(comment) > COMMENT_LIMIT:
        raise InvalidInput(N_("Teksten er for lang (højst %(limit)s tegn)."), limit=COMMENT_LIMIT)
    with db.transaction() as session:
        participant = _participant(session, actor, participant_id)
        given = travel_queries.evaluation(
            session, round_id=participant.round_id, organisation_id=participant.organisation_id
        )
        before = {"ratings": given.ratings, "comment": given.comment} if given else None
        if given is None:
            given = TravelEvaluation(
                round_id=participant.round_id,
                organisation_id=participant.organisation_id,
                by=actor.user_id,
                at=now,
            )
        given.ratings, given.comment, given.by, given.at = scores, comment, actor.user_id, now
        session.add(given)
        audit.record(
            session,
            actor=actor,
            action="travel.evaluation",
            entity=f"travel:{participant.round_id}",
            before=before,
            after={
                "organisation": organisation_of(session, participant).name,
                "ratings": scores,
                "comment": comment,
            },
            at=now,
        )
    return form(db, actor=actor, participant_id=participant_id)


def results_of(session: Session, team: TravelRound) -> Results:
    organisations = queries.organisations_by_id(session)
    taking_part = [
        organisations[p.organisation_id].name
        for p in travel_queries.participants(session, round_id=team.id)
    ]
    answers = [
        (organisations[e.organisation_id].name, e)
        for e in travel_queries.evaluations(session, round_id=team.id)
    ]
    keys = sorted({key for _, e in answers for key in (e.ratings or {})})
    questions = []
    for key in keys:
        given = [int((e.ratings or {})[key]) for _, e in answers if key in (e.ratings or {})]
        questions.append(
            QuestionResult(
                key=key,
                answers=len(given),
                average=round(sum(given) / len(given), 1) if given else None,
                counts=tuple(given.count(score) for score in RATINGS),
            )
        )
    answered = tuple(name for name, _ in answers)
    return Results(
        team=team.name,
        channel_id=team.channel_id,
        organisations=len(taking_part),
        answered=answered,
        missing=tuple(name for name in taking_part if name not in answered),
        questions=tuple(questions),
        comments=tuple((name, e.comment) for name, e in answers if e.comment),
        rows=tuple((name, dict(e.ratings or {}), e.comment, e.by) for name, e in answers),
    )


def results(db: Database, *, actor: Actor, channel_id: str, now: datetime) -> Results:
    """``rejsehold evaluering``: the round's results, and the export file sent to whoever
    asked."""
    with db.transaction() as session:
        require_runner(actor, N_("se rejseholdets evaluering"))
        team = round_here(session, channel_id)
        found = results_of(session, team)
        if found.answered:
            outbox.schedule(
                session,
                kind=EXPORT,
                subject=f"travel:{team.id}",
                destination=actor.user_id,
                due_at=now,
                data={"requested_by": actor.user_id},
                now=now,
            )
        return found


def as_csv(results: Results, headings: list[str]) -> str:
    """One row an organisation: its name, a column a question, the comment and who answered;
    ``headings`` are the columns' names in the reader's language."""
    keys = [question.key for question in results.questions]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    for organisation, ratings, comment, by in results.rows:
        writer.writerow([organisation, *(ratings.get(key, "") for key in keys), comment, by])
    return out.getvalue()


def round_for_export(session: Session, round_id: int) -> TravelRound | None:
    return session.get(TravelRound, round_id)
