"""Test data, once: the roster, actors and revisions in a database, and the domain's views built
without one (for the templates)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.domain import revisions, roster
from bot.domain.activity_plan import PlanItem
from bot.domain.hearings import AnswerView, HearingView, ReplyView
from bot.domain.homework import HomeworkView
from bot.domain.meetings import MeetingView, Minutes, Proposal
from bot.domain.meetings.poll_views import OptionView, PollView
from bot.domain.people import Actor, PersonView
from bot.domain.process import PROCESS_2023, phases_of
from bot.domain.revisions import (
    GroupChange,
    GroupCheck,
    GroupOverview,
    Moved,
    PhaseOverview,
    RevisionView,
)
from bot.domain.revisions.conditions import CONDITIONS, ConditionView
from bot.domain.revisions.documents import Documents, DocumentVersion, DocumentView
from bot.domain.revisions.views import OverrideView
from bot.domain.roles import Role
from bot.domain.roster import RosterEntry
from bot.domain.votes import Seat, Tally, VoteView
from bot.presentation.i18n import Translator
from bot.presentation.text import Text, text
from storage import queries
from storage.database import Database

NOW = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)

SEC, STEER, DEPUTY, MEMBER, AMB = (
    Role.SECRETARIAT,
    Role.STEERING,
    Role.STEERING_DEPUTY,
    Role.MEMBER,
    Role.AMBASSADOR,
)

GROUP_CHANNEL = "CGROUP"
OTHER_CHANNEL = "COTHER"
STEERING_CHANNEL = "CSTEER"


def person(
    slack_user_id: str,
    name: str,
    organisation: str,
    *roles: Role,
) -> RosterEntry:
    return RosterEntry(slack_user_id, name, organisation, frozenset(roles or {MEMBER}))


# The roster of the tests: enough member organisations for one working group, two of them from
# Aarhus.
ROSTER = [
    person("USEK", "Sofie Holm", "Miljøstyrelsen", SEC),
    person("UANNE", "Anne Lund", "Aarhus Kommune", STEER, MEMBER),
    person("UCARL", "Carl Berg", "Aarhus Kommune", DEPUTY, MEMBER),
    person("UDITTE", "Ditte Krogh", "Odense Kommune", MEMBER),
    person("UEMIL", "Emil Dahl", "Vejle Kommune", MEMBER),
    person("UFRIDA", "Frida Juul", "Københavns Kommune", MEMBER),
    person("UGUSTAV", "Gustav Møller", "Region Midtjylland", MEMBER, AMB),
    person("UJOHN", "John Smith", "Aalborg Kommune", STEER, MEMBER),
    person("UMEMB", "Mette Bach", "Roskilde Kommune", MEMBER),
]

DA = Translator("da")


def load_roster(db: Database, entries: Iterable[RosterEntry] = ROSTER) -> None:
    roster.import_roster(db, entries=list(entries), actor="setup", now=NOW)


def actor(db: Database, user_id: str) -> Actor:
    """The Slack user ``user_id`` as a request would carry them: with their roster entry, if any."""
    return Actor(user_id, roster.find_person(db, slack_user_id=user_id))


def said(message: Text) -> str:
    """The Danish text a user would read."""
    return message.render(DA)


def start_revision(
    db: Database,
    *,
    goal: str = "Rengøring",
    channel_id: str = GROUP_CHANNEL,
    coordinator: str | None = None,
    members: Iterable[str] = (),
    deciding: bool = False,
    at: str | None = None,
    process: str = PROCESS_2023,
) -> revisions.RevisionView:
    """A revision started by the secretariat, optionally with a coordinator and more members,
    moved on to phase ``at`` (``deciding``: to the phase where the steering group votes on it),
    past the conditions of the phases before with a reason, as ``Flyt alligevel`` does."""
    secretariat = actor(db, "USEK")
    started = revisions.start_revision(
        db, actor=secretariat, goal=goal, channel_id=channel_id, now=NOW, process=process
    )
    if coordinator is not None:
        revisions.appoint_coordinator(
            db, actor=secretariat, channel_id=channel_id, user_id=coordinator, now=NOW
        )
    if members:
        revisions.change_group(
            db, actor=secretariat, channel_id=channel_id, add=list(members), now=NOW
        )
    if deciding:
        at = "godkendelse"
    while at is not None and started.phase.key != at:
        started = move_on(db, channel_id=channel_id, reason="Testens forudsætning").revision
    return started


def move_on(
    db: Database,
    *,
    channel_id: str = GROUP_CHANNEL,
    reason: str | None = None,
    now: datetime = NOW,
) -> revisions.PhaseOverview:
    """The secretariat moves the revision on (with ``reason``: past unmet conditions)."""
    secretariat = actor(db, "USEK")
    here = revisions.revision_here(db, channel_id=channel_id)
    assert here is not None
    return revisions.advance_phase(
        db,
        actor=secretariat,
        channel_id=channel_id,
        from_phase=here.phase.key,
        now=now,
        reason=reason,
    )


def audit_log(db: Database, *, entity: str | None = None) -> list[dict[str, Any]]:
    """The audit entries as plain rows, oldest first."""
    with db.reading() as session:
        return [
            {
                "actor": entry.actor,
                "action": entry.action,
                "entity": entry.entity,
                "before": entry.before,
                "after": entry.after,
            }
            for entry in queries.audit_entries(session, entity=entity)
        ]


def group_ids(db: Database, *, channel_id: str = GROUP_CHANNEL) -> list[str]:
    """The Slack ids of the working group in ``channel_id``, sorted."""
    with db.reading() as session:
        revision = queries.revision_in_channel(session, channel_id=channel_id)
        assert revision is not None and revision.id is not None
        return sorted(
            p.slack_user_id for p in queries.group_people(session, revision_id=revision.id)
        )


# -- views without a database, for the templates ------------------------------------------


def person_view(
    user: str = "UANNE", name: str = "Anne Lund", organisation: str = "Aarhus Kommune", *roles: Role
) -> PersonView:
    return PersonView(user, name, organisation, frozenset(roles or {Role.MEMBER}))


def secretariat() -> Actor:
    return Actor("USEK", person_view("USEK", "Sofie Holm", "Miljøstyrelsen", Role.SECRETARIAT))


def revision(
    goal: str = "Rengøring", *, phase: int = 0, coordinator: PersonView | None = None, size: int = 5
) -> RevisionView:
    return RevisionView(
        id=1,
        goal=goal,
        process=PROCESS_2023,
        phase=phases_of(PROCESS_2023)[phase],
        channel_id="CGROUP",
        coordinator=coordinator,
        group_size=size,
    )


def group(goal: str = "Rengøring", *, organisations: int = 5, ok: bool = True) -> GroupOverview:
    lead = person_view("UANNE", "Anne Lund", "Aarhus Kommune", Role.STEERING)
    members = {"Aarhus Kommune": [lead]}
    for number in range(1, organisations):
        members[f"Kommune {number}"] = [
            person_view(f"U{number:03d}", f"Person {number}", f"Kommune {number}")
        ]
    problems = () if ok else (text("Der er ikke udpeget en tovholder."),)
    return GroupOverview(
        revision(goal, coordinator=lead, size=organisations),
        members,
        GroupCheck(organisations, problems),
    )


def moved(goal: str = "Rengøring", *, number: int = 2) -> Moved:
    """The announcement of a move to the ``number``-th phase of the 2023 process."""
    phases = phases_of(PROCESS_2023)
    return Moved(goal, phases[number - 1], number, len(phases), "USEK")


def phase(
    goal: str = "Rengøring", *, current: int = 0, missing: bool = True, overrides: int = 0
) -> PhaseOverview:
    """The phases with the current one's first condition unmet (``missing``) or every one met."""
    step = phases_of(PROCESS_2023)[current]
    conditions = tuple(
        ConditionView(
            key,
            CONDITIONS[key].label,
            not (missing and index == 0),
            text("Sekretariatet udpeger tovholderen med `/pogi tovholder @navn`."),
        )
        for index, key in enumerate(step.exits)
    )
    moves = tuple(
        OverrideView("forberedelse", "udvikling", ("coordinator", "suppliers"), goal, "USEK", NOW)
        for _ in range(overrides)
    )
    return PhaseOverview(
        revision(goal, phase=current), phases_of(PROCESS_2023), current, conditions, moves
    )


