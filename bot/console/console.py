"""The console's screen and hands: what the bot did, printed; what the user does, sent.

A ``Console`` holds who the user is and where, prints each Web API call the bot made as Slack
would show it (numbering what can be clicked), and turns the user's commands and clicks into
the signed requests Slack would post to the app.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TextIO

from slack_bolt.request import BoltRequest

from bot.app.factory import PogiApp, utc_now
from bot.app.settings import parse_offsets
from bot.console import payloads
from bot.console.render import Action, render_message, render_view
from bot.console.standin import Call, SlackStandIn
from bot.presentation.i18n import N_, Translator
from bot.presentation.text import text

SECRET = "console-signing-secret"


@dataclass
class ConsoleClock:
    """Real time, plus however far the user has moved it forward."""

    offset: timedelta = timedelta()

    def __call__(self) -> datetime:
        return utc_now() + self.offset


@dataclass
class Clickable:
    action: Action
    channel: str | None = None
    message: dict[str, Any] | None = None
    view: dict[str, Any] | None = None


@dataclass
class Console:
    standin: SlackStandIn
    app: PogiApp
    out: TextIO
    tr: Translator
    user: str
    channel: str
    names: dict[str, str] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)
    clickable: dict[int, Clickable] = field(default_factory=dict)
    seen: int = 0
    serial: int = 0
    pending_views: list[dict[str, Any]] = field(default_factory=list)
    clock: ConsoleClock = field(default_factory=lambda: ConsoleClock())
    script: list[str] = field(default_factory=list)
    """Lines to perform before reading more from the user (``:demo``)."""

    # -- output ----------------------------------------------------------------------------

    def say(self, line: str = "") -> None:
        print(line, file=self.out, flush=True)

    @property
    def known_names(self) -> dict[str, str]:
        """People and channels by id, so mentions read as names."""
        return {**self.names, **self.channels}

    def show_message(
        self,
        where: str,
        message: dict[str, Any],
        *,
        channel: str | None,
        view: dict[str, Any] | None = None,
    ) -> None:
        rendered = render_message(
            text=message.get("text"),
            blocks=message.get("blocks"),
            numbering_start=self._number_from(),
            names=self.known_names,
            translate=self.tr.gettext,
        )
        self.say(f"── {where}")
        for line in rendered.lines:
            self.say(f"   {line}")
        for action in rendered.actions:
            self.clickable[action.number] = Clickable(action, channel, message, view)

    def show_home(self, view: dict[str, Any]) -> None:
        rendered = render_view(
            view,
            numbering_start=self._number_from(),
            names=self.known_names,
            translate=self.tr.gettext,
        )
        self.say("── " + self.tr(N_("Din App Home-fane")))
        for line in rendered.lines:
            self.say(f"   {line}")
        for action in rendered.actions:
            self.clickable[action.number] = Clickable(action, None, None, view)

    def where(self, channel: str | None, *, ephemeral: bool = False) -> str:
        if ephemeral:
            return self.tr(N_("pogi (kun synligt for dig)"))
        if channel and channel.startswith(("D", "U", "W")):
            user = channel if channel[0] in "UW" else "U" + channel[1:]
            return self.tr(
                N_("pogi i en direkte besked til %(name)s"), name=self.names.get(user, user)
            )
        return self.tr(N_("pogi i #%(channel)s"), channel=self.channels.get(channel or "", channel))

    def show_new_calls(self) -> None:
        calls = self.standin.calls[self.seen :]
        self.seen += len(calls)
        for call in calls:
            if call.ok or call.method == "response_url":
                self.show_call(call)

    def show_call(self, call: Call) -> None:
        show = _SHOWN.get(call.method)
        if show is not None:
            show(self, call)

    def _number_from(self) -> int:
        return max(self.clickable, default=0) + 1

    # -- input -----------------------------------------------------------------------------

    def dispatch(self, payload: dict[str, Any]) -> dict[str, Any]:
        body, signed = payloads.signed_request(payload, signing_secret=SECRET)
        headers: dict[str, str | Sequence[str]] = {**signed}
        response = self.app.bolt.dispatch(BoltRequest(body=body.decode(), headers=headers))
        answer: dict[str, Any] = {}
        if response.body:
            try:
                answer = json.loads(response.body)
            except ValueError:
                answer = {}
        return answer

    def command(self, text: str) -> None:
        words = text.split(maxsplit=1)
        self.serial += 1
        form = payloads.slash_command(
            text=words[1] if len(words) > 1 else "",
            user_id=self.user,
            user_name=self.names.get(self.user, self.user),
            channel_id=self.channel,
            channel_name=self.channels.get(self.channel, self.channel),
            command=words[0],
            response_url=self.standin.response_url(f"c{self.serial}"),
        )
        answer = self.dispatch(form)
        self.show_new_calls_after(answer, ephemeral=answer.get("response_type") != "in_channel")

    def show_new_calls_after(self, answer: dict[str, Any], *, ephemeral: bool) -> None:
        if answer.get("text") or answer.get("blocks"):
            self.show_message(
                self.where(self.channel, ephemeral=ephemeral), answer, channel=self.channel
            )
        self.show_new_calls()

    def click(self, number: int) -> None:
        target = self.clickable.get(number)
        if target is None:
            self.say(self.tr(N_("Der er ingen knap med nummer %(number)s."), number=number))
            return
        self.serial += 1
        self.show_new_calls_after(self.dispatch(self._click_payload(target)), ephemeral=True)

    def click_label(self, label: str) -> None:
        """``:klik Bekræft``: the newest button with this label."""
        wanted = label.strip().casefold()
        for number in sorted(self.clickable, reverse=True):
            if self.clickable[number].action.label.casefold() == wanted:
                self.click(number)
                return
        self.say(self.tr(N_("Der er ingen knap, der hedder »%(label)s«."), label=label))

    def _click_payload(self, target: Clickable) -> dict[str, Any]:
        action, message, in_view = target.action, target.message, target.view is not None
        container_message = None
        if message is not None:
            container_message = {
                "ts": message.get("ts", f"{self.serial}.000100"),
                "text": message.get("text", ""),
                "blocks": message.get("blocks", []),
            }
        return payloads.block_actions(
            user_id=self.user,
            action_id=action.action_id,
            block_id=action.block_id,
            value=action.value,
            action_type=action.kind,
            channel_id=None if in_view else target.channel,
            message=container_message,
            view=target.view,
            response_url=None if in_view else self.standin.response_url(f"a{self.serial}"),
            selected_option=action.selected_option,
        )

    def deliver(self) -> None:
        """Close what is due and send what is due in the outbox, as ``pogi run``'s tick would,
        and show it."""
        self.app.run_due_work()
        while self.app.dispatcher.run_once().claimed:
            pass
        self.show_new_calls()

    def forward(self, amount: str) -> None:
        """``:frem 2d``: move the console's clock forward to see reminders fall due."""
        try:
            offsets = parse_offsets(amount)
        except ValueError:
            self.say(self.tr(N_("Skriv fx :frem 2h eller :frem 1d.")))
            return
        self.clock.offset += sum(offsets, timedelta())
        self.say(text(N_("Uret viser nu %(when)s."), when=self.clock()).render(self.tr))

    def open_home(self) -> None:
        self.dispatch(payloads.event_callback(payloads.app_home_opened(user_id=self.user)))
        self.show_new_calls()


