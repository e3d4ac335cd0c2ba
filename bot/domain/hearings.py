"""Hearing rounds on a revision's draft (seeds/003): first a broad internal hearing among all
members, then an industry hearing; the working group's replies; the consultation memo.

Every answer is stored before the modal that carries it is acknowledged; an organisation's latest
answer counts, and earlier versions are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.domain import outbox
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound, TimeNotAccepted
from bot.domain.people import Actor
from bot.domain.roles import Role
from bot.presentation.i18n import N_
from bot.presentation.text import danish_order
from bot.timephrase import Day, Moment, Rejection, Span, parse_time
from storage import queries
from storage.database import Database
from storage.tables import (
    Hearing,
    HearingAnswer,
    HearingParty,
    HearingReply,
    Person,
    Revision,
)

INTERNAL, INDUSTRY = "internal", "industry"
OPEN, CLOSED = "open", "closed"
ACCEPTED, PARTLY, REJECTED = "accepted", "partly", "rejected"
DECISIONS = (ACCEPTED, PARTLY, REJECTED)
CUSTOMARY = timedelta(weeks=4)
"""A hearing period under four weeks is short by common Danish practice."""
ANSWER_LIMIT = 20_000
MEMO_WORD = "hearing.memo_docx"
ANNOUNCED, INVITED, REMINDER, CLOSED_NOTICE, MEMO = (
    "hearing.announced",
    "hearing.invited",
    "hearing.reminder",
    "hearing.closed",
    "hearing.memo",
)
_URL = re.compile(r"\s*<?(https?://[^\s>|]+)(?:\|[^>]*)?>?\s*$")
_EMAIL = re.compile(r"<mailto:([^|>]+)(?:\|[^>]*)?>|([\w.+-]+@[\w-]+\.[\w.-]+)")


@dataclass(frozen=True)
class AnswerView:
    organisation: str
    text: str
    url: str
    version: int
    submitted_by: str
    received_on: date | None
    at: datetime
    reply: ReplyView | None = None


@dataclass(frozen=True)
class ReplyView:
    comment: str
    decision: str
    reason: str
    change: str
    by: str


@dataclass(frozen=True)
class HearingView:
    id: int
    revision_id: int
    goal: str
    channel_id: str
    kind: str
    deadline: datetime
    url: str
    status: str
    opened_at: datetime
    closed_at: datetime | None
    consulted: list[str]
    answers: list[AnswerView]

    @property
    def answered(self) -> list[str]:
        return [answer.organisation for answer in self.answers]

    @property
    def waiting(self) -> list[str]:
        done = {name.lower() for name in self.answered}
        return [name for name in self.consulted if name.lower() not in done]


@dataclass(frozen=True)
class ShortNotice:
    """A deadline under four weeks: the secretariat confirms before the hearing opens."""

    kind: str
    deadline: datetime
    url: str
    days: int

    def encode(self) -> str:
        return f"{self.kind}|{self.deadline.isoformat()}|{self.url}"


@dataclass(frozen=True)
class PartyView:
    organisation: str
    contact: str
    email: str


@dataclass
class Memo:
    """What the consultation memo is written from: the revision's hearings, oldest first."""

    hearings: list[HearingView]
    goal: str


def subject_of(hearing_id: int) -> str:
    return f"hearing:{hearing_id}"


# -- reading -------------------------------------------------------------------------------


def _revision_here(session: Session, channel_id: str) -> Revision:
    revision = queries.revision_in_channel(session, channel_id=channel_id)
    if revision is None:
        raise NotFound(
            N_(
                "Høringer åbnes i arbejdsgruppens kanal, og denne kanal er ikke knyttet "
                "til en revision."
            )
        )
    return revision


def _member_organisations(session: Session) -> list[str]:
    """Every organisation in the roster with a member or steering contact."""
    organisations = queries.organisations_by_id(session)
    names = {
        organisations[person.organisation_id].name
        for person in queries.all_people(session)
        if {Role.MEMBER.value, Role.STEERING.value, Role.STEERING_DEPUTY.value}
        & set(person.roles.split(";"))
    }
    return sorted(names, key=danish_order)


