"""A revision's history as CSV and JSON files, in the language of whoever asked, composed from
the audit log as it is when the row is due."""

from __future__ import annotations

from sqlmodel import Session

from bot.delivery.composers.context import Compose, Composing, subject_id
from bot.domain import history
from bot.domain.outbox import Attachment, Composer, Outgoing
from bot.presentation.i18n import N_
from storage.tables import OutboxMessage


def composers(composing: Composing) -> dict[str, Composer]:
    return {
        history.EXPORT_CSV: Composer(_export(composing, csv=True)),
        history.EXPORT_JSON: Composer(_export(composing, csv=False)),
    }


def _export(composing: Composing, *, csv: bool) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        revision_id = subject_id(row)
        goal = history.goal_of(session, revision_id=revision_id)
        if goal is None:
            return None
        requested_by = (row.data or {}).get("requested_by")
        tr = composing.recipient_tr(session, requested_by) if requested_by else composing.public_tr
        lines = history.lines_of(session, revision_ids=[revision_id])
        title = tr(N_("Historik: %(goal)s"), goal=goal)
        slug = "".join(c if c.isalnum() else "-" for c in goal.lower()).strip("-")
        name = f"historik-{slug or revision_id}"
        if csv:
            content = history.as_csv(lines, tr).encode("utf-8-sig")  # Excel reads it as UTF-8
            return Outgoing(
                channel=row.destination,
                text=tr(N_("Historikken som CSV-fil.")),
                attachment=Attachment(f"{name}.csv", title, content),
            )
        return Outgoing(
            channel=row.destination,
            text=tr(N_("Historikken som JSON-fil.")),
            attachment=Attachment(f"{name}.json", title, history.as_json(lines, tr).encode()),
        )

    return compose
