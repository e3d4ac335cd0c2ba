"""``pogi console``: the real app, an embedded SQLite file and the Slack stand-in, in a terminal.

Requests go through the same signed path as Slack's (Bolt verifies them); what the bot sends to
the Web API is printed as text, buttons are clicked by number and modals are answered field by
field. It reads commands from a terminal or a pipe.

This module sets a session up (database, demo roster, the stand-in's world, the app) and hands
it to the command loop (``bot.console.commands``); ``bot.console.console`` shows and sends,
``bot.console.forms`` fills modals in.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TextIO

from slack_sdk import WebClient

from bot.app.factory import PogiApp, create_app, utc_now
from bot.app.settings import Settings
from bot.console import commands, demo
from bot.console.console import SECRET, Console, ConsoleClock
from bot.console.forms import ReadLine
from bot.console.standin import SlackStandIn
from bot.domain import roster
from bot.domain.people import Actor, PersonView
from bot.domain.roles import Role
from bot.presentation.i18n import N_, Translator
from bot.presentation.text import plural
from storage.database import Database, make_engine

__all__ = ["SECRET", "TOKEN", "run_console"]

TOKEN = "xoxb-console"


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
        read_line = _line_reader(stdin, out, interactive=interactive)
        print(
            tr(N_("pogi console – prøv pogi uden Slack. Databasen er %(path)s."), path=path),
            file=out,
        )
        if roster.roster_is_empty(db):
            _offer_demo_roster(db, tr, read_line, out, interactive=interactive)
        people = {p.slack_user_id: p for group in _everyone(db) for p in group}
        _furnish(standin, people)
        client = WebClient(token=TOKEN, base_url=standin.url, timeout=10)
        clock = ConsoleClock()
        app = _create_app(settings, client, db, clock)
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
        _greet(console, known=user in people)
        return commands.run(console, read_line)
    finally:
        standin.stop()


def _create_app(
    settings: Settings, client: WebClient, db: Database, clock: ConsoleClock
) -> PogiApp:
    return create_app(
        settings,
        client=client,
        database=db,
        process_before_response=True,
        clock=clock,
        pacing=0,
    )


def _settings(url: str, standin: SlackStandIn) -> Settings:
    return Settings(
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_app_token=None,
        slack_api_url=standin.url,
        database_url=url,
    )


def _line_reader(stdin: TextIO, out: TextIO, *, interactive: bool) -> ReadLine:
    """Lines typed at a terminal, or read from a pipe and echoed after their prompt."""

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

    return read_line


def _offer_demo_roster(
    db: Database, tr: Translator, read_line: ReadLine, out: TextIO, *, interactive: bool
) -> None:
    """An empty roster gets the demo one: at once from a pipe, when agreed at a terminal."""
    load = True
    if interactive:
        reply = read_line(
            tr(N_("Brugerlisten er tom. Vil du indlæse en lille demobrugerliste? [J/n] "))
        )
        load = reply is None or reply.strip().lower() in ("", "j", "ja", "y", "yes")
    if not load:
        return
    roster.import_roster(db, entries=demo.entries(), actor="console", now=utc_now())
    organisations = len({p[2] for p in demo.PEOPLE})
    people = plural("%(count)s person", "%(count)s personer", count=len(demo.PEOPLE))
    orgs = plural("%(count)s organisation", "%(count)s organisationer", count=organisations)
    print(
        tr(
            N_(
                "Demobrugerlisten er indlæst: %(people)s i %(orgs)s. Du er Sofie Holm fra "
                "sekretariatet."
            ),
            people=people.render(tr),
            orgs=orgs.render(tr),
        ),
        file=out,
    )


def _furnish(standin: SlackStandIn, people: dict[str, PersonView]) -> None:
    """The roster's people and the demo channels, as the stand-in's Slack knows them."""
    for user_id, person in people.items():
        locale = next((p[4] for p in demo.PEOPLE if p[0] == user_id), "da-DK")
        standin.add_user(user_id, name=person.name, real_name=person.name, locale=locale)
    for channel_id, name in demo.CHANNELS:
        standin.add_channel(channel_id, name=name)


def _greet(console: Console, *, known: bool) -> None:
    tr, user = console.tr, console.user
    if not known:
        console.say(tr(N_("Bemærk: %(user)s står ikke på brugerlisten."), user=user))
    console.say(
        tr(
            N_("Du er %(name)s i #%(channel)s. Skriv :hjælp for at se mulighederne."),
            name=console.names.get(user, user),
            channel=console.channels[console.channel],
        )
    )


def _everyone(db: Database) -> list[list[PersonView]]:
    reader = Actor("console", PersonView("console", "console", "", frozenset({Role.SECRETARIAT})))
    return list(roster.roster_by_organisation(db, actor=reader).values())
