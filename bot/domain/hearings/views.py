"""What a hearing looks like to the rest of pogi: its words, its frozen views, and how a view is
read from the database (who was consulted, the latest answer of each, the working group's
replies)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from sqlmodel import Session

from bot.domain import permissions
from bot.domain.goals import GoalDiff, GoalText
from bot.domain.people import Actor
from bot.domain.roles import Role
from bot.presentation.i18n import N_
from bot.presentation.text import danish_order
from storage import queries
from storage.database import Database
from storage.queries import hearings as stored
from storage.tables import Hearing, HearingAnswer, HearingParty, Person, Revision

INTERNAL, INDUSTRY = "internal", "industry"
OPEN, CLOSED = "open", "closed"
ACCEPTED, PARTLY, REJECTED, NOTED = "accepted", "partly", "rejected", "noted"
DECISIONS = (ACCEPTED, PARTLY, REJECTED, NOTED)
"""Imødekommet, delvist imødekommet, ikke imødekommet, taget til efterretning."""
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
NOT_HERE = N_(
    "Høringer åbnes i arbejdsgruppens kanal, og denne kanal er ikke knyttet til en revision."
)
NO_SUCH_HEARING = N_("Høringen findes ikke.")
CONSULTED_ROLES = {Role.MEMBER.value, Role.STEERING.value, Role.STEERING_DEPUTY.value}
"""A person with one of these roles makes their organisation a member organisation."""


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
    no_comments: bool = False
    """The answer has no comments on the draft (»ingen bemærkninger«)."""


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
    goal_version: int | None = None
    """The goal text's version put to the hearing (None: there was no text when it opened)."""

    @property
    def answered(self) -> list[str]:
        return [answer.organisation for answer in self.answers]

    @property
    def without_comments(self) -> list[str]:
        """Who answered that they have no comments on the draft."""
        return [a.organisation for a in self.answers if a.reply and a.reply.no_comments]

    @property
    def with_comments(self) -> list[str]:
        return [a.organisation for a in self.answers if not (a.reply and a.reply.no_comments)]

    @property
    def late(self) -> list[str]:
        """Who answered after the deadline (an e-mailed answer by the day it came)."""
        deadline_day = self.deadline.date()
        return [
            a.organisation
            for a in self.answers
            if (a.received_on > deadline_day if a.received_on else a.at > self.deadline)
        ]

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
    working_days: int
    """Working days from today up to and including the deadline's day."""


@dataclass(frozen=True)
class PartyView:
    organisation: str
    contact: str
    email: str


@dataclass(frozen=True)
class MemoDetails:
    """What the secretariat writes into the memo itself; empty fields take the memo's
    defaults (the unit: the secretariat; the further course: the process's next steps)."""

    case_number: str = ""
    unit: str = ""
    introduction: str = ""
    other_changes: str = ""
    further_course: str = ""


@dataclass(frozen=True)
class ThemeView:
    """A theme of the memo: which answers it summarises, the summary, the working group's
    remarks, the conclusion (one of ``DECISIONS``, or ``""`` while undecided) and the change."""

    number: int
    title: str
    summary: str
    remarks: str
    decision: str
    change: str
    answers: tuple[tuple[int, str], ...]
    """``(hearing id, organisation)`` of each answer summarised here."""

    def organisations(self) -> list[str]:
        return [organisation for _, organisation in self.answers]


@dataclass
class Memo:
    """What the consultation memo is written from: the revision's hearings, oldest first, the
    secretariat's own text and the themes."""

    hearings: list[HearingView]
    goal: str
    details: MemoDetails = field(default_factory=MemoDetails)
    themes: list[ThemeView] = field(default_factory=list)
    draft: GoalText | None = None
    """The goal text put to the first hearing, frozen when it opened."""
    since_hearing: GoalDiff | None = None
    """What changed in the goal text from ``draft`` to the version current now."""

    @property
    def provisional(self) -> bool:
        """A hearing is still open: the memo is provisional."""
        return any(hearing.status == OPEN for hearing in self.hearings)

    def themed(self, hearing_id: int, organisation: str) -> bool:
        return any((hearing_id, organisation) in theme.answers for theme in self.themes)


