"""``/pogi fase`` (anyone) and ``/pogi fase næste`` (secretariat, confirmed with a button)."""

from __future__ import annotations

from bot.domain import revisions
from bot.domain.errors import InvalidInput
from bot.domain.process import next_phase
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command


def phase_command(cmd: Command) -> Answer:
    sub = cmd.sub()
    if sub and sub not in ("next", "næste"):
        raise InvalidInput(N_("Brug `/pogi fase` eller `/pogi fase næste`."))
    if sub:
        cmd.actor.require_secretariat(N_("Kun sekretariatet kan flytte revisionen til næste fase."))
    overview = revisions.phase_overview(cmd.pogi.db, actor=cmd.actor, channel_id=cmd.channel_id)
    if not sub:
        return cmd.answer("phase", phase=overview)
    upcoming = next_phase(overview.revision.process, overview.revision.phase.key)
    if upcoming is None:
        raise InvalidInput(N_("Revisionen er i sidste fase og kan ikke flyttes videre."))
    return cmd.answer("phase_confirm", phase=overview, upcoming=upcoming)