def documents(goal: str = "Rengøring", *, many: int = 0, empty: bool = False) -> Documents:
    """A background report in its second version and a supplier dialogue (``many`` more)."""
    first = DocumentVersion(1, "", "https://pogi.dk/baggrund-v1.pdf", "USEK", NOW)
    second = DocumentVersion(2, goal, "https://pogi.dk/baggrund.pdf", "UANNE", LATER)
    found = (
        DocumentView("background-report", second, (first,)),
        DocumentView(
            "supplier-dialogue", DocumentVersion(1, goal, "https://pogi.dk/d", "USEK", NOW), ()
        ),
        *(
            DocumentView("other", DocumentVersion(1, f"{goal} {n}", "https://x.dk", "U1", NOW), ())
            for n in range(many)
        ),
    )
    return Documents(goal, () if empty else found, goal if many else None)


def change(goal: str = "Rengøring") -> GroupChange:
    return GroupChange(
        added=[person_view("UEMIL", "Emil Dahl", "Vejle Kommune")],
        already=[person_view("UDITTE", "Ditte Krogh", "Odense Kommune")],
        not_in_roster=["UOUTSIDER"],
        removed=[person_view("UFRIDA", "Frida Juul", "Københavns Kommune")],
        not_member=["UHELLE"],
        overview=group(goal),
    )


