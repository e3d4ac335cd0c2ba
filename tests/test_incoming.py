"""Slack's requests read once, the same as Bolt reads them (``bot.app.incoming``)."""

from __future__ import annotations

import random
from urllib.parse import quote_plus, unquote_plus

import pytest
from slack_bolt import BoltRequest

from bot.app.incoming import Unreadable, form_value, read
from bot.console import payloads

SECRET = "incoming-secret"


def _as_bolt_reads(body: bytes, headers: dict[str, str]) -> tuple[BoltRequest, BoltRequest]:
    text = body.decode()
    ours = read(text, query="", headers=headers)
    bolts = BoltRequest(body=text, query="", headers=headers)
    return ours, bolts


def _same(ours: BoltRequest, bolts: BoltRequest) -> None:
    assert ours.raw_body == bolts.raw_body
    assert ours.body == bolts.body
    assert dict(ours.context) == dict(bolts.context)
    assert ours.headers == bolts.headers
    assert ours.query == bolts.query
    assert ours.content_type == bolts.content_type
    assert ours.mode == bolts.mode


def test_a_click_on_a_message_reads_as_bolt_reads_it() -> None:
    message = {
        "ts": "1700000000.000100",
        "text": 'Afstemning: indkøbsmålet Rengøring & pleje — 100 % <grøn> "fælles" 🗳️',
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Æ Ø Å + æ ø å\\n"}}],
    }
    click = payloads.block_actions(
        user_id="UANNE",
        action_id="vote_for",
        block_id="vote",
        value="7",
        channel_id="CSTYRE",
        message=message,
        response_url="https://hooks.slack.com/actions/T0/1/abc",
    )

    ours, bolts = _as_bolt_reads(*payloads.signed_request(click, signing_secret=SECRET))

    _same(ours, bolts)
    assert ours.body["message"]["text"] == message["text"]
    assert ours.context["user_id"] == "UANNE" and ours.context["channel_id"] == "CSTYRE"


@pytest.mark.parametrize(
    "form",
    [
        payloads.slash_command(
            text="afstemning Rengøring & pleje",
            user_id="UANNE",
            channel_id="CSTYRE",
            response_url="https://hooks.slack.com/commands/T0/1/abc",
        ),
        payloads.event_callback({"type": "app_home_opened", "user": "UANNE", "tab": "home"}),
    ],
    ids=["slash command (several fields)", "event (JSON)"],
)
def test_other_requests_are_left_to_bolt(form: dict) -> None:
    _same(*_as_bolt_reads(*payloads.signed_request(form, signing_secret=SECRET)))


@pytest.mark.parametrize(
    "body",
    ["payload=%7B%22type%22%3A", "payload=%5B1%2C2%5D", "payload=", "payload=%zz", "[1, 2]"],
    ids=["broken JSON", "not an object", "empty", "broken escape", "a JSON list"],
)
def test_a_body_bolt_cannot_read_is_unreadable(body: str) -> None:
    kind = "application/json" if body.startswith("[") else "application/x-www-form-urlencoded"

    with pytest.raises(Unreadable):
        read(body, query="", headers={"content-type": kind})


def test_form_values_decode_as_urllib_decodes_them() -> None:
    pieces = [
        "a", "Z", "0", "+", " ", "%", "%2", "%zz", "%4G", "%41", "%e6", "%C3%A6", "%c3", "%F0%9F",
        "\\", "\\x41", "\\n", "æ", "Å", "🗳", "&", "=", ".", "-", "_", "~", "%25", "%5C", "%5Cx41",
    ]  # fmt: skip
    texts = [quote_plus('Æbler & pærer: 100 % \\ "grønne" 🍏')]
    generator = random.Random(2026)
    texts += ["".join(generator.choices(pieces, k=generator.randint(0, 40))) for _ in range(3000)]

    for text in texts:
        assert form_value(text) == unquote_plus(text), text
