"""``/pogi afstemning MÅL [URL]`` or ``aktivitetsplan ÅR``; ``afstemning luk``; ``protokol``."""

from __future__ import annotations

from bot.domain import votes
from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from bot.presentation.text import plural
from handlers.commands.base import Answer, Command
from handlers.parsing import trailing_link, unescape

CLOSE = ("luk", "close")
PROTOCOL = ("protokol", "protocol", "record")


def vote_command(cmd: Command) -> Answer:
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
                        "kanalen som en fil."
                    )
                )
            )
        shared = plural(
            "Protokollen over %(count)s lukket afstemning deles i kanalen som en fil.",
            "Protokollen over %(count)s lukkede afstemninger deles i kanalen som en fil.",
            count=count,
        )
        return cmd.notice(shared.render(cmd.tr))
    if not cmd.args:
        raise InvalidInput(
            N_(
                "Brug `/pogi afstemning MÅL [LINK]`, `/pogi afstemning "
                "aktivitetsplan ÅR`, `/pogi afstemning luk` eller "
                "`/pogi afstemning protokol`."
            )
        )
    subject, proposal = trailing_link(unescape(" ".join(cmd.args)))
    subject = subject.strip()
    opened = votes.open_vote(
        db,
        actor=cmd.actor,
        channel_id=cmd.channel_id,
        subject=subject,
        proposal=proposal,
        now=cmd.now,
        quorum=settings.pogi_vote_quorum,
        zone=settings.timezone,
    )
    if isinstance(opened, votes.OverrideNeeded):
        return cmd.answer("vote_override_needed", need=opened)
    cmd.pogi.kick()
    return cmd.answer("vote_opened", vote=opened)
