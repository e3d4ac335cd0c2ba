"""``/pogi dokument add KIND URL [TITEL]``, ``/pogi dokument ingen-leverandørdialog
BEGRUNDELSE`` (coordinator, secretariat) and ``/pogi dokumenter`` (anyone): the revision's
preparation documents."""

from __future__ import annotations

from bot.domain import revisions
from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command
from handlers.parsing import trailing_link, unescape

ADD = ("add", "tilføj", "tilfoej")
NO_DIALOGUE = ("ingen-leverandørdialog", "ingen-leverandoerdialog", "no-supplier-dialogue")
LIST = ("", "list", "liste", "vis")
USAGE = N_(
    "Brug `/pogi dokument add TYPE LINK [TITEL]` med TYPE `baggrundsrapport`, `kommissorium`, "
    "`leverandørdialog` eller `andet`, `/pogi dokument ingen-leverandørdialog BEGRUNDELSE` "
    "eller `/pogi dokumenter`."
)


def documents_command(cmd: Command) -> Answer:
    db = cmd.pogi.db
    sub = cmd.sub() if cmd.name in ("document", "dokument") else ""
    if sub in ADD:
        if len(cmd.args) < 3:
            raise InvalidInput(USAGE)
        kind = revisions.kind_of(cmd.args[1])
        url, title = _link_and_title(unescape(" ".join(cmd.args[2:])))
        added = revisions.add_document(
            db,
            actor=cmd.actor,
            channel_id=cmd.channel_id,
            kind=kind,
            url=url,
            title=title,
            now=cmd.now,
        )
        return cmd.announce("document_added", document=added, by=cmd.user_id)
    if sub in NO_DIALOGUE:
        reason = revisions.record_no_supplier_dialogue(
            db,
            actor=cmd.actor,
            channel_id=cmd.channel_id,
            reason=unescape(" ".join(cmd.args[1:])),
            now=cmd.now,
        )
        return cmd.announce("document_no_dialogue", reason=reason, by=cmd.user_id)
    if sub not in LIST:
        raise InvalidInput(USAGE)
    listed = revisions.documents(db, actor=cmd.actor, channel_id=cmd.channel_id)
    return cmd.answer("documents", documents=listed)


def _link_and_title(text: str) -> tuple[str, str]:
    """``<https://…|label> Titel`` or ``https://… Titel`` → the link and the title after it."""
    first, _, rest = text.strip().partition(" ")
    _, url = trailing_link(first)
    return (url or first), rest.strip()
