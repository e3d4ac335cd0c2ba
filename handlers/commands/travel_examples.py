"""``/pogi eksempel add ORG TITEL`` (``example add``), ``eksempel link NR LINK`` and
``/pogi eksempler`` (``examples``): the travelling team's good examples."""

from __future__ import annotations

from bot.domain.errors import InvalidInput
from bot.domain.travel import examples
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command
from handlers.parsing import number_or_refuse, unescape

USAGE = N_(
    "Brug `/pogi eksempel add ORGANISATION TITEL` eller `/pogi eksempel link NR LINK`, fx "
    "`/pogi eksempel add Vejle Kommune Grøn rengøring på skolerne`."
)


def example_command(cmd: Command) -> Answer:
    sub = cmd.sub()
    if sub in ("add", "tilføj"):
        example = examples.add(
            cmd.pogi.db,
            actor=cmd.actor,
            channel_id=cmd.channel_id,
            text=unescape(" ".join(cmd.args[1:])),
            now=cmd.now,
        )
        return cmd.announce("travel/example", example=example)
    if sub == "link" and len(cmd.args) == 3:
        example = examples.set_link(
            cmd.pogi.db,
            actor=cmd.actor,
            example_id=number_or_refuse(cmd.args[1], USAGE),
            link=unescape(cmd.args[2]).strip("<>").split("|")[0],
            now=cmd.now,
        )
        return cmd.announce("travel/example", example=example)
    raise InvalidInput(USAGE)


def examples_command(cmd: Command) -> Answer:
    found = examples.listing(cmd.pogi.db, actor=cmd.actor, channel_id=cmd.channel_id)
    return cmd.answer("travel/examples", examples=found)