def meeting(
    goal: str = "Rengøring",
    *,
    number: int = 1,
    kind: str = "group",
    title: str = "Opstartsmøde",
    status: str = "planned",
) -> MeetingView:
    return MeetingView(
        id=7,
        channel_id="CGROUP",
        kind=kind,
        number=number,
        title=title,
        starts_at=datetime(2026, 12, 3, 12, 0, tzinfo=UTC),
        ends_at=datetime(2026, 12, 3, 14, 0, tzinfo=UTC),
        status=status,
        sequence=0,
        uid="abc@pogi",
        goal=goal if kind == "group" else None,
        agenda_number=number,
    )


def poll(
    goal: str = "Rengøring",
    *,
    kind: str = "group",
    title: str = "Opstartsmøde",
    status: str = "open",
    options: int = 3,
    answered: int = 3,
) -> PollView:
    """A time poll with ``options`` times 11 days apart (the third on Christmas Day) and
    ``answered`` people, each suiting every time up to their own number."""
    people = tuple(f"U{n:03d}" for n in range(answered))
    first = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    starts = [first + timedelta(days=11 * n) for n in range(options)]
    return PollView(
        id=9,
        channel_id="CGROUP",
        kind=kind,
        goal=goal if kind == "group" else None,
        title=title,
        options=tuple(
            OptionView(n + 1, start, start + timedelta(hours=2), people[n:])
            for n, start in enumerate(starts)
        ),
        status=status,
        created_by="UANNE",
        answered=people,
        message_ts="1.2",
        meeting_number=1 if status == "decided" else None,
    )


def proposal(goal: str = "Rengøring", *, assumed: bool = False) -> Proposal:
    m = meeting(goal)
    return Proposal("CGROUP", "group", 2, m.title, m.starts_at, m.ends_at, goal, assumed)


def homework(
    task: str = "Send udkast til Anne", *, whole_day: bool = False, done: bool = False
) -> HomeworkView:
    return HomeworkView(
        id=3,
        channel_id="CGROUP",
        goal="Rengøring",
        assignee=person_view("UDITTE", "Ditte Krogh"),
        task=task,
        due_at=datetime(2026, 11, 27, 11, 0, tzinfo=UTC),
        due_is_day=whole_day,
        status="done" if done else "open",
        created_by="UANNE",
        done_by="UDITTE" if done else None,
        done_at=datetime(2026, 11, 26, 9, 0, tzinfo=UTC) if done else None,
        message_ts="1.1",
        meeting_number=2,
    )


