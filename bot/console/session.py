"""``pogi console``: the real app, an embedded SQLite file and the Slack stand-in, in a terminal.

Requests go through the same signed path as Slack's (Bolt verifies them); what the bot sends to
the Web API is printed as text, buttons are clicked by number and modals are answered field by
field. It reads commands from a terminal or a pipe.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from slack_bolt.request import BoltRequest
from slack_sdk import WebClient

from bot.app.factory import create_app, utc_now
from bot.app.settings import Settings, parse_offsets
from bot.console import demo, payloads
from bot.console.render import Action, render_message, render_view, state_values
from bot.console.standin import Call, SlackStandIn
from bot.domain import roster
from bot.presentation.i18n import N_, Translator
from bot.presentation.text import text
from storage.database import Database, make_engine

SECRET = "console-signing-secret"
TOKEN = "xoxb-console"
CANCEL = (":annullér", ":annuller", ":cancel", ":luk")


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
    app: Any
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

    # -- output ----------------------------------------------------------------------------

    def say(self, line: str = "") -> None:
        print(line, file=self.out, flush=True)

    def _number_from(self) -> int:
        return max(self.clickable, default=0) + 1

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
            names={**self.names, **self.channels},
        )
        self.say(f"── {where}")
        for line in rendered.lines:
            self.say(f"   {line}")
        for action in rendered.actions:
            self.clickable[action.number] = Clickable(action, channel, message, view)

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
        args = call.args
        if call.method == "chat.postMessage":
            self.show_message(self.where(args.get("channel")), args, channel=args.get("channel"))
        elif call.method == "chat.postEphemeral":
            self.show_message(
                self.where(args.get("channel"), ephemeral=True), args, channel=args.get("channel")
            )
        elif call.method == "chat.update":
            self.show_message(
                self.tr(N_("pogi ændrede en besked")), args, channel=args.get("channel")
            )
        elif call.method == "response_url":
            if args.get("delete_original"):
                self.say("── " + self.tr(N_("(pogi fjernede beskeden)")))
            if args.get("text") or args.get("blocks"):
                public = args.get("response_type") == "in_channel"
                self.show_message(
                    self.where(self.channel, ephemeral=not public), args, channel=self.channel
                )
        elif call.method in ("views.open", "views.push", "views.update"):
            view = call.response.get("view") or args.get("view") or {}
            self.pending_views.append(view)
        elif call.method == "views.publish":
            view = call.response.get("view") or args.get("view") or {}
            rendered = render_view(
                view, numbering_start=self._number_from(), names={**self.names, **self.channels}
            )
            self.say("── " + self.tr(N_("Din App Home-fane")))
            for line in rendered.lines:
                self.say(f"   {line}")
            for action in rendered.actions:
                self.clickable[action.number] = Clickable(action, None, None, view)
        elif call.method == "files.completeUploadExternal":
            for upload in args.get("files") or []:
                self.say(
                    "── " + self.tr(N_("pogi delte filen %(title)s"), title=upload.get("title", ""))
                )

    # -- input -----------------------------------------------------------------------------

    def dispatch(self, payload: dict[str, Any]) -> dict[str, Any]:
        body, headers = payloads.signed_request(payload, signing_secret=SECRET)
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
        action = target.action
        message = target.message
        container_message = None
        if message is not None:
            container_message = {
                "ts": message.get("ts", f"{self.serial}.000100"),
                "text": message.get("text", ""),
                "blocks": message.get("blocks", []),
            }
        payload = payloads.block_actions(
            user_id=self.user,
            action_id=action.action_id,
            block_id=action.block_id,
            value=action.value,
            action_type=action.kind,
            channel_id=target.channel if target.view is None else None,
            message=container_message,
            view=target.view,
            response_url=self.standin.response_url(f"a{self.serial}")
            if target.view is None
            else None,
            selected_option=action.selected_option,
        )
        self.show_new_calls_after(self.dispatch(payload), ephemeral=True)

    def fill_views(self, read_line: Any) -> bool:
        """Answer the modals the bot opened; False when the input ends."""
        while self.pending_views:
            if not self._fill(self.pending_views.pop(0), read_line):
                return False
        return True

    def _fill(self, view: dict[str, Any], read_line: Any) -> bool:
        rendered = render_view(view, names={**self.names, **self.channels})
        self.say("── " + self.tr(N_("Formular: %(title)s"), title=rendered.title))
        for line in rendered.lines:
            self.say(f"   {line}")
        answers: dict[str, Any] = {}
        errors: dict[str, str] = {}
        while True:
            for field_ in rendered.inputs:
                if field_.block_id in answers:
                    continue
                if field_.block_id in errors:
                    self.say("   ! " + errors[field_.block_id])
                line = read_line(self._prompt(field_))
                if line is None:
                    return False
                if line.strip() in CANCEL:
                    self.say("   " + self.tr(N_("Formularen er lukket uden at gemme.")))
                    return True
                answers[field_.block_id] = self._answer(field_, line)
            try:
                values = state_values(view, answers)
            except ValueError as problem:
                self.say("   ! " + str(problem))
                answers, errors = {}, {}
                continue
            answer = self.dispatch(
                payloads.view_submission(user_id=self.user, view=view, values=values)
            )
            if answer.get("response_action") == "errors":
                errors = answer.get("errors") or {}
                for block_id in errors:
                    answers.pop(block_id, None)
                continue
            if answer.get("response_action") in ("update", "push") and answer.get("view"):
                self._show_view(answer["view"])
            self.show_new_calls()
            return True

    def _show_view(self, view: dict[str, Any]) -> None:
        """A modal the bot turned into its receipt (or another form to fill)."""
        if any(block.get("type") == "input" for block in view.get("blocks") or []):
            self.pending_views.append(view)
            return
        rendered = render_view(view, names={**self.names, **self.channels})
        self.say("── " + rendered.title)
        for line in rendered.lines:
            self.say(f"   {line}")

    def _prompt(self, field_: Any) -> str:
        prompt = f"   {field_.label}"
        if field_.options:
            prompt += (
                " ("
                + ", ".join(
                    f"{number}={text}" for number, (text, _) in enumerate(field_.options, 1)
                )
                + ")"
            )
        if _many(field_):
            prompt += " " + self.tr(N_("[flere adskilles med komma]"))
        return prompt + ": "

    @staticmethod
    def _answer(field_: Any, line: str) -> Any:
        if _many(field_):
            return [part.strip() for part in line.split(",") if part.strip()]
        return line.strip()

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


def _many(field_: Any) -> bool:
    return field_.kind.startswith("multi") or field_.kind == "checkboxes"


def _settings(url: str, standin: SlackStandIn) -> Settings:
    return Settings(
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_app_token=None,
        slack_api_url=standin.url,
        database_url=url,
    )


def _help(console: Console) -> None:
    tr = console.tr
    console.say(
        tr(
            N_(
                "Skriv en kommando som i Slack, fx /pogi hjælp. "
                "Et tal klikker på knappen med det nummer."
            )
        )
    )
    console.say(tr(N_(":som BRUGER   skift bruger (fx :som UANNE)")))
    console.say(tr(N_(":kanal NAVN   skift kanal (fx :kanal styregruppe)")))
    console.say(tr(N_(":hjem         vis din App Home-fane")))
    console.say(tr(N_(":brugere      vis rosterets brugere og kanalerne")))
    console.say(tr(N_(":frem 1d      stil uret frem for at se påmindelser (fx 2h, 30m)")))
    console.say(tr(N_(":annullér     luk en formular uden at gemme")))
    console.say(tr(N_("quit          afslut")))


def run_console(
    *,
    as_user: str | None = None,
    db_file: str | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    logging.getLogger().setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    interactive = stdin.isatty()
    path = Path(db_file or "pogi-console.db").resolve()
    standin = SlackStandIn(tokens=[TOKEN]).start()
    try:
        db = Database(make_engine(f"sqlite:///{path}"))
        db.upgrade()
        settings = _settings(f"sqlite:///{path}", standin)
        tr = Translator(settings.pogi_language, settings.timezone)

        def read_line(prompt: str) -> str | None:
            if interactive:
                try:
                    return input(prompt)
                except EOFError:
                    return None
            line = stdin.readline()
            if not line:
                return None
            print(prompt + line.rstrip("\n"), file=out, flush=True)
            return line.rstrip("\n")

        print(
            tr(N_("pogi console – prøv pogi uden Slack. Databasen er %(path)s."), path=path),
            file=out,
        )
        if roster.roster_is_empty(db):
            load = True
            if interactive:
                reply = read_line(
                    tr(N_("Rosteret er tomt. Vil du indlæse en lille demo-roster? [J/n] "))
                )
                load = reply is None or reply.strip().lower() in ("", "j", "ja", "y", "yes")
            if load:
                roster.import_roster(db, entries=demo.entries(), actor="console", now=utc_now())
                print(
                    tr(
                        N_(
                            "Demo-rosteret er indlæst: %(count)s personer i %(orgs)s "
                            "organisationer. Du er Sofie Holm fra sekretariatet."
                        ),
                        count=len(demo.PEOPLE),
                        orgs=len({p[2] for p in demo.PEOPLE}),
                    ),
                    file=out,
                )
        people = {p.slack_user_id: p for group in _everyone(db) for p in group}
        for user_id, person in people.items():
            locale = next((p[4] for p in demo.PEOPLE if p[0] == user_id), "da-DK")
            standin.add_user(user_id, name=person.name, real_name=person.name, locale=locale)
        for channel_id, name in demo.CHANNELS:
            standin.add_channel(channel_id, name=name)
        client = WebClient(token=TOKEN, base_url=standin.url, timeout=10)
        clock = ConsoleClock()
        app = create_app(
            settings,
            client=client,
            database=db,
            process_before_response=True,
            clock=clock,
            pacing=0,
        )
        user = as_user or (
            demo.DEFAULT_USER
            if demo.DEFAULT_USER in people
            else next(iter(people), demo.DEFAULT_USER)
        )
        console = Console(
            standin=standin,
            app=app,
            out=out,
            tr=tr,
            user=user,
            channel=demo.DEFAULT_CHANNEL,
            clock=clock,
            names={user_id: person.name for user_id, person in people.items()},
            channels=dict(demo.CHANNELS),
        )
        console.seen = len(standin.calls)
        if user not in people:
            console.say(tr(N_("Bemærk: %(user)s er ikke i rosteret."), user=user))
        console.say(
            tr(
                N_("Du er %(name)s i #%(channel)s. Skriv :hjælp for at se mulighederne."),
                name=console.names.get(user, user),
                channel=console.channels[console.channel],
            )
        )
        return _loop(console, read_line)
    finally:
        standin.stop()


def _everyone(db: Database) -> list[list[Any]]:
    from bot.domain.people import Actor, PersonView
    from bot.domain.roles import Role

    reader = Actor("console", PersonView("console", "console", "", frozenset({Role.SECRETARIAT})))
    return list(roster.roster_by_organisation(db, actor=reader).values())


def _loop(console: Console, read_line: Any) -> int:
    tr = console.tr
    while True:
        line = read_line(
            f"{console.names.get(console.user, console.user)} @ "
            f"#{console.channels.get(console.channel, console.channel)}> "
        )
        if line is None:
            break
        line = line.strip()
        if not line:
            continue
        if line in ("quit", "exit", ":q", ":quit", "afslut"):
            break
        word, _, rest = line.partition(" ")
        if word in (":som", ":as"):
            console.user = rest.strip() or console.user
            console.say(
                tr(N_("Du er nu %(name)s."), name=console.names.get(console.user, console.user))
            )
        elif word in (":kanal", ":channel"):
            wanted = rest.strip().lstrip("#")
            found = next(
                (cid for cid, name in console.channels.items() if wanted in (cid, name)), None
            )
            if found is None:
                found = (
                    wanted.upper()
                    if wanted.upper().startswith(("C", "G"))
                    else "C" + wanted.upper().replace("-", "")[:20]
                )
                console.channels[found] = wanted
            console.channel = found
            console.say(tr(N_("Du er nu i #%(channel)s."), channel=console.channels[found]))
        elif word in (":hjem", ":home"):
            console.open_home()
        elif word in (":brugere", ":users"):
            for user_id, name in console.names.items():
                console.say(f"   {user_id:10} {name}")
            console.say("   " + ", ".join(f"#{name}" for name in console.channels.values()))
        elif word in (":frem", ":forward"):
            console.forward(rest.strip())
        elif word in (":hjælp", ":help"):
            _help(console)
        elif line.startswith("/"):
            console.command(line)
        elif line.isdigit():
            console.click(int(line))
        else:
            console.say(
                tr(N_("Skriv en kommando, der begynder med /pogi, et knapnummer eller :hjælp."))
            )
            continue
        if not console.fill_views(read_line):
            break
        console.deliver()
    console.say(tr(N_("Farvel.")))
    return 0
