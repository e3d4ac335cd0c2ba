"""``/pogi høring notat`` and what goes into the memo: ``notat oplysninger`` (the case number,
the responsible unit and the memo's own text, in a form) and ``tema`` (the themes the answers
are summarised under: list, ``ny``, ``N``, ``fjern N``)."""

from __future__ import annotations

from bot.domain import hearings
from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command, Modal
from handlers.parsing import number_or_refuse

DETAILS = ("oplysninger", "details")
NEW = ("ny", "nyt", "new", "add")
REMOVE = ("fjern", "remove")
THEME_USAGE = N_(
    "Brug `/pogi høring tema`, `/pogi høring tema ny`, `/pogi høring tema N` eller "
    "`/pogi høring tema fjern N`."
)
NO_THEME = N_("Skriv temaets nummer, fx `/pogi høring tema 2`.")


def memo_command(cmd: Command) -> Answer | Modal:
    """``notat``: share the memo; ``notat oplysninger``: the form for its own text."""
    more = cmd.args[1].lower() if len(cmd.args) > 1 else ""
    db = cmd.pogi.db
    if more in DETAILS:
        form = hearings.details_form(db, actor=cmd.actor, channel_id=cmd.channel_id)
        return Modal(cmd.render("memo_details_modal", form=form))
    if more:
        raise InvalidInput(N_("Brug `/pogi høring notat` eller `/pogi høring notat oplysninger`."))
    hearings.memo(db, actor=cmd.actor, channel_id=cmd.channel_id, now=cmd.now)
    cmd.pogi.kick()
    return cmd.notice(cmd.tr(N_("Høringsnotatet deles i kanalen som Markdown- og Word-fil.")))


def theme_command(cmd: Command) -> Answer | Modal:
    """``tema``: the list; ``tema ny`` and ``tema N``: the form; ``tema fjern N``."""
    action = cmd.args[1].lower() if len(cmd.args) > 1 else ""
    db = cmd.pogi.db
    note = None
    if action in NEW or action.isdigit():
        number = None if action in NEW else number_or_refuse(action, NO_THEME)
        form = hearings.theme_form(db, actor=cmd.actor, channel_id=cmd.channel_id, number=number)
        return Modal(cmd.render("hearing_theme_modal", form=form))
    if action in REMOVE:
        given = cmd.args[2] if len(cmd.args) > 2 else ""
        number = number_or_refuse(given, NO_THEME)
        title = hearings.remove_theme(
            db, actor=cmd.actor, channel_id=cmd.channel_id, number=number, now=cmd.now
        )
        note = cmd.tr(
            N_("Tema %(number)s, %(title)s, er fjernet. Dets høringssvar er ikke berørt."),
            number=number,
            title=title,
        )
    elif action:
        raise InvalidInput(THEME_USAGE)
    themes = hearings.listing(db, actor=cmd.actor, channel_id=cmd.channel_id)
    return cmd.answer("hearing_themes", themes=themes, note=note)
