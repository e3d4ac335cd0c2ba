"""What the renderer and the modal prompts both need to know about interactive elements."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.presentation.i18n import N_

# Elements whose choices are listed, each option a numbered entry of its own.
OPTION_ELEMENTS = frozenset({"overflow", "static_select", "radio_buttons", "checkboxes"})
TEXT_INPUTS = frozenset({"plain_text_input", "number_input", "url_text_input", "email_text_input"})
ONE_OPTION = frozenset({"static_select", "external_select", "radio_buttons"})
MANY_OPTIONS = frozenset({"multi_static_select", "multi_external_select", "checkboxes"})
# The state field for pickers whose answer is an id, a date or a time, as Slack names it.
PICKED = {
    "users_select": ("selected_user", "initial_user"),
    "conversations_select": ("selected_conversation", "initial_conversation"),
    "channels_select": ("selected_channel", "initial_channel"),
    "datepicker": ("selected_date", "initial_date"),
    "timepicker": ("selected_time", "initial_time"),
}
PICKED_MANY = {
    "multi_users_select": ("selected_users", "initial_users"),
    "multi_conversations_select": ("selected_conversations", "initial_conversations"),
    "multi_channels_select": ("selected_channels", "initial_channels"),
}
PICKER_LABELS = {
    "users_select": N_("Vælg person"),
    "multi_users_select": N_("Vælg personer"),
    "conversations_select": N_("Vælg kanal"),
    "multi_conversations_select": N_("Vælg kanaler"),
    "channels_select": N_("Vælg kanal"),
    "multi_channels_select": N_("Vælg kanaler"),
    "datepicker": N_("Vælg dato"),
    "timepicker": N_("Vælg tidspunkt"),
    "external_select": N_("Vælg"),
}


def initial(element: Mapping[str, Any]) -> str | list[str] | None:
    """The element's preset answer: a value, an id, a date, or a list of them."""
    kind = element.get("type")
    if kind in PICKED:
        return element.get(PICKED[kind][1])
    if kind in PICKED_MANY:
        return list(element.get(PICKED_MANY[kind][1]) or []) or None
    if element.get("initial_option"):
        return str(element["initial_option"]["value"])
    if element.get("initial_options"):
        return [str(option["value"]) for option in element["initial_options"]]
    value = element.get("initial_value")
    return str(value) if value is not None else None


def options(element: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every option, those in option groups included, in order."""
    found = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        found += group.get("options") or []
    return found
