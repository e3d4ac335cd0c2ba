"""The goal text: the channel told of a new version, and the text (Markdown, or the same as
Word) or the changes between two versions (Markdown) shared as files."""

from __future__ import annotations

from sqlmodel import Session

from bot.delivery.composers.context import Compose, Composing, subject_id
from bot.domain import goals
from bot.domain.outbox import Attachment, Composer, Outgoing
from bot.presentation.i18n import N_
from bot.presentation.wordfile import markdown_to_docx
from storage.tables import OutboxMessage


def composers(composing: Composing) -> dict[str, Composer]:
    return {
        goals.SAVED: Composer(_saved(composing)),
        goals.FILE_MARKDOWN: Composer(_text_file(composing, word=False)),
        goals.FILE_WORD: Composer(_text_file(composing, word=True)),
        goals.DIFF_FILE: Composer(_diff_file(composing)),
    }


def _slug(goal: str, revision_id: int) -> str:
    return "".join(c if c.isalnum() else "-" for c in goal.lower()).strip("-") or str(revision_id)


def _saved(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        view = goals.view_by_id(session, subject_id(row))
        number = (row.data or {}).get("version")
        text = next((t for t in view.versions if t.number == number), None) if view else None
        if view is None or text is None:
            return None
        return composing.message("goal_saved", row, text=text, goal=view.goal)

    return compose


def _text_file(composing: Composing, *, word: bool) -> Compose:
    """The current text, in the requester's language."""

    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        revision_id = subject_id(row)
        view = goals.view_by_id(session, revision_id)
        if view is None or view.current is None:
            return None
        document = composing.requested_document(session, row, "goal.md", view=view)
        tr = document.tr
        title = tr(
            N_("Måltekst: %(goal)s (version %(number)s)"),
            goal=view.goal,
            number=view.current.number,
        )
        name = f"maaltekst-{_slug(view.goal, revision_id)}-v{view.current.number}"
        if word:
            return Outgoing(
                channel=row.destination,
                text=tr(N_("Målteksten som Word-fil.")),
                attachment=Attachment(
                    f"{name}.docx", title, markdown_to_docx(document.text, title=title)
                ),
            )
        return Outgoing(
            channel=row.destination, text=title, attachment=document.markdown(name, title)
        )

    return compose


def _diff_file(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        revision_id = subject_id(row)
        first, second = (row.data or {}).get("between") or (0, 0)
        diff = goals.diff_by_id(session, revision_id, int(first), int(second))
        if diff is None:
            return None
        document = composing.requested_document(session, row, "goal_diff.md", diff=diff)
        title = document.tr(
            N_("Målteksten for %(goal)s: ændringer fra version %(old)s til version %(new)s"),
            goal=diff.goal,
            old=diff.old.number,
            new=diff.new.number,
        )
        name = f"maaltekst-{_slug(diff.goal, revision_id)}-v{first}-v{second}"
        return Outgoing(
            channel=row.destination, text=title, attachment=document.markdown(name, title)
        )

    return compose
