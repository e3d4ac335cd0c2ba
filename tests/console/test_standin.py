"""The Slack stand-in, checked with the real slack_sdk client the bot uses."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from slack_sdk.webhook import WebhookClient

from bot.console.standin import Call, SlackStandIn

TOKEN = "xoxb-pogi-test"
MEETING_BLOCKS = [
    {"type": "section", "text": {"type": "mrkdwn", "text": "*Møde i arbejdsgruppen*"}},
    {"type": "divider"},
]


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn(ts_start=1732270000) as running:
        yield running


@pytest.fixture
def client(standin: SlackStandIn) -> WebClient:
    return WebClient(token=TOKEN, base_url=standin.url, timeout=2, retry_handlers=[])


def _error_of(call: object) -> str:
    with pytest.raises(SlackApiError) as raised:
        call()  # type: ignore[operator]
    return str(raised.value.response["error"])


def test_url_is_a_loopback_base_url_on_an_os_assigned_port(standin: SlackStandIn) -> None:
    assert standin.url.startswith("http://127.0.0.1:")
    assert standin.url.endswith("/api/")
    assert standin.response_url("abc") == standin.url.replace("/api/", "/response/abc")


def test_auth_test_answers_as_the_bot(client: WebClient) -> None:
    answer = client.auth_test()

    assert answer["ok"] is True
    assert answer["team_id"] == "T0POGI"
    assert answer["user_id"] == "U0POGIBOT"
    assert answer["bot_id"] == "B0POGIBOT"
    assert answer["url"] == "https://pogi.slack.com/"


def test_post_message_is_recorded_with_structured_args_and_token(
    standin: SlackStandIn, client: WebClient
) -> None:
    answer = client.chat_postMessage(channel="C0GRUPPE", text="Møde", blocks=MEETING_BLOCKS)

    assert answer["channel"] == "C0GRUPPE"
    assert answer["ts"] == "1732270000.000100"
    assert answer["message"]["blocks"] == MEETING_BLOCKS
    assert answer["message"]["user"] == "U0POGIBOT"
    [call] = standin.calls_to("chat.postMessage")
    assert call.args == {"channel": "C0GRUPPE", "text": "Møde", "blocks": MEETING_BLOCKS}
    assert call.token == TOKEN
    assert call.status == 200
    assert call.ok


def test_form_encoded_json_fields_are_decoded_and_the_form_token_accepted(
    standin: SlackStandIn,
) -> None:
    anonymous = WebClient(base_url=standin.url, retry_handlers=[])

    anonymous.api_call(
        "chat.postMessage",
        params={"token": TOKEN, "channel": "C1", "blocks": json.dumps(MEETING_BLOCKS)},
    )

    [call] = standin.calls_to("chat.postMessage")
    assert call.args["blocks"] == MEETING_BLOCKS
    assert call.token == TOKEN
    assert "token" not in call.args


def test_ts_values_are_unique_and_increasing_across_threads(
    standin: SlackStandIn, client: WebClient
) -> None:
    def post(worker: int) -> None:
        for n in range(5):
            client.chat_postMessage(channel="C1", text=f"{worker}-{n}")

    workers = [threading.Thread(target=post, args=(w,)) for w in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    stamps = [call.response["ts"] for call in standin.calls_to("chat.postMessage")]
    assert len(stamps) == 30
    assert len(set(stamps)) == 30
    assert sorted(stamps, key=float)[-1] == "1732270000.003000"


def test_missing_token_is_not_authed_and_still_recorded(standin: SlackStandIn) -> None:
    anonymous = WebClient(base_url=standin.url, retry_handlers=[])

    assert _error_of(lambda: anonymous.chat_postMessage(channel="C1", text="x")) == "not_authed"
    assert [c.ok for c in standin.calls_to("chat.postMessage")] == [False]


def test_only_listed_tokens_are_valid_when_tokens_are_given() -> None:
    with SlackStandIn(tokens=[TOKEN]) as strict:
        stranger = WebClient(token="xoxb-other", base_url=strict.url, retry_handlers=[])
        assert _error_of(stranger.auth_test) == "invalid_auth"
        assert WebClient(token=TOKEN, base_url=strict.url).auth_test()["ok"] is True


def test_unknown_method_is_an_error_and_recorded(standin: SlackStandIn, client: WebClient) -> None:
    assert _error_of(lambda: client.api_call("reminders.add")) == "unknown_method"
    assert [c.method for c in standin.calls] == ["reminders.add"]


def test_fail_answers_the_error_the_given_number_of_times(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.fail("chat.postMessage", "channel_not_found", times=2)

    assert _error_of(lambda: client.chat_postMessage(channel="C1", text="a")) == "channel_not_found"
    assert _error_of(lambda: client.chat_postMessage(channel="C1", text="b")) == "channel_not_found"
    assert client.chat_postMessage(channel="C1", text="c")["ok"] is True
    assert client.auth_test()["ok"] is True  # other methods are unaffected
    assert [c.ok for c in standin.calls_to("chat.postMessage")] == [False, False, True]


def test_a_fault_for_any_method_hits_whatever_is_called_next(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.fail(None, "fatal_error")

    assert _error_of(client.auth_test) == "fatal_error"
    assert client.auth_test()["ok"] is True


def test_rate_limit_answers_429_with_retry_after(standin: SlackStandIn, client: WebClient) -> None:
    standin.rate_limit("chat.postMessage", retry_after=7)

    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="x")

    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "7"
    assert raised.value.response["error"] == "ratelimited"


def test_rate_limit_retry_handler_gets_through_on_the_second_attempt(
    standin: SlackStandIn,
) -> None:
    patient = WebClient(
        token=TOKEN,
        base_url=standin.url,
        timeout=2,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    standin.rate_limit("chat.postMessage", retry_after=0)

    assert patient.chat_postMessage(channel="C1", text="x")["ok"] is True
    assert [c.status for c in standin.calls_to("chat.postMessage")] == [429, 200]
    assert len(standin.wait_for("chat.postMessage")) == 1


def test_rate_limit_every_nth_call_lasts_until_reset(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.rate_limit(every=3)

    statuses = []
    for _ in range(6):
        try:
            client.auth_test()
            statuses.append(200)
        except SlackApiError as error:
            statuses.append(error.response.status_code)
    standin.reset_faults()

    assert statuses == [200, 200, 429, 200, 200, 429]
    assert all(client.auth_test()["ok"] for _ in range(3))


def test_server_error_retry_handler_gets_through(standin: SlackStandIn) -> None:
    retrying = WebClient(
        token=TOKEN,
        base_url=standin.url,
        timeout=2,
        retry_handlers=[
            ServerErrorRetryHandler(
                max_retry_count=1,
                interval_calculator=FixedValueRetryIntervalCalculator(0.01),
            )
        ],
    )
    standin.server_error("views.publish", status=503)

    answer = retrying.views_publish(user_id="U1", view={"type": "home", "blocks": []})

    assert answer["ok"] is True
    assert [c.status for c in standin.calls_to("views.publish")] == [503, 200]


def test_server_error_without_retry_is_an_api_error(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.server_error()

    with pytest.raises(SlackApiError) as raised:
        client.auth_test()
    assert raised.value.response.status_code == 500


def test_delay_beyond_the_client_timeout_times_out_but_takes_effect(
    standin: SlackStandIn,
) -> None:
    hasty = WebClient(token=TOKEN, base_url=standin.url, timeout=0.2, retry_handlers=[])  # type: ignore[arg-type]
    standin.delay("chat.postMessage", seconds=0.6)

    started = time.monotonic()
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        hasty.chat_postMessage(channel="C1", text="langsomt")

    assert time.monotonic() - started < 0.5
    [call] = standin.wait_for("chat.postMessage", timeout=2)
    assert call.args["text"] == "langsomt"


def test_wait_for_counts_successes_only_and_reports_what_it_saw(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.fail("chat.postMessage", "ratelimited")
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C1", text="x")
    client.auth_test()

    with pytest.raises(AssertionError, match=r"chat.postMessage\(200\)|auth.test\(200\)") as err:
        standin.wait_for("chat.postMessage", timeout=0.1)
    assert "got 0" in str(err.value)


def test_wait_for_returns_once_a_background_call_arrives(
    standin: SlackStandIn, client: WebClient
) -> None:
    later = threading.Timer(0.1, lambda: client.chat_postMessage(channel="C1", text="senere"))
    later.start()

    [call] = standin.wait_for("chat.postMessage", timeout=2)

    assert call.args["text"] == "senere"


def test_subscribers_hear_each_call_until_they_unsubscribe(
    standin: SlackStandIn, client: WebClient
) -> None:
    heard: list[Call] = []
    unsubscribe = standin.subscribe(heard.append)

    client.chat_postMessage(channel="C1", text="første")
    unsubscribe()
    client.chat_postMessage(channel="C1", text="anden")

    assert [call.args["text"] for call in heard] == ["første"]


def test_clear_forgets_recorded_calls(standin: SlackStandIn, client: WebClient) -> None:
    client.auth_test()
    standin.clear()

    assert standin.calls == []


def test_users_info_includes_locale_only_when_asked(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.add_user("U0ANNA", name="anna", real_name="Anna Jensen", locale="en-GB")

    plain = client.users_info(user="U0ANNA")["user"]
    localised = client.users_info(user="U0ANNA", include_locale=True)["user"]

    assert "locale" not in plain
    assert localised["locale"] == "en-GB"
    assert localised["real_name"] == "Anna Jensen"
    assert localised["tz"] == "Europe/Copenhagen"
    assert localised["tz_offset"] in (3600, 7200)
    assert _error_of(lambda: client.users_info(user="U0NOBODY")) == "user_not_found"


def test_registered_channel_without_the_bot_refuses_posts_until_joined(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.add_channel("C0FOOD", name="fødevarer", bot_is_member=False)

    assert _error_of(lambda: client.chat_postMessage(channel="C0FOOD", text="x")) == (
        "not_in_channel"
    )
    joined = client.conversations_join(channel="C0FOOD")
    assert joined["channel"]["is_member"] is True
    assert client.chat_postMessage(channel="C0FOOD", text="x")["ok"] is True


def test_private_and_archived_channels_follow_slack_rules(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.add_channel("C0SECRET", name="styregruppe", is_private=True, bot_is_member=False)
    standin.add_channel("C0OLD", name="gammel", is_archived=True)

    assert _error_of(lambda: client.conversations_join(channel="C0SECRET")) == (
        "method_not_supported_for_channel_type"
    )
    assert _error_of(lambda: client.chat_postMessage(channel="C0SECRET", text="x")) == (
        "not_in_channel"
    )
    assert _error_of(lambda: client.chat_postMessage(channel="C0OLD", text="x")) == "is_archived"


def test_conversations_info_and_members_know_registered_channels(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.add_channel("C0FOOD", name="fødevarer", members=["U0ANNA", "U0BO"])

    info = client.conversations_info(channel="C0FOOD")["channel"]
    members = client.conversations_members(channel="C0FOOD")

    assert (info["name"], info["is_private"], info["is_member"]) == ("fødevarer", False, True)
    assert members["members"] == ["U0ANNA", "U0BO", "U0POGIBOT"]
    assert _error_of(lambda: client.conversations_info(channel="C0NONE")) == "channel_not_found"


def test_ephemeral_messages_need_the_user_in_a_channel_with_known_members(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.add_channel("C0FOOD", name="fødevarer", members=["U0ANNA"])

    answer = client.chat_postEphemeral(channel="C0FOOD", user="U0ANNA", text="Kun til dig")

    assert answer["message_ts"].startswith("1732270000.")
    assert _error_of(
        lambda: client.chat_postEphemeral(channel="C0FOOD", user="U0BO", text="x")
    ) == ("user_not_in_channel")


def test_dm_channels_are_stable_per_user(standin: SlackStandIn, client: WebClient) -> None:
    first = client.conversations_open(users="U0ANNA")["channel"]["id"]
    again = client.conversations_open(users="U0ANNA")["channel"]["id"]
    posted = client.chat_postMessage(channel="U0ANNA", text="Hej Anna")

    assert first == again == standin.dm_channel_id("U0ANNA") == "D0ANNA"
    assert posted["channel"] == "D0ANNA"


def test_update_delete_and_permalink_follow_the_posted_message(
    standin: SlackStandIn, client: WebClient
) -> None:
    posted = client.chat_postMessage(channel="C1", text="Forslag", blocks=MEETING_BLOCKS)
    ts = posted["ts"]

    updated = client.chat_update(channel="C1", ts=ts, text="Bekræftet")
    link = client.chat_getPermalink(channel="C1", message_ts=ts)["permalink"]

    assert (updated["channel"], updated["ts"], updated["text"]) == ("C1", ts, "Bekræftet")
    assert standin.message("C1", ts)["text"] == "Bekræftet"  # type: ignore[index]
    assert link == f"https://pogi.slack.com/archives/C1/p{ts.replace('.', '')}"
    client.chat_delete(channel="C1", ts=ts)
    assert standin.message("C1", ts) is None


def test_views_open_update_and_publish_return_realistic_views(
    standin: SlackStandIn, client: WebClient
) -> None:
    modal = {
        "type": "modal",
        "callback_id": "meeting_propose",
        "external_id": "meeting-7",
        "title": {"type": "plain_text", "text": "Nyt møde"},
        "blocks": [],
    }
    opened = client.views_open(trigger_id="1.2.abc", view=modal)["view"]
    changed = {**modal, "title": {"type": "plain_text", "text": "Flyt møde"}}
    by_external = client.views_update(external_id="meeting-7", view=changed)["view"]
    home = client.views_publish(user_id="U0ANNA", view={"type": "home", "blocks": []})["view"]
    home_again = client.views_publish(user_id="U0ANNA", view={"type": "home", "blocks": []})

    assert opened["id"].startswith("V0")
    assert opened["callback_id"] == "meeting_propose"
    assert opened["hash"]
    assert by_external["id"] == opened["id"]
    assert by_external["title"]["text"] == "Flyt møde"
    assert by_external["hash"] != opened["hash"]
    assert home_again["view"]["id"] == home["id"]
    assert standin.view(opened["id"])["title"]["text"] == "Flyt møde"  # type: ignore[index]


def test_views_refuse_what_slack_refuses(client: WebClient) -> None:
    modal = {"type": "modal", "title": {"type": "plain_text", "text": "X"}, "blocks": []}
    opened = client.views_open(trigger_id="t", view=modal)["view"]

    assert _error_of(lambda: client.views_open(trigger_id="", view=modal)) == "invalid_arguments"
    assert _error_of(
        lambda: client.views_update(view_id=opened["id"], hash="stale", view=modal)
    ) == ("hash_conflict")
    assert _error_of(lambda: client.views_update(external_id="nope", view=modal)) == "not_found"


def test_file_upload_v2_end_to_end(standin: SlackStandIn, client: WebClient) -> None:
    memo = "Høringsnotat\nSvar fra 5 organisationer\n".encode()

    answer = client.files_upload_v2(
        channel="C0FOOD",
        content=memo,
        filename="hoeringsnotat.txt",
        title="Høringsnotat",
        initial_comment="Her er høringsnotatet",
    )

    file_id = answer["file"]["id"]
    assert answer["file"]["title"] == "Høringsnotat"
    assert standin.uploaded_file(file_id) == memo
    [complete] = standin.calls_to("files.completeUploadExternal")
    assert complete.args["channel_id"] == "C0FOOD"
    assert complete.args["initial_comment"] == "Her er høringsnotatet"
    assert complete.args["_content"] == memo
    assert [c.method for c in standin.calls] == [
        "files.getUploadURLExternal",
        "upload_url",
        "files.completeUploadExternal",
    ]


def test_response_url_posts_are_recorded_with_their_key(standin: SlackStandIn) -> None:
    webhook = WebhookClient(standin.response_url("cmd-1"), timeout=2)

    answer = webhook.send(text="Kun til dig", response_type="ephemeral")

    assert answer.status_code == 200
    [call] = standin.wait_for("response_url")
    assert call.args == {"text": "Kun til dig", "response_type": "ephemeral", "_key": "cmd-1"}
