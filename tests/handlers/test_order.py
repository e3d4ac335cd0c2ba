"""Commands from one channel, and from one user, run in the order Slack delivered them; other
channels' commands run beside them (``handlers.lanes``). Over HTTP and over Socket Mode."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from bot.console import payloads
from handlers.lanes import Lanes
from tests.support.server import APP_TOKEN, Slack, everything_said

STEPS = [
    ("USEK", "revision start Rengøring"),
    ("USEK", "tovholder <@UANNE|anne>"),
    ("UANNE", "gruppe add <@UDITTE|d> <@UEMIL|e> <@UFRIDA|f> <@UGUSTAV|g>"),
]


def _form(slack: Slack, user: str, text: str, key: str, channel: str = "CGROUP") -> dict[str, Any]:
    return payloads.slash_command(
        text=text, user_id=user, channel_id=channel, response_url=slack.standin.response_url(key)
    )


def _answers(slack: Slack, count: int) -> list[tuple[str, str]]:
    """The keys and texts of the first ``count`` answers, in the order they arrived."""
    calls = slack.standin.wait_for("response_url", count, timeout=10)
    return [(call.args["_key"], everything_said(call.args)) for call in calls]


def _assert_in_order(answers: list[tuple[str, str]]) -> None:
    assert [key for key, _ in answers] == ["step0", "step1", "step2"]
    started, appointed, grouped = (text for _, text in answers)
    assert "Revisionen af Rengøring er startet" in started
    assert "<@UANNE> (Aarhus Kommune) som tovholder" in appointed
    assert "Gruppen opfylder kravene: 5 medlemsorganisationer" in grouped


def _send_steps(slack: Slack, send: Callable[[dict[str, Any]], object]) -> None:
    # The first answer is held back: a command after it that ran beside it would answer first.
    slack.standin.delay("response_url", seconds=0.4, times=1)
    for number, (user, text) in enumerate(STEPS):
        send(_form(slack, user, text, f"step{number}"))


def test_three_commands_back_to_back_over_http_run_in_order(slack):
    def send(form: dict[str, Any]) -> None:
        assert slack.send(form).status == 200

    _send_steps(slack, send)

    _assert_in_order(_answers(slack, 3))


def test_three_commands_back_to_back_over_socket_mode_run_in_order(slack, app_server, standin):
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    handler = SocketModeHandler(app_server.app.bolt, APP_TOKEN)
    handler.connect()
    try:
        _send_steps(slack, lambda form: standin.socket_send("slash_commands", form))
        answers = _answers(slack, 3)
    finally:
        handler.client.auto_reconnect_enabled = False
        standin.socket_disconnect(None)
        handler.close()

    _assert_in_order(answers)


def test_another_channel_does_not_wait(slack):
    slack.standin.delay("response_url", seconds=1.0, times=1)
    assert slack.send(_form(slack, "USEK", "hjælp", "slow", channel="CGROUP")).status == 200
    time.sleep(0.2)  # its answer is on its way, and held back
    assert slack.send(_form(slack, "UDITTE", "hjælp", "quick", channel="COTHER")).status == 200

    assert [key for key, _ in _answers(slack, 2)] == ["quick", "slow"]


def test_the_same_user_in_another_channel_waits(slack):
    slack.standin.delay("response_url", seconds=0.4, times=1)
    assert slack.send(_form(slack, "USEK", "hjælp", "first", channel="CGROUP")).status == 200
    assert slack.send(_form(slack, "USEK", "hjælp", "second", channel="COTHER")).status == 200

    assert [key for key, _ in _answers(slack, 2)] == ["first", "second"]


# -- the lanes themselves --------------------------------------------------------------------


def _record(lanes: Lanes, plan: list[tuple[list[str], str, float]]) -> list[str]:
    done: list[str] = []
    lock = threading.Lock()

    def work(name: str, seconds: float) -> None:
        time.sleep(seconds)
        with lock:
            done.append(name)

    for keys, name, seconds in plan:
        lanes.submit(keys, work, name, seconds)
    lanes.shutdown(wait=True)
    return done


def test_lanes_keep_order_per_key_and_run_other_keys_beside():
    done = _record(
        Lanes(workers=2),
        [
            (["c:A", "u:1"], "A1", 0.2),
            (["c:A", "u:2"], "A2", 0.0),
            (["c:B", "u:3"], "B1", 0.0),
            (["c:C", "u:2"], "C1", 0.0),  # waits for A2 through user 2
        ],
    )

    assert done.index("B1") < done.index("A1")
    assert done.index("A1") < done.index("A2") < done.index("C1")


def test_a_reserved_place_holds_the_work_after_it_until_started():
    lanes = Lanes(workers=2)
    done: list[str] = []
    place = lanes.reserve(["c:A"])
    lanes.submit(["c:A"], done.append, "second")
    time.sleep(0.05)
    assert done == []
    place.start(done.append, "first")
    lanes.shutdown(wait=True)
    assert done == ["first", "second"]


def test_a_failing_piece_of_work_does_not_block_its_lane(caplog):
    def fail() -> None:
        raise RuntimeError("boom")

    lanes = Lanes(workers=1)
    done: list[str] = []
    lanes.submit(["c:A"], fail)
    lanes.submit(["c:A"], done.append, "after")
    lanes.shutdown(wait=True)
    assert done == ["after"]
    with pytest.raises(RuntimeError):
        lanes.submit(["c:A"], done.append, "too late")
