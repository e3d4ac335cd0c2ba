"""Steering-group votes (SPEC §4): one ballot per seat, the latest counts, the tally always from
stored ballots; a quorum of more than half the seats; more For than Imod passes, a tie does not.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from bot.domain import outbox
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound, NotInRoster
from bot.domain.people import NOT_IN_ROSTER, Actor
from bot.domain.process import phase_index, phases_of
from bot.domain.roles import Role
from bot.presentation.i18n import N_
from bot.presentation.text import text as text_of
from storage import queries
from storage.ballots import statements_for
from storage.database import Busy, Database
from storage.tables import (
    Ballot,
    InternalApproval,
    Meeting,
    Organisation,
    Person,
    Revision,
    Vote,
)

GOAL, ACTIVITY_PLAN = "goal", "activity_plan"
OPEN, CLOSED = "open", "closed"
FOR, AGAINST, ABSTAIN = "for", "against", "abstain"
CHOICES = (FOR, AGAINST, ABSTAIN)
PENDING, GIVEN = "pending", "given"
SPRING_MONTHS = frozenset({3, 4, 5, 6})
DANISH_TIME = ZoneInfo("Europe/Copenhagen")
POSTED, REFRESH, REMINDER, RESULT, AMBASSADOR, PROTOCOL = (
    "vote.posted",
    "vote.refresh",
    "vote.reminder",
    "vote.result",
    "vote.ambassador",
    "vote.protocol",
)
REMINDER_OFFSETS = (timedelta(days=1), timedelta(hours=1))
BALLOT_WAIT = 2.0
"""Seconds a click waits for its turn on the vote: Slack must hear back within three."""
APPROVED_PHASE, BACK_PHASE, DECIDING_PHASE = "lancering", "udvikling", "godkendelse"
_ACTIVITY_PLAN = re.compile(
    r"^aktivitetsplan(?:en)?\s*(\d{4})?$|^activity\s+plan\s*(\d{4})?$", re.IGNORECASE
)
_URL = re.compile(r"(<)?(https?://\S+?)(?:\|[^>]*)?(>)?$")


# -- what the vote looks like --------------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    organisation: str
    choice: str | None
    voter: str | None
    approval: str | None


@dataclass(frozen=True)
class Tally:
    seats: list[Seat]
    quorum_fraction: float

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(CHOICES, 0)
        for seat in self.seats:
            if seat.choice:
                counts[seat.choice] += 1
        return counts

    @property
    def voted(self) -> int:
        return sum(1 for seat in self.seats if seat.choice)

    @property
    def quorum_needed(self) -> int:
        """More than ``quorum_fraction`` of the seats, counted exactly (no float rounding)."""
        return math.floor(Fraction(str(self.quorum_fraction)) * len(self.seats)) + 1

    @property
    def quorum(self) -> bool:
        return self.voted >= self.quorum_needed and bool(self.seats)

    @property
    def passed(self) -> bool:
        counts = self.counts
        return self.quorum and counts[FOR] > counts[AGAINST]

    @property
    def waiting(self) -> list[str]:
        return [seat.organisation for seat in self.seats if not seat.choice]

    @property
    def approvals_pending(self) -> list[str]:
        return [seat.organisation for seat in self.seats if seat.approval == PENDING]


@dataclass(frozen=True)
class VoteView:
    id: int
    channel_id: str
    kind: str
    title: str
    proposal: str
    status: str
    opened_at: datetime
    closes_at: datetime | None
    override_reason: str | None
    meeting_number: int | None
    meeting_span: tuple[datetime, datetime] | None
    message_ts: str | None
    tally: Tally
    closed_at: datetime | None = None
    result: dict | None = None


@dataclass(frozen=True)
class VoteTitle:
    """What a receipt names of its vote."""

    kind: str
    title: str


@dataclass(frozen=True)
class Receipt:
    vote: VoteTitle
    organisation: str
    choice: str
    previous: str | None

    def as_data(self) -> dict[str, Any]:
        """What the receipt's message shows, in plain JSON values (``bot.app.courier``)."""
        return {
            "vote": {"kind": self.vote.kind, "title": self.vote.title},
            "organisation": self.organisation,
            "choice": self.choice,
            "previous": self.previous,
        }


