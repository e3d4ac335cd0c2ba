"""``/pogi høring`` and its subcommands: intern, branche, luk, notat (``notat oplysninger``),
tema, part add|remove|list."""

from __future__ import annotations

from bot.domain import hearings
from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from bot.presentation.text import plural, text
from handlers.actions.hearing import short_notice_value
from handlers.commands.base import Answer, Command, Modal
from handlers.commands.hearing_memo import memo_command, theme_command
from handlers.parsing import email_address, trailing_link, unescape

KINDS = {
    "intern": hearings.INTERNAL,
    "internal": hearings.INTERNAL,
    "branche": hearings.INDUSTRY,
    "industry": hearings.INDUSTRY,
}
CLOSE = ("luk", "close")
MEMO = ("notat", "memo")
PARTY = ("part", "party", "parter", "parties")
THEME = ("tema", "temaer", "theme", "themes")


def hearing_command(cmd: Command) -> Answer | Modal:
    sub = cmd.sub()
    db, settings = cmd.pogi.db, cmd.pogi.settings
    if not sub:
        found = hearings.overview(db, actor=cmd.actor, channel_id=cmd.channel_id)
        return cmd.answer("hearing_status", hearings=found, now=cmd.now)
    if sub in KINDS:
        when, url = trailing_link(unescape(" ".join(cmd.args[1:])))
        opened = hearings.propose(
            db,
            actor=cmd.actor,
            channel_id=cmd.channel_id,
            kind=KINDS[sub],
            text=when,
            url=url,
            now=cmd.now,
            zone=settings.timezone,
            reminders=settings.pogi_hearing_reminders,
            language=cmd.tr.language,
            working=settings.working_hours,
        )
        if isinstance(opened, hearings.ShortNotice):
            return cmd.answer(
                "hearing_short_notice", notice=opened, value=short_notice_value(opened)
            )
        cmd.pogi.kick()
        return cmd.answer("hearing_opened", hearing=opened)
    if sub in CLOSE:
        closed = hearings.close_here(db, actor=cmd.actor, channel_id=cmd.channel_id, now=cmd.now)
        cmd.pogi.kick()
        answered = plural(
            "Høringen er lukket med %(count)s høringssvar.",
            "Høringen er lukket med %(count)s høringssvar.",
            count=len(closed.answers),
        )
        if not closed.answers:
            answered = text(N_("Høringen er lukket uden høringssvar."))
        return cmd.notice(answered.render(cmd.tr))
    if sub in MEMO:
        return memo_command(cmd)
    if sub in THEME:
        return theme_command(cmd)
    if sub in PARTY:
        return _party(cmd)
    raise InvalidInput(
        N_(
            "Brug `/pogi høring`, `/pogi høring intern FRIST [LINK]`, `/pogi høring "
            "branche FRIST [LINK]`, `/pogi høring luk`, `/pogi høring notat`, "
            "`/pogi høring notat oplysninger`, `/pogi høring tema` eller "
            "`/pogi høring part add|remove|list`."
        )
    )


def _party(cmd: Command) -> Answer:
    action = cmd.args[1].lower() if len(cmd.args) > 1 else "list"
    rest = unescape(" ".join(cmd.args[2:]))
    db = cmd.pogi.db
    note = None
    if action in ("add", "tilføj"):
        organisation, contact, email = party_fields(rest)
        party = hearings.add_party(
            db,
            actor=cmd.actor,
            channel_id=cmd.channel_id,
            organisation=organisation,
            contact=contact,
            email=email,
            now=cmd.now,
        )
        note = cmd.tr(
            N_("%(organisation)s står nu på høringslisten."), organisation=party.organisation
        )
    elif action in ("remove", "fjern"):
        removed = hearings.remove_party(
            db, actor=cmd.actor, channel_id=cmd.channel_id, organisation=rest, now=cmd.now
        )
        note = cmd.tr(N_("%(organisation)s er fjernet fra høringslisten."), organisation=removed)
    elif action not in ("list", "liste", "vis"):
        raise InvalidInput(
            N_(
                "Brug `/pogi høring part add ORGANISATION; KONTAKT; E-MAIL`, "
                "`/pogi høring part remove ORGANISATION` eller "
                "`/pogi høring part list`."
            )
        )
    listed = hearings.parties(db, actor=cmd.actor, channel_id=cmd.channel_id)
    return cmd.answer("hearing_parties", parties=listed, note=note)


def party_fields(text: str) -> tuple[str, str, str]:
    """``Dansk Industri; Jens Hansen; jh@di.dk`` → organisation, contact and e-mail address;
    the address may stand anywhere, and the contact and address may be left out (``""``).
    A third field that is not an address is refused rather than dropped."""
    text, email = email_address(text)
    parts = [part.strip() for part in text.split(";")]
    parts = [part for part in parts if part]
    if len(parts) > 2:
        raise InvalidInput(
            N_(
                "»%(text)s« er ikke en e-mailadresse. Skriv parten som "
                "`/pogi høring part add ORGANISATION; KONTAKT; E-MAIL`, fx "
                "`/pogi høring part add Dansk Industri; Jens Hansen; jh@di.dk`."
            ),
            text="; ".join(parts[2:]),
        )
    return (parts[0] if parts else ""), (parts[1] if len(parts) > 1 else ""), email
