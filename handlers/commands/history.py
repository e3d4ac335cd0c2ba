"""``/pogi historik`` (``history``): the revision's audit trail, page by page; ``historik
eksport`` shares it as CSV and JSON files (secretariat)."""

from __future__ import annotations

from bot.domain import history
from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command

EXPORT = ("eksport", "export", "eksportér", "eksporter")


def history_command(cmd: Command) -> Answer:
    sub = cmd.sub()
    db = cmd.pogi.db
    if sub in EXPORT and len(cmd.args) == 1:
        goal = history.request_export(db, actor=cmd.actor, channel_id=cmd.channel_id, now=cmd.now)
        cmd.pogi.kick()
        return cmd.notice(
            cmd.tr(N_("Historikken for %(goal)s deles i kanalen som CSV- og JSON-fil."), goal=goal)
        )
    if not sub or (sub.isdigit() and len(cmd.args) == 1):
        number = int(sub) if sub else 1
        found = history.page(db, actor=cmd.actor, channel_id=cmd.channel_id, number=number)
        return cmd.answer("history", history=found)
    raise InvalidInput(
        N_(
            "Brug `/pogi historik`, `/pogi historik SIDE` (fx `/pogi historik 2`) eller "
            "`/pogi historik eksport`."
        )
    )