@dataclass(frozen=True)
class OverrideNeeded:
    """No steering meeting, or not the spring meeting: the secretariat may open it anyway."""

    reason: str  # "no_meeting" | "not_spring"
    meeting_span: tuple[datetime, datetime] | None
    request: str


# -- reading -------------------------------------------------------------------------------


def _steering_seats(session: Session) -> dict[int, str]:
    """Every organisation with a steering-group member is a seat."""
    rows = session.exec(
        select(Person.organisation_id, Person.roles, Organisation.name)
        .join(Organisation, Organisation.id == Person.organisation_id)  # type: ignore[arg-type]
        .where(col(Person.roles).contains(Role.STEERING.value))
    ).all()
    return {
        organisation_id: name
        for organisation_id, roles, name in rows
        if Role.STEERING.value in roles.split(";")
    }


def _tally(session: Session, vote: Vote, quorum: float) -> Tally:
    if vote.status == CLOSED and vote.result and "seats" in vote.result:
        seats = [
            Seat(s["organisation"], s["choice"], s["voter"], s.get("approval"))
            for s in vote.result["seats"]
        ]
        return Tally(seats, quorum)
    organisations = _steering_seats(session)
    ballots = {
        b.organisation_id: b
        for b in session.exec(select(Ballot).where(Ballot.vote_id == vote.id)).all()
    }
    approvals = {
        a.organisation_id: a.state
        for a in session.exec(
            select(InternalApproval).where(InternalApproval.vote_id == vote.id)
        ).all()
    }
    all_ids = set(organisations) | set(ballots)
    names = queries.organisations_by_id(session)
    seats = [
        Seat(
            names[org_id].name,
            ballots[org_id].choice if org_id in ballots else None,
            ballots[org_id].voter if org_id in ballots else None,
            approvals.get(org_id),
        )
        for org_id in all_ids
    ]
    return Tally(sorted(seats, key=lambda s: s.organisation.lower()), quorum)


def _view(session: Session, vote: Vote, quorum: float, *, counted: bool = True) -> VoteView:
    """The vote; ``counted=False`` leaves out the tally (a receipt needs only the title)."""
    meeting = session.get(Meeting, vote.meeting_id) if vote.meeting_id else None
    return VoteView(
        id=vote.id,
        channel_id=vote.channel_id,
        kind=vote.kind,
        title=vote.title,
        proposal=vote.proposal,
        status=vote.status,
        opened_at=vote.opened_at,
        closes_at=vote.closes_at,
        override_reason=vote.override_reason,
        meeting_number=meeting.number if meeting else None,
        meeting_span=(meeting.starts_at, meeting.ends_at) if meeting else None,
        message_ts=vote.message_ts,
        tally=_tally(session, vote, quorum) if counted else Tally([], quorum),
        closed_at=vote.closed_at,
        result=vote.result,
    )


def get(session: Session, vote_id: int, *, quorum: float = 0.5) -> VoteView | None:
    vote = session.get(Vote, vote_id)
    return None if vote is None else _view(session, vote, quorum)


def open_in_channel(db: Database, *, channel_id: str, quorum: float = 0.5) -> VoteView | None:
    with db.reading() as session:
        vote = session.exec(
            select(Vote)
            .where(Vote.channel_id == channel_id, Vote.status == OPEN)
            .order_by(col(Vote.id).desc())
        ).first()
        return None if vote is None else _view(session, vote, quorum)


def open_for_revision(db: Database, *, revision_id: int, quorum: float = 0.5) -> VoteView | None:
    with db.reading() as session:
        vote = session.exec(
            select(Vote).where(Vote.revision_id == revision_id, Vote.status == OPEN)
        ).first()
        return None if vote is None else _view(session, vote, quorum)


# -- opening -------------------------------------------------------------------------------


def _steering_channel(session: Session, channel_id: str) -> None:
    steering = queries.steering_channel(session)
    if steering is None or steering.channel_id != channel_id:
        raise InvalidInput(
            N_(
                "Afstemninger foregår i styregruppens kanal. Sekretariatet vælger "
                "den med `/pogi styregruppe her`."
            )
        )


