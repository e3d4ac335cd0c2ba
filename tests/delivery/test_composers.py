"""The composers on their own: a composer for every kind, what they read and what they write."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.delivery.composers import Composing, composers
from bot.domain import (
    announcements,
    goals,
    hearings,
    history,
    homework,
    meetings,
    outbox,
    revisions,
    uptake,
    votes,
)
from bot.domain.meetings import poll_views
from bot.domain.travel import views as travel_views
from bot.presentation.render import Renderer
from storage.database import Database
from storage.tables import Meeting, OutboxMessage
from tests.conftest import load_roster
from tests.support.clock import Clock

KINDS = {
    meetings.ANNOUNCE,
    meetings.MOVED,
    meetings.CANCELLED_NOTICE,
    meetings.REMINDER,
    meetings.MINUTES_PROMPT,
    meetings.MINUTES,
    poll_views.POSTED,
    poll_views.REFRESH,
    poll_views.REMINDER,
    homework.POSTED,
    homework.ASSIGNED,
    homework.REMINDER,
    homework.OVERDUE,
    homework.COMPLETED,
    votes.POSTED,
    votes.REFRESH,
    votes.REMINDER,
    votes.RESULT,
    votes.AMBASSADOR,
    votes.PROTOCOL,
    votes.PROTOCOL_WORD,
    hearings.ANNOUNCED,
    hearings.INVITED,
    hearings.REMINDER,
    hearings.CLOSED_NOTICE,
    hearings.MEMO,
    hearings.MEMO_WORD,
    history.EXPORT_CSV,
    history.EXPORT_JSON,
    revisions.MOVED,
    goals.SAVED,
    goals.FILE_MARKDOWN,
    goals.FILE_WORD,
    goals.DIFF_FILE,
    goals.comments.ANNOUNCED,
    goals.comments.REMINDER,
    goals.comments.SUMMARY,
    *travel_views.OUTBOX_KINDS,
    uptake.ASK,
    uptake.REMINDER,
}


class EnglishForJohn:
    """Slack's answer for users the roster has no locale for."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, bool]] = []

    def locale(self, user_id: str, known: str | None, *, in_roster: bool) -> str | None:
        self.asked.append((user_id, in_roster))
        return known or ("en-GB" if user_id == "UJOHN" else "da-DK")


def composing(clock: Clock, locales: EnglishForJohn | None = None) -> Composing:
    return Composing(
        renderer=Renderer(),
        zone=ZoneInfo("Europe/Copenhagen"),
        language="da",
        quorum=0.5,
        clock=clock,
        locales=locales,
    )


def add_meeting(db: Database, clock: Clock, **values: object) -> int:
    with db.transaction() as session:
        meeting = Meeting(
            channel_id="CGROUP",
            kind=meetings.GROUP,
            number=1,
            title="Opstartsmøde",
            starts_at=clock() + timedelta(days=4),
            ends_at=clock() + timedelta(days=4, hours=2),
            uid="meeting-1@pogi",
            created_by="UANNE",
            **values,
        )
        session.add(meeting)
        session.flush()
        assert meeting.id is not None
        return meeting.id


def outbox_row(
    kind: str, subject: str, destination: str, data: dict[str, object] | None = None
) -> OutboxMessage:
    return OutboxMessage(
        id=1,
        kind=kind,
        subject=subject,
        destination=destination,
        due_at=datetime(2026, 11, 22, tzinfo=UTC),
        data=data,
    )


def test_every_kind_of_row_has_a_composer(clock: Clock) -> None:
    assert set(composers(composing(clock)).by_kind) == KINDS