def _contacts(session: Session, organisation: str) -> list[Person]:
    found = queries.organisation_named(session, name=organisation)
    if found is None:
        return []
    return [
        person
        for person in queries.all_people(session)
        if person.organisation_id == found.id
        and {Role.MEMBER.value, Role.STEERING.value, Role.STEERING_DEPUTY.value}
        & set(person.roles.split(";"))
    ]


def _parties(session: Session, revision_id: int) -> list[HearingParty]:
    rows = session.exec(select(HearingParty).where(HearingParty.revision_id == revision_id)).all()
    return sorted(rows, key=lambda party: danish_order(party.organisation))


def _latest_answers(session: Session, hearing: Hearing) -> list[AnswerView]:
    rows = session.exec(
        select(HearingAnswer)
        .where(HearingAnswer.hearing_id == hearing.id)
        .order_by(HearingAnswer.organisation, col(HearingAnswer.version))
    ).all()
    latest: dict[str, HearingAnswer] = {}
    for row in rows:
        latest[row.organisation] = row
    replies = {
        r.organisation: r
        for r in session.exec(
            select(HearingReply).where(HearingReply.hearing_id == hearing.id)
        ).all()
    }
    answers = []
    for organisation, row in sorted(latest.items(), key=lambda item: danish_order(item[0])):
        reply = replies.get(organisation)
        answers.append(
            AnswerView(
                organisation,
                row.text,
                row.url,
                row.version,
                row.submitted_by,
                row.received_on,
                row.created_at,
                ReplyView(reply.comment, reply.decision, reply.reason, reply.change, reply.by)
                if reply
                else None,
            )
        )
    return answers


def _consulted_now(session: Session, hearing: Hearing) -> list[str]:
    if hearing.kind == INTERNAL:
        return _member_organisations(session)
    return [party.organisation for party in _parties(session, hearing.revision_id)]


def _view(session: Session, hearing: Hearing) -> HearingView:
    revision = session.get(Revision, hearing.revision_id)
    answers = _latest_answers(session, hearing)
    # Who was consulted is kept from when the hearing opened; an answer from an organisation
    # that has since left the list still counts as from a consulted party.
    consulted = list(hearing.consulted or _consulted_now(session, hearing))
    known = {name.casefold() for name in consulted}
    consulted += [a.organisation for a in answers if a.organisation.casefold() not in known]
    consulted.sort(key=danish_order)
    return HearingView(
        id=hearing.id,
        revision_id=hearing.revision_id,
        goal=revision.goal if revision else "",
        channel_id=hearing.channel_id,
        kind=hearing.kind,
        deadline=hearing.deadline,
        url=hearing.url,
        status=hearing.status,
        opened_at=hearing.opened_at,
        closed_at=hearing.closed_at,
        consulted=consulted,
        answers=answers,
    )


def get(session: Session, hearing_id: int) -> HearingView | None:
    hearing = session.get(Hearing, hearing_id)
    return None if hearing is None else _view(session, hearing)


def _latest(session: Session, revision_id: int, kind: str | None = None) -> Hearing | None:
    statement = select(Hearing).where(Hearing.revision_id == revision_id)
    if kind is not None:
        statement = statement.where(Hearing.kind == kind)
    return session.exec(statement.order_by(col(Hearing.id).desc())).first()


def overview(db: Database, *, actor: Actor, channel_id: str) -> list[HearingView]:
    """The revision's hearings, newest first."""
    actor.in_roster()
    with db.reading() as session:
        revision = _revision_here(session, channel_id)
        rows = session.exec(
            select(Hearing)
            .where(Hearing.revision_id == revision.id)
            .order_by(col(Hearing.id).desc())
        ).all()
        return [_view(session, row) for row in rows]


# -- opening -------------------------------------------------------------------------------