def _meeting_for_vote(session: Session, channel_id: str, now: datetime) -> Meeting | None:
    """The steering group's meeting going on now, else its next one."""
    return session.exec(
        select(Meeting)
        .where(
            Meeting.channel_id == channel_id,
            Meeting.status == "planned",
            col(Meeting.ends_at) > now,
        )
        .order_by(Meeting.starts_at)
    ).first()


def _subject(session: Session, text: str) -> tuple[str, str, Revision | None, str]:
    """``Rengøring https://…`` or ``aktivitetsplan 2027`` → kind, title, revision, proposal."""
    text = " ".join(text.split())
    proposal = ""
    found = _URL.search(text)
    if found:
        proposal, text = found.group(2), text[: found.start()].strip()
    plan = _ACTIVITY_PLAN.match(text)
    if plan:
        year = plan.group(1) or plan.group(2)
        if not year:
            raise InvalidInput(N_("Skriv årstallet, fx `/pogi afstemning aktivitetsplan 2027`."))
        return ACTIVITY_PLAN, year, None, proposal
    if not text:
        raise InvalidInput(
            N_("Skriv, hvilket indkøbsmål der skal stemmes om, fx `/pogi afstemning Rengøring`.")
        )
    revision = session.exec(
        select(Revision)
        .where(func.lower(Revision.goal) == text.lower())
        .order_by(col(Revision.id).desc())
    ).first()
    if revision is None:
        raise NotFound(
            N_(
                "Der er ingen revision af et indkøbsmål, der hedder %(goal)s. Se "
                "revisionerne med `/pogi status`."
            ),
            goal=text,
        )
    return GOAL, revision.goal, revision, proposal


OPEN_REFUSAL = N_("Kun sekretariatet kan sætte en afstemning i gang.")


def open_vote(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    text: str,
    now: datetime,
    override_reason: str | None = None,
    quorum: float = 0.5,
    zone: tzinfo = DANISH_TIME,
) -> VoteView | OverrideNeeded:
    """Open a vote tied to the steering group's current or next meeting. Without such a meeting,
    or outside the spring meeting, only with a stated reason."""
    actor.require_secretariat(OPEN_REFUSAL)
    with db.transaction() as session:
        _steering_channel(session, channel_id)
        kind, title, revision, proposal = _subject(session, text)
        already = session.exec(
            select(Vote).where(
                Vote.channel_id == channel_id,
                Vote.status == OPEN,
                Vote.kind == kind,
                Vote.title == title,
            )
        ).first()
        if already is not None:
            raise Conflict(N_("Der er allerede en åben afstemning om %(title)s."), title=title)
        if revision is not None and revision.phase != DECIDING_PHASE:
            raise InvalidInput(
                N_(
                    "Revisionen af %(goal)s er i fasen %(phase)s. Styregruppen stemmer om "
                    "indkøbsmålet i fasen Godkendelse i styregruppen, efter høringerne; "
                    "sekretariatet flytter revisionen videre med `/pogi fase næste` i "
                    "arbejdsgruppens kanal."
                ),
                goal=revision.goal,
                phase=text_of(phase_title(revision)),
            )
        meeting = _meeting_for_vote(session, channel_id, now)
        reason = (override_reason or "").strip()
        if not reason:
            if meeting is None:
                return OverrideNeeded("no_meeting", None, text)
            if meeting.starts_at.astimezone(zone).month not in SPRING_MONTHS:
                return OverrideNeeded("not_spring", (meeting.starts_at, meeting.ends_at), text)
        if not _steering_seats(session):
            raise InvalidInput(
                N_("Ingen i rosteret sidder i styregruppen, så der er ingen, der kan stemme.")
            )
        vote = Vote(
            channel_id=channel_id,
            kind=kind,
            title=title,
            revision_id=revision.id if revision else None,
            proposal=proposal,
            meeting_id=meeting.id if meeting else None,
            closes_at=meeting.ends_at if meeting else None,
            override_reason=reason or None,
            opened_by=actor.user_id,
            opened_at=now,
        )
        session.add(vote)
        session.flush()
        subject = subject_of(vote.id)
        outbox.schedule(
            session, kind=POSTED, subject=subject, destination=channel_id, due_at=now, now=now
        )
        if vote.closes_at is not None:
            _schedule_reminders(session, vote, now=now)
        queries.add_audit(
            session,
            actor=actor.user_id,
            action="vote.open",
            entity=subject,
            before=None,
            after={
                "kind": kind,
                "title": title,
                "proposal": proposal,
                "meeting_id": vote.meeting_id,
                "override_reason": vote.override_reason,
            },
            at=now,
        )
        return _view(session, vote, quorum)


