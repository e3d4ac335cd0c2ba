"""What each kind of outbox row says when it is due, composed from the current state.

A composer returns ``None`` when its subject no longer warrants the message (a cancelled
meeting's reminder, finished homework's nudge): the dispatcher then drops the row unsent.
Channel messages are in the workspace's language; direct messages in the recipient's.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from sqlmodel import Session

from bot.domain import hearings, homework, meetings, votes
from bot.domain.outbox import Attachment, Composer, Composers, Outgoing, Sent
from bot.presentation.calendar import CalendarEntry, meeting_ics
from bot.presentation.i18n import N_, Translator, language_of
from bot.presentation.wordfile import markdown_to_docx
from handlers.deps import Pogi
from storage import queries
from storage.tables import Meeting, OutboxMessage, Revision


def composers(pogi: Pogi) -> Composers:
    registry = Composers()
    for kind, composer in {
        meetings.ANNOUNCE: Composer(_announce(pogi), _remember_announcement),
        meetings.MOVED: Composer(_moved(pogi)),
        meetings.CANCELLED_NOTICE: Composer(_cancelled(pogi)),
        meetings.REMINDER: Composer(_meeting_reminder(pogi)),
        meetings.MINUTES_PROMPT: Composer(_minutes_prompt(pogi)),
        meetings.MINUTES: Composer(_minutes(pogi)),
        homework.POSTED: Composer(
            _homework_message(pogi, "homework_posted", to_channel=True), _remember_homework_message
        ),
        homework.ASSIGNED: Composer(_homework_message(pogi, "homework_assigned")),
        homework.REMINDER: Composer(_homework_message(pogi, "homework_reminder", before_due=True)),
        homework.OVERDUE: Composer(_homework_message(pogi, "homework_overdue")),
        homework.COMPLETED: Composer(_homework_done(pogi)),
        votes.POSTED: Composer(_vote_message(pogi, update=False), _remember_vote_message),
        votes.REFRESH: Composer(_vote_message(pogi, update=True)),
        votes.REMINDER: Composer(_vote_reminder(pogi)),
        votes.RESULT: Composer(_vote_result(pogi)),
        votes.AMBASSADOR: Composer(_vote_ambassador(pogi)),
        votes.PROTOCOL: Composer(_vote_protocol(pogi)),
        hearings.ANNOUNCED: Composer(_hearing_message(pogi, "hearing_announced", when_open=True)),
        hearings.INVITED: Composer(
            _hearing_message(pogi, "hearing_invited", when_open=True, direct=True)
        ),
        hearings.REMINDER: Composer(_hearing_reminder(pogi)),
        hearings.CLOSED_NOTICE: Composer(_hearing_message(pogi, "hearing_closed")),
        hearings.MEMO: Composer(_hearing_memo(pogi, word=False)),
        hearings.MEMO_WORD: Composer(_hearing_memo(pogi, word=True)),
    }.items():
        registry.register(kind, composer)
    return registry


Compose = Callable[[Session, OutboxMessage], Outgoing | None]


def _id(row: OutboxMessage) -> int:
    return int(row.subject.split(":", 1)[1])


def _message(
    pogi: Pogi, template: str, row: OutboxMessage, tr: Translator | None = None, **data: object
) -> Outgoing:
    rendered = pogi.render(template, tr=tr or pogi.public_tr, now=pogi.clock(), **data)
    return Outgoing(channel=row.destination, text=rendered["text"], blocks=rendered["blocks"])


# -- meetings ------------------------------------------------------------------------------


def _calendar_file(pogi: Pogi, meeting: meetings.MeetingView, *, cancelled: bool) -> Attachment:
    text = json.loads(
        pogi.renderer.document(
            "meeting_calendar",
            translator=pogi.public_tr,
            zone=pogi.settings.timezone,
            meeting=meeting,
        )
    )
    entry = CalendarEntry(
        uid=meeting.uid,
        sequence=meeting.sequence,
        summary=text["summary"],
        description=text["description"],
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        stamp=pogi.clock(),
        cancelled=cancelled,
    )
    return Attachment(
        filename=f"mode-{meeting.number}.ics",
        title=text["summary"],
        content=meeting_ics(entry, zone=pogi.settings.timezone),
    )


def _planned(session: Session, row: OutboxMessage) -> meetings.MeetingView | None:
    meeting = meetings.get(session, _id(row))
    return meeting if meeting is not None and meeting.status == meetings.PLANNED else None


def _announce(pogi: Pogi) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        meeting = _planned(session, row)
        if meeting is None:
            return None
        message = _message(pogi, "meeting_announced", row, meeting=meeting)
        return replace(message, attachment=_calendar_file(pogi, meeting, cancelled=False))

    return compose


def _remember_announcement(session: Session, row: OutboxMessage, sent: Sent) -> None:
    meeting = session.get(Meeting, _id(row))
    if meeting is not None and sent.ts:
        meeting.announced_ts = sent.ts
        session.add(meeting)


def _moved(pogi: Pogi) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        meeting = _planned(session, row)
        data = row.data or {}
        if meeting is None or data.get("sequence") != meeting.sequence:
            return None  # cancelled or moved again since: the later notice says what holds
        message = _message(
            pogi,
            "meeting_moved",
            row,
            meeting=meeting,
            before_start=datetime.fromisoformat(data["from_start"]),
            before_end=datetime.fromisoformat(data["from_end"]),
        )
        return replace(message, attachment=_calendar_file(pogi, meeting, cancelled=False))

    return compose


def _cancelled(pogi: Pogi) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        meeting = meetings.get(session, _id(row))
        if meeting is None or meeting.status != meetings.CANCELLED:
            return None
        message = _message(pogi, "meeting_cancelled", row, meeting=meeting)
        return replace(message, attachment=_calendar_file(pogi, meeting, cancelled=True))

    return compose


def _meeting_reminder(pogi: Pogi) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        meeting = _planned(session, row)
        if meeting is None or meeting.starts_at <= pogi.clock():
            return None
        return _message(pogi, "meeting_reminder", row, meeting=meeting)

    return compose


def _minutes_prompt(pogi: Pogi) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        meeting = _planned(session, row)
        if meeting is None or meeting.has_minutes:
            return None
        return _message(pogi, "meeting_minutes_prompt", row, meeting=meeting)

    return compose


def _minutes(pogi: Pogi) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        meeting = session.get(Meeting, _id(row))
        if meeting is None or meeting.minutes_at is None:
            return None
        return _message(pogi, "meeting_minutes", row, minutes=meetings.minutes_of(session, meeting))

    return compose


# -- homework ------------------------------------------------------------------------------


def _homework_message(
    pogi: Pogi, template: str, *, to_channel: bool = False, before_due: bool = False
) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        task = homework.get(session, _id(row))
        if task is None or task.status != homework.OPEN:
            return None
        if before_due and task.due_at <= pogi.clock():
            return None
        tr = None if to_channel else _recipient_tr(pogi, session, task.assignee.slack_user_id)
        return _message(pogi, template, row, tr=tr, homework=task)

    return compose


def _remember_homework_message(session: Session, row: OutboxMessage, sent: Sent) -> None:
    homework.remember_message(session, homework_id=_id(row), ts=sent.ts)


def _homework_done(pogi: Pogi) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        task = homework.get(session, _id(row))
        if task is None or task.status != homework.DONE or not task.message_ts:
            return None
        message = _message(pogi, "homework_done", row, homework=task)
        return replace(message, update_ts=task.message_ts)

    return compose


# -- votes ---------------------------------------------------------------------------------


def _vote(pogi: Pogi, session: Session, row: OutboxMessage) -> votes.VoteView | None:
    return votes.get(session, _id(row), quorum=pogi.settings.pogi_vote_quorum)


def _vote_message(pogi: Pogi, *, update: bool) -> Compose:
    """The vote as it stands now; a refresh edits the posted message in place."""

    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        vote = _vote(pogi, session, row)
        if vote is None or (update and not vote.message_ts):
            return None  # not posted yet: the post itself will show the current state
        message = _message(pogi, "vote_message", row, vote=vote)
        return replace(message, update_ts=vote.message_ts if update else None)

    return compose


def _remember_vote_message(session: Session, row: OutboxMessage, sent: Sent) -> None:
    votes.remember_message(session, vote_id=_id(row), ts=sent.ts)


def _vote_reminder(pogi: Pogi) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        vote = _vote(pogi, session, row)
        organisation_id = (row.data or {}).get("organisation_id")
        if vote is None or vote.status != votes.OPEN or organisation_id is None:
            return None
        if votes.seat_has_voted(session, vote_id=vote.id, organisation_id=organisation_id):
            return None
        person = queries.person_by_slack_id(session, slack_user_id=row.destination)
        if person is None:
            return None
        organisation = queries.organisations_by_id(session)[organisation_id].name
        tr = _recipient_tr(pogi, session, row.destination)
        return _message(pogi, "vote_reminder", row, tr=tr, vote=vote, organisation=organisation)

    return compose


def _vote_result(pogi: Pogi) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        vote = _vote(pogi, session, row)
        if vote is None or vote.status != votes.CLOSED:
            return None
        return _message(pogi, "vote_result", row, vote=vote)

    return compose


def _vote_ambassador(pogi: Pogi) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        vote = _vote(pogi, session, row)
        if vote is None or not (vote.result or {}).get("passed"):
            return None
        tr = _recipient_tr(pogi, session, row.destination)
        return _message(pogi, "vote_ambassador", row, tr=tr, vote=vote)

    return compose


def _vote_protocol(pogi: Pogi) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        closed = votes.closed_votes(session, quorum=pogi.settings.pogi_vote_quorum)
        names = {p.slack_user_id: p.name for p in queries.all_people(session)}
        requested_by = (row.data or {}).get("requested_by")
        tr = _recipient_tr(pogi, session, requested_by) if requested_by else pogi.public_tr
        document = pogi.renderer.document(
            "vote_protocol.md",
            translator=tr,
            zone=pogi.settings.timezone,
            votes=closed,
            names=names,
            now=pogi.clock(),
        )
        title = tr(N_("Afstemningsprotokol"))
        stamp = pogi.clock().astimezone(pogi.settings.timezone).strftime("%Y-%m-%d")
        return Outgoing(
            channel=row.destination,
            text=tr(
                N_("Afstemningsprotokollen med %(count)s lukkede afstemninger."), count=len(closed)
            ),
            attachment=Attachment(
                f"afstemningsprotokol-{stamp}.md", title, document.encode("utf-8")
            ),
        )

    return compose


# -- hearings ------------------------------------------------------------------------------


def _recipient_tr(pogi: Pogi, session: Session, user_id: str) -> Translator:
    """A direct message is in the recipient's language, asked of Slack if pogi does not know it
    yet (the dispatcher, not a user, waits for that)."""
    person = queries.person_by_slack_id(session, slack_user_id=user_id)
    known = person.locale if person else None
    locale = (
        pogi.locales.locale(user_id, known, in_roster=person is not None) if pogi.locales else known
    )
    return Translator(language_of(locale, pogi.settings.pogi_language), pogi.settings.timezone)


def _hearing_message(
    pogi: Pogi, template: str, *, when_open: bool = False, direct: bool = False
) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        hearing = hearings.get(session, _id(row))
        if hearing is None or (when_open and hearing.status != hearings.OPEN):
            return None
        tr = _recipient_tr(pogi, session, row.destination) if direct else None
        return _message(pogi, template, row, tr=tr, hearing=hearing)

    return compose


def _hearing_reminder(pogi: Pogi) -> Compose:
    """Only to organisations that have not answered, while the hearing is open."""

    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        hearing = hearings.get(session, _id(row))
        organisation_id = (row.data or {}).get("organisation_id")
        if hearing is None or hearing.status != hearings.OPEN or organisation_id is None:
            return None
        if hearing.deadline <= pogi.clock():
            return None
        if hearings.organisation_has_answered(
            session, hearing_id=hearing.id, organisation_id=organisation_id
        ):
            return None
        organisation = queries.organisations_by_id(session)[organisation_id].name
        return _message(
            pogi,
            "hearing_reminder",
            row,
            tr=_recipient_tr(pogi, session, row.destination),
            hearing=hearing,
            organisation=organisation,
        )

    return compose


def _hearing_memo(pogi: Pogi, *, word: bool) -> Compose:
    """The consultation memo in the requester's language: Markdown, or the same as Word."""

    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        revision = session.get(Revision, _id(row))
        if revision is None:
            return None
        memo = hearings.memo_of(session, revision)
        requested_by = (row.data or {}).get("requested_by")
        tr = _recipient_tr(pogi, session, requested_by) if requested_by else pogi.public_tr
        document = pogi.renderer.document(
            "hearing_memo.md",
            translator=tr,
            zone=pogi.settings.timezone,
            memo=memo,
            now=pogi.clock(),
        )
        title = tr(N_("Høringsnotat: %(goal)s"), goal=revision.goal)
        slug = "".join(c if c.isalnum() else "-" for c in revision.goal.lower()).strip("-")
        name = f"hoeringsnotat-{slug or revision.id}"
        if word:
            content = markdown_to_docx(document, title=title)
            return Outgoing(
                channel=row.destination,
                text=tr(N_("Høringsnotatet som Word-fil.")),
                attachment=Attachment(f"{name}.docx", title, content),
            )
        return Outgoing(
            channel=row.destination,
            text=title,
            attachment=Attachment(f"{name}.md", title, document.encode("utf-8")),
        )

    return compose
