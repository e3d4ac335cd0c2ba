"""``/pogi afstemning MÅL [skjult] [URL]`` or ``aktivitetsplan ÅR``; ``afstemning luk``;
``protokol``; ``tilførsel`` (a statement for the record of the channel's latest closed vote)."""

from __future__ import annotations

from bot.domain import votes
from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from bot.presentation.text import plural
from handlers.commands.base import Answer, Command, Modal
from handlers.parsing import read_vote_request

CLOSE = ("luk", "close")
PROTOCOL = ("protokol", "protocol", "record")
STATEMENT = ("tilførsel", "protokoltilførsel", "statement")


def vote_command(cmd: Command) -> Answer | Modal:
    db, settings = cmd.pogi.db, cmd.pogi.settings
    sub = cmd.sub()
    if sub in CLOSE:
        vote = votes.close_here(
            db,
            actor=cmd.actor,
            channel_id=cmd.channel_id,
            now=cmd.now,
            quorum=settings.pogi_vote_quorum,
        )
        if isinstance(vote, votes.CloseEarly):
            return cmd.answer("vote_close_confirm", vote=vote.vote)
        cmd.pogi.kick()
        return cmd.answer("vote_closed", vote=vote)
    if sub in PROTOCOL:
        count = votes.protocol(db, actor=cmd.actor, channel_id=cmd.channel_id, now=cmd.now)
        cmd.pogi.kick()
        if not count:
            return cmd.notice(
                cmd.tr(
                    N_(
                        "Der er endnu ingen lukkede afstemninger; protokollen deles alligevel i "
                        "kanalen som Markdown- og Word-fil."
                    )
                )
            )
        shared = plural(
            "Protokollen over %(count)s lukket afstemning deles i kanalen som Markdown- og "
            "Word-fil.",
            "Protokollen over %(count)s lukkede afstemninger deles i kanalen som Markdown- og "
            "Word-fil.",
            count=count,
        )
        return cmd.notice(shared.render(cmd.tr))
    if sub in STATEMENT:
        form = votes.statement_form(
            db, actor=cmd.actor, channel_id=cmd.channel_id, quorum=settings.pogi_vote_quorum
        )
        return Modal(cmd.render("vote_statement_modal", form=form))
    if not cmd.args:
        raise InvalidInput(
            N_(
                "Brug `/pogi afstemning MÅL [skjult] [LINK]`, `/pogi afstemning "
                "aktivitetsplan ÅR`, `/pogi afstemning luk`, "
                "`/pogi afstemning protokol` eller `/pogi afstemning tilførsel`."
            )
        )
    wanted = read_vote_request(" ".join(cmd.args))
    opened = votes.open_vote(
        db,
        actor=cmd.actor,
        channel_id=cmd.channel_id,
        subject=wanted.subject,
        proposal=wanted.proposal,
        hidden=wanted.hidden,
        now=cmd.now,
        quorum=settings.pogi_vote_quorum,
        zone=settings.timezone,
    )
    if isinstance(opened, votes.OverrideNeeded):
        return cmd.answer("vote_override_needed", need=opened)
    cmd.pogi.kick()
    return cmd.answer("vote_opened", vote=opened)