def _deadline(
    text: str, *, now: datetime, zone: ZoneInfo, language: str | None
) -> tuple[datetime, str]:
    """``15. januar kl. 12 https://…`` → the deadline (a day means its end) and the draft's URL."""
    url = ""
    found = _URL.search(text)
    if found:
        url, text = found.group(1), text[: found.start()]
    if not text.strip():
        raise InvalidInput(
            N_("Skriv høringsfristen, fx `/pogi høring intern 15. januar kl. 12 LINK`.")
        )
    when = parse_time(text, now=now, zone=zone, language=language)
    if isinstance(when, Rejection):
        raise TimeNotAccepted(when)
    if isinstance(when, Day):
        deadline = datetime.combine(
            when.day, datetime.max.time().replace(microsecond=0), tzinfo=zone
        ).replace(second=0)
    elif isinstance(when, Span):
        deadline = when.end
    else:
        assert isinstance(when, Moment)
        deadline = when.at
    if deadline <= now:
        raise InvalidInput(N_("Høringsfristen ligger i fortiden (%(when)s)."), when=deadline)
    return deadline, url


def _may_open(session: Session, revision: Revision, kind: str) -> None:
    if session.exec(
        select(Hearing).where(
            Hearing.revision_id == revision.id, Hearing.kind == kind, Hearing.status == OPEN
        )
    ).first():
        raise Conflict(N_("Der er allerede en åben høring af den slags for revisionen."))
    if kind == INDUSTRY:
        internal = _latest(session, revision.id, INTERNAL)
        if internal is None:
            raise InvalidInput(
                N_(
                    "Branchehøringen kommer efter den interne høring, og den er ikke "
                    "gennemført endnu. Start med `/pogi høring intern FRIST`."
                )
            )
        if internal.status == OPEN:
            raise InvalidInput(
                N_(
                    "Den interne høring er stadig åben (frist %(when)s). "
                    "Branchehøringen kan først åbnes, når den er lukket."
                ),
                when=internal.deadline,
            )
        if not _parties(session, revision.id):
            raise InvalidInput(
                N_(
                    "Høringslisten er tom. Tilføj de parter, der skal høres, med "
                    "`/pogi høring part add ORGANISATION; KONTAKT; E-MAIL`."
                )
            )


def propose(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    kind: str,
    text: str,
    now: datetime,
    zone: ZoneInfo,
    reminders: tuple[timedelta, ...],
    language: str | None = None,
) -> HearingView | ShortNotice:
    """Open at once, or ask first when the deadline gives under four weeks."""
    actor.require_secretariat(N_("Kun sekretariatet kan åbne en høring."))
    deadline, url = _deadline(text, now=now, zone=zone, language=language)
    with db.reading() as session:
        _may_open(session, _revision_here(session, channel_id), kind)
    if deadline - now < CUSTOMARY:
        return ShortNotice(kind, deadline, url, max(0, (deadline - now).days))
    return open_hearing(
        db,
        actor=actor,
        channel_id=channel_id,
        kind=kind,
        deadline=deadline,
        url=url,
        now=now,
        reminders=reminders,
    )


def open_confirmed(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    value: str,
    now: datetime,
    reminders: tuple[timedelta, ...],
) -> HearingView:
    kind, deadline_text, url = value.split("|", 2)
    deadline = datetime.fromisoformat(deadline_text)
    if deadline <= now:
        raise InvalidInput(N_("Høringsfristen ligger i fortiden (%(when)s)."), when=deadline)
    return open_hearing(
        db,
        actor=actor,
        channel_id=channel_id,
        kind=kind,
        deadline=deadline,
        url=url,
        now=now,
        reminders=reminders,
    )


