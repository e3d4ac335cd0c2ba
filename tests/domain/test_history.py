"""The audit trail in words (``bot.domain.history``): every kind of change pogi makes writes an
audit row, and each row reads as a sentence with names, phases and times in words; a kind this
version does not know is still told in words; nothing in pogi changes or removes a row."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.domain import hearings, history, homework, meetings, revisions, roster, votes
from bot.domain.history import actions as everyday
from bot.domain.process import PROCESS_2023, PROCESSES
from bot.domain.revisions.conditions import label_of
from bot.domain.roles import Role
from bot.presentation.i18n import Translator
from storage.database import Database
from tests.support.factories import (
    GROUP_CHANNEL,
    NOW,
    STEERING_CHANNEL,
    actor,
    load_roster,
    start_revision,
)

ZONE = ZoneInfo("Europe/Copenhagen")
DA, EN = Translator("da", ZONE), Translator("en", ZONE)
ROOT = Path(__file__).resolve().parents[2]
SPRING_START = datetime(2027, 3, 16, 12, 0, tzinfo=UTC)  # 13.00 in Copenhagen
FIRST_MEETING = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)  # 10.00 in Copenhagen
HELD_MEETING = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 12, 21, 11, 0, tzinfo=UTC)


def _every_kind_of_change(db: Database) -> None:
    """Each change pogi records, once or more, through the services the handlers call."""
    load_roster(db)  # person.create
    sec = actor(db, "USEK")
    roster.add_person(  # person.update
        db,
        actor=sec,
        slack_user_id="UMEMB",
        name="Mette Bach",
        organisation="Roskilde Kommune",
        roles=frozenset({Role.MEMBER, Role.AMBASSADOR}),
        now=NOW,
    )
    revisions.set_steering_channel(db, actor=sec, channel_id=STEERING_CHANNEL, now=NOW)
    start_revision(db, coordinator="UANNE", members=["UDITTE", "UEMIL", "UFRIDA", "UGUSTAV"])
    revisions.change_group(db, actor=sec, channel_id=GROUP_CHANNEL, remove=["UGUSTAV"], now=NOW)
    revisions.advance_phase(
        db,
        actor=sec,
        channel_id=GROUP_CHANNEL,
        from_phase="forberedelse",
        now=NOW,
        reason="Rapporten kommer senere",
    )
    first = meetings.confirm(
        db,
        actor=sec,
        channel_id=GROUP_CHANNEL,
        starts_at=FIRST_MEETING,
        ends_at=FIRST_MEETING + timedelta(hours=2),
        title="Opstartsmøde",
        now=NOW,
        reminders=(),
    )
    meetings.move(
        db,
        actor=sec,
        channel_id=GROUP_CHANNEL,
        number=first.number,
        text="11/12 kl. 13-15",
        now=NOW,
        zone=ZONE,
        reminders=(),
    )
    held = meetings.confirm(
        db,
        actor=sec,
        channel_id=GROUP_CHANNEL,
        starts_at=HELD_MEETING,
        ends_at=HELD_MEETING + timedelta(hours=2),
        title="",
        now=NOW,
        reminders=(),
    )
    meetings.record_minutes(
        db,
        actor=sec,
        meeting_id=held.id,
        attendance=["Odense Kommune"],
        decisions="Anne er formand.",
        notes="",
        now=HELD_MEETING + timedelta(hours=3),
    )
    meetings.cancel(db, actor=sec, channel_id=GROUP_CHANNEL, number=first.number, now=NOW)
    [task] = homework.assign(
        db,
        actor=sec,
        channel_id=GROUP_CHANNEL,
        assignee_ids=["UDITTE"],
        text="Send udkast til 27/11 kl. 12",
        now=NOW,
        zone=ZONE,
        reminders=(),
    )
    homework.complete(db, actor=actor(db, "UDITTE"), homework_id=task.id, now=NOW)
    revisions.advance_phase(  # hearings open only in their phase
        db, actor=sec, channel_id=GROUP_CHANNEL, from_phase="udvikling", now=NOW, reason="Test"
    )
    hearing = hearings.open_hearing(
        db,
        actor=sec,
        channel_id=GROUP_CHANNEL,
        kind=hearings.INTERNAL,
        deadline=DEADLINE,
        url="https://pogi.dk/udkast",
        now=NOW,
        reminders=(),
    )
    hearings.add_party(
        db,
        actor=sec,
        channel_id=GROUP_CHANNEL,
        organisation="Dansk Industri",
        contact="Jens Hansen",
        email="jh@di.dk",
        now=NOW,
    )
    hearings.remove_party(
        db, actor=sec, channel_id=GROUP_CHANNEL, organisation="Dansk Industri", now=NOW
    )
    hearings.submit_answer(
        db,
        actor=actor(db, "UDITTE"),
        hearing_id=hearing.id,
        organisation=None,
        text="Kravet er for strengt.",
        url="",
        now=NOW,
    )
    hearings.close(db, hearing_id=hearing.id, by="pogi", now=DEADLINE)
    for decision in (hearings.PARTLY, hearings.ACCEPTED):
        hearings.reply(
            db,
            actor=sec,
            hearing_id=hearing.id,
            organisation="Odense Kommune",
            comment="Enig.",
            decision=decision,
            reason="",
            change="",
            now=DEADLINE,
        )
    for phase in ("intern-hoering", "branchehoering"):
        revisions.advance_phase(
            db, actor=sec, channel_id=GROUP_CHANNEL, from_phase=phase, now=NOW, reason="Test"
        )
    meetings.confirm(
        db,
        actor=sec,
        channel_id=STEERING_CHANNEL,
        starts_at=SPRING_START,
        ends_at=SPRING_START + timedelta(hours=2),
        title="Forårsmøde",
        now=NOW,
        reminders=(),
    )
    opened = votes.open_vote(
        db, actor=sec, channel_id=STEERING_CHANNEL, subject="Rengøring", proposal="", now=NOW
    )
    assert isinstance(opened, votes.VoteView)
    # ballots are taken from the meeting's start
    for choice in (votes.AGAINST, votes.FOR):
        votes.cast(db, voter="UANNE", vote_id=opened.id, choice=choice, now=SPRING_START)
    votes.cast(db, voter="UJOHN", vote_id=opened.id, choice=votes.FOR, now=SPRING_START)
    votes.set_approval(db, voter="UANNE", vote_id=opened.id, state=votes.GIVEN, now=SPRING_START)
    votes.close(db, vote_id=opened.id, by="USEK", now=NOW)
    # the vote passed, which is all approval asks: the secretariat moves the revision on
    revisions.advance_phase(
        db, actor=sec, channel_id=GROUP_CHANNEL, from_phase="godkendelse", now=NOW
    )


def _told(db: Database, tr: Translator = DA) -> dict[str, list[str]]:
    """Every audit row as its sentence, by action, oldest first."""
    with db.reading() as session:
        lines = history.lines_of(session)
    told: dict[str, list[str]] = {}
    for line in reversed(lines):
        told.setdefault(line.action, []).append(line.sentence.render(tr))
    return told


def test_every_kind_of_change_writes_an_audit_row_that_reads_as_words(any_db):
    _every_kind_of_change(any_db)

    told = _told(any_db)

    assert set(told) == set(everyday.SENTENCES) - {"person.erase"}
    for sentences in told.values():
        for sentence in sentences:
            assert not re.search(r"[{}\[\]]|\bU[A-Z]{3,}\b|\d{4}-\d\d-\d\d|None", sentence), (
                sentence
            )
    assert told["person.create"][0] == (
        "setup føjede Sofie Holm (Miljøstyrelsen) til brugerlisten som sekretariat"
    )
    assert told["person.update"] == [
        "Sofie Holm ændrede Mette Bach på brugerlisten: roller fra medlem til ambassadør, medlem"
    ]
    assert told["steering.channel"] == ["Sofie Holm gjorde kanalen CSTEER til styregruppens kanal"]
    assert told["revision.start"] == [
        "Sofie Holm startede revisionen af Rengøring i fasen Forberedelse"
    ]
    assert told["revision.coordinator"] == ["Sofie Holm udpegede Anne Lund som tovholder"]
    assert told["group.change"] == [
        "Sofie Holm ændrede arbejdsgruppen: tilføjede Ditte Krogh, Emil Dahl, Frida Juul, "
        "Gustav Møller",
        "Sofie Holm ændrede arbejdsgruppen: fjernede Gustav Møller",
    ]
    assert told["revision.phase"][0] == (
        "Sofie Holm flyttede revisionen fra Forberedelse til Udvikling i arbejdsgruppen "
        "alligevel, med begrundelsen »Rapporten kommer senere«. Ikke opfyldt: "
        + " ".join(label.render(DA) for label in _unmet("forberedelse"))
    )
    assert told["revision.phase"][-1] == (
        "Sofie Holm flyttede revisionen fra Godkendelse i styregruppen til Lancering"
    )
    assert told["meeting.confirm"][:2] == [
        "Sofie Holm indkaldte til møde 1 »Opstartsmøde« torsdag den 10. december 2026 kl. "
        "10.00–12.00",
        "Sofie Holm indkaldte til møde 2 torsdag den 3. december 2026 kl. 13.00–15.00",
    ]
    assert told["meeting.move"] == [
        "Sofie Holm flyttede møde 1 »Opstartsmøde« fra torsdag den 10. december 2026 kl. "
        "10.00–12.00 til fredag den 11. december 2026 kl. 13.00–15.00"
    ]
    assert told["meeting.minutes"] == ["Sofie Holm skrev referat af møde 2"]
    assert told["meeting.cancel"] == [
        "Sofie Holm aflyste møde 1 »Opstartsmøde« fredag den 11. december 2026 kl. 13.00–15.00"
    ]
    assert told["homework.assign"] == [
        "Sofie Holm gav Ditte Krogh hjemmearbejdet »Send udkast« med frist fredag den "
        "27. november 2026 kl. 12.00"
    ]
    assert told["homework.done"] == ["Ditte Krogh meldte hjemmearbejdet »Send udkast« færdigt"]
    assert told["hearing.open"] == [
        "Sofie Holm åbnede den interne høring med frist mandag den 21. december 2026 kl. 12.00"
    ]
    assert told["hearing.party.add"] == [
        "Sofie Holm satte Dansk Industri på høringslisten (Jens Hansen, jh@di.dk)"
    ]
    assert told["hearing.party.remove"] == ["Sofie Holm fjernede Dansk Industri fra høringslisten"]
    assert told["hearing.answer"] == [
        "Ditte Krogh afgav høringssvar for Odense Kommune (version 1) i den interne høring"
    ]
    assert told["hearing.close"] == ["pogi lukkede den interne høring"]
    assert told["hearing.reply"] == [
        "Sofie Holm behandlede høringssvaret fra Odense Kommune: Delvist imødekommet",
        "Sofie Holm ændrede behandlingen af høringssvaret fra Odense Kommune fra Delvist "
        "imødekommet til Imødekommet",
    ]
    assert told["vote.open"] == ["Sofie Holm åbnede afstemningen om Rengøring"]
    assert told["vote.ballot"] == [
        "Anne Lund stemte Imod for Aarhus Kommune i afstemningen om Rengøring",
        "Anne Lund ændrede stemmen for Aarhus Kommune fra Imod til For i afstemningen om Rengøring",
        "John Smith stemte For for Aalborg Kommune i afstemningen om Rengøring",
    ]
    assert told["vote.internal_approval"] == [
        "Anne Lund meldte intern godkendelse for Aarhus Kommune som givet i afstemningen om "
        "Rengøring"
    ]
    assert told["vote.close"] == [
        "Sofie Holm lukkede afstemningen om Rengøring: godkendt med 2 for og 0 imod, "
        "0 undlod at stemme; 2 af 2 pladser stemte"
    ]


def test_the_history_reads_in_english_for_an_english_reader(sqlite_db):
    _every_kind_of_change(sqlite_db)

    told = _told(sqlite_db, EN)

    assert told["revision.phase"][0] == (
        "Sofie Holm moved the revision from Preparation to Development in the working group "
        "anyway, with the reason “Rapporten kommer senere”. Not met: "
        + " ".join(label.render(EN) for label in _unmet("forberedelse"))
    )
    assert told["vote.ballot"][1] == (
        "Anne Lund changed the vote of Aarhus Kommune from No to Yes in the vote on Rengøring"
    )


def _unmet(phase: str) -> list[Any]:
    keys = next(p.exits for p in PROCESSES[PROCESS_2023].phases if p.key == phase)
    return [label_of(key) for key in keys if key != "coordinator"]


@pytest.mark.parametrize(
    ("action", "entity", "before", "after", "said"),
    [
        (
            "revision.document",
            "revision:1",
            None,
            {
                "kind": "terms-of-reference",
                "title": "Kommissorium",
                "url": "https://x.dk/k",
                "version": 2,
            },
            "Sofie Holm registrerede dokumentet »Kommissorium« (Kommissorium, version 2): "
            "https://x.dk/k",
        ),
        (
            "revision.no_supplier_dialogue",
            "revision:1",
            {"reason": None},
            {"reason": "Markedet er kendt"},
            "Sofie Holm noterede, hvorfor leverandørerne ikke er inddraget: Markedet er kendt",
        ),
        (
            "revision.launched",
            "revision:1",
            None,
            {"vote": 1},
            "Sofie Holm bekræftede, at indkøbsmålet er lanceret",
        ),
        (
            "revision.coordinator_skip",
            "revision:1",
            None,
            {"organisation": "Aarhus Kommune", "proposed": "UANNE", "reason": "Barsel"},
            "Sofie Holm sprang Aarhus Kommune over i turnus for tovholdere. Begrundelse: Barsel",
        ),
        (
            "activity_plan.add",
            "activity_plan:2027",
            None,
            {"goal": "Rengøring", "kind": "revision", "ski_tender": "2027-05-01"},
            "Sofie Holm føjede Rengøring (revision, SKI-udbud lørdag den 1. maj 2027) til "
            "aktivitetsplanen for 2027",
        ),
        (
            "activity_plan.remove",
            "activity_plan:2027",
            {"goal": "IT", "kind": "new", "ski_tender": "2027-05-03"},
            None,
            "Sofie Holm fjernede IT (nyt mål, SKI-udbud mandag den 3. maj 2027) fra "
            "aktivitetsplanen for 2027",
        ),
        (
            "vote.follow_cancelled_meeting",
            "vote:9",
            {"status": "open", "meeting_id": 3},
            {"status": "cancelled", "meeting_id": 3},
            "vote:9 blev lukket uden beslutning, da mødet blev aflyst",
        ),
    ],
)
def test_the_process_actions_are_told_in_their_own_words(
    sqlite_db, action, entity, before, after, said
):
    load_roster(sqlite_db)
    with sqlite_db.reading() as session:
        told = history.describe(
            {"actor": "USEK", "action": action, "entity": entity, "before": before, "after": after},
            history.trail._Names(session),
        ).render(DA)
    assert told == said


def test_an_action_added_later_is_told_in_words_with_names_and_times(sqlite_db):
    load_roster(sqlite_db)
    with sqlite_db.reading() as session:
        names = history.trail._Names(session)
        said = history.describe(
            {
                "actor": "UANNE",
                "action": "meeting.poll.answer",
                "entity": "meeting:99",
                "before": {"options": [1], "note": "kan ikke", "voter": "UDITTE"},
                "after": {
                    "options": [1, 2],
                    "note": "kan ikke",
                    "at": "2026-12-03T12:00:00+00:00",
                    "done": True,
                    "extra": {"by": "UEMIL", "day": "2026-12-24"},
                },
            },
            names,
        ).render(DA)

    assert said == (
        "Anne Lund: meeting.poll.answer (meeting:99): options: 1 → 1, 2; voter: Ditte Krogh "
        "fjernet; at: torsdag den 3. december 2026 kl. 13.00; done: ja; extra: by: Emil Dahl, "
        "day: torsdag den 24. december 2026"
    )


def test_a_row_of_an_unexpected_shape_falls_back_to_words():
    class Names:
        def person(self, user_id: str) -> str:
            return {"USEK": "Sofie Holm"}.get(user_id, user_id)

        def thing(self, entity: str) -> str:
            return entity

    said = history.describe(
        {
            "actor": "USEK",
            "action": "revision.phase",
            "entity": "revision:1",
            "before": None,
            "after": {"stage": "x"},
        },
        Names(),
    ).render(DA)

    assert said == "Sofie Holm: revision.phase (revision:1): stage: x"


def test_no_code_in_pogi_changes_or_removes_an_audit_row():
    """The log's queries only add and read; nothing else in pogi names the table to write it
    (erasing a person rewrites their names everywhere, the log included, as a generic pass over
    every table, which is itself logged)."""
    audit_queries = (ROOT / "storage" / "queries" / "audit.py").read_text()
    assert not re.search(r"\b(update|delete)\(", audit_queries)
    writers = []
    for folder in ("bot", "handlers", "storage"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts or path.name in ("tables.py", "audit.py"):
                continue
            if re.search(r"AuditEntry|audit_entry", path.read_text()):
                writers.append(str(path.relative_to(ROOT)))
    # the history reads it to tell it; a person's export reads the lines about them
    assert sorted(writers) == ["bot/domain/history/trail.py", "storage/queries/personal.py"]
    personal = (ROOT / "storage" / "queries" / "personal.py").read_text()
    assert not re.search(r"\b(update|delete|insert)\(", personal)
