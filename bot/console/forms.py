"""Modals in the terminal: each input a prompt, the answers submitted as Slack would.

The bot's modals wait in ``Console.pending_views``; each is shown, its inputs asked one by one,
and the answers checked the way Slack's client checks them (``render.state_values``) before the
``view_submission`` goes to the app. Errors the app answers are shown by their field, which is
asked again; a modal the app answers with another form is filled next.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.console import payloads
from bot.console.console import Console
from bot.console.render import InputField, RenderedView, render_view, state_values
from bot.console.render.inputs import FieldError
from bot.presentation.i18n import N_

CANCEL = (":annullér", ":annuller", ":cancel", ":luk")

ReadLine = Callable[[str], str | None]


def fill_views(console: Console, read_line: ReadLine) -> bool:
    """Answer the modals the bot opened; False when the input ends."""
    while console.pending_views:
        if not _fill(console, console.pending_views.pop(0), read_line):
            return False
    return True


def _fill(console: Console, view: dict[str, Any], read_line: ReadLine) -> bool:
    rendered = render_view(view, names=console.known_names, translate=console.tr.gettext)
    console.say("── " + console.tr(N_("Formular: %(title)s"), title=rendered.title))
    for line in rendered.lines:
        console.say(f"   {line}")
    errors: dict[str, str] = {}
    answers: dict[str, Any] = {}
    while True:
        asked = _ask(console, rendered, answers, errors, read_line)
        if asked is None:
            return False
        if asked == "cancel":
            console.say("   " + console.tr(N_("Formularen er lukket uden at gemme.")))
            return True
        try:
            values = state_values(view, answers)
        except FieldError as problem:
            console.say("   ! " + console.tr(problem.message, **problem.params))
            answers, errors = {}, {}
            continue
        except ValueError as problem:
            console.say("   ! " + str(problem))
            answers, errors = {}, {}
            continue
        answer = console.dispatch(
            payloads.view_submission(user_id=console.user, view=view, values=values)
        )
        if answer.get("response_action") == "errors":
            errors = answer.get("errors") or {}
            for block_id in errors:
                answers.pop(block_id, None)
            continue
        if answer.get("response_action") in ("update", "push") and answer.get("view"):
            _show_view(console, answer["view"])
        console.show_new_calls()
        return True


def _ask(
    console: Console,
    rendered: RenderedView,
    answers: dict[str, Any],
    errors: dict[str, str],
    read_line: ReadLine,
) -> str | None:
    """Prompt for every field not answered yet, into ``answers``.

    ``"done"``, ``"cancel"`` when the user closed the form, or None when the input ended.
    """
    for field_ in rendered.inputs:
        if field_.block_id in answers:
            continue
        if field_.block_id in errors:
            console.say("   ! " + errors[field_.block_id])
        line = read_line(_prompt(console, field_))
        if line is None:
            return None
        if line.strip() in CANCEL:
            return "cancel"
        answers[field_.block_id] = _answer(field_, line)
    return "done"


def _show_view(console: Console, view: dict[str, Any]) -> None:
    """A modal the bot turned into its receipt (or another form to fill)."""
    if any(block.get("type") == "input" for block in view.get("blocks") or []):
        console.pending_views.append(view)
        return
    rendered = render_view(view, names=console.known_names, translate=console.tr.gettext)
    console.say("── " + rendered.title)
    for line in rendered.lines:
        console.say(f"   {line}")


def _prompt(console: Console, field_: InputField) -> str:
    prompt = f"   {field_.label}"
    if field_.options:
        choices = ", ".join(
            f"{number}={text}" for number, (text, _) in enumerate(field_.options, 1)
        )
        prompt += f" ({choices})"
    if _many(field_):
        prompt += " " + console.tr(N_("[flere adskilles med komma]"))
    if field_.initial:
        # As in Slack, a prefilled field shows what it holds, and it is kept unless replaced.
        shown = ", ".join(field_.initial) if isinstance(field_.initial, list) else field_.initial
        prompt += " " + console.tr(N_("[nu: »%(value)s«; tom linje beholder det]"), value=shown)
    return prompt + ": "


def _answer(field_: InputField, line: str) -> str | list[str]:
    if _many(field_):
        return [part.strip() for part in line.split(",") if part.strip()]
    return line.strip()


def _many(field_: InputField) -> bool:
    return field_.kind.startswith("multi") or field_.kind == "checkboxes"
