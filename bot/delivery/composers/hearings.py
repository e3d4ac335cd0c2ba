"""A hearing's announcement, invitations, reminders to organisations that have not answered,
the closing notice, and the consultation memo (Markdown, or the same as Word)."""

from __future__ import annotations

from sqlmodel import Session

from bot.delivery.composers.context import Compose, Composing, subject_id
from bot.domain import announcements, hearings
from bot.domain.outbox import Attachment, Composer, Outgoing
from bot.presentation.i18n import N_
from bot.presentation.wordfile import markdown_to_docx
from storage.tables import OutboxMessage


def composers(composing: Composing) -> dict[str, Composer]:
    return {
        hearings.ANNOUNCED: Composer(_message(composing, "hearing_announced", when_open=True)),
        hearings.INVITED: Composer(
            _message(composing, "hearing_invited", when_open=True, direct=True)
        ),
        hearings.REMINDER: Composer(_reminder(composing)),
        hearings.CLOSED_NOTICE: Composer(_message(composing, "hearing_closed")),
        hearings.MEMO: Composer(_memo(composing, word=False)),
        hearings.MEMO_WORD: Composer(_memo(composing, word=True)),
    }


def _message(
    composing: Composing, template: str, *, when_open: bool = False, direct: bool = False
) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        hearing = hearings.get(session, subject_id(row))
        if hearing is None or (when_open and hearing.status != hearings.OPEN):
            return None
        tr = composing.recipient_tr(session, row.destination) if direct else None
        return composing.message(template, row, tr=tr, hearing=hearing)

    return compose


def _reminder(composing: Composing) -> Compose:
    """Only to organisations that have not answered, while the hearing is open."""

    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        hearing = hearings.get(session, subject_id(row))
        organisation_id = (row.data or {}).get("organisation_id")
        if hearing is None or hearing.status != hearings.OPEN or organisation_id is None:
            return None
        if hearing.deadline <= composing.clock():
            return None
        if hearings.organisation_has_answered(
            session, hearing_id=hearing.id, organisation_id=organisation_id
        ):
            return None
        organisation = announcements.organisation_name(session, organisation_id=organisation_id)
        return composing.message(
            "hearing_reminder",
            row,
            tr=composing.recipient_tr(session, row.destination),
            hearing=hearing,
            organisation=organisation,
        )

    return compose


def _memo(composing: Composing, *, word: bool) -> Compose:
    """The consultation memo in the requester's language: Markdown, or the same as Word."""

    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        revision_id = subject_id(row)
        memo = announcements.consultation_memo(session, revision_id=revision_id)
        if memo is None:
            return None
        document = composing.requested_document(session, row, "hearing_memo.md", memo=memo)
        tr = document.tr
        title = tr(N_("Høringsnotat: %(goal)s"), goal=memo.goal)
        slug = "".join(c if c.isalnum() else "-" for c in memo.goal.lower()).strip("-")
        name = f"hoeringsnotat-{slug or revision_id}"
        if word:
            return Outgoing(
                channel=row.destination,
                text=tr(N_("Høringsnotatet som Word-fil.")),
                attachment=Attachment(
                    f"{name}.docx",
                    title,
                    markdown_to_docx(document.text, title=title, language=tr.language),
                ),
            )
        return Outgoing(
            channel=row.destination, text=title, attachment=document.markdown(name, title)
        )

    return compose