def minutes(goal: str = "Rengøring", *, empty: bool = False) -> Minutes:
    return Minutes(
        meeting(goal),
        [] if empty else ["Odense Kommune", "Vejle Kommune"],
        "Anne er formand." if not empty else "",
        "" if empty else "Næste møde i januar.",
        "UANNE",
        datetime(2026, 12, 3, 14, 0, tzinfo=UTC),
    )


def tally(seats: int = 5, *, voted: int = 3) -> Tally:
    choices = ["for", "against", "abstain"]
    return Tally(
        [
            Seat(
                f"Kommune {n}",
                choices[n % 3] if n < voted else None,
                f"U{n:03d}" if n < voted else None,
                "pending" if n % 2 else None,
            )
            for n in range(seats)
        ],
        0.5,
    )


def vote(
    title: str = "Rengøring",
    *,
    kind: str = "goal",
    closed: bool = False,
    seats: int = 5,
    override: str | None = None,
    opens: bool = False,
    cancelled: bool = False,
    plan: tuple[PlanItem, ...] | None = None,
    hidden: bool = False,
    reason: str | None = None,
) -> VoteView:
    """``reason``: what every seat that voted gave as its reason."""
    t = tally(seats)
    result = None
    if closed:
        result = {
            "counts": t.counts,
            "seats_total": len(t.seats),
            "voted": t.voted,
            "quorum_needed": t.quorum_needed,
            "quorum": t.quorum,
            "passed": t.passed,
            "seats": [
                {
                    "organisation": s.organisation,
                    "choice": s.choice,
                    "voter": s.voter,
                    "approval": s.approval,
                    "reason": reason if s.choice else None,
                }
                for s in t.seats
            ],
        }
    start = datetime(2027, 4, 20, 8, 0, tzinfo=UTC)
    return VoteView(
        id=4,
        channel_id="CSTEER",
        kind=kind,
        title=title,
        proposal="https://example.org/x",
        status="cancelled" if cancelled else "closed" if closed else "open",
        opened_at=start,
        closes_at=start,
        override_reason=override,
        meeting_number=2,
        meeting_span=(start, datetime(2027, 4, 20, 10, 0, tzinfo=UTC)),
        message_ts="1.2",
        tally=t,
        closed_at=start if closed or cancelled else None,
        result=result,
        opens_at=start if opens else None,
        plan=plan,
        hidden=hidden,
    )


def hearing(
    goal: str = "Rengøring", *, kind: str = "internal", answers: int = 2, closed: bool = False
) -> HearingView:
    consulted = [f"Kommune {n}" for n in range(max(answers, 1) + 2)]
    found = [
        AnswerView(
            consulted[n],
            f"Svar nummer {n} " * 20,
            "https://example.org/svar" if n % 2 else "",
            1 + n % 2,
            "UANNE",
            date(2026, 12, 1) if n % 3 == 0 else None,
            datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
            ReplyView(
                "Tak for svaret.",
                ["accepted", "partly", "rejected"][n % 3],
                "Fordi det er rimeligt.",
                "Kravet skærpes." if n % 2 else "",
                "USEK",
            )
            if n % 4
            else None,
        )
        for n in range(answers)
    ]
    return HearingView(
        id=5,
        revision_id=1,
        goal=goal,
        channel_id="CGROUP",
        kind=kind,
        deadline=datetime(2027, 1, 15, 11, 0, tzinfo=UTC),
        url="https://example.org/udkast",
        status="closed" if closed else "open",
        opened_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        closed_at=datetime(2027, 1, 15, 11, 0, tzinfo=UTC) if closed else None,
        consulted=consulted,
        answers=found,
    )