def _schedule_reminders(session: Session, vote: Vote, *, now: datetime) -> None:
    """A direct message before the vote closes to each steering member whose seat has not voted
    (the composer checks that when it is due)."""
    people = [
        p
        for p in queries.all_people(session)
        if {Role.STEERING.value, Role.STEERING_DEPUTY.value} & set(p.roles.split(";"))
    ]
    for offset in REMINDER_OFFSETS:
        due = vote.closes_at - offset  # type: ignore[operator]
        if due <= now:
            continue
        for person in people:
            outbox.schedule(
                session,
                kind=REMINDER,
                subject=subject_of(vote.id),
                destination=person.slack_user_id,
                due_at=due,
                data={"organisation_id": person.organisation_id},
                now=now,
            )


def phase_title(revision: Revision) -> str:
    return phases_of(revision.process)[phase_index(revision.process, revision.phase)].title


def subject_of(vote_id: int) -> str:
    return f"vote:{vote_id}"


# -- ballots -------------------------------------------------------------------------------


def _lock_vote(session: Session, vote_id: int) -> Vote | None:
    """The vote, locked for this transaction: ballots, approvals and closing of one vote take
    turns, so a ballot is either in the result or refused, and the ballot it replaces is read
    after the one before it was written."""
    if session.get_bind().dialect.name == "sqlite":
        # SQLite has no row locks: a write takes the database's write lock up front.
        statements_for(session).lock.run(session, {"vote_id": vote_id})  # type: ignore[union-attr]
        return session.exec(select(Vote).where(Vote.id == vote_id)).first()
    return session.exec(select(Vote).where(Vote.id == vote_id).with_for_update()).first()


def _open_vote_locked(session: Session, vote_id: int) -> Vote:
    vote = _lock_vote(session, vote_id)
    if vote is None:
        raise NotFound(N_("Afstemningen findes ikke."))
    if vote.status != OPEN:
        raise Conflict(
            N_("Afstemningen om %(title)s er lukket, så din stemme kan ikke afgives længere."),
            title=vote.title,
        )
    return vote


def _lock_for_ballots(session: Session, vote_id: int) -> tuple[str, VoteTitle]:
    """``_open_vote_locked`` for a batch of ballots, reading only what they need: the vote's
    channel (for the message refresh) and its title (for the receipts)."""
    statements = statements_for(session)
    if statements.lock is not None:
        statements.lock.run(session, {"vote_id": vote_id})
    found = statements.vote.rows(session, {"vote_id": vote_id})
    if not found:
        raise NotFound(N_("Afstemningen findes ikke."))
    status, kind, title, channel_id = found[0]
    if status != OPEN:
        raise Conflict(
            N_("Afstemningen om %(title)s er lukket, så din stemme kan ikke afgives længere."),
            title=title,
        )
    return channel_id, VoteTitle(kind, title)


def _seat_of(session: Session, actor: Actor) -> tuple[int, str]:
    """The seat (organisation id and name) the actor may act for, by the roster as stored: only
    a steering member or a deputy of an organisation that has a seat (a steering member)."""
    voters = _voters(session, {actor.user_id})
    if actor.user_id not in voters:
        raise NotInRoster(NOT_IN_ROSTER)
    seat = voters[actor.user_id]
    if seat is None:
        raise NotAllowed(_NOT_A_VOTER)
    return seat


