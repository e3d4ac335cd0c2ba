"""``/pogi aktivitetsplan ÅR``, ``… ÅR add MÅL; revision|nyt; SKI-UDBUD``, ``… ÅR remove MÅL``."""

from __future__ import annotations

from bot.domain import activity_plan
from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command
from handlers.parsing import unescape

ADD = ("add", "tilføj")
REMOVE = ("remove", "fjern")
USAGE = N_(
    "Brug `/pogi aktivitetsplan ÅR`, `/pogi aktivitetsplan ÅR add MÅL; revision|nyt; "
    "SKI-UDBUD` eller `/pogi aktivitetsplan ÅR remove MÅL`, fx `/pogi aktivitetsplan 2027 add "
    "Rengøring; revision; 1/3-2027`."
)


def activity_plan_command(cmd: Command) -> Answer:
    year_word = cmd.args[0] if cmd.args else ""
    if not (len(year_word) == 4 and year_word.isdigit()):
        raise InvalidInput(USAGE)
    year = int(year_word)
    sub = cmd.args[1].lower() if len(cmd.args) > 1 else ""
    rest = unescape(" ".join(cmd.args[2:]))
    db, zone = cmd.pogi.db, cmd.pogi.settings.timezone
    if not sub:
        plan = activity_plan.show(db, actor=cmd.actor, year=year)
        return cmd.answer("activity_plan", plan=plan, change=None)
    if sub in ADD:
        parts = [part.strip() for part in rest.split(";")]
        if len(parts) != 3:
            raise InvalidInput(USAGE)
        item, plan = activity_plan.add(
            db,
            actor=cmd.actor,
            year=year,
            goal=parts[0],
            kind=parts[1],
            tender=parts[2],
            now=cmd.now,
            zone=zone,
            language=cmd.tr.language,
        )
        return cmd.answer("activity_plan", plan=plan, change={"added": item})
    if sub in REMOVE and rest.strip():
        item, plan = activity_plan.remove(
            db, actor=cmd.actor, year=year, goal=rest, now=cmd.now, zone=zone
        )
        return cmd.answer("activity_plan", plan=plan, change={"removed": item})
    raise InvalidInput(USAGE)
