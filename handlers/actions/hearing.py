"""The hearing buttons: confirm a short deadline, ``Afgiv høringssvar``, ``Behandl`` and
``Registrér svar``."""

from __future__ import annotations

from datetime import datetime

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain import hearings
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse


def confirm_hearing(ack: Ack, body: dict, context: BoltContext, respond: Respond) -> None:
    """The hearing opens (stored with its announcement and invitations) before the ack."""
    pogi = pogi_of(context)
    channel = (body.get("channel") or {}).get("id") or body.get("container", {}).get("channel_id")
    kind, deadline, url = short_notice(body["actions"][0]["value"])
    hearing = hearings.open_confirmed(
        pogi.db,
        actor=actor_of(context),
        channel_id=channel,
        kind=kind,
        deadline=deadline,
        url=url,
        now=now_of(context),
        reminders=pogi.settings.pogi_hearing_reminders,
        working=pogi.settings.working_hours,
    )
    ack()
    pogi.kick()
    respond(
        replace_original=True, **pogi.render("hearing_opened", tr=tr_of(context), hearing=hearing)
    )


def short_notice_value(notice: hearings.ShortNotice) -> str:
    """The confirm button's value under a short notice: ``kind|deadline|url``."""
    return f"{notice.kind}|{notice.deadline.isoformat()}|{notice.url}"


def short_notice(value: str) -> tuple[str, datetime, str]:
    """What ``short_notice_value`` wrote: the hearing's kind, deadline and link."""
    kind, deadline, url = value.split("|", 2)
    return kind, datetime.fromisoformat(deadline), url


def discard_hearing(ack: Ack, context: BoltContext, respond: Respond) -> None:
    ack()
    tr = tr_of(context)
    respond(
        replace_original=True,
        **pogi_of(context).render("notice", tr=tr, lines=[tr(N_("Høringen blev ikke åbnet."))]),
    )


def open_answer_form(ack: Ack, body: dict, context: BoltContext, client: WebClient) -> None:
    """Outsiders and late clicks are refused before any form opens."""
    pogi = pogi_of(context)
    hearing, organisation, current, choices = hearings.answer_form(
        pogi.db,
        actor=actor_of(context),
        hearing_id=number_or_refuse(body["actions"][0].get("value"), N_("Høringen findes ikke.")),
        now=now_of(context),
    )
    ack()
    client.views_open(
        trigger_id=body["trigger_id"],
        view=pogi.render(
            "hearing_answer_modal",
            tr=tr_of(context),
            hearing=hearing,
            organisation=organisation,
            current=current,
            choices=choices,
        ),
    )


def open_reply_form(ack: Ack, body: dict, context: BoltContext, client: WebClient) -> None:
    pogi = pogi_of(context)
    hearing_id, _, organisation = str(body["actions"][0].get("value", "")).partition("|")
    hearing, answer = hearings.reply_form(
        pogi.db,
        actor=actor_of(context),
        hearing_id=number_or_refuse(hearing_id, N_("Høringen findes ikke.")),
        organisation=organisation,
    )
    ack()
    client.views_open(
        trigger_id=body["trigger_id"],
        view=pogi.render("hearing_reply_modal", tr=tr_of(context), hearing=hearing, answer=answer),
    )


def open_register_form(ack: Ack, body: dict, context: BoltContext, client: WebClient) -> None:
    pogi = pogi_of(context)
    hearing = hearings.register_form(
        pogi.db,
        actor=actor_of(context),
        hearing_id=number_or_refuse(body["actions"][0].get("value"), N_("Høringen findes ikke.")),
    )
    ack()
    today = now_of(context).astimezone(pogi.settings.timezone).date().isoformat()
    client.views_open(
        trigger_id=body["trigger_id"],
        view=pogi.render("hearing_register_modal", tr=tr_of(context), hearing=hearing, today=today),
    )