def _upsert(session: Session, table: type, values: dict, update: dict, key: list[str]) -> None:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table).values(**values)
    statement = statement.on_conflict_do_update(index_elements=key, set_=update)
    session.execute(statement)


@dataclass(eq=False)
class _Click:
    """One ballot waiting to be written; the click whose turn it is writes it."""

    actor: Actor
    choice: str
    now: datetime
    woken: threading.Event = field(default_factory=threading.Event)
    """Set once the ballot is written (or refused), or when this click is to write next."""
    done: bool = False
    receipt: Receipt | None = None
    error: BaseException | None = None


@dataclass(eq=False)
class _Queue:
    """The clicks on one vote waiting to be written, and whether one of them is writing."""

    waiting: list[_Click] = field(default_factory=list)
    writing: bool = False


_QUEUES: dict[int, _Queue] = {}
_QUEUES_LOCK = threading.Lock()


def cast(
    db: Database, *, actor: Actor, vote_id: int, choice: str, now: datetime, quorum: float = 0.5
) -> Receipt:
    """Store the seat's ballot (its latest click counts) before the click is acknowledged.

    Clicks on one vote take turns: the click whose turn it is writes every ballot that has
    queued behind it in one transaction, in the order they came (group commit), and then
    hands the turn to the first click that queued meanwhile. A storm of clicks costs a handful
    of transactions, and every waiting click is woken once: when its ballot is written, or
    when it is its turn to write. A click that cannot be written within ``BALLOT_WAIT`` is
    refused cleanly and stores nothing."""
    if choice not in CHOICES:
        raise InvalidInput(N_("Ukendt stemme."))
    click = _Click(actor, choice, now)
    deadline = time.monotonic() + BALLOT_WAIT
    with _QUEUES_LOCK:
        queue = _QUEUES.setdefault(vote_id, _Queue())
        queue.waiting.append(click)
        writes = not queue.writing
        queue.writing = True
    if not writes and not click.woken.wait(max(0.0, deadline - time.monotonic())):
        with _QUEUES_LOCK:
            if not click.woken.is_set() and click in queue.waiting:
                queue.waiting.remove(click)
                raise Conflict(_BUSY)
        # Its turn came just now, or another click's transaction holds it (bounded, too).
        if not click.woken.wait(BALLOT_WAIT + 1):
            raise Conflict(_BUSY)
    if not click.done:
        _take_turn(db, vote_id, queue, quorum, deadline)
    if click.error is not None:
        raise click.error
    db.note_saved()  # perhaps by another thread's transaction, but saved
    assert click.receipt is not None
    return click.receipt


def _take_turn(db: Database, vote_id: int, queue: _Queue, quorum: float, deadline: float) -> None:
    """Write every click waiting on the vote (this one among them), then hand the turn on. The
    vote's turn in this process is shared with approvals and closing (``_busy_refused``)."""
    turn = _TURNS[vote_id % len(_TURNS)]
    got = turn.acquire(timeout=max(0.0, deadline - time.monotonic()))
    try:
        with _QUEUES_LOCK:
            batch, queue.waiting = queue.waiting, []
        if got:
            _write_ballots(db, vote_id, batch, quorum)
        else:
            _finish([(click, None, Conflict(_BUSY)) for click in batch])
    finally:
        if got:
            turn.release()
        with _QUEUES_LOCK:
            if queue.waiting:
                queue.waiting[0].woken.set()  # it writes next
            else:
                queue.writing = False
                if _QUEUES.get(vote_id) is queue:
                    del _QUEUES[vote_id]


def _write_ballots(db: Database, vote_id: int, batch: list[_Click], quorum: float) -> None:
    outcomes: list[tuple[_Click, Receipt | None, BaseException | None]]
    try:
        with db.transaction(wait=BALLOT_WAIT) as session:
            channel_id, title = _lock_for_ballots(session, vote_id)
            outcomes = _ballots(session, vote_id, title, batch)
            if any(receipt is not None for _, receipt, _ in outcomes):
                _refresh_soon(session, vote_id, channel_id, now=batch[-1].now)
    except Busy:
        outcomes = [(click, None, Conflict(_BUSY)) for click in batch]
    except BaseException as error:  # the whole batch failed: nothing of it is stored
        outcomes = [(click, None, error) for click in batch]
    _finish(outcomes)


