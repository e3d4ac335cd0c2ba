"""``/pogi mål`` (``goal``) and its subcommands: ``rediger``, ``versioner``, ``forskel N M
[fil]``, ``fil``: the revision's goal text in its versions."""

from __future__ import annotations

from bot.domain import goals
from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command, Modal
from handlers.parsing import number_or_refuse

EDIT = ("rediger", "redigér", "edit")
VERSIONS = ("versioner", "versions")
DIFF = ("forskel", "diff")
FILE = ("fil", "file")
USAGE = N_(
    "Brug `/pogi mål`, `/pogi mål rediger`, `/pogi mål versioner`, "
    "`/pogi mål forskel N M` eller `/pogi mål fil`."
)
DIFF_USAGE = N_("Skriv to versionsnumre, fx `/pogi mål forskel 1 2`.")


def goal_command(cmd: Command) -> Answer | Modal:
    sub, db = cmd.sub(), cmd.pogi.db
    if not sub:
        return cmd.answer(
            "goal", view=goals.goal_here(db, actor=cmd.actor, channel_id=cmd.channel_id)
        )
    if sub in EDIT:
        view = goals.for_editing(db, actor=cmd.actor, channel_id=cmd.channel_id)
        return Modal(cmd.render("goal_edit_modal", view=view))
    if sub in VERSIONS:
        view = goals.goal_here(db, actor=cmd.actor, channel_id=cmd.channel_id)
        return cmd.answer("goal_versions", view=view)
    if sub in DIFF:
        rest = [word.lower() for word in cmd.args[1:]]
        as_file = bool(rest) and rest[-1] in FILE
        numbers = rest[:-1] if as_file else rest
        if len(numbers) != 2:
            raise InvalidInput(DIFF_USAGE)
        first, second = (number_or_refuse(n, DIFF_USAGE) for n in numbers)
        if as_file:
            goals.request_file(
                db, actor=cmd.actor, channel_id=cmd.channel_id, now=cmd.now, between=(first, second)
            )
            cmd.pogi.kick()
            return cmd.notice(cmd.tr(N_("Ændringerne deles i kanalen som Markdown-fil.")))
        diff = goals.difference(
            db, actor=cmd.actor, channel_id=cmd.channel_id, first=first, second=second
        )
        return cmd.answer("goal_diff", diff=diff)
    if sub in FILE:
        goals.request_file(db, actor=cmd.actor, channel_id=cmd.channel_id, now=cmd.now)
        cmd.pogi.kick()
        return cmd.notice(cmd.tr(N_("Målteksten deles i kanalen som Markdown- og Word-fil.")))
    raise InvalidInput(USAGE)
