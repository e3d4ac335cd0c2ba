"""A vote's message (posted, then refreshed in place), reminders to seats that have not voted,
the result, the note to the ambassadors, and the decision record."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session

from bot.delivery.composers.context import Compose, Composing, subject_id
from bot.domain import announcements, votes
from bot.domain.outbox import Attachment, Composer, Outgoing, Sent
from bot.presentation.i18n import N_
from bot.presentation.text import plural
from bot.presentation.wordfile import markdown_to_docx
from storage.tables import OutboxMessage


def composers(composing: Composing) -> dict[str, Composer]:
    return {
        votes.POSTED: Composer(_message(composing, update=False), _remember_message),
        votes.REFRESH: Composer(_message(composing, update=True)),
        votes.REMINDER: Composer(_reminder(composing)),
        votes.RESULT: Composer(_result(composing)),
        votes.AMBASSADOR: Composer(_ambassador(composing)),
        votes.PROTOCOL: Composer(_protocol(composing, word=False)),
        votes.PROTOCOL_WORD: Composer(_protocol(composing, word=True)),
    }


def _vote(composing: Composing, session: Session, row: OutboxMessage) -> votes.VoteView | None:
    return votes.get(session, subject_id(row), quorum=composing.quorum)


def _message(composing: Composing, *, update: bool) -> Compose:
    """The vote as it stands now; a refresh edits the posted message in place."""

    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        vote = _vote(composing, session, row)
        if vote is None or (update and not vote.message_ts):
            return None  # not posted yet: the post itself will show the current state
        message = composing.message("vote_message", row, vote=vote)
        return replace(message, update_ts=vote.message_ts if update else None)

    return compose


def _remember_message(session: Session, row: OutboxMessage, sent: Sent) -> None:
    votes.remember_message(session, vote_id=subject_id(row), ts=sent.ts)


def _reminder(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        vote = _vote(composing, session, row)
        organisation_id = (row.data or {}).get("organisation_id")
        if vote is None or vote.status != votes.OPEN or organisation_id is None:
            return None
        if votes.seat_has_voted(session, vote_id=vote.id, organisation_id=organisation_id):
            return None
        if not announcements.recipient(session, slack_user_id=row.destination).in_roster:
            return None
        organisation = announcements.organisation_name(session, organisation_id=organisation_id)
        tr = composing.recipient_tr(session, row.destination)
        return composing.message("vote_reminder", row, tr=tr, vote=vote, organisation=organisation)

    return compose


def _result(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        vote = _vote(composing, session, row)
        if vote is None or vote.status != votes.CLOSED:
            return None
        return composing.message("vote_result", row, vote=vote)

    return compose


def _ambassador(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        vote = _vote(composing, session, row)
        if vote is None or not (vote.result or {}).get("passed"):
            return None
        tr = composing.recipient_tr(session, row.destination)
        return composing.message("vote_ambassador", row, tr=tr, vote=vote)

    return compose


def _protocol(composing: Composing, *, word: bool) -> Compose:
    """Every closed vote with its ballots, as a Markdown file in the requester's language, or
    the same as Word."""

    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        closed = votes.entries(session, quorum=composing.quorum)
        document = composing.requested_document(
            session,
            row,
            "vote_protocol.md",
            entries=closed,
            names=announcements.names_by_slack_id(session),
        )
        tr = document.tr
        stamp = composing.clock().astimezone(composing.zone).strftime("%Y-%m-%d")
        title = tr(N_("Afstemningsprotokol"))
        if word:
            return Outgoing(
                channel=row.destination,
                text=tr(N_("Afstemningsprotokollen som Word-fil.")),
                attachment=Attachment(
                    f"afstemningsprotokol-{stamp}.docx",
                    title,
                    markdown_to_docx(document.text, title=title, language=tr.language),
                ),
            )
        return Outgoing(
            channel=row.destination,
            text=plural(
                "Afstemningsprotokollen med %(count)s lukket afstemning.",
                "Afstemningsprotokollen med %(count)s lukkede afstemninger.",
                count=len(closed),
            ).render(tr)
            if closed
            else tr(N_("Afstemningsprotokollen. Der er endnu ingen lukkede afstemninger.")),
            attachment=document.markdown(
                f"afstemningsprotokol-{stamp}", tr(N_("Afstemningsprotokol"))
            ),
        )

    return compose