def test_a_move_notice_holds_until_the_meeting_moves_again(any_db: Database, clock: Clock) -> None:
    meeting_id = add_meeting(any_db, clock, sequence=2)
    before = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    notice = {
        "from_start": before.isoformat(),
        "from_end": (before + timedelta(hours=2)).isoformat(),
        "sequence": 2,
    }

    with any_db.reading() as session:
        moved = announcements.meeting_moved(session, meeting_id=meeting_id, notice=notice)
        stale = announcements.meeting_moved(
            session, meeting_id=meeting_id, notice={**notice, "sequence": 1}
        )
        message = composers(composing(clock))[meetings.MOVED].compose(
            session, outbox_row(meetings.MOVED, meetings.subject_of(meeting_id), "CGROUP", notice)
        )

    assert moved is not None and stale is None
    assert (moved.meeting.id, moved.before_start, moved.before_end) == (
        meeting_id,
        before,
        before + timedelta(hours=2),
    )
    assert message is not None and message.attachment is not None
    assert message.attachment.filename == "mode-1.ics"


def test_a_move_notice_of_a_cancelled_meeting_is_not_sent(any_db: Database, clock: Clock) -> None:
    meeting_id = add_meeting(any_db, clock, status=meetings.CANCELLED)
    notice = {"from_start": clock().isoformat(), "from_end": clock().isoformat(), "sequence": 0}

    with any_db.reading() as session:
        assert announcements.meeting_moved(session, meeting_id=meeting_id, notice=notice) is None


def test_the_announcement_is_remembered_once_sent(any_db: Database, clock: Clock) -> None:
    meeting_id = add_meeting(any_db, clock)
    announce = composers(composing(clock))[meetings.ANNOUNCE]
    row = outbox_row(meetings.ANNOUNCE, meetings.subject_of(meeting_id), "CGROUP")
    assert announce.after_sent is not None

    with any_db.transaction() as session:
        announce.after_sent(session, row, outbox.Sent(channel="CGROUP", ts=None))
    with any_db.reading() as session:
        unsent = meetings.get(session, meeting_id)
    with any_db.transaction() as session:
        announce.after_sent(session, row, outbox.Sent(channel="CGROUP", ts="1700000000.000100"))
    with any_db.reading() as session:
        sent = meetings.get(session, meeting_id)

    assert unsent is not None and unsent.announced_ts is None
    assert sent is not None and sent.announced_ts == "1700000000.000100"


def test_minutes_not_recorded_are_not_sent(any_db: Database, clock: Clock) -> None:
    meeting_id = add_meeting(any_db, clock)

    with any_db.reading() as session:
        message = composers(composing(clock))[meetings.MINUTES].compose(
            session, outbox_row(meetings.MINUTES, meetings.subject_of(meeting_id), "CGROUP")
        )

    assert message is None


def test_the_voting_record_is_in_the_language_of_whoever_asked(
    any_db: Database, clock: Clock
) -> None:
    load_roster(any_db)
    locales = EnglishForJohn()
    protocol = composers(composing(clock, locales))[votes.PROTOCOL]

    with any_db.reading() as session:
        english = protocol.compose(
            session,
            outbox_row(votes.PROTOCOL, "protocol:CSTEER", "CSTEER", {"requested_by": "UJOHN"}),
        )
        danish = protocol.compose(session, outbox_row(votes.PROTOCOL, "protocol:CSTEER", "CSTEER"))

    assert english is not None and english.attachment is not None
    assert danish is not None and danish.attachment is not None
    assert (
        english.attachment.filename
        == danish.attachment.filename
        == ("afstemningsprotokol-2026-11-22.md")
    )
    assert (english.attachment.title, danish.attachment.title) == (
        "Voting record",
        "Afstemningsprotokol",
    )
    assert english.text == "The voting record. There are no closed votes yet."
    assert locales.asked == [("UJOHN", True)]


def test_the_memo_of_a_revision_that_is_gone_is_not_sent(any_db: Database, clock: Clock) -> None:
    memo = composers(composing(clock))[hearings.MEMO_WORD]

    with any_db.reading() as session:
        message = memo.compose(session, outbox_row(hearings.MEMO_WORD, "revision:404", "CGROUP"))

    assert message is None
