"""The ``Tilføj bruger`` modal behind ``/pogi roster add``."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext

from bot.domain import roster
from bot.domain.errors import InvalidInput
from bot.domain.roles import Role
from bot.ids import Block
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.people import display_name


class FieldError(InvalidInput):
    def __init__(self, block: Block, message: str) -> None:
        super().__init__(message)
        self.block = block.value


def submit_roster_add(ack: Ack, body: dict, context: BoltContext) -> None:
    """Saved before the modal closes; a problem is shown at the field and keeps the input."""
    pogi = pogi_of(context)
    values = body["view"]["state"]["values"]
    user = _first(values, Block.ROSTER_USER).get("selected_user")
    organisation = (_first(values, Block.ROSTER_ORGANISATION).get("value") or "").strip()
    chosen = _first(values, Block.ROSTER_ROLES).get("selected_options") or []
    known = {role.value for role in Role}
    # Only the form's own roles count; anything else is as if no role was chosen.
    roles = frozenset(Role(o["value"]) for o in chosen if o.get("value") in known)
    if not user:
        raise FieldError(Block.ROSTER_USER, N_("Vælg en person."))
    if not organisation:
        raise FieldError(Block.ROSTER_ORGANISATION, N_("Skriv personens organisation."))
    if not roles:
        raise FieldError(Block.ROSTER_ROLES, N_("Vælg mindst én rolle."))
    person, created = roster.add_person(
        pogi.db,
        actor=actor_of(context),
        slack_user_id=user,
        name=display_name(pogi, user),
        organisation=organisation,
        roles=roles,
        now=now_of(context),
    )
    tr = tr_of(context)
    receipt = pogi.render("roster_added", tr=tr, person=person, created=created)
    ack(
        response_action="update",
        view=pogi.render(
            "modal_done", tr=tr, title=tr(N_("Tilføj bruger")), lines=[receipt["text"]]
        ),
    )


def _first(values: dict, block: Block) -> dict:
    actions = values.get(block.value) or {}
    return next(iter(actions.values()), {})
