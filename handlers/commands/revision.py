"""``/pogi revision start MÅL [proces 2014]`` (secretariat): bind this channel to a new revision
of the goal, following the 2023 process unless another is named."""

from __future__ import annotations

from bot.domain import revisions
from bot.domain.errors import InvalidInput
from bot.domain.process import DEFAULT_PROCESS, process_named
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command
from handlers.parsing import unescape

PROCESS_WORDS = ("proces", "process")


def revision_command(cmd: Command) -> Answer:
    if cmd.sub() != "start":
        raise InvalidInput(
            N_(
                "Brug `/pogi revision start MÅL [proces 2014]`, fx "
                "`/pogi revision start Rengøring`."
            )
        )
    goal_words, process = _process_of(cmd.args[1:])
    revision = revisions.start_revision(
        cmd.pogi.db,
        actor=cmd.actor,
        goal=unescape(" ".join(goal_words)),
        channel_id=cmd.channel_id,
        now=cmd.now,
        process=process,
    )
    return cmd.announce("revision_started", revision=revision, by=cmd.user_id)


def _process_of(words: list[str]) -> tuple[list[str], str]:
    """``Rengøring proces 2014`` → the goal's words and the process named at the end (the
    default when none is)."""
    if words and words[-1].lower() in PROCESS_WORDS:
        raise InvalidInput(
            N_("Skriv hvilken proces, fx `/pogi revision start Rengøring proces 2014`.")
        )
    if len(words) >= 2 and words[-2].lower() in PROCESS_WORDS:
        named = process_named(words[-1])
        if named is None:
            raise InvalidInput(
                N_("»%(name)s« er ikke en proces. Brug `proces 2023` eller `proces 2014`."),
                name=words[-1],
            )
        return words[:-2], named.key
    return words, DEFAULT_PROCESS