def subject_of(hearing_id: int) -> str:
    return f"hearing:{hearing_id}"


class _Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: _Stored) -> int:
    """The id of a row read from the database or flushed to it: it has one by then."""
    assert row.id is not None, "the row is not stored yet"
    return row.id


# -- reading -------------------------------------------------------------------------------


def member_organisations(session: Session) -> list[str]:
    """Every organisation in the roster with a member or steering contact."""
    organisations = queries.organisations_by_id(session)
    names = {
        organisations[person.organisation_id].name
        for person in queries.all_people(session)
        if CONSULTED_ROLES & set(person.roles.split(";"))
    }
    return sorted(names, key=danish_order)


def contacts(session: Session, organisation: str) -> list[Person]:
    """The organisation's people in the roster who answer hearings for it."""
    found = queries.organisation_named(session, name=organisation)
    if found is None:
        return []
    return [
        person
        for person in queries.all_people(session)
        if person.organisation_id == found.id and CONSULTED_ROLES & set(person.roles.split(";"))
    ]


def parties_of(session: Session, revision_id: int) -> list[HearingParty]:
    """The revision's list of parties for the industry hearing, in Danish order."""
    rows = stored.parties(session, revision_id=revision_id)
    return sorted(rows, key=lambda party: danish_order(party.organisation))


def latest_answers(session: Session, hearing: Hearing) -> list[AnswerView]:
    """Each organisation's latest answer, with the working group's reply to it."""
    hearing_id = id_of(hearing)
    latest: dict[str, HearingAnswer] = {}
    for row in stored.answers(session, hearing_id=hearing_id):
        latest[row.organisation] = row
    replies = {r.organisation: r for r in stored.replies(session, hearing_id=hearing_id)}
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
                ReplyView(
                    reply.comment,
                    reply.decision,
                    reply.reason,
                    reply.change,
                    reply.by,
                    reply.no_comments,
                )
                if reply
                else None,
            )
        )
    return answers


def consulted_now(session: Session, hearing: Hearing) -> list[str]:
    """Who the hearing would consult if it opened now."""
    if hearing.kind == INTERNAL:
        return member_organisations(session)
    return [party.organisation for party in parties_of(session, hearing.revision_id)]


def consulted(session: Session, hearing: Hearing) -> list[str]:
    """Who the hearing consults, without reading its answers."""
    return list(hearing.consulted or consulted_now(session, hearing))


def view_of(session: Session, hearing: Hearing) -> HearingView:
    revision = session.get(Revision, hearing.revision_id)
    answers = latest_answers(session, hearing)
    # Who was consulted is kept from when the hearing opened; an answer from an organisation
    # that has since left the list still counts as from a consulted party.
    names = consulted(session, hearing)
    known = {name.casefold() for name in names}
    names += [a.organisation for a in answers if a.organisation.casefold() not in known]
    names.sort(key=danish_order)
    return HearingView(
        id=id_of(hearing),
        revision_id=hearing.revision_id,
        goal=revision.goal if revision else "",
        channel_id=hearing.channel_id,
        kind=hearing.kind,
        deadline=hearing.deadline,
        url=hearing.url,
        status=hearing.status,
        opened_at=hearing.opened_at,
        closed_at=hearing.closed_at,
        consulted=names,
        answers=answers,
        goal_version=hearing.goal_version,
    )


def get(session: Session, hearing_id: int) -> HearingView | None:
    hearing = session.get(Hearing, hearing_id)
    return None if hearing is None else view_of(session, hearing)


def overview(db: Database, *, actor: Actor, channel_id: str) -> list[HearingView]:
    """The revision's hearings, newest first."""
    actor.in_roster()
    with db.reading() as session:
        revision = permissions.revision_here(session, channel_id, NOT_HERE)
        rows = stored.of_revision(session, revision_id=id_of(revision))
        return [view_of(session, row) for row in reversed(rows)]
