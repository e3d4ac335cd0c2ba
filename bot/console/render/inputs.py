"""A modal's inputs as prompts, and typed answers as the ``state.values`` Slack submits.

The checks are those Slack's client makes before it lets a user submit: a required field left
empty, an unknown option, a malformed number, date, time, e-mail address or URL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from bot.console.render.elements import (
    MANY_OPTIONS,
    ONE_OPTION,
    PICKED,
    PICKED_MANY,
    TEXT_INPUTS,
    initial,
    options,
)
from bot.console.render.text import block_id, plain
from bot.presentation.i18n import N_

_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")


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


def input_field(block: Mapping[str, Any], index: int) -> InputField:
    element = block.get("element") or {}
    kind = str(element.get("type", ""))
    return InputField(
        block_id=block_id(block, index),
        action_id=str(element.get("action_id") or f"action-{index + 1}"),
        label=plain(block.get("label")),
        kind=kind,
        optional=bool(block.get("optional", False)),
        multiline=bool(element.get("multiline", False)),
        options=[(plain(o["text"]), str(o["value"])) for o in options(element)],
        initial=initial(element),
        placeholder=plain(element.get("placeholder")) if element.get("placeholder") else "",
        hint=plain(block.get("hint")) if block.get("hint") else "",
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
            field = input_field(block, index)
            blocks[field.block_id] = (field, block)
    unknown = set(answers) - set(blocks)
    if unknown:
        raise ValueError(f"no input block with id {', '.join(sorted(unknown))}")
    values: dict[str, dict[str, dict[str, Any]]] = {}
    for key, (field, block) in blocks.items():
        answer = answers.get(key)
        if answer is None or answer == "" or answer == []:
            answer = field.initial
        values[key] = {field.action_id: _state_value(field, block["element"], answer)}
    return values


def _state_value(field: InputField, element: Mapping[str, Any], answer: Any) -> dict[str, Any]:
    kind = field.kind
    many = kind in MANY_OPTIONS or kind in PICKED_MANY
    # Only multi-selects split on commas; a single answer may well contain one.
    single = _single(answer)
    answers = _as_list(answer) if many else [single] if single else []
    if not answers and not field.optional:
        raise FieldError(N_("%(field)s skal udfyldes"), field.label)
    first = answers[0] if answers else None
    state: dict[str, Any] = {"type": kind}
    if kind in TEXT_INPUTS:
        state["value"] = _checked_text(field, first) if first else None
    elif kind in ONE_OPTION:
        state["selected_option"] = _option(field, element, first) if first else None
    elif kind in MANY_OPTIONS:
        state["selected_options"] = [_option(field, element, a) for a in answers]
    elif kind in PICKED:
        state[PICKED[kind][0]] = _checked_pick(field, first) if first else None
    elif kind in PICKED_MANY:
        state[PICKED_MANY[kind][0]] = [_checked_pick(field, a) for a in answers]
    elif kind == "rich_text_input":
        section = {"type": "rich_text_section", "elements": [{"type": "text", "text": first}]}
        state["rich_text_value"] = {"type": "rich_text", "elements": [section]} if first else None
    else:
        state["value"] = first
    return state


class FieldError(ValueError):
    """An answer Slack's client would not submit; the console words it in the reader's language
    (``message`` is a Danish message id, ``field`` the field's label)."""

    def __init__(self, message: str, field: str, **params: str) -> None:
        super().__init__(message % {"field": field, **params})
        self.message = message
        self.params = {"field": field, **params}


def _option(field: InputField, element: Mapping[str, Any], answer: str) -> dict[str, Any]:
    choices = options(element)
    for option in choices:
        if str(option.get("value")) == answer:
            return dict(option)
    for option in choices:
        if plain(option.get("text")).casefold() == answer.casefold():
            return dict(option)
    if answer.isdigit() and 1 <= int(answer) <= len(choices):
        return dict(choices[int(answer) - 1])
    if field.kind.endswith("external_select"):
        return {"text": {"type": "plain_text", "text": answer}, "value": answer}
    listed = ", ".join(text for text, _ in field.options)
    raise FieldError(N_("%(field)s: Vælg en af %(choices)s"), field.label, choices=listed)


def _checked_text(field: InputField, answer: str) -> str:
    if field.kind == "number_input":
        try:
            float(answer.replace(",", "."))
        except ValueError:
            raise FieldError(N_("%(field)s: Skriv et tal"), field.label) from None
    elif field.kind == "email_text_input" and "@" not in answer:
        raise FieldError(N_("%(field)s: Skriv en e-mailadresse"), field.label)
    elif field.kind == "url_text_input" and not answer.startswith(("http://", "https://")):
        raise FieldError(N_("%(field)s: Skriv en adresse, der begynder med https://"), field.label)
    return answer


def _checked_pick(field: InputField, answer: str) -> str:
    try:
        if field.kind == "datepicker":
            return date.fromisoformat(answer).isoformat()
        if field.kind == "timepicker":
            return time.fromisoformat(answer).strftime("%H:%M")
    except ValueError:
        if field.kind == "datepicker":
            raise FieldError(N_("%(field)s: Skriv ÅÅÅÅ-MM-DD"), field.label) from None
        raise FieldError(N_("%(field)s: Skriv TT:MM"), field.label) from None
    mention = _MENTION.match(answer)  # a pasted <@U123|navn> means the id inside it
    return mention.group(1) if mention else answer.lstrip("@#")


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