def _finish(outcomes: list[tuple[_Click, Receipt | None, BaseException | None]]) -> None:
    for click, receipt, error in outcomes:
        click.receipt, click.error, click.done = receipt, error, True
        click.woken.set()


_NOT_A_VOTER = N_(
    "Kun styregruppens medlemmer og deres suppleanter kan stemme, én stemme for hver organisation."
)


def _voters(session: Session, user_ids: set[str]) -> dict[str, tuple[int, str] | None]:
    """For each of these users in the roster: the seat (organisation id and name) they may vote
    for, else None; users not in the roster are left out. A seat is an organisation with a
    steering member; its member or a deputy votes for it. One query, as stored now."""
    users = sorted(user_ids)
    rows = (
        statements_for(session)
        .voters(len(users))
        .rows(
            session,
            {"seat_role": f";{Role.STEERING.value};"}
            | {f"user_{index}": user for index, user in enumerate(users)},
        )
    )
    voters: dict[str, tuple[int, str] | None] = {}
    for user_id, organisation_id, roles, name, seated in rows:
        held = roles.split(";")
        may = Role.STEERING.value in held or Role.STEERING_DEPUTY.value in held
        voters[user_id] = (organisation_id, name) if may and seated else None
    return voters


def _ballots(
    session: Session, vote_id: int, title: VoteTitle, batch: list[_Click]
) -> list[tuple[_Click, Receipt | None, BaseException | None]]:
    """Each click's ballot, in the order they came: the seat is checked against the roster as
    stored, and the ballot it replaces is the one stored or the one just before it here. The
    ballots and their audit entries are written with one statement each."""
    voters = _voters(session, {click.actor.user_id for click in batch})
    statements = statements_for(session)
    latest: dict[int, str] = dict(statements.ballots.rows(session, {"vote_id": vote_id}))
    subject = subject_of(vote_id)
    outcomes: list[tuple[_Click, Receipt | None, BaseException | None]] = []
    rows: list[dict] = []
    entries: list[dict] = []
    for click in batch:
        user_id = click.actor.user_id
        if user_id not in voters:
            outcomes.append((click, None, NotInRoster(NOT_IN_ROSTER)))
            continue
        seat = voters[user_id]
        if seat is None:
            outcomes.append((click, None, NotAllowed(_NOT_A_VOTER)))
            continue
        organisation_id, organisation = seat
        previous = latest.get(organisation_id)
        latest[organisation_id] = click.choice
        rows.append(
            {
                "vote_id": vote_id,
                "organisation_id": organisation_id,
                "choice": click.choice,
                "voter": user_id,
                "cast_at": click.now,
                "changes": 0,
            }
        )
        entries.append(
            {
                "at": click.now,
                "actor": user_id,
                "action": "vote.ballot",
                "entity": subject,
                "before": {"choice": previous},
                "after": {"organisation": organisation, "choice": click.choice},
            }
        )
        outcomes.append((click, Receipt(title, organisation, click.choice, previous), None))
    if rows:
        statements.ballot.run_many(session, rows)
        statements.audit.run_many(session, entries)
    return outcomes


_TURNS = tuple(threading.Lock() for _ in range(64))


@contextmanager
def _busy_refused(vote_id: int) -> Iterator[None]:
    """Clicks on one vote take turns, first in this process (a fair queue, where SQLite's own
    waiting would poll) and then on the database's lock of the vote (across processes). A
    click that could not get its turn in time is refused cleanly: nothing is stored, and the
    voter is asked to click again, rather than Slack reporting a failure."""
    turn = _TURNS[vote_id % len(_TURNS)]
    if not turn.acquire(timeout=BALLOT_WAIT):
        raise Conflict(_BUSY)
    try:
        yield
    except Busy:
        raise Conflict(_BUSY) from None
    finally:
        turn.release()


_BUSY = N_(
    "Der bliver stemt meget lige nu, og din stemme nåede ikke at blive registreret. Klik "
    "venligst igen."
)