def open_hearing(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    kind: str,
    deadline: datetime,
    url: str,
    now: datetime,
    reminders: tuple[timedelta, ...],
) -> HearingView:
    actor.require_secretariat(N_("Kun sekretariatet kan åbne en høring."))
    with db.transaction() as session:
        revision = _revision_here(session, channel_id)
        _may_open(session, revision, kind)
        hearing = Hearing(
            revision_id=revision.id,
            channel_id=channel_id,
            kind=kind,
            deadline=deadline,
            url=url,
            opened_by=actor.user_id,
            opened_at=now,
        )
        hearing.consulted = _consulted_now(session, hearing)
        session.add(hearing)
        session.flush()
        subject = subject_of(hearing.id)
        outbox.schedule(
            session, kind=ANNOUNCED, subject=subject, destination=channel_id, due_at=now, now=now
        )
        contacts = _invitees(session, hearing)
        for person in contacts:
            outbox.schedule(
                session,
                kind=INVITED,
                subject=subject,
                destination=person.slack_user_id,
                due_at=now,
                now=now,
            )
        for offset in reminders:
            due = deadline - offset
            if due > now:
                for person in contacts:
                    outbox.schedule(
                        session,
                        kind=REMINDER,
                        subject=subject,
                        destination=person.slack_user_id,
                        due_at=due,
                        data={"organisation_id": person.organisation_id},
                        now=now,
                    )
        queries.add_audit(
            session,
            actor=actor.user_id,
            action="hearing.open",
            entity=subject,
            before=None,
            after={"kind": kind, "deadline": deadline.isoformat(), "url": url},
            at=now,
        )
        return _view(session, hearing)


def _invitees(session: Session, hearing: Hearing) -> list[Person]:
    """Internal hearing: every member organisation's contacts. Industry hearing: the listed
    parties' contacts who are in the roster (guests in a shared channel); the rest answer by
    e-mail and the secretariat registers their answers."""
    organisations = (
        _member_organisations(session)
        if hearing.kind == INTERNAL
        else [p.organisation for p in _parties(session, hearing.revision_id)]
    )
    people: list[Person] = []
    for organisation in organisations:
        people.extend(_contacts(session, organisation))
    return people


# -- answers -------------------------------------------------------------------------------


