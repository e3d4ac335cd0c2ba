"""Message and view blocks as lines, one drawer per block kind, with numbered actions.

Every element a user could click or choose gets a number, continuing across the messages on
screen; the ``Action`` behind the number carries what a ``block_actions`` payload needs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.console.render.elements import OPTION_ELEMENTS, PICKER_LABELS, initial, options
from bot.console.render.rich_text import rich_text
from bot.console.render.text import block_id, mrkdwn_to_text, plain, unescape

DIVIDER = "─" * 40

Block = Mapping[str, Any]


@dataclass(frozen=True)
class Action:
    """One clickable thing, with what the console needs to send Slack's payload for it."""

    number: int
    action_id: str
    block_id: str
    value: str | None
    kind: str
    label: str
    element: dict[str, Any]
    selected_option: dict[str, Any] | None = None


class Renderer:
    """Lines and actions accumulated block by block, numbering from ``numbering_start``."""

    def __init__(
        self,
        numbering_start: int,
        names: Mapping[str, str],
        translate: Callable[[str], str] | None = None,
    ) -> None:
        self.next_number = numbering_start
        self.names = names
        self.translate = translate or (lambda message: message)
        self.lines: list[str] = []
        self.actions: list[Action] = []

    def block(self, block: Block, index: int) -> None:
        draw = _DRAWERS.get(str(block.get("type")), _other)
        self.lines += draw(self, block, block_id(block, index))

    def text(self, item: Any) -> str:
        """A text object (mrkdwn or plain), a bare string, or an image in a context."""
        if isinstance(item, str):
            return mrkdwn_to_text(item, self.names)
        if item.get("type") == "image":
            return f"[billede: {item.get('alt_text', '')}]"
        if item.get("type") == "mrkdwn":
            return mrkdwn_to_text(str(item.get("text", "")), self.names)
        return unescape(str(item.get("text", "")))

    def element(self, element: Mapping[str, Any], block_id: str) -> str:
        """An interactive element as ``[n] label`` entries; menus list each option."""
        kind = str(element.get("type", ""))
        if kind == "image":
            return f"[billede: {element.get('alt_text', '')}]"
        action_id = str(element.get("action_id") or f"action-{self.next_number}")
        if kind in OPTION_ELEMENTS:
            entries = [
                self.number(action_id, block_id, kind, plain(o["text"]), element, option=o)
                for o in options(element)
            ]
            prompt = plain(element.get("placeholder")) if element.get("placeholder") else ""
            return (f"{prompt}: " if prompt else "") + "  ".join(entries)
        return self.number(
            action_id, block_id, kind, _label(kind, element, self.translate), element
        )

    def number(
        self,
        action_id: str,
        block_id: str,
        kind: str,
        label: str,
        element: Mapping[str, Any],
        *,
        option: Mapping[str, Any] | None = None,
    ) -> str:
        number = self.next_number
        self.next_number += 1
        value = option.get("value") if option is not None else element.get("value")
        self.actions.append(
            Action(
                number=number,
                action_id=action_id,
                block_id=block_id,
                value=value,
                kind=kind,
                label=label,
                element=dict(element),
                selected_option=dict(option) if option is not None else None,
            )
        )
        return f"[{number}] {label}"


def _label(kind: str, element: Mapping[str, Any], translate: Callable[[str], str]) -> str:
    """A button's text, or a picker's placeholder with what it already holds."""
    if kind == "button" or "text" in element:
        return plain(element.get("text"))
    label = plain(element.get("placeholder")) or translate(PICKER_LABELS.get(kind, kind))
    preset = initial(element)
    if preset:
        label += f" ({', '.join(preset) if isinstance(preset, list) else preset})"
    return label


# -- one drawer per block kind -----------------------------------------------------------


def _section(renderer: Renderer, block: Block, block_id: str) -> list[str]:
    lines: list[str] = []
    if block.get("text"):
        lines += renderer.text(block["text"]).split("\n")
    for item in block.get("fields") or []:
        lines += ["  " + line for line in renderer.text(item).split("\n")]
    if block.get("accessory"):
        entries = renderer.element(block["accessory"], block_id)
        if entries:
            lines.append(entries)
    return lines


def _header(renderer: Renderer, block: Block, block_id: str) -> list[str]:
    return ["# " + renderer.text(block["text"])]


def _divider(renderer: Renderer, block: Block, block_id: str) -> list[str]:
    return [DIVIDER]


def _context(renderer: Renderer, block: Block, block_id: str) -> list[str]:
    parts = [renderer.text(item) for item in block.get("elements") or []]
    return ["› " + "  ".join(part for part in parts if part)]


def _image(renderer: Renderer, block: Block, block_id: str) -> list[str]:
    return [f"[billede: {block.get('alt_text', '')}]"]


def _actions(renderer: Renderer, block: Block, block_id: str) -> list[str]:
    entries = [renderer.element(item, block_id) for item in block.get("elements") or []]
    return ["  ".join(entry for entry in entries if entry)]


def _rich_text(renderer: Renderer, block: Block, block_id: str) -> list[str]:
    return rich_text(block.get("elements") or [], renderer.names)


def _markdown(renderer: Renderer, block: Block, block_id: str) -> list[str]:
    return str(block.get("text", "")).split("\n")


def _input(renderer: Renderer, block: Block, block_id: str) -> list[str]:
    return [f"{plain(block.get('label'))}: …"]


def _other(renderer: Renderer, block: Block, block_id: str) -> list[str]:
    if block.get("text"):
        return renderer.text(block["text"]).split("\n")
    return [f"[{block.get('type')}]"]


_DRAWERS: dict[str, Callable[[Renderer, Block, str], list[str]]] = {
    "section": _section,
    "header": _header,
    "divider": _divider,
    "context": _context,
    "image": _image,
    "actions": _actions,
    "rich_text": _rich_text,
    "markdown": _markdown,
    "input": _input,
}