def _refresh_soon(session: Session, vote_id: int, channel_id: str, *, now: datetime) -> None:
    """Update the vote message once for a burst of clicks: a refresh still waiting will show this
    ballot too. A refresh the dispatcher has already taken may have been composed before this
    ballot is committed, so then a new one is added."""
    waiting = statements_for(session).refresh.run(
        session,
        {"subject": subject_of(vote_id), "kind": REFRESH, "status": outbox.PENDING, "due": now},
    )
    if not waiting:
        outbox.schedule(
            session,
            kind=REFRESH,
            subject=subject_of(vote_id),
            destination=channel_id,
            due_at=now,
            now=now,
        )


def set_approval(
    db: Database, *, actor: Actor, vote_id: int, state: str, now: datetime, quorum: float = 0.5
) -> Receipt:
    """A seat marks its own internal (e.g. political) approval as pending or given."""
    if state not in (PENDING, GIVEN):
        raise InvalidInput(N_("Ukendt status for intern godkendelse."))
    with _busy_refused(vote_id), db.transaction(wait=BALLOT_WAIT) as session:
        vote = _open_vote_locked(session, vote_id)
        organisation_id, organisation = _seat_of(session, actor)
        _upsert(
            session,
            InternalApproval,
            values={
                "vote_id": vote_id,
                "organisation_id": organisation_id,
                "state": state,
                "by": actor.user_id,
                "at": now,
            },
            update={"state": state, "by": actor.user_id, "at": now},
            key=["vote_id", "organisation_id"],
        )
        queries.add_audit(
            session,
            actor=actor.user_id,
            action="vote.internal_approval",
            entity=subject_of(vote_id),
            before=None,
            after={"organisation": organisation, "state": state},
            at=now,
        )
        _refresh_soon(session, vote.id, vote.channel_id, now=now)
        session.flush()
        return Receipt(VoteTitle(vote.kind, vote.title), organisation, state, None)


# -- closing -------------------------------------------------------------------------------


def close_here(
    db: Database, *, actor: Actor, channel_id: str, now: datetime, quorum: float = 0.5
) -> VoteView:
    actor.require_secretariat(N_("Kun sekretariatet kan lukke en afstemning."))
    with db.reading() as session:
        vote = session.exec(
            select(Vote)
            .where(Vote.channel_id == channel_id, Vote.status == OPEN)
            .order_by(col(Vote.id).desc())
        ).first()
    if vote is None:
        raise NotFound(N_("Der er ingen åben afstemning i denne kanal."))
    closed = close(db, vote_id=vote.id, by=actor.user_id, now=now, quorum=quorum)
    if closed is None:
        raise Conflict(N_("Afstemningen er allerede lukket."))
    return closed


def close(
    db: Database, *, vote_id: int, by: str, now: datetime, quorum: float = 0.5
) -> VoteView | None:
    """Close, count from the stored ballots, decide, and tell: None if it was closed already."""
    with db.transaction() as session:
        vote = _lock_vote(session, vote_id)
        if vote is None or vote.status != OPEN:
            return None
        tally = _tally(session, vote, quorum)
        counts = tally.counts
        vote.status, vote.closed_by, vote.closed_at = CLOSED, by, now
        vote.result = {
            "counts": counts,
            "seats_total": len(tally.seats),
            "voted": tally.voted,
            "quorum_needed": tally.quorum_needed,
            "quorum": tally.quorum,
            "passed": tally.passed,
            "seats": [
                {
                    "organisation": s.organisation,
                    "choice": s.choice,
                    "voter": s.voter,
                    "approval": s.approval,
                }
                for s in tally.seats
            ],
        }
        session.add(vote)
        subject = subject_of(vote.id)
        outbox.cancel(session, subject=subject, kinds=[REMINDER, REFRESH])
        outbox.schedule(
            session, kind=REFRESH, subject=subject, destination=vote.channel_id, due_at=now, now=now
        )
        outbox.schedule(
            session, kind=RESULT, subject=subject, destination=vote.channel_id, due_at=now, now=now
        )
        queries.add_audit(
            session,
            actor=by,
            action="vote.close",
            entity=subject,
            before={"status": OPEN},
            after=vote.result,
            at=now,
        )
        if vote.revision_id is not None:
            _decide_revision(session, vote, passed=tally.passed, by=by, now=now)
        return _view(session, vote, quorum)