def _open_hearing(session: Session, hearing_id: int, now: datetime) -> Hearing:
    hearing = session.get(Hearing, hearing_id)
    if hearing is None:
        raise NotFound(N_("Høringen findes ikke."))
    if hearing.status != OPEN and hearing.closed_at and hearing.closed_at < hearing.deadline:
        raise Conflict(
            N_(
                "Sekretariatet lukkede høringen %(when)s, før fristen. Kontakt sekretariatet, "
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
    and the parties to choose from."""
    with db.reading() as session:
        hearing = _open_hearing(session, hearing_id, now)
        view = _view(session, hearing)
        organisation = _responder_organisation(session, actor, hearing, view)
        current = next((a for a in view.answers if a.organisation == organisation), None)
        choices = view.consulted if organisation is None else []
        return view, organisation, current, choices


def _consulted(session: Session, hearing: Hearing) -> list[str]:
    """Who the hearing consults, without reading its answers."""
    return list(hearing.consulted or _consulted_now(session, hearing))


def _responder_organisation(
    session: Session, actor: Actor, hearing: Hearing, view: HearingView | None = None
) -> str | None:
    consulted = view.consulted if view is not None else _consulted(session, hearing)
    person = actor.person
    if hearing.kind == INTERNAL:
        if person is None:
            raise NotAllowed(
                N_(
                    "Høringssvar afgives af Partnerskabets medlemmer, og du er ikke "
                    "registreret i pogi. Bed sekretariatet om at tilføje dig, eller "
                    "send svaret til sekretariatet."
                )
            )
        if person.organisation not in consulted:
            raise NotAllowed(
                N_("%(organisation)s er ikke blandt de hørte organisationer."),
                organisation=person.organisation,
            )
        return person.organisation
    if person is not None:
        if person.organisation in consulted or person.has(Role.SECRETARIAT):
            return person.organisation if person.organisation in consulted else None
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
        raise InvalidInput(N_("Skriv høringssvaret."))
    if len(text) > ANSWER_LIMIT:
        raise InvalidInput(N_("Høringssvaret må højst fylde %(limit)s tegn."), limit=ANSWER_LIMIT)
    with db.transaction() as session:
        hearing = _open_hearing(session, hearing_id, now)
        consulted = _consulted(session, hearing)
        own = _responder_organisation(session, actor, hearing)
        chosen = own or organisation
        if not chosen or chosen not in consulted:
            raise InvalidInput(N_("Vælg den organisation, du svarer for."))
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
    version = (
        session.exec(
            select(func.max(HearingAnswer.version)).where(
                HearingAnswer.hearing_id == hearing.id, HearingAnswer.organisation == organisation
            )
        ).one()
        or 0
    )
    row = HearingAnswer(
        hearing_id=hearing.id,
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
    queries.add_audit(
        session,
        actor=by,
        action="hearing.answer",
        entity=subject_of(hearing.id),
        before=None,
        after={
            "organisation": organisation,
            "version": row.version,
            "received_on": received_on.isoformat() if received_on else None,
        },
        at=now,
    )
    return AnswerView(organisation, text, url, row.version, by, received_on, now)


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
    actor.require_secretariat(
        N_("Kun sekretariatet kan registrere høringssvar modtaget pr. e-mail.")
    )
    text = text.strip()
    if not text:
        raise InvalidInput(N_("Skriv høringssvaret."))
    with db.transaction() as session:
        hearing = session.get(Hearing, hearing_id)
        if hearing is None:
            raise NotFound(N_("Høringen findes ikke."))
        view = _view(session, hearing)
        if organisation not in view.consulted:
            raise InvalidInput(N_("Vælg den organisation, du svarer for."))
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


def reply(
    db: Database,
    *,
    actor: Actor,
    hearing_id: int,
    organisation: str,
    comment: str,
    decision: str,
    reason: str,
    change: str,
    now: datetime,
) -> ReplyView:
    """The working group's comment on an answer and whether the point is taken."""
    if decision not in DECISIONS:
        raise InvalidInput(N_("Vælg, om bemærkningen imødekommes helt, delvist eller ikke."))
    if not comment.strip():
        raise InvalidInput(N_("Skriv arbejdsgruppens kommentar."))
    with db.transaction() as session:
        hearing = session.get(Hearing, hearing_id)
        if hearing is None:
            raise NotFound(N_("Høringen findes ikke."))
        _may_reply(session, actor, hearing)
        existing = session.exec(
            select(HearingReply).where(
                HearingReply.hearing_id == hearing_id, HearingReply.organisation == organisation
            )
        ).first()
        before = None
        if existing is None:
            existing = HearingReply(
                hearing_id=hearing_id,
                organisation=organisation,
                comment="",
                decision=decision,
                by=actor.user_id,
                at=now,
            )
        else:
            before = {"comment": existing.comment, "decision": existing.decision}
        existing.comment, existing.decision = comment.strip(), decision
        existing.reason, existing.change = reason.strip(), change.strip()
        existing.by, existing.at = actor.user_id, now
        session.add(existing)
        queries.add_audit(
            session,
            actor=actor.user_id,
            action="hearing.reply",
            entity=subject_of(hearing_id),
            before=before,
            after={"organisation": organisation, "decision": decision},
            at=now,
        )
        return ReplyView(
            existing.comment, decision, existing.reason, existing.change, actor.user_id
        )


def _may_reply(session: Session, actor: Actor, hearing: Hearing) -> None:
    person = actor.in_roster()
    if person.has(Role.SECRETARIAT):
        return
    revision = session.get(Revision, hearing.revision_id)
    coordinator = (
        session.get(Person, revision.coordinator_id)
        if revision and revision.coordinator_id
        else None
    )
    if coordinator is None or coordinator.slack_user_id != actor.user_id:
        raise NotAllowed(N_("Kun gruppens tovholder og sekretariatet kan behandle høringssvar."))


def reply_form(
    db: Database,
    *,
    actor: Actor,
    hearing_id: int,
    organisation: str,
) -> tuple[HearingView, AnswerView]:
    with db.reading() as session:
        hearing = session.get(Hearing, hearing_id)
        if hearing is None:
            raise NotFound(N_("Høringen findes ikke."))
        _may_reply(session, actor, hearing)
        view = _view(session, hearing)
        answer = next((a for a in view.answers if a.organisation == organisation), None)
        if answer is None:
            raise NotFound(
                N_("%(organisation)s har ikke afgivet høringssvar."), organisation=organisation
            )
        return view, answer


# -- closing -------------------------------------------------------------------------------


def close_here(db: Database, *, actor: Actor, channel_id: str, now: datetime) -> HearingView:
    actor.require_secretariat(N_("Kun sekretariatet kan lukke en høring."))
    with db.reading() as session:
        revision = _revision_here(session, channel_id)
        hearing = session.exec(
            select(Hearing).where(Hearing.revision_id == revision.id, Hearing.status == OPEN)
        ).first()
    if hearing is None:
        raise NotFound(N_("Der er ingen åben høring for revisionen."))
    closed = close(db, hearing_id=hearing.id, by=actor.user_id, now=now)
    if closed is None:
        raise Conflict(N_("Høringen er allerede lukket."))
    return closed


def close(db: Database, *, hearing_id: int, by: str, now: datetime) -> HearingView | None:
    """Close and say so in the channel with the count of answers; None if already closed."""
    with db.transaction() as session:
        statement = select(Hearing).where(Hearing.id == hearing_id)
        if session.get_bind().dialect.name == "postgresql":
            statement = statement.with_for_update()
        hearing = session.exec(statement).first()
        if hearing is None or hearing.status != OPEN:
            return None
        hearing.status, hearing.closed_by, hearing.closed_at = CLOSED, by, now
        session.add(hearing)
        subject = subject_of(hearing.id)
        outbox.cancel(session, subject=subject, kinds=[REMINDER])
        outbox.schedule(
            session,
            kind=CLOSED_NOTICE,
            subject=subject,
            destination=hearing.channel_id,
            due_at=now,
            now=now,
        )
        queries.add_audit(
            session,
            actor=by,
            action="hearing.close",
            entity=subject,
            before={"status": OPEN},
            after={"status": CLOSED},
            at=now,
        )
        return _view(session, hearing)


def close_due(db: Database, *, now: datetime) -> list[HearingView]:
    with db.reading() as session:
        due = session.exec(
            select(Hearing.id).where(Hearing.status == OPEN, col(Hearing.deadline) <= now)
        ).all()
    closed = [close(db, hearing_id=hearing_id, by="pogi", now=now) for hearing_id in due]
    return [hearing for hearing in closed if hearing is not None]


def organisation_has_answered(session: Session, *, hearing_id: int, organisation_id: int) -> bool:
    organisation = queries.organisations_by_id(session).get(organisation_id)
    if organisation is None:
        return False
    return (
        session.exec(
            select(HearingAnswer.id).where(
                HearingAnswer.hearing_id == hearing_id,
                HearingAnswer.organisation == organisation.name,
            )
        ).first()
        is not None
    )


# -- the consulted parties -----------------------------------------------------------------


def add_party(
    db: Database, *, actor: Actor, channel_id: str, text: str, now: datetime
) -> PartyView:
    """``Dansk Industri; Jens Hansen; jh@di.dk`` (contact and e-mail optional)."""
    actor.require_secretariat(N_("Kun sekretariatet kan ændre høringslisten."))
    organisation, contact, email = _party_fields(text)
    with db.transaction() as session:
        revision = _revision_here(session, channel_id)
        existing = session.exec(
            select(HearingParty).where(
                HearingParty.revision_id == revision.id,
                func.lower(HearingParty.organisation) == organisation.lower(),
            )
        ).first()
        if existing is None:
            existing = HearingParty(
                revision_id=revision.id,
                organisation=organisation,
                added_by=actor.user_id,
                added_at=now,
            )
        existing.contact, existing.email = contact or existing.contact, email or existing.email
        session.add(existing)
        for hearing in session.exec(
            select(Hearing).where(
                Hearing.revision_id == revision.id, Hearing.kind == INDUSTRY, Hearing.status == OPEN
            )
        ).all():
            if organisation.casefold() not in {n.casefold() for n in hearing.consulted or []}:
                hearing.consulted = [*(hearing.consulted or []), organisation]
                session.add(hearing)
        queries.add_audit(
            session,
            actor=actor.user_id,
            action="hearing.party.add",
            entity=f"revision:{revision.id}",
            before=None,
            after={
                "organisation": organisation,
                "contact": existing.contact,
                "email": existing.email,
            },
            at=now,
        )
        return PartyView(existing.organisation, existing.contact, existing.email)


def _party_fields(text: str) -> tuple[str, str, str]:
    email = ""
    found = _EMAIL.search(text)
    if found:
        email = (found.group(1) or found.group(2)).strip()
        text = text[: found.start()] + text[found.end() :]
    parts = [part.strip() for part in text.split(";")]
    parts = [part for part in parts if part]
    if not parts:
        raise InvalidInput(
            N_(
                "Skriv partens navn, fx `/pogi høring part add Dansk Industri; "
                "Jens Hansen; jh@di.dk`."
            )
        )
    organisation = parts[0][:200]
    contact = parts[1][:200] if len(parts) > 1 else ""
    return organisation, contact, email[:200]


def remove_party(
    db: Database, *, actor: Actor, channel_id: str, organisation: str, now: datetime
) -> str:
    actor.require_secretariat(N_("Kun sekretariatet kan ændre høringslisten."))
    with db.transaction() as session:
        revision = _revision_here(session, channel_id)
        existing = session.exec(
            select(HearingParty).where(
                HearingParty.revision_id == revision.id,
                func.lower(HearingParty.organisation) == organisation.strip().lower(),
            )
        ).first()
        if existing is None:
            raise NotFound(
                N_("%(organisation)s står ikke på høringslisten."),
                organisation=organisation.strip(),
            )
        session.delete(existing)
        queries.add_audit(
            session,
            actor=actor.user_id,
            action="hearing.party.remove",
            entity=f"revision:{revision.id}",
            before={"organisation": existing.organisation},
            after=None,
            at=now,
        )
        return existing.organisation


def parties(db: Database, *, actor: Actor, channel_id: str) -> list[PartyView]:
    actor.in_roster()
    with db.reading() as session:
        revision = _revision_here(session, channel_id)
        return [
            PartyView(p.organisation, p.contact, p.email) for p in _parties(session, revision.id)
        ]


# -- the memo ------------------------------------------------------------------------------


def memo(db: Database, *, actor: Actor, channel_id: str, now: datetime) -> Memo:
    """Ask for the consultation memo (høringsnotat); it is composed and shared through the
    outbox."""
    actor.require_secretariat(N_("Kun sekretariatet kan lave høringsnotatet."))
    with db.transaction() as session:
        revision = _revision_here(session, channel_id)
        rows = session.exec(
            select(Hearing).where(Hearing.revision_id == revision.id).order_by(Hearing.id)
        ).all()
        if not rows:
            raise InvalidInput(
                N_("Der har ikke været nogen høring endnu, så der er intet høringsnotat at lave.")
            )
        for kind in (MEMO, MEMO_WORD):  # Markdown to read in Slack, Word to file
            outbox.schedule(
                session,
                kind=kind,
                subject=f"revision:{revision.id}",
                destination=channel_id,
                due_at=now,
                data={"requested_by": actor.user_id},
                now=now,
            )
        return memo_of(session, revision)


def memo_of(session: Session, revision: Revision) -> Memo:
    rows = session.exec(
        select(Hearing).where(Hearing.revision_id == revision.id).order_by(Hearing.id)
    ).all()
    return Memo([_view(session, row) for row in rows], revision.goal)
