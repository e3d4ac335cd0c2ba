"""Answers: the answer form and whom the responder answers for, a member's or guest's answer
given in Slack, and an answer the secretariat registers from e-mail. Each answer is a new
version; the organisation's latest counts and earlier ones are kept."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session

from bot.domain import audit
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound
from bot.domain.hearings.views import (
    ANSWER_LIMIT,
    INTERNAL,
    NO_SUCH_HEARING,
    OPEN,
    AnswerView,
    HearingView,
    consulted,
    id_of,
    subject_of,
    view_of,
)
from bot.domain.people import Actor
from bot.domain.roles import Role
from bot.presentation.i18n import N_
from storage.database import Database
from storage.queries import hearings as stored
from storage.tables import Hearing, HearingAnswer

ONLY_SECRETARIAT_REGISTERS = N_("Kun sekretariatet kan registrere høringssvar modtaget pr. e-mail.")
CHOOSE_ORGANISATION = N_("Vælg den organisation, du svarer for.")
WRITE_ANSWER = N_("Skriv høringssvaret.")


def _answerable(session: Session, hearing_id: int, now: datetime) -> Hearing:
    """The hearing, if it still takes answers."""
    hearing = session.get(Hearing, hearing_id)
    if hearing is None:
        raise NotFound(NO_SUCH_HEARING)
    if hearing.status != OPEN and hearing.closed_at and hearing.closed_at < hearing.deadline:
        raise Conflict(
            N_(
                "Sekretariatet lukkede høringen før fristen, %(when)s. Kontakt sekretariatet, "
                "hvis I alligevel vil indsende et svar."
            ),
            when=hearing.closed_at,
        )
    if hearing.status != OPEN or hearing.deadline <= now:
        raise Conflict(
            N_(
                "Høringen er lukket; fristen var %(when)s. Kontakt sekretariatet, hvis "
                "I alligevel vil indsende et svar."
            ),
            when=hearing.deadline,
        )
    return hearing


def answer_form(
    db: Database,
    *,
    actor: Actor,
    hearing_id: int,
    now: datetime,
) -> tuple[HearingView, str | None, AnswerView | None, list[str]]:
    """The hearing, the responder's organisation (None: choose a party), their current answer,
    and the parties to choose from. Someone who chooses a party and has answered before finds
    the party they answered for last, with its current answer."""
    with db.reading() as session:
        hearing = _answerable(session, hearing_id, now)
        view = view_of(session, hearing)
        organisation = _responder_organisation(actor, hearing, view.consulted)
        answered_for = organisation or _last_answered_for(session, hearing, actor.user_id)
        current = next((a for a in view.answers if a.organisation == answered_for), None)
        choices = view.consulted if organisation is None else []
        return view, organisation, current, choices


def _last_answered_for(session: Session, hearing: Hearing, user_id: str) -> str | None:
    mine = [
        a for a in stored.answers(session, hearing_id=id_of(hearing)) if a.submitted_by == user_id
    ]
    return max(mine, key=lambda answer: answer.id).organisation if mine else None


def _responder_organisation(actor: Actor, hearing: Hearing, names: list[str]) -> str | None:
    """Whom the actor answers for among the consulted ``names``; None: they choose."""
    person = actor.person
    if hearing.kind == INTERNAL:
        if person is None:
            raise NotAllowed(
                N_(
                    "Kun Partnerskabets medlemmer kan afgive høringssvar her, og du er ikke "
                    "registreret i pogi. Bed sekretariatet om at tilføje dig, eller send dit svar "
                    "direkte til sekretariatet."
                )
            )
        if person.organisation not in names:
            raise NotAllowed(
                N_("%(organisation)s er ikke blandt de hørte organisationer."),
                organisation=person.organisation,
            )
        return person.organisation
    if person is not None:
        if person.organisation in names or person.has(Role.SECRETARIAT):
            return person.organisation if person.organisation in names else None
        raise NotAllowed(
            N_("%(organisation)s er ikke på høringslisten for branchehøringen."),
            organisation=person.organisation,
        )
    return None  # a guest from an industry party chooses which party they answer for


def submit_answer(
    db: Database,
    *,
    actor: Actor,
    hearing_id: int,
    organisation: str | None,
    text: str,
    url: str,
    now: datetime,
) -> AnswerView:
    """Store a new version of the organisation's answer before the modal closes."""
    text = text.strip()
    if not text:
        raise InvalidInput(WRITE_ANSWER)
    if len(text) > ANSWER_LIMIT:
        raise InvalidInput(N_("Høringssvaret må højst fylde %(limit)s tegn."), limit=ANSWER_LIMIT)
    with db.transaction() as session:
        hearing = _answerable(session, hearing_id, now)
        names = consulted(session, hearing)
        chosen = _responder_organisation(actor, hearing, names) or organisation
        if not chosen or chosen not in names:
            raise InvalidInput(CHOOSE_ORGANISATION)
        return _store_answer(
            session,
            hearing,
            organisation=chosen,
            text=text,
            url=url.strip(),
            by=actor.user_id,
            received_on=None,
            now=now,
        )


def _store_answer(
    session: Session,
    hearing: Hearing,
    *,
    organisation: str,
    text: str,
    url: str,
    by: str,
    received_on: date | None,
    now: datetime,
) -> AnswerView:
    hearing_id = id_of(hearing)
    version = stored.latest_version(session, hearing_id=hearing_id, organisation=organisation)
    row = HearingAnswer(
        hearing_id=hearing_id,
        organisation=organisation,
        version=version + 1,
        text=text,
        url=url,
        submitted_by=by,
        received_on=received_on,
        created_at=now,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=by,
        action="hearing.answer",
        entity=subject_of(hearing_id),
        before=None,
        after={
            "organisation": organisation,
            "version": row.version,
            "received_on": received_on.isoformat() if received_on else None,
        },
        at=now,
    )
    return AnswerView(organisation, text, url, row.version, by, received_on, now)


def register_form(db: Database, *, actor: Actor, hearing_id: int) -> HearingView:
    """The hearing, for the secretariat's form to register an answer received by e-mail."""
    actor.require_secretariat(ONLY_SECRETARIAT_REGISTERS)
    with db.reading() as session:
        hearing = session.get(Hearing, hearing_id)
        if hearing is None:
            raise NotFound(NO_SUCH_HEARING)
        return view_of(session, hearing)


def register_answer(
    db: Database,
    *,
    actor: Actor,
    hearing_id: int,
    organisation: str,
    received_on: date,
    text: str,
    url: str,
    now: datetime,
) -> AnswerView:
    """The secretariat registers an industry party's answer received by e-mail."""
    actor.require_secretariat(ONLY_SECRETARIAT_REGISTERS)
    text = text.strip()
    if not text:
        raise InvalidInput(WRITE_ANSWER)
    with db.transaction() as session:
        hearing = session.get(Hearing, hearing_id)
        if hearing is None:
            raise NotFound(NO_SUCH_HEARING)
        if organisation not in view_of(session, hearing).consulted:
            raise InvalidInput(CHOOSE_ORGANISATION)
        if received_on > now.date() + timedelta(days=1):
            raise InvalidInput(N_("Modtagelsesdatoen ligger i fremtiden."))
        return _store_answer(
            session,
            hearing,
            organisation=organisation,
            text=text,
            url=url,
            by=actor.user_id,
            received_on=received_on,
            now=now,
        )