def _decide_revision(session: Session, vote: Vote, *, passed: bool, by: str, now: datetime) -> None:
    """Passed: the goal is approved and the ambassadors are told to launch it. Not passed: back
    to the working group."""
    revision = session.get(Revision, vote.revision_id)
    if revision is None or revision.phase != DECIDING_PHASE:
        return
    before = revision.phase
    revision.phase = APPROVED_PHASE if passed else BACK_PHASE
    assert revision.phase in {phase.key for phase in phases_of(revision.process)}
    session.add(revision)
    queries.add_audit(
        session,
        actor=by,
        action="revision.phase",
        entity=f"revision:{revision.id}",
        before={"phase": before},
        after={"phase": revision.phase, "vote": vote.id},
        at=now,
    )
    if passed:
        for person in queries.all_people(session):
            if Role.AMBASSADOR.value in person.roles.split(";"):
                outbox.schedule(
                    session,
                    kind=AMBASSADOR,
                    subject=subject_of(vote.id),
                    destination=person.slack_user_id,
                    due_at=now,
                    now=now,
                )


def close_due(db: Database, *, now: datetime, quorum: float = 0.5) -> list[VoteView]:
    """Close the votes whose meeting has ended; safe to run in several processes at once."""
    with db.reading() as session:
        due = session.exec(
            select(Vote.id).where(
                Vote.status == OPEN, col(Vote.closes_at).is_not(None), col(Vote.closes_at) <= now
            )
        ).all()
    closed = [close(db, vote_id=vote_id, by="pogi", now=now, quorum=quorum) for vote_id in due]
    return [vote for vote in closed if vote is not None]


def follow_meeting(session: Session, meeting: Meeting, *, now: datetime) -> None:
    """Open votes tied to a moved meeting close at its new end, with their reminders moved;
    tied to a cancelled meeting, they stay open until the secretariat closes them."""
    rows = session.exec(select(Vote).where(Vote.meeting_id == meeting.id, Vote.status == OPEN))
    for vote in rows.all():
        outbox.cancel(session, subject=subject_of(vote.id), kinds=[REMINDER])
        if meeting.status == "planned":
            vote.closes_at = meeting.ends_at
            _schedule_reminders(session, vote, now=now)
        else:
            vote.meeting_id, vote.closes_at = None, None
        session.add(vote)
        _refresh_soon(session, vote.id, vote.channel_id, now=now)


def remember_message(session: Session, *, vote_id: int, ts: str | None) -> None:
    vote = session.get(Vote, vote_id)
    if vote is not None and ts and vote.message_ts is None:
        vote.message_ts = ts
        session.add(vote)


def seat_has_voted(session: Session, *, vote_id: int, organisation_id: int) -> bool:
    return (
        session.exec(
            select(Ballot.id).where(
                Ballot.vote_id == vote_id, Ballot.organisation_id == organisation_id
            )
        ).first()
        is not None
    )


def protocol(db: Database, *, actor: Actor, channel_id: str, now: datetime) -> int:
    """Share the decision record (every closed vote with its ballots, for the minutes' annex)
    in the channel; returns how many votes it lists."""
    actor.require_secretariat(N_("Kun sekretariatet kan lave afstemningsprotokollen."))
    with db.transaction() as session:
        count = session.exec(
            select(func.count()).select_from(Vote).where(Vote.status == CLOSED)
        ).one()
        outbox.schedule(
            session,
            kind=PROTOCOL,
            subject=f"protocol:{channel_id}",
            destination=channel_id,
            due_at=now,
            data={"requested_by": actor.user_id},
            now=now,
        )
        return count


def closed_votes(session: Session, *, quorum: float = 0.5) -> list[VoteView]:
    votes = session.exec(
        select(Vote).where(Vote.status == CLOSED).order_by(Vote.closed_at, Vote.id)
    ).all()
    return [_view(session, vote, quorum) for vote in votes]
