"""Block Kit as readable terminal text, with numbers for everything a user could click.

``pogi console`` prints what the bot posts and lets people click by number; the numbered
``Action`` carries what a ``block_actions`` payload needs, so a console click reaches the app
exactly as a Slack click would. Modals become a list of ``InputField`` prompts, and
``state_values`` turns typed answers into the ``state.values`` Slack would submit, applying
the checks Slack's client makes before it lets a user submit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any

DIVIDER = "─" * 40
# Elements whose choices are listed, each option a numbered entry of its own.
_OPTION_ELEMENTS = frozenset({"overflow", "static_select", "radio_buttons", "checkboxes"})
_TEXT_INPUTS = frozenset({"plain_text_input", "number_input", "url_text_input", "email_text_input"})
_ONE_OPTION = frozenset({"static_select", "external_select", "radio_buttons"})
_MANY_OPTIONS = frozenset({"multi_static_select", "multi_external_select", "checkboxes"})
# The state field for pickers whose answer is an id, a date or a time, as Slack names it.
_PICKED = {
    "users_select": ("selected_user", "initial_user"),
    "conversations_select": ("selected_conversation", "initial_conversation"),
    "channels_select": ("selected_channel", "initial_channel"),
    "datepicker": ("selected_date", "initial_date"),
    "timepicker": ("selected_time", "initial_time"),
}
_PICKED_MANY = {
    "multi_users_select": ("selected_users", "initial_users"),
    "multi_conversations_select": ("selected_conversations", "initial_conversations"),
    "multi_channels_select": ("selected_channels", "initial_channels"),
}
_PICKER_LABELS = {
    "users_select": "Vælg person",
    "multi_users_select": "Vælg personer",
    "conversations_select": "Vælg kanal",
    "multi_conversations_select": "Vælg kanaler",
    "channels_select": "Vælg kanal",
    "multi_channels_select": "Vælg kanaler",
    "datepicker": "Vælg dato",
    "timepicker": "Vælg tidspunkt",
    "external_select": "Vælg",
}
_RICH_STYLES = (("code", "`"), ("bold", "*"), ("italic", "_"), ("strike", "~"))
_ANGLE = re.compile(r"<([^<>]+)>")
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")


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
class InputField:
    """One question in a modal, enough for the console to prompt and validate an answer."""

    block_id: str
    action_id: str
    label: str
    kind: str
    optional: bool
    multiline: bool
    options: list[tuple[str, str]]
    initial: str | list[str] | None
    placeholder: str = ""
    hint: str = ""


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
) -> Rendered:
    """Render what Slack would show; ``text`` is only the fallback when there are blocks.

    ``numbering_start`` lets several messages on screen share one running numbering.
    """
    renderer = _Renderer(numbering_start, names or {})
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
) -> RenderedView:
    """Render a modal or Home tab; input blocks become prompts instead of lines."""
    renderer = _Renderer(numbering_start, names or {})
    inputs = []
    for index, block in enumerate(view.get("blocks") or []):
        if block.get("type") == "input":
            inputs.append(_input_field(block, index))
        else:
            renderer.block(block, index)
    return RenderedView(
        title=_plain(view.get("title")),
        lines=renderer.lines,
        actions=renderer.actions,
        inputs=inputs,
        submit_label=_plain(view["submit"]) if view.get("submit") else None,
        close_label=_plain(view["close"]) if view.get("close") else None,
    )


def state_values(
    view: Mapping[str, Any], answers: Mapping[str, str | list[str] | None]
) -> dict[str, dict[str, dict[str, Any]]]:
    """Typed answers (by block id) as the ``view.state.values`` Slack submits.

    A choice may be typed as its value, its text or its number; unanswered fields keep their
    initial value, as in Slack. Raises ValueError where Slack's client would refuse to submit
    (a required field left empty, an unknown option, a malformed date), so the console can ask
    again instead of sending something Slack never would.
    """
    blocks: dict[str, tuple[InputField, Mapping[str, Any]]] = {}
    for index, block in enumerate(view.get("blocks") or []):
        if block.get("type") == "input":
            field = _input_field(block, index)
            blocks[field.block_id] = (field, block)
    unknown = set(answers) - set(blocks)
    if unknown:
        raise ValueError(f"no input block with id {', '.join(sorted(unknown))}")
    values: dict[str, dict[str, dict[str, Any]]] = {}
    for block_id, (field, block) in blocks.items():
        answer = answers.get(block_id)
        if answer is None or answer == "" or answer == []:
            answer = field.initial
        values[block_id] = {field.action_id: _state_value(field, block["element"], answer)}
    return values


def mrkdwn_to_text(text: str, names: Mapping[str, str] | None = None) -> str:
    """Slack mrkdwn as a terminal shows it: links, mentions and escapes resolved, styling kept."""
    names = names or {}

    def resolve(match: re.Match[str]) -> str:
        target, _, label = match.group(1).partition("|")
        if target.startswith("@"):
            return "@" + names.get(target[1:], label or target[1:])
        if target.startswith("#"):
            return "#" + (label or names.get(target[1:], target[1:]))
        if target.startswith("!"):
            return label or "@" + target[1:].split("^")[0]
        if not label or label == target or f"mailto:{label}" == target:
            return label or target
        return f"{label} ({target})"

    return _unescape(_ANGLE.sub(resolve, text))


class _Renderer:
    def __init__(self, numbering_start: int, names: Mapping[str, str]) -> None:
        self.next_number = numbering_start
        self.names = names
        self.lines: list[str] = []
        self.actions: list[Action] = []

    def block(self, block: Mapping[str, Any], index: int) -> None:
        kind = block.get("type")
        block_id = _block_id(block, index)
        if kind == "section":
            if block.get("text"):
                self.lines += self.text(block["text"]).split("\n")
            for item in block.get("fields") or []:
                self.lines += ["  " + line for line in self.text(item).split("\n")]
            if block.get("accessory"):
                entries = self.element(block["accessory"], block_id)
                if entries:
                    self.lines.append(entries)
        elif kind == "header":
            self.lines.append("# " + self.text(block["text"]))
        elif kind == "divider":
            self.lines.append(DIVIDER)
        elif kind == "context":
            parts = [self.text(item) for item in block.get("elements") or []]
            self.lines.append("› " + "  ".join(part for part in parts if part))
        elif kind == "image":
            self.lines.append(f"[billede: {block.get('alt_text', '')}]")
        elif kind == "actions":
            entries = [self.element(item, block_id) for item in block.get("elements") or []]
            self.lines.append("  ".join(entry for entry in entries if entry))
        elif kind == "rich_text":
            self.lines += self.rich_text(block.get("elements") or [])
        elif kind == "markdown":
            self.lines += str(block.get("text", "")).split("\n")
        elif kind == "input":
            self.lines.append(f"{_plain(block.get('label'))}: …")
        elif block.get("text"):
            self.lines += self.text(block["text"]).split("\n")
        else:
            self.lines.append(f"[{kind}]")

    def text(self, item: Any) -> str:
        if isinstance(item, str):
            return mrkdwn_to_text(item, self.names)
        if item.get("type") == "image":
            return f"[billede: {item.get('alt_text', '')}]"
        if item.get("type") == "mrkdwn":
            return mrkdwn_to_text(str(item.get("text", "")), self.names)
        return _unescape(str(item.get("text", "")))

    def element(self, element: Mapping[str, Any], block_id: str) -> str:
        kind = str(element.get("type", ""))
        if kind == "image":
            return f"[billede: {element.get('alt_text', '')}]"
        action_id = str(element.get("action_id") or f"action-{self.next_number}")
        if kind in _OPTION_ELEMENTS:
            entries = [
                self.number(action_id, block_id, kind, _plain(o["text"]), element, option=o)
                for o in _options(element)
            ]
            prompt = _plain(element.get("placeholder")) if element.get("placeholder") else ""
            return (f"{prompt}: " if prompt else "") + "  ".join(entries)
        if kind == "button" or "text" in element:
            label = _plain(element.get("text"))
        else:
            label = _plain(element.get("placeholder")) or _PICKER_LABELS.get(kind, kind)
            initial = _initial(element)
            if initial:
                label += f" ({', '.join(initial) if isinstance(initial, list) else initial})"
        return self.number(action_id, block_id, kind, label, element)

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

    def rich_text(self, elements: Sequence[Mapping[str, Any]]) -> list[str]:
        lines: list[str] = []
        for element in elements:
            kind = element.get("type")
            inner = element.get("elements") or []
            if kind == "rich_text_list":
                indent = "  " * int(element.get("indent", 0))
                first = int(element.get("offset", 0)) + 1
                for number, item in enumerate(inner, start=first):
                    bullet = f"{number}." if element.get("style") == "ordered" else "•"
                    lines.append(f"{indent}{bullet} {self.inline(item.get('elements') or [])}")
            elif kind == "rich_text_quote":
                lines += ["> " + line for line in self.inline(inner).split("\n")]
            elif kind == "rich_text_preformatted":
                lines += ["    " + line for line in self.inline(inner).split("\n")]
            else:
                lines += self.inline(inner).rstrip("\n").split("\n")
        return lines

    def inline(self, elements: Sequence[Mapping[str, Any]]) -> str:
        parts = []
        for element in elements:
            kind = element.get("type")
            if kind == "text":
                part = str(element.get("text", ""))
                style = element.get("style") or {}
                for name, mark in _RICH_STYLES:
                    if style.get(name) and part.strip():
                        part = f"{mark}{part}{mark}"
            elif kind == "link":
                url, label = str(element.get("url", "")), element.get("text")
                part = f"{label} ({url})" if label and label != url else url
            elif kind == "user":
                part = "@" + self.names.get(element["user_id"], element["user_id"])
            elif kind == "channel":
                part = "#" + self.names.get(element["channel_id"], element["channel_id"])
            elif kind == "usergroup":
                part = "@" + self.names.get(element["usergroup_id"], element["usergroup_id"])
            elif kind == "broadcast":
                part = "@" + str(element.get("range", "here"))
            elif kind == "emoji":
                part = element.get("unicode_char") or f":{element.get('name', '')}:"
            elif kind == "date":
                part = str(element.get("fallback") or element.get("timestamp", ""))
            else:
                part = str(element.get("text") or element.get("value") or "")
            parts.append(part)
        return "".join(parts)


def _input_field(block: Mapping[str, Any], index: int) -> InputField:
    element = block.get("element") or {}
    kind = str(element.get("type", ""))
    return InputField(
        block_id=_block_id(block, index),
        action_id=str(element.get("action_id") or f"action-{index + 1}"),
        label=_plain(block.get("label")),
        kind=kind,
        optional=bool(block.get("optional", False)),
        multiline=bool(element.get("multiline", False)),
        options=[(_plain(o["text"]), str(o["value"])) for o in _options(element)],
        initial=_initial(element),
        placeholder=_plain(element.get("placeholder")) if element.get("placeholder") else "",
        hint=_plain(block.get("hint")) if block.get("hint") else "",
    )


def _state_value(field: InputField, element: Mapping[str, Any], answer: Any) -> dict[str, Any]:
    kind = field.kind
    many = kind in _MANY_OPTIONS or kind in _PICKED_MANY
    # Only multi-selects split on commas; a single answer may well contain one.
    answers = _as_list(answer) if many else [_single(answer)] if _single(answer) else []
    if not answers and not field.optional:
        raise ValueError(f"{field.label} skal udfyldes")
    first = answers[0] if answers else None
    state: dict[str, Any] = {"type": kind}
    if kind in _TEXT_INPUTS:
        state["value"] = _checked_text(field, first) if first else None
    elif kind in _ONE_OPTION:
        state["selected_option"] = _option(field, element, first) if first else None
    elif kind in _MANY_OPTIONS:
        state["selected_options"] = [_option(field, element, a) for a in answers]
    elif kind in _PICKED:
        state[_PICKED[kind][0]] = _checked_pick(field, first) if first else None
    elif kind in _PICKED_MANY:
        state[_PICKED_MANY[kind][0]] = [_checked_pick(field, a) for a in answers]
    elif kind == "rich_text_input":
        section = {"type": "rich_text_section", "elements": [{"type": "text", "text": first}]}
        state["rich_text_value"] = {"type": "rich_text", "elements": [section]} if first else None
    else:
        state["value"] = first
    return state


def _option(field: InputField, element: Mapping[str, Any], answer: str) -> dict[str, Any]:
    options = _options(element)
    for option in options:
        if str(option.get("value")) == answer:
            return dict(option)
    for option in options:
        if _plain(option.get("text")).casefold() == answer.casefold():
            return dict(option)
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return dict(options[int(answer) - 1])
    if field.kind.endswith("external_select"):
        return {"text": {"type": "plain_text", "text": answer}, "value": answer}
    choices = ", ".join(text for text, _ in field.options)
    raise ValueError(f"{field.label}: vælg en af {choices}")


def _checked_text(field: InputField, answer: str) -> str:
    if field.kind == "number_input":
        try:
            float(answer.replace(",", "."))
        except ValueError:
            raise ValueError(f"{field.label}: skriv et tal") from None
    elif field.kind == "email_text_input" and "@" not in answer:
        raise ValueError(f"{field.label}: skriv en e-mailadresse")
    elif field.kind == "url_text_input" and not answer.startswith(("http://", "https://")):
        raise ValueError(f"{field.label}: skriv en adresse, der begynder med https://")
    return answer


def _checked_pick(field: InputField, answer: str) -> str:
    try:
        if field.kind == "datepicker":
            return date.fromisoformat(answer).isoformat()
        if field.kind == "timepicker":
            return time.fromisoformat(answer).strftime("%H:%M")
    except ValueError:
        shape = "ÅÅÅÅ-MM-DD" if field.kind == "datepicker" else "TT:MM"
        raise ValueError(f"{field.label}: skriv {shape}") from None
    mention = _MENTION.match(answer)  # a pasted <@U123|navn> means the id inside it
    return mention.group(1) if mention else answer.lstrip("@#")


def _initial(element: Mapping[str, Any]) -> str | list[str] | None:
    kind = element.get("type")
    if kind in _PICKED:
        return element.get(_PICKED[kind][1])
    if kind in _PICKED_MANY:
        return list(element.get(_PICKED_MANY[kind][1]) or []) or None
    if element.get("initial_option"):
        return str(element["initial_option"]["value"])
    if element.get("initial_options"):
        return [str(option["value"]) for option in element["initial_options"]]
    initial = element.get("initial_value")
    return str(initial) if initial is not None else None


def _options(element: Mapping[str, Any]) -> list[dict[str, Any]]:
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options += group.get("options") or []
    return options


def _as_list(answer: Any) -> list[str]:
    if answer is None:
        return []
    parts = answer.split(",") if isinstance(answer, str) else [str(item) for item in answer]
    return [part.strip() for part in parts if part.strip()]


def _single(answer: Any) -> str | None:
    if isinstance(answer, list):
        answer = answer[0] if answer else None
    text = str(answer).strip() if answer is not None else ""
    return text or None


def _block_id(block: Mapping[str, Any], index: int) -> str:
    # Slack invents ids for blocks without one; a stable stand-in keeps answers addressable.
    return str(block.get("block_id") or f"block-{index + 1}")


def _plain(item: Any) -> str:
    if item is None:
        return ""
    if isinstance(item, str):
        return _unescape(item)
    return _unescape(str(item.get("text", "")))


def _unescape(text: str) -> str:
    # Slack escapes only these three; ``&amp;`` last so ``&amp;lt;`` stays a literal ``&lt;``.
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
