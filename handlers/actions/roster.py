"""The ``Bekræft``/``Annullér`` buttons under ``/pogi roster erase @x``."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext, Respond

from bot.domain import personal_data
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of


def confirm_erase(ack: Ack, body: dict, context: BoltContext, respond: Respond) -> None:
    """Erase (a second click finds no one to erase), and replace the question, which named
    the person, with the outcome."""
    pogi, tr = pogi_of(context), tr_of(context)
    erased = personal_data.erase_person(
        pogi.db,
        actor=actor_of(context),
        slack_user_id=body["actions"][0]["value"],
        now=now_of(context),
    )
    ack()
    line = tr(
        N_(
            "Personen er slettet: navn og Slack-id er erstattet overalt i pogi, og "
            "organisationens data (%(organisation)s) består."
        ),
        organisation=erased.organisation,
    )
    respond(replace_original=True, **pogi.render("notice", tr=tr, lines=[line]))


def cancel_erase(ack: Ack, context: BoltContext, respond: Respond) -> None:
    ack()
    tr = tr_of(context)
    respond(
        replace_original=True,
        **pogi_of(context).render("notice", tr=tr, lines=[tr(N_("Ingen er slettet."))]),
    )
