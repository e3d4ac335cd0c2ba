"""Domain objects for tests that need no database."""

from __future__ import annotations

from bot.domain.people import Actor, PersonView
from bot.domain.process import PROCESS_2023, phases_of
from bot.domain.revisions import GroupChange, GroupCheck, GroupOverview, PhaseOverview, RevisionView
from bot.domain.roles import Role
from bot.presentation.text import text


def person(
    user: str = "UANNE", name: str = "Anne Lund", organisation: str = "Aarhus Kommune", *roles: Role
) -> PersonView:
    return PersonView(user, name, organisation, frozenset(roles or {Role.MEMBER}))


def secretariat() -> Actor:
    return Actor("USEK", person("USEK", "Sofie Holm", "Miljøstyrelsen", Role.SECRETARIAT))


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
    lead = person("UANNE", "Anne Lund", "Aarhus Kommune", Role.STEERING)
    members = {"Aarhus Kommune": [lead]}
    for number in range(1, organisations):
        members[f"Kommune {number}"] = [
            person(f"U{number:03d}", f"Person {number}", f"Kommune {number}")
        ]
    problems = () if ok else (text("Der er ikke udpeget en tovholder."),)
    return GroupOverview(
        revision(goal, coordinator=lead, size=organisations),
        members,
        GroupCheck(organisations, problems),
    )


def phase(goal: str = "Rengøring", *, current: int = 0, missing: bool = True) -> PhaseOverview:
    return PhaseOverview(
        revision(goal, phase=current),
        phases_of(PROCESS_2023),
        current,
        (text("Der er ikke udpeget en tovholder."),) if missing else (),
    )


def change(goal: str = "Rengøring") -> GroupChange:
    return GroupChange(
        added=[person("UEMIL", "Emil Dahl", "Vejle Kommune")],
        already=[person("UDITTE", "Ditte Krogh", "Odense Kommune")],
        not_in_roster=["UOUTSIDER"],
        removed=[person("UFRIDA", "Frida Juul", "Københavns Kommune")],
        overview=group(goal),
    )


def meeting(
    goal: str = "Rengøring",
    *,
    number: int = 1,
    kind: str = "group",
    title: str = "Opstartsmøde",
    status: str = "planned",
):  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from bot.domain.meetings import MeetingView

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
    )


def proposal(goal: str = "Rengøring", *, assumed: bool = False):  # type: ignore[no-untyped-def]
    from bot.domain.meetings import Proposal

    m = meeting(goal)
    return Proposal("CGROUP", "group", 2, m.title, m.starts_at, m.ends_at, goal, assumed)


def homework(task: str = "Send udkast til Anne", *, whole_day: bool = False, done: bool = False):  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from bot.domain.homework import HomeworkView

    return HomeworkView(
        id=3,
        channel_id="CGROUP",
        goal="Rengøring",
        assignee=person("UDITTE", "Ditte Krogh"),
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


def minutes(goal: str = "Rengøring", *, empty: bool = False):  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from bot.domain.meetings import Minutes

    return Minutes(
        meeting(goal),
        [] if empty else ["Odense Kommune", "Vejle Kommune"],
        "Anne er formand." if not empty else "",
        "" if empty else "Næste møde i januar.",
        "UANNE",
        datetime(2026, 12, 3, 14, 0, tzinfo=UTC),
    )


def tally(seats: int = 5, *, voted: int = 3):  # type: ignore[no-untyped-def]
    from bot.domain.votes import Seat, Tally

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
):  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from bot.domain.votes import VoteView

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
        status="closed" if closed else "open",
        opened_at=start,
        closes_at=start,
        override_reason=override,
        meeting_number=2,
        meeting_span=(start, datetime(2027, 4, 20, 10, 0, tzinfo=UTC)),
        message_ts="1.2",
        tally=t,
        closed_at=start if closed else None,
        result=result,
    )


def hearing(
    goal: str = "Rengøring", *, kind: str = "internal", answers: int = 2, closed: bool = False
):  # type: ignore[no-untyped-def]
    from datetime import UTC, date, datetime

    from bot.domain.hearings import AnswerView, HearingView, ReplyView

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
