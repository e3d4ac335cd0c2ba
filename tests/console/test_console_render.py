"""Block Kit rendered for the terminal, and console answers turned into Slack's view state."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk.models.views import View, ViewState

from bot.console.render import (
    DIVIDER,
    Action,
    InputField,
    mrkdwn_to_text,
    render_message,
    render_view,
    state_values,
)


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": text}, "value": value}


MEETING_MESSAGE = [
    {
        "type": "section",
        "block_id": "summary",
        "text": {
            "type": "mrkdwn",
            "text": "*Møde i arbejdsgruppen for fødevarer*\n"
            "Tirsdag den 24. november 2026 kl. 10.00 i <#C0FOOD|fødevarer>",
        },
    },
    {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": "Foreslået af <@U0ANNA> · svar senest fredag"}],
    },
    {"type": "divider"},
    {
        "type": "actions",
        "block_id": "meeting_actions",
        "elements": [
            {
                "type": "button",
                "action_id": "meeting_confirm",
                "text": {"type": "plain_text", "text": "Bekræft"},
                "value": "meeting:7",
                "style": "primary",
            },
            {
                "type": "button",
                "action_id": "meeting_cancel",
                "text": {"type": "plain_text", "text": "Annullér"},
                "value": "meeting:7",
            },
        ],
    },
]

GOAL_CHOICES = [_option("Fødevarer", "goal-food"), _option("IT-udstyr", "goal-it")]
HEARING_MODAL: dict[str, Any] = {
    "type": "modal",
    "callback_id": "hearing_open",
    "title": {"type": "plain_text", "text": "Åbn høring"},
    "submit": {"type": "plain_text", "text": "Åbn"},
    "close": {"type": "plain_text", "text": "Annullér"},
    "blocks": [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": "Høringen sendes til *alle medlemmer*."},
        },
        {
            "type": "input",
            "block_id": "goal",
            "label": {"type": "plain_text", "text": "Indkøbsmål"},
            "element": {"type": "static_select", "action_id": "value", "options": GOAL_CHOICES},
        },
        {
            "type": "input",
            "block_id": "note",
            "optional": True,
            "label": {"type": "plain_text", "text": "Bemærkning"},
            "hint": {"type": "plain_text", "text": "Vises øverst i høringsbrevet"},
            "element": {"type": "plain_text_input", "action_id": "value", "multiline": True},
        },
        {
            "type": "input",
            "block_id": "deadline",
            "label": {"type": "plain_text", "text": "Frist"},
            "element": {
                "type": "datepicker",
                "action_id": "value",
                "initial_date": "2026-12-01",
            },
        },
        {
            "type": "input",
            "block_id": "time",
            "label": {"type": "plain_text", "text": "Klokkeslæt"},
            "element": {"type": "timepicker", "action_id": "value", "initial_time": "12:00"},
        },
        {
            "type": "input",
            "block_id": "reviewers",
            "label": {"type": "plain_text", "text": "Ansvarlige"},
            "element": {"type": "multi_users_select", "action_id": "value"},
        },
        {
            "type": "input",
            "block_id": "owner",
            "label": {"type": "plain_text", "text": "Tovholder"},
            "element": {"type": "users_select", "action_id": "value"},
        },
        {
            "type": "input",
            "block_id": "channel",
            "optional": True,
            "label": {"type": "plain_text", "text": "Kanal"},
            "element": {"type": "conversations_select", "action_id": "value"},
        },
        {
            "type": "input",
            "block_id": "audiences",
            "label": {"type": "plain_text", "text": "Målgrupper"},
            "element": {
                "type": "checkboxes",
                "action_id": "value",
                "options": [_option("Kommuner", "municipal"), _option("Regioner", "region")],
                "initial_options": [_option("Kommuner", "municipal")],
            },
        },
        {
            "type": "input",
            "block_id": "kind",
            "label": {"type": "plain_text", "text": "Type"},
            "element": {
                "type": "radio_buttons",
                "action_id": "value",
                "options": [_option("Intern", "internal"), _option("Branche", "industry")],
            },
        },
        {
            "type": "input",
            "block_id": "topics",
            "optional": True,
            "label": {"type": "plain_text", "text": "Emner"},
            "element": {
                "type": "multi_static_select",
                "action_id": "value",
                "options": GOAL_CHOICES,
            },
        },
        {
            "type": "input",
            "block_id": "responses",
            "optional": True,
            "label": {"type": "plain_text", "text": "Forventede svar"},
            "element": {"type": "number_input", "action_id": "value", "is_decimal_allowed": False},
        },
        {
            "type": "input",
            "block_id": "link",
            "optional": True,
            "label": {"type": "plain_text", "text": "Link til udkast"},
            "element": {"type": "url_text_input", "action_id": "value"},
        },
        {
            "type": "input",
            "block_id": "contact",
            "optional": True,
            "label": {"type": "plain_text", "text": "Kontakt"},
            "element": {"type": "email_text_input", "action_id": "value"},
        },
    ],
}
REQUIRED_ANSWERS = {
    "goal": "IT-udstyr",
    "reviewers": "U0ANNA, <@U0BO|bo>",
    "owner": "U0ANNA",
    "kind": "2",
}


def test_meeting_message_renders_as_lines_with_numbered_buttons() -> None:
    rendered = render_message(text="Møde foreslået", blocks=MEETING_MESSAGE)

    assert rendered.lines == [
        "*Møde i arbejdsgruppen for fødevarer*",
        "Tirsdag den 24. november 2026 kl. 10.00 i #fødevarer",
        "› Foreslået af @U0ANNA · svar senest fredag",
        DIVIDER,
        "[1] Bekræft  [2] Annullér",
    ]
    assert rendered.actions == [
        Action(
            number=1,
            action_id="meeting_confirm",
            block_id="meeting_actions",
            value="meeting:7",
            kind="button",
            label="Bekræft",
            element=MEETING_MESSAGE[3]["elements"][0],
        ),
        Action(
            number=2,
            action_id="meeting_cancel",
            block_id="meeting_actions",
            value="meeting:7",
            kind="button",
            label="Annullér",
            element=MEETING_MESSAGE[3]["elements"][1],
        ),
    ]
    assert rendered.action(2).action_id == "meeting_cancel"


def test_numbering_continues_from_a_given_start_and_names_replace_ids() -> None:
    rendered = render_message(
        text=None, blocks=MEETING_MESSAGE, numbering_start=5, names={"U0ANNA": "Anna Jensen"}
    )

    assert rendered.lines[2] == "› Foreslået af @Anna Jensen · svar senest fredag"
    assert rendered.lines[-1] == "[5] Bekræft  [6] Annullér"
    assert [a.number for a in rendered.actions] == [5, 6]
    with pytest.raises(KeyError):
        rendered.action(1)


def test_without_blocks_the_text_is_shown() -> None:
    rendered = render_message(text="Mødet er aflyst.\nNyt møde følger.", blocks=None)

    assert rendered.lines == ["Mødet er aflyst.", "Nyt møde følger."]
    assert rendered.actions == []


def test_section_fields_header_image_and_overflow_accessory() -> None:
    overflow = {
        "type": "overflow",
        "action_id": "meeting_more",
        "options": [_option("Flyt", "move:7"), _option("Aflys", "cancel:7")],
    }
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Møder"}},
        {
            "type": "section",
            "block_id": "meeting-7",
            "text": {"type": "mrkdwn", "text": "*Møde 2*"},
            "fields": [
                {"type": "mrkdwn", "text": "*Sted:*\nMiljøstyrelsen"},
                {"type": "plain_text", "text": "2 timer"},
            ],
            "accessory": overflow,
        },
        {"type": "image", "image_url": "https://pogi.dk/plan.png", "alt_text": "Tidsplan"},
    ]

    rendered = render_message(text="Møder", blocks=blocks)

    assert rendered.lines == [
        "# Møder",
        "*Møde 2*",
        "  *Sted:*",
        "  Miljøstyrelsen",
        "  2 timer",
        "[1] Flyt  [2] Aflys",
        "[billede: Tidsplan]",
    ]
    assert [(a.kind, a.value, a.block_id) for a in rendered.actions] == [
        ("overflow", "move:7", "meeting-7"),
        ("overflow", "cancel:7", "meeting-7"),
    ]
    assert rendered.action(2).selected_option == _option("Aflys", "cancel:7")


def test_static_select_and_datepicker_in_an_actions_block() -> None:
    blocks = [
        {
            "type": "actions",
            "block_id": "pick",
            "elements": [
                {
                    "type": "static_select",
                    "action_id": "goal_pick",
                    "placeholder": {"type": "plain_text", "text": "Vælg mål"},
                    "options": GOAL_CHOICES,
                },
                {"type": "datepicker", "action_id": "day_pick", "initial_date": "2026-11-24"},
            ],
        }
    ]

    rendered = render_message(text=None, blocks=blocks)

    assert rendered.lines == ["Vælg mål: [1] Fødevarer  [2] IT-udstyr  [3] Vælg dato (2026-11-24)"]
    assert rendered.action(2).selected_option == GOAL_CHOICES[1]
    assert (rendered.action(3).kind, rendered.action(3).value) == ("datepicker", None)


def test_a_pickers_hint_and_a_refused_answer_read_in_the_readers_language() -> None:
    from bot.console.render.inputs import FieldError
    from bot.presentation.i18n import Translator

    english = Translator("en")
    blocks = [{"type": "actions", "elements": [{"type": "datepicker", "action_id": "day"}]}]

    assert render_message(text=None, blocks=blocks, translate=english.gettext).lines == [
        "[1] Choose a date"
    ]
    with pytest.raises(FieldError) as refused:
        state_values(HEARING_MODAL, {**REQUIRED_ANSWERS, "goal": "Byggeri"})
    said = english(refused.value.message, **refused.value.params)
    assert said.endswith(": Choose one of Fødevarer, IT-udstyr")


def test_rich_text_lists_quotes_and_styles() -> None:
    block = {
        "type": "rich_text",
        "elements": [
            {
                "type": "rich_text_section",
                "elements": [
                    {"type": "text", "text": "Hjemmearbejde til "},
                    {"type": "user", "user_id": "U0BO"},
                    {"type": "text", "text": ":\n"},
                ],
            },
            {
                "type": "rich_text_list",
                "style": "ordered",
                "elements": [
                    {
                        "type": "rich_text_section",
                        "elements": [{"type": "text", "text": "Baseline", "style": {"bold": True}}],
                    },
                    {
                        "type": "rich_text_section",
                        "elements": [
                            {"type": "link", "url": "https://pogi.dk/n", "text": "Notat"},
                        ],
                    },
                ],
            },
            {
                "type": "rich_text_quote",
                "elements": [{"type": "text", "text": "Frist fredag"}],
            },
        ],
    }

    rendered = render_message(text=None, blocks=[block], names={"U0BO": "Bo Hansen"})

    assert rendered.lines == [
        "Hjemmearbejde til @Bo Hansen:",
        "1. *Baseline*",
        "2. Notat (https://pogi.dk/n)",
        "> Frist fredag",
    ]


@pytest.mark.parametrize(
    ("mrkdwn", "text"),
    [
        ("<@U123>", "@U123"),
        ("<@U123|anna>", "@anna"),
        ("<#C1|fødevarer>", "#fødevarer"),
        ("<https://pogi.dk|POGI>", "POGI (https://pogi.dk)"),
        ("<https://pogi.dk>", "https://pogi.dk"),
        ("<mailto:sek@pogi.dk|sek@pogi.dk>", "sek@pogi.dk"),
        ("<!here> møde nu", "@here møde nu"),
        ("a &lt; b &gt; c &amp;&amp; d", "a < b > c && d"),
        ("&amp;lt;", "&lt;"),
        ("*fed* _kursiv_ :white_check_mark:", "*fed* _kursiv_ :white_check_mark:"),
    ],
)
def test_mrkdwn_becomes_readable_text(mrkdwn: str, text: str) -> None:
    assert mrkdwn_to_text(mrkdwn) == text


def test_modal_renders_title_text_labels_and_inputs() -> None:
    rendered = render_view(HEARING_MODAL)

    assert rendered.title == "Åbn høring"
    assert rendered.lines == ["Høringen sendes til *alle medlemmer*."]
    assert (rendered.submit_label, rendered.close_label) == ("Åbn", "Annullér")
    assert [(f.block_id, f.kind) for f in rendered.inputs] == [
        ("goal", "static_select"),
        ("note", "plain_text_input"),
        ("deadline", "datepicker"),
        ("time", "timepicker"),
        ("reviewers", "multi_users_select"),
        ("owner", "users_select"),
        ("channel", "conversations_select"),
        ("audiences", "checkboxes"),
        ("kind", "radio_buttons"),
        ("topics", "multi_static_select"),
        ("responses", "number_input"),
        ("link", "url_text_input"),
        ("contact", "email_text_input"),
    ]
    assert rendered.inputs[0] == InputField(
        block_id="goal",
        action_id="value",
        label="Indkøbsmål",
        kind="static_select",
        optional=False,
        multiline=False,
        options=[("Fødevarer", "goal-food"), ("IT-udstyr", "goal-it")],
        initial=None,
    )
    note = rendered.inputs[1]
    assert (note.optional, note.multiline, note.hint) == (
        True,
        True,
        "Vises øverst i høringsbrevet",
    )
    assert rendered.inputs[2].initial == "2026-12-01"
    assert rendered.inputs[7].initial == ["municipal"]


def test_state_values_has_slacks_shape_and_view_accepts_it() -> None:
    answers = {**REQUIRED_ANSWERS, "note": "Husk bilag, tak", "topics": ["goal-food"]}

    values = state_values(HEARING_MODAL, answers)

    assert values["goal"] == {
        "value": {"type": "static_select", "selected_option": _option("IT-udstyr", "goal-it")}
    }
    assert values["note"] == {"value": {"type": "plain_text_input", "value": "Husk bilag, tak"}}
    assert values["deadline"] == {"value": {"type": "datepicker", "selected_date": "2026-12-01"}}
    assert values["time"] == {"value": {"type": "timepicker", "selected_time": "12:00"}}
    assert values["reviewers"] == {
        "value": {"type": "multi_users_select", "selected_users": ["U0ANNA", "U0BO"]}
    }
    assert values["owner"] == {"value": {"type": "users_select", "selected_user": "U0ANNA"}}
    assert values["channel"] == {
        "value": {"type": "conversations_select", "selected_conversation": None}
    }
    assert values["audiences"] == {
        "value": {"type": "checkboxes", "selected_options": [_option("Kommuner", "municipal")]}
    }
    assert values["kind"] == {
        "value": {"type": "radio_buttons", "selected_option": _option("Branche", "industry")}
    }
    assert values["topics"]["value"]["selected_options"] == [_option("Fødevarer", "goal-food")]
    assert values["responses"] == {"value": {"type": "number_input", "value": None}}

    view = View(**{**HEARING_MODAL, "state": ViewState(values=values)})
    assert view.to_dict()["state"]["values"]["owner"]["value"]["selected_user"] == "U0ANNA"


def test_state_values_refuses_what_slacks_client_would_not_submit() -> None:
    with pytest.raises(ValueError, match="Indkøbsmål skal udfyldes"):
        state_values(HEARING_MODAL, {**REQUIRED_ANSWERS, "goal": ""})
    with pytest.raises(ValueError, match="Vælg en af Fødevarer, IT-udstyr"):
        state_values(HEARING_MODAL, {**REQUIRED_ANSWERS, "goal": "Byggeri"})
    with pytest.raises(ValueError, match="Frist: Skriv ÅÅÅÅ-MM-DD"):
        state_values(HEARING_MODAL, {**REQUIRED_ANSWERS, "deadline": "24/11"})
    with pytest.raises(ValueError, match="Skriv et tal"):
        state_values(HEARING_MODAL, {**REQUIRED_ANSWERS, "responses": "mange"})
    with pytest.raises(ValueError, match="https://"):
        state_values(HEARING_MODAL, {**REQUIRED_ANSWERS, "link": "pogi.dk"})
    with pytest.raises(ValueError, match="no input block with id nope"):
        state_values(HEARING_MODAL, {**REQUIRED_ANSWERS, "nope": "x"})