# -- how each call the bot made shows ----------------------------------------------------


def _posted(console: Console, call: Call) -> None:
    channel = call.args.get("channel")
    console.show_message(console.where(channel), call.args, channel=channel)


def _posted_ephemeral(console: Console, call: Call) -> None:
    channel = call.args.get("channel")
    console.show_message(console.where(channel, ephemeral=True), call.args, channel=channel)


def _updated(console: Console, call: Call) -> None:
    where = console.tr(N_("pogi ændrede en besked"))
    console.show_message(where, call.args, channel=call.args.get("channel"))


def _responded(console: Console, call: Call) -> None:
    args = call.args
    if args.get("delete_original"):
        console.say("── " + console.tr(N_("(pogi fjernede beskeden)")))
    if args.get("text") or args.get("blocks"):
        public = args.get("response_type") == "in_channel"
        where = console.where(console.channel, ephemeral=not public)
        console.show_message(where, args, channel=console.channel)


def _opened_view(console: Console, call: Call) -> None:
    console.pending_views.append(call.response.get("view") or call.args.get("view") or {})


def _published_home(console: Console, call: Call) -> None:
    console.show_home(call.response.get("view") or call.args.get("view") or {})


def _shared_files(console: Console, call: Call) -> None:
    for upload in call.args.get("files") or []:
        title = upload.get("title", "")
        console.say("── " + console.tr(N_("pogi delte filen %(title)s"), title=title))


_SHOWN: dict[str, Callable[[Console, Call], None]] = {
    "chat.postMessage": _posted,
    "chat.postEphemeral": _posted_ephemeral,
    "chat.update": _updated,
    "response_url": _responded,
    "views.open": _opened_view,
    "views.push": _opened_view,
    "views.update": _opened_view,
    "views.publish": _published_home,
    "files.completeUploadExternal": _shared_files,
}
