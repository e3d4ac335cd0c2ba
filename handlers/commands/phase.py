"""``/pogi fase`` (anyone): the phases and every condition of the current one; ``/pogi fase
næste`` (secretariat): move on after ``Bekræft`` when every condition is met, otherwise a
refusal naming each unmet one, with ``Flyt alligevel``."""

from __future__ import annotations

from bot.domain import revisions
from bot.domain.errors import InvalidInput
from bot.domain.process import next_phase
from bot.domain.revisions.phases import ONLY_SECRETARIAT as MOVES_ONLY_BY_SECRETARIAT
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command


def phase_command(cmd: Command) -> Answer:
    sub = cmd.sub()
    if sub and sub not in ("next", "næste", "naeste"):
        raise InvalidInput(N_("Brug `/pogi fase` eller `/pogi fase næste`."))
    if sub:
        cmd.actor.require_secretariat(MOVES_ONLY_BY_SECRETARIAT)
    overview = revisions.phase_overview(
        cmd.pogi.db, actor=cmd.actor, channel_id=cmd.channel_id, now=cmd.now
    )
    if not sub:
        return cmd.answer("phase", phase=overview)
    upcoming = next_phase(overview.revision.process, overview.revision.phase.key)
    if upcoming is None:
        raise InvalidInput(N_("Revisionen er i sidste fase og kan ikke flyttes videre."))
    if not overview.ready:
        return cmd.answer("phase_refused", phase=overview, upcoming=upcoming)
    return cmd.answer("phase_confirm", phase=overview, upcoming=upcoming)
