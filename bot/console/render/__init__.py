"""Block Kit as readable terminal text, with numbers for everything a user could click.

``pogi console`` prints what the bot posts and lets people click by number; the numbered
``Action`` carries what a ``block_actions`` payload needs, so a console click reaches the app
exactly as a Slack click would. Modals become a list of ``InputField`` prompts, and
``state_values`` turns typed answers into the ``state.values`` Slack would submit, applying
the checks Slack's client makes before it lets a user submit.

The parts: ``blocks`` (a drawer per block kind, numbering actions), ``rich_text``, ``text``
(mrkdwn), ``elements`` (what menus and pickers hold) and ``inputs`` (modal answers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.console.render.blocks import DIVIDER, Action, Renderer
from bot.console.render.inputs import InputField, input_field, state_values
from bot.console.render.text import mrkdwn_to_text, plain

__all__ = [
    "DIVIDER",
    "Action",
    "InputField",
    "Rendered",
    "RenderedView",
    "mrkdwn_to_text",
    "render_message",
    "render_view",
    "state_values",
]


@dataclass(frozen=True)
class Rendered:
    """A message as lines to print and the numbered actions shown inline in them."""

    lines: list[str]
    actions: list[Action]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def action(self, number: int) -> Action:
        """The action the user typed the number of; KeyError says the number is not on screen."""
        for action in self.actions:
            if action.number == number:
                return action
        raise KeyError(number)


@dataclass(frozen=True)
class RenderedView:
    """A modal or Home tab: its text and buttons, plus the inputs to prompt for."""

    title: str
    lines: list[str]
    actions: list[Action]
    inputs: list[InputField]
    submit_label: str | None
    close_label: str | None


def render_message(
    *,
    text: str | None,
    blocks: Sequence[Mapping[str, Any]] | None,
    numbering_start: int = 1,
    names: Mapping[str, str] | None = None,
    translate: Callable[[str], str] | None = None,
) -> Rendered:
    """Render what Slack would show; ``text`` is only the fallback when there are blocks.

    ``numbering_start`` lets several messages on screen share one running numbering.
    """
    renderer = Renderer(numbering_start, names or {}, translate)
    if not blocks:
        return Rendered(mrkdwn_to_text(text or "", names).split("\n"), [])
    for index, block in enumerate(blocks):
        renderer.block(block, index)
    return Rendered(renderer.lines, renderer.actions)


def render_view(
    view: Mapping[str, Any],
    *,
    numbering_start: int = 1,
    names: Mapping[str, str] | None = None,
    translate: Callable[[str], str] | None = None,
) -> RenderedView:
    """Render a modal or Home tab; input blocks become prompts instead of lines."""
    renderer = Renderer(numbering_start, names or {}, translate)
    inputs = []
    for index, block in enumerate(view.get("blocks") or []):
        if block.get("type") == "input":
            inputs.append(input_field(block, index))
        else:
            renderer.block(block, index)
    return RenderedView(
        title=plain(view.get("title")),
        lines=renderer.lines,
        actions=renderer.actions,
        inputs=inputs,
        submit_label=plain(view["submit"]) if view.get("submit") else None,
        close_label=plain(view["close"]) if view.get("close") else None,
    )
