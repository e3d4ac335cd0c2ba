"""The console's command loop: a line is a console command, a slash command or a click.

Console commands (``:som``, ``:kanal``, ``:hjem``…, each with an English alias) switch who and
where the user is or show things; ``/pogi …`` goes to the app as Slack's slash command; a
number clicks the button shown with it. After each, the modals the bot opened are filled in and
the work that fell due is delivered, as ``pogi run`` would.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.console import demo
from bot.console.console import Console
from bot.console.forms import ReadLine, fill_views
from bot.presentation.i18n import N_

QUIT = ("quit", "exit", ":q", ":quit", "afslut")


def run(console: Console, read_line: ReadLine) -> int:
    """Read and perform lines until the input ends or the user quits; the exit status. Lines
    of a script (``:demo``) come first, shown as if typed."""

    def next_line(prompt: str) -> str | None:
        if console.script:
            line = console.script.pop(0)
            console.say(prompt + line)
            return line
        return read_line(prompt)

    while (line := next_line(_prompt(console))) is not None:
        line = line.strip()
        if not line:
            continue
        if line in QUIT:
            break
        if not _perform(console, line):
            continue
        if not fill_views(console, next_line):
            break
        console.deliver()
    console.say(console.tr(N_("Farvel.")))
    return 0


def _prompt(console: Console) -> str:
    name = console.names.get(console.user, console.user)
    return f"{name} @ #{console.channels.get(console.channel, console.channel)}> "


def _perform(console: Console, line: str) -> bool:
    """Do what the line says; False when it said nothing the console understands."""
    word, _, rest = line.partition(" ")
    command = COMMANDS.get(word)
    if command is not None:
        command(console, rest.strip())
    elif line.startswith("/"):
        console.command(line)
    elif line.isdigit():
        console.click(int(line))
    else:
        console.say(
            console.tr(N_("Skriv en kommando, der begynder med /pogi, et knapnummer eller :hjælp."))
        )
        return False
    return True


# -- console commands --------------------------------------------------------------------


def _as_user(console: Console, user: str) -> None:
    """``:som UANNE``: act as someone else."""
    console.user = user or console.user
    name = console.names.get(console.user, console.user)
    console.say(console.tr(N_("Du er nu %(name)s."), name=name))


def _in_channel(console: Console, wanted: str) -> None:
    """``:kanal styregruppe``: a known channel by name or id, or a new one by that name."""
    wanted = wanted.lstrip("#")
    found = next((cid for cid, name in console.channels.items() if wanted in (cid, name)), None)
    if found is None:
        found = (
            wanted.upper()
            if wanted.upper().startswith(("C", "G"))
            else "C" + wanted.upper().replace("-", "")[:20]
        )
        console.channels[found] = wanted
    console.channel = found
    console.say(console.tr(N_("Du er nu i #%(channel)s."), channel=console.channels[found]))


def _home(console: Console, _: str) -> None:
    console.open_home()


def _users(console: Console, _: str) -> None:
    for user_id, name in console.names.items():
        console.say(f"   {user_id:10} {name}")
    console.say("   " + ", ".join(f"#{name}" for name in console.channels.values()))


def _forward(console: Console, amount: str) -> None:
    console.forward(amount)


def _click(console: Console, label: str) -> None:
    console.click_label(label)


def _demo(console: Console, _: str) -> None:
    console.script.extend(demo.WALK)


def _help(console: Console, _: str) -> None:
    tr = console.tr
    console.say(
        tr(
            N_(
                "Skriv en kommando som i Slack, fx /pogi hjælp. "
                "Skriv et tal for at klikke på knappen med det nummer."
            )
        )
    )
    console.say(tr(N_(":som BRUGER   skift bruger (fx :som UANNE)")))
    console.say(tr(N_(":kanal NAVN   skift kanal (fx :kanal styregruppe)")))
    console.say(tr(N_(":hjem         vis din App Home-fane")))
    console.say(tr(N_(":brugere      vis brugerlisten og kanalerne")))
    console.say(tr(N_(":frem 1d      stil uret frem for at se påmindelser (fx 2h, 30m)")))
    console.say(tr(N_(":annullér     luk en formular uden at gemme")))
    console.say(tr(N_(":klik NAVN    tryk på den nyeste knap med det navn (fx :klik Bekræft)")))
    console.say(tr(N_(":demo         gennemgå en revision fra start til implementering")))
    console.say(tr(N_("quit          afslut")))


COMMANDS: dict[str, Callable[[Console, str], None]] = {
    ":som": _as_user,
    ":as": _as_user,
    ":kanal": _in_channel,
    ":channel": _in_channel,
    ":hjem": _home,
    ":home": _home,
    ":brugere": _users,
    ":users": _users,
    ":frem": _forward,
    ":forward": _forward,
    ":klik": _click,
    ":click": _click,
    ":demo": _demo,
    ":hjælp": _help,
    ":help": _help,
}
