"""Good examples for the travelling team's communication (news, case stories, interviews): a
candidate from a participating organisation moves through the stages Kandidat → Interview
aftalt → Case skrevet → Publiceret, each step with who and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.domain import audit
from bot.domain.errors import Conflict, InvalidInput, NotFound
from bot.domain.people import Actor
from bot.domain.travel.access import require_runner, round_here
from bot.domain.travel.meetings import split_organisation
from bot.presentation.i18n import N_
from storage import queries
from storage.database import Database
from storage.queries import travel as travel_queries
from storage.tables import TravelExample, TravelRound

CANDIDATE, INTERVIEW, CASE, PUBLISHED = "candidate", "interview", "case", "published"
STAGES = (CANDIDATE, INTERVIEW, CASE, PUBLISHED)
TITLE_LIMIT = 200
LINK_LIMIT = 1000
WHAT = N_("registrere og flytte gode eksempler")


@dataclass(frozen=True)
class Step:
    stage: str
    by: str
    at: datetime


@dataclass(frozen=True)
class ExampleView:
    id: int
    organisation: str
    title: str
    stage: str
    steps: tuple[Step, ...]
    link: str
    team: str

    @property
    def next_stage(self) -> str | None:
        index = STAGES.index(self.stage)
        return STAGES[index + 1] if index + 1 < len(STAGES) else None


def view_of(session: Session, example: TravelExample) -> ExampleView:
    team = session.get(TravelRound, example.round_id)
    organisation = queries.organisations_by_id(session)[example.organisation_id].name
    return ExampleView(
        id=example.id,
        organisation=organisation,
        title=example.title,
        stage=example.stage,
        steps=tuple(
            Step(s["stage"], s["by"], datetime.fromisoformat(s["at"])) for s in example.steps or []
        ),
        link=example.link,
        team=team.name if team else "",
    )


def add(db: Database, *, actor: Actor, channel_id: str, text: str, now: datetime) -> ExampleView:
    """``eksempel add ORG TITEL``: a candidate from one of the round's organisations."""
    with db.transaction() as session:
        require_runner(actor, WHAT)
        team = round_here(session, channel_id)
        participant, _, title = split_organisation(session, team, text)
        title = " ".join(title.split())
        if not title:
            raise InvalidInput(
                N_(
                    "Skriv eksemplets titel efter organisationen, fx "
                    "`/pogi eksempel add %(example)s`."
                ),
                example="Vejle Kommune Grøn rengøring på skolerne",
            )
        if len(title) > TITLE_LIMIT:
            raise InvalidInput(N_("Titlen er for lang (højst %(limit)s tegn)."), limit=TITLE_LIMIT)
        example = TravelExample(
            round_id=team.id,
            organisation_id=participant.organisation_id,
            title=title,
            stage=CANDIDATE,
            steps=[{"stage": CANDIDATE, "by": actor.user_id, "at": now.isoformat()}],
            added_by=actor.user_id,
            added_at=now,
        )
        session.add(example)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="travel.example_add",
            entity=f"travel_example:{example.id}",
            before=None,
            after={"title": title, "stage": CANDIDATE},
            at=now,
        )
        return view_of(session, example)


def _example(session: Session, example_id: int) -> TravelExample:
    example = session.get(TravelExample, example_id)
    if example is None:
        raise NotFound(
            N_("Der er intet eksempel nummer %(number)s. Se eksemplerne med `/pogi eksempler`."),
            number=example_id,
        )
    return example


def step(
    db: Database,
    *,
    actor: Actor,
    example_id: int,
    stage: str,
    now: datetime,
    link: str | None = None,
) -> ExampleView:
    """Move an example on to ``stage``, the next one; a click on a stage already passed is
    refused (someone else moved it)."""
    with db.transaction() as session:
        require_runner(actor, WHAT)
        example = _example(session, example_id)
        if stage not in STAGES:
            raise InvalidInput(N_("Det trin findes ikke."))
        if STAGES.index(stage) != STAGES.index(example.stage) + 1:
            raise Conflict(
                N_("Eksemplet er allerede flyttet. Se, hvor det står, med `/pogi eksempler`.")
            )
        before = {"stage": example.stage, "link": example.link}
        example.stage = stage
        example.steps = [
            *(example.steps or []),
            {"stage": stage, "by": actor.user_id, "at": now.isoformat()},
        ]
        if link:
            example.link = link
        session.add(example)
        audit.record(
            session,
            actor=actor,
            action="travel.example_step",
            entity=f"travel_example:{example.id}",
            before=before,
            after={"stage": stage, "link": example.link},
            at=now,
        )
        return view_of(session, example)


def set_link(
    db: Database, *, actor: Actor, example_id: int, link: str, now: datetime
) -> ExampleView:
    """``eksempel link N URL``: the case story or the published piece."""
    link = link.strip()
    if not link.startswith(("http://", "https://")) or len(link) > LINK_LIMIT:
        raise InvalidInput(N_("Skriv et link, der begynder med https://."))
    with db.transaction() as session:
        require_runner(actor, WHAT)
        example = _example(session, example_id)
        before = {"link": example.link}
        example.link = link
        session.add(example)
        audit.record(
            session,
            actor=actor,
            action="travel.example_link",
            entity=f"travel_example:{example.id}",
            before=before,
            after={"link": link},
            at=now,
        )
        return view_of(session, example)


def listing(db: Database, *, actor: Actor, channel_id: str) -> list[ExampleView]:
    """The round's examples here, or every round's elsewhere, in stage order."""
    with db.reading() as session:
        actor.in_roster()
        team = travel_queries.round_in_channel(session, channel_id=channel_id)
        found = [
            view_of(session, example)
            for example in travel_queries.examples(session, round_id=team.id if team else None)
        ]
        return sorted(found, key=lambda e: (STAGES.index(e.stage), e.id))
