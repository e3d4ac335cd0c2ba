"""Answers composed and sent by a process of their own (``bot.app.courier``)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from bot.app.courier import COURTESY, Courier
from bot.app.webhooks import Connections
from bot.console.standin import SlackStandIn
from bot.presentation.i18n import Translator
from bot.presentation.render import Renderer
from tests.support.server import everything_said

ZONE = ZoneInfo("Europe/Copenhagen")
DANISH, ENGLISH = Translator("da", ZONE), Translator("en", ZONE)
RECEIPT = {
    "receipt": {
        "vote": {"kind": "goal", "title": "Rengøring"},
        "organisation": "Aarhus Kommune",
        "choice": "against",
        "previous": "for",
    },
    "kind": "ballot",
}


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn() as server:
        yield server


def _courier(**options: object) -> Courier:
    return Courier(Connections(), Renderer(), **options)  # type: ignore[arg-type]


def _send(courier: Courier, standin: SlackStandIn, key: str, tr: Translator = DANISH) -> None:
    courier.send(
        standin.response_url(key),
        "vote_receipt",
        tr=tr,
        data=RECEIPT,
        response_type="ephemeral",
        replace_original=False,
    )


def _answers(standin: SlackStandIn, count: int = 1) -> dict[str, dict]:
    calls = standin.wait_for("response_url", count=count, timeout=15)
    return {call.args["_key"]: call.args for call in calls}


def test_the_courier_composes_the_answer_in_the_readers_language_and_sends_it(standin):
    courier = _courier()
    try:
        _send(courier, standin, "da")
        _send(courier, standin, "en", tr=ENGLISH)
        answers = _answers(standin, count=2)
    finally:
        courier.close()

    assert "Registreret for Aarhus Kommune: *Imod* (før: For)" in everything_said(answers["da"])
    assert "Recorded for Aarhus Kommune: *No* (previously: Yes)" in everything_said(answers["en"])
    assert answers["da"]["response_type"] == "ephemeral"
    assert answers["da"]["replace_original"] is False


def test_handing_over_does_not_wait_for_slack_and_closing_waits_for_what_was_handed_over(
    standin,
):
    courier = _courier()
    _send(courier, standin, "warm")  # the courier's process is started by its first answer
    _answers(standin)
    standin.delay("response_url", seconds=1.0)

    began = time.monotonic()
    _send(courier, standin, "slow")
    handed_over = time.monotonic() - began
    courier.close()

    assert handed_over < 0.5
    assert "slow" in _answers(standin, count=2)


def test_a_courier_that_died_is_started_again(standin):
    courier = _courier()
    try:
        _send(courier, standin, "first")
        _answers(standin)
        courier._process.kill()  # type: ignore[union-attr]
        courier._process.wait()  # type: ignore[union-attr]

        _send(courier, standin, "second")

        assert "second" in _answers(standin, count=2)
    finally:
        courier.close()


def test_where_no_courier_can_be_started_the_answer_is_sent_here(standin, caplog):
    courier = _courier(command=["/nonexistent/python-for-the-courier"])

    _send(courier, standin, "here")

    assert "here" in {call.args["_key"] for call in standin.calls_to("response_url")}
    assert "the courier could not be reached" in caplog.text
    courier.close()


def test_without_a_process_of_its_own_the_answer_is_sent_at_once(standin):
    courier = _courier(own_process=False)

    _send(courier, standin, "console")

    assert [call.args["_key"] for call in standin.calls_to("response_url")] == ["console"]


def test_the_courier_stops_when_its_parent_is_gone(standin):
    courier = _courier()
    _send(courier, standin, "one")
    _answers(standin)
    process = courier._process
    assert process is not None
    process.stdin.close()  # type: ignore[union-attr]  # what the parent's death does to the pipe

    assert process.wait(timeout=10) == 0
    courier.close()


def test_a_line_the_courier_cannot_read_is_logged_and_the_next_one_sent(standin):
    courier = _courier()
    _send(courier, standin, "before")
    _answers(standin)
    process = courier._process
    assert process is not None
    process.stdin.write(b"not json\n")  # type: ignore[union-attr]

    _send(courier, standin, "after")

    assert "after" in _answers(standin, count=2)
    courier.close()


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="no process priorities here")
def test_the_courier_gives_way_to_the_process_that_acknowledges(standin):
    courier = _courier()
    try:
        _send(courier, standin, "one")
        _answers(standin)
        process = courier._process
        assert process is not None

        mine = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, process.pid) == min(19, mine + COURTESY)
    finally:
        courier.close()
