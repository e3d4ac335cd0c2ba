"""``/pogi dokument add KIND URL [TITEL]`` (or without the link: the file shared last in the
channel), ``/pogi dokument ingen-leverandørdialog BEGRUNDELSE`` (coordinator, secretariat) and
``/pogi dokumenter`` (anyone): the revision's preparation documents."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError

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
    "`leverandørdialog` eller `andet` (uden link: den fil, der sidst er delt i kanalen), "
    "`/pogi dokument ingen-leverandørdialog BEGRUNDELSE` eller `/pogi dokumenter`."
)
NO_FILE = N_(
    "Der er ikke delt nogen fil i kanalen. Del filen her i kanalen og skriv kommandoen igen, "
    "eller angiv linket: `/pogi dokument add TYPE LINK [TITEL]`."
)
FILES_UNREACHABLE = N_(
    "pogi kunne ikke se kanalens filer lige nu. Prøv igen om lidt, eller angiv linket: "
    "`/pogi dokument add TYPE LINK [TITEL]`."
)


def documents_command(cmd: Command) -> Answer:
    db = cmd.pogi.db
    sub = cmd.sub() if cmd.name in ("document", "dokument") else ""
    if sub in ADD:
        if len(cmd.args) < 2:
            raise InvalidInput(USAGE)
        kind = revisions.kind_of(cmd.args[1])
        rest = unescape(" ".join(cmd.args[2:])).strip()
        url, title = _link_and_title(rest) if _begins_with_link(rest) else _shared_file(cmd, rest)
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


def _begins_with_link(text: str) -> bool:
    """Whether the words after the type begin with a link (or what was meant as one, such as
    ``pogi.dk/x``, which is then refused in words); otherwise they are the title of a file
    shared in the channel."""
    first = text.split(" ", 1)[0]
    return first.startswith(("<", "http", "www.")) or "/" in first


def _shared_file(cmd: Command, title: str) -> tuple[str, str]:
    """The file shared last in the channel (Slack's ``files.list``): its link, and the title
    given, or else the file's own."""
    try:
        answer = cmd.pogi.lookup_client.files_list(channel=cmd.channel_id, count=1)
    except (SlackApiError, OSError):
        raise InvalidInput(FILES_UNREACHABLE) from None
    shared = answer.get("files") or []
    if not shared or not shared[0].get("permalink"):
        raise InvalidInput(NO_FILE)
    newest = shared[0]
    return newest["permalink"], title or newest.get("title") or newest.get("name") or ""


def _link_and_title(text: str) -> tuple[str, str]:
    """``<https://…|label> Titel`` or ``https://… Titel`` → the link and the title after it."""
    first, _, rest = text.strip().partition(" ")
    _, url = trailing_link(first)
    return (url or first), rest.strip()
