"""The goal text's editing modal: every part's fields, saved as a new version."""

from __future__ import annotations

import json

from slack_bolt import Ack, BoltContext

from bot.domain import goals
from bot.domain.errors import InvalidInput
from bot.ids import Block
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of

GONE = N_("Formularen er forældet. Åbn den igen med `/pogi mål rediger`.")


def submit_goal(ack: Ack, body: dict, context: BoltContext) -> None:
    """Saved before the modal closes; the channel is told through the outbox."""
    pogi = pogi_of(context)
    view = body["view"]
    revision_id, based_on = _metadata(view.get("private_metadata") or "")
    saved = goals.save(
        pogi.db,
        actor=actor_of(context),
        revision_id=revision_id,
        parts=parts_of(view["state"]["values"]),
        based_on=based_on,
        now=now_of(context),
    )
    tr = tr_of(context)
    ack(
        response_action="update",
        view=pogi.render(
            "modal_done",
            tr=tr,
            title=tr(N_("Målteksten")),
            lines=[
                tr(
                    N_("Version %(number)s af målteksten er gemt og meldes i kanalen."),
                    number=saved.number,
                )
            ],
        ),
    )
    pogi.kick()


def parts_of(values: dict) -> dict[str, str]:
    """Each part's fields, in order, joined with a blank line (they were cut between
    paragraphs)."""
    pieces: dict[str, list[tuple[int, str]]] = {}
    for block_id, actions in values.items():
        prefix, _, rest = block_id.partition(":")
        part, _, index = rest.partition(":")
        if prefix != Block.GOAL_PART.value or part not in goals.PARTS or not index.isdigit():
            continue
        field: dict = next(iter(actions.values()), {})
        value = str(field.get("value") or "")
        pieces.setdefault(part, []).append((int(index), value.strip("\n")))
    return {
        part: "\n\n".join(text for _, text in sorted(found) if text.strip())
        for part, found in pieces.items()
    }


def _metadata(text: str) -> tuple[int, int]:
    try:
        data = json.loads(text)
        revision_id, based_on = int(data["r"]), int(data["v"])
    except (ValueError, KeyError, TypeError):
        raise InvalidInput(GONE) from None
    return revision_id, based_on


def submit_comment(ack: Ack, body: dict, context: BoltContext) -> None:
    """A comment in a round, new or edited, stored before the modal closes."""
    pogi = pogi_of(context)
    view = body["view"]
    values = view["state"]["values"]
    field: dict = next(iter((values.get(Block.COMMENT_TEXT.value) or {}).values()), {})
    metadata = str(view.get("private_metadata") or "")
    if not metadata.isdigit():
        raise InvalidInput(goals.comments.GONE)
    _, edited = goals.comments.submit(
        pogi.db,
        actor=actor_of(context),
        round_id=int(metadata),
        text=str(field.get("value") or ""),
        now=now_of(context),
    )
    tr = tr_of(context)
    line = (
        N_("Din kommentar er rettet. Du kan rette den indtil fristen.")
        if edited
        else N_("Din kommentar er gemt. Du kan rette den indtil fristen.")
    )
    ack(
        response_action="update",
        view=pogi.render("modal_done", tr=tr, title=tr(N_("Kommentar")), lines=[tr(line)]),
    )
