"""A local server that answers the bot's Web API calls the way Slack does.

Tests point a real ``slack_sdk.WebClient`` at it, so retries, timeouts, form encoding and error
handling are exercised for real instead of being mocked away. The console uses the same server
to show what the bot did. It binds port 0, so parallel test runs never fight over a port.

Channels, users and views form a small world model so the bot meets Slack's rules
(``not_in_channel``, ``user_not_found``, ``hash_conflict``…), while anything a test did not
register is accepted, so tests that do not care about channels stay short.

It also plays Slack's Socket Mode end: ``apps.connections.open`` answers a ``ws://`` URL on a
port of its own, and ``socket_send`` delivers a payload over that socket as Slack would and
returns the app's acknowledgement.

``SlackStandIn`` is the facade; the parts are ``http`` (the server and request formats),
``world`` (users, channels, messages, views, files), ``methods`` (the Web API emulations),
``checks`` (what Slack refuses), ``faults`` (failing on demand), ``calls`` (the record) and
``socket_mode``.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from typing import Any, Self

from bot.console.payloads import wire
from bot.console.standin.calls import RESPONSE_URL, SOCKET_MODE, UPLOAD_URL, Call, CallLog
from bot.console.standin.checks import SlackError
from bot.console.standin.faults import Faults
from bot.console.standin.http import JSON_TYPE, Incoming, Outgoing, Server
from bot.console.standin.methods import APP_TOKEN_METHODS, Method, files, web_api
from bot.console.standin.socket_mode import SocketModeServer
from bot.console.standin.world import Workspace, World

__all__ = ["RESPONSE_URL", "SOCKET_MODE", "UPLOAD_URL", "Call", "SlackStandIn"]

logger = logging.getLogger(__name__)


class SlackStandIn:
    """The Slack Web API on 127.0.0.1, recording every call and failing on demand."""

    def __init__(
        self,
        *,
        team_id: str = "T0POGI",
        team_domain: str = "pogi",
        team_name: str = "POGI",
        bot_user_id: str = "U0POGIBOT",
        bot_id: str = "B0POGIBOT",
        bot_name: str = "pogi",
        app_id: str = "A0POGI",
        tokens: Iterable[str] | None = None,
        ts_start: int | None = None,
    ) -> None:
        self.workspace = Workspace(
            team_id, team_domain, team_name, bot_user_id, bot_id, bot_name, app_id
        )
        self.team_id, self.team_domain, self.team_name = team_id, team_domain, team_name
        self.bot_user_id, self.bot_id, self.bot_name, self.app_id = (
            bot_user_id,
            bot_id,
            bot_name,
            app_id,
        )
        self._tokens = frozenset(tokens) if tokens is not None else None
        self._world = World(
            self.workspace, ts_start=ts_start if ts_start is not None else int(time.time())
        )
        self._log = CallLog()
        self._faults = Faults()
        self._socket = SocketModeServer(app_id=app_id)
        self._methods: dict[str, Method] = web_api(
            origin=lambda: self.origin, open_socket=self._socket.open_url
        )
        self._stopping = threading.Event()
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self.add_user(bot_user_id, name=bot_name, real_name=bot_name, is_bot=True)

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> Self:
        """Serve from daemon threads so a forgotten ``stop()`` never hangs the test run."""
        self._server = Server(self._handle)
        # A short poll keeps stop() quick: tests start and stop one stand-in each.
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="slack-stand-in",
            daemon=True,
        )
        self._thread.start()
        self._socket.start()
        return self

    def stop(self) -> None:
        """Stop serving; delayed answers are cut short so shutdown is quick."""
        self._stopping.set()
        self._socket.stop()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server, self._thread = None, None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT``, the root the Web API, response URLs and uploads share."""
        if self._server is None:
            raise RuntimeError("the stand-in is not running; call start() first")
        return self._server.origin

    @property
    def url(self) -> str:
        """Base URL for ``WebClient(base_url=...)``; the trailing slash is what the SDK expects."""
        return f"{self.origin}/api/"

    def response_url(self, key: str) -> str:
        """A ``response_url`` to put in payloads; posts to it are recorded as ``response_url``."""
        return f"{self.origin}/response/{key}"

    # -- the world -------------------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        *,
        name: str,
        real_name: str | None = None,
        locale: str = "da-DK",
        tz: str = "Europe/Copenhagen",
        is_bot: bool = False,
    ) -> None:
        """Register a person ``users.info`` knows; locale and zone drive the bot's language."""
        self._world.add_user(
            user_id, name=name, real_name=real_name, locale=locale, tz=tz, is_bot=is_bot
        )

    def add_channel(
        self,
        channel_id: str,
        *,
        name: str,
        is_private: bool = False,
        members: Iterable[str] = (),
        bot_is_member: bool = True,
        is_archived: bool = False,
    ) -> None:
        """Register a channel so membership rules apply to it; unregistered ids are lenient."""
        self._world.add_channel(
            channel_id,
            name=name,
            is_private=is_private,
            members=members,
            bot_is_member=bot_is_member,
            is_archived=is_archived,
        )

    def dm_channel_id(self, user_id: str) -> str:
        """The bot's DM with a user; derived from the user id so tests can predict it."""
        return self._world.dm_channel_id(user_id)

    def message(self, channel: str, ts: str) -> dict[str, Any] | None:
        """The message as it stands after updates, or None once deleted or never posted."""
        return self._world.message(channel, ts)

    def view(self, view_id: str) -> dict[str, Any] | None:
        """The view as Slack would hold it now, for the console to show a modal after updates."""
        return self._world.view(view_id)

    def share_file(self, channel: str, user: str, name: str, title: str = "") -> dict[str, Any]:
        """A person shares a file in a channel, as the Slack client lets them; its file object."""
        with self._world.lock:
            return files.share(self._world, channel=channel, user=user, name=name, title=title)

    def uploaded_file(self, file_id: str) -> bytes:
        """The bytes the bot uploaded, so a test can read the memo it shared."""
        return self._world.uploaded_file(file_id)

    # -- recorded calls --------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """A snapshot, so callers can iterate while the bot keeps calling."""
        return self._log.calls

    def calls_to(self, method: str) -> list[Call]:
        """Every attempt at one method, faulted ones included, to count retries."""
        return self._log.calls_to(method)

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait for work the bot does after its ack; only successes count, not retried attempts."""
        return self._log.wait_for(method, count, timeout)

    def clear(self) -> None:
        """Forget recorded calls (the world and the faults stay) between steps of a scenario."""
        self._log.clear()

    def subscribe(self, callback: Callable[[Call], None]) -> Callable[[], None]:
        """Hear about each call as it happens (the console prints them); returns an unsubscribe."""
        return self._log.subscribe(callback)

    # -- faults ----------------------------------------------------------------------------

    def fail(self, method: str | None, error: str, times: int = 1) -> None:
        """Answer ``{"ok": false, "error": error}`` with HTTP 200, as Slack reports API errors."""
        self._faults.fail(method, error, times)

    def rate_limit(
        self,
        method: str | None = None,
        *,
        times: int = 1,
        retry_after: int = 1,
        every: int | None = None,
    ) -> None:
        """Answer HTTP 429; ``every=N`` limits each Nth call from now on until ``reset_faults``."""
        self._faults.rate_limit(method, times=times, retry_after=retry_after, every=every)

    def server_error(
        self,
        method: str | None = None,
        *,
        times: int = 1,
        status: int = 500,
        every: int | None = None,
    ) -> None:
        """Answer an HTTP 5xx, the outage ``ServerErrorRetryHandler`` exists for; ``every=N``
        fails each Nth call from now on until ``reset_faults``."""
        self._faults.server_error(method, times=times, status=status, every=every)

    def delay(self, method: str | None = None, *, seconds: float, times: int = 1) -> None:
        """Hold the answer back to provoke client timeouts; the call still takes effect."""
        self._faults.delay(method, seconds=seconds, times=times)

    def reset_faults(self) -> None:
        """Back to a healthy Slack, including the indefinite ``every=`` rate limits."""
        self._faults.reset()

    # -- Socket Mode -----------------------------------------------------------------------

    @property
    def socket_connections(self) -> int:
        """How many Socket Mode connections are open (and greeted with ``hello``)."""
        return self._socket.connections

    def socket_disconnect(self, reason: str | None = "refresh_requested") -> int:
        """Close the Socket Mode connections; returns how many were open.

        With a ``reason``, as Slack refreshes a connection: a ``disconnect`` message, on which
        slack_sdk's client reconnects through ``apps.connections.open``, then the close. With
        None, only the close frame, as when Slack's end goes away.
        """
        return self._socket.disconnect(reason)

    def socket_send(
        self,
        kind: str | None,
        payload: Mapping[str, Any],
        timeout: float = 5.0,
        *,
        accepts_response_payload: bool | None = None,
    ) -> dict[str, Any] | None:
        """Deliver a payload over Socket Mode as Slack would; the app's response payload back.

        ``kind`` is the envelope type (``"slash_commands"``, ``"interactive"``,
        ``"events_api"``) or a payload kind (``"slash_command"``, ``"block_actions"``…); None
        reads it from the payload. ``payload`` is what ``bot.console.payloads`` builds for HTTP.
        Waits for a connection and for the ack; the exchange is recorded as a ``socket_mode``
        call whose ``response["ack"]`` is the ack message. Raises TimeoutError without an ack.
        """
        envelope = wire.socket_mode_envelope(
            payload,
            kind,
            envelope_id=str(uuid.uuid4()),
            accepts_response_payload=accepts_response_payload,
        )
        sent = time.time()
        try:
            ack = self._socket.send(envelope, timeout)
        except TimeoutError:
            failed = {"ok": False, "error": "no_ack"}
            self._log.record(Call(SOCKET_MODE, envelope, None, 408, sent, failed))
            raise
        self._log.record(Call(SOCKET_MODE, envelope, None, 200, sent, {"ok": True, "ack": ack}))
        answer = ack.get("payload")
        return dict(answer) if isinstance(answer, dict) else None

    # -- answering -------------------------------------------------------------------------

    def _handle(self, incoming: Incoming) -> Outgoing:
        seconds = self._faults.take_delay(incoming.method)
        if seconds:
            self._stopping.wait(seconds)
        status, body, headers = self._answer(incoming)
        call = Call(incoming.method, incoming.args, incoming.token, status, incoming.received, body)
        self._log.record(call)
        if incoming.method == UPLOAD_URL and call.ok:
            text = f"OK - {len(incoming.args['_content'])}".encode()
            return Outgoing(status, text, "text/plain", headers)
        return Outgoing(status, json.dumps(body).encode(), JSON_TYPE, headers)

    def _answer(self, incoming: Incoming) -> tuple[int, dict[str, Any], dict[str, str]]:
        fault = self._faults.take_fault(incoming.method)
        if fault is not None:
            return fault.status, {"ok": False, "error": fault.error}, fault.headers
        if incoming.method == RESPONSE_URL:
            return 200, {"ok": True}, {}
        try:
            if incoming.method == UPLOAD_URL:
                file_id, content = incoming.args["file_id"], incoming.args["_content"]
                answer = self._world.receive_upload(file_id, content)
                return (200 if answer["ok"] else 404), answer, {}
            method = self._method_for(incoming)
            with self._world.lock:
                return 200, method(self._world, incoming.args), {}
        except SlackError as error:
            return 200, {"ok": False, "error": error.error}, {}
        except Exception:
            # A bug in the stand-in must look like a Slack outage, not hang the client.
            logger.exception("the stand-in failed to answer %s", incoming.method)
            return 500, {"ok": False, "error": "internal_error"}, {}

    def _method_for(self, incoming: Incoming) -> Method:
        """The method to run, once the body, the method name and the token pass."""
        if incoming.body_error:
            raise SlackError(incoming.body_error)
        method = self._methods.get(incoming.method)
        if method is None:
            raise SlackError("unknown_method")
        if incoming.method != "api.test":
            self._check_token(incoming.method, incoming.token)
        return method

    def _check_token(self, method: str, token: str | None) -> None:
        if not token:
            raise SlackError("not_authed")
        if self._tokens is not None and token not in self._tokens:
            raise SlackError("invalid_auth")
        # The app-level token opens sockets and nothing else; bot tokens cannot open them.
        if (method in APP_TOKEN_METHODS) != token.startswith("xapp-"):
            raise SlackError("not_allowed_token_type")
