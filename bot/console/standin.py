"""A local HTTP server that answers the bot's Web API calls the way Slack does.

Tests point a real ``slack_sdk.WebClient`` at it, so retries, timeouts, form encoding and error
handling are exercised for real instead of being mocked away. The console uses the same server
to show what the bot did. It binds port 0, so parallel test runs never fight over a port.

Channels, users and views form a small world model so the bot meets Slack's rules
(``not_in_channel``, ``user_not_found``, ``hash_conflict``…), while anything a test did not
register is accepted, so tests that do not care about channels stay short.
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import hashlib
import json
import logging
import mimetypes
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

logger = logging.getLogger(__name__)

RESPONSE_URL = "response_url"
UPLOAD_URL = "upload_url"
# Form posts carry these as JSON text; decoding them lets tests assert on structures.
_JSON_FIELDS = frozenset({"blocks", "attachments", "view", "metadata", "files"})
_MESSAGE_BLOCK_LIMIT = 50
_VIEW_BLOCK_LIMIT = 100
_TEXT_LIMIT = 40_000
_TZ_LABELS = {"CET": "Central European Time", "CEST": "Central European Summer Time"}


@dataclass(frozen=True)
class Call:
    """One request the stand-in answered, kept so tests can assert on what the bot sent."""

    method: str
    args: dict[str, Any]
    token: str | None
    status: int
    at: float
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether Slack would have done what was asked (faulted calls count as attempts only)."""
        return self.status == 200 and bool(self.response.get("ok"))


class _SlackError(Exception):
    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


@dataclass
class _Channel:
    id: str
    name: str
    is_private: bool
    members: list[str]
    bot_is_member: bool
    is_archived: bool
    created: int


@dataclass
class _File:
    id: str
    name: str
    length: int
    title: str = ""
    content: bytes | None = None
    channels: list[str] = field(default_factory=list)


@dataclass
class _Fault:
    method: str | None
    remaining: int
    status: int = 200
    error: str = ""
    retry_after: int | None = None
    every: int | None = None
    seen: int = 0
    seconds: float = 0.0

    def applies_to(self, method: str) -> bool:
        # "Any method" means the Web API; webhooks fail only when named, as they do in Slack.
        if self.method is None:
            return method not in (RESPONSE_URL, UPLOAD_URL)
        return self.method == method


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Many senders at once (benches, storm tests): the default backlog of 5 drops connections.
    request_queue_size = 128

    def __init__(self, standin: SlackStandIn) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.standin = standin


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    # Like Slack: connections stay open between requests, and answers are not held back.
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_POST(self) -> None:
        self.server.standin._serve(self)

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("stand-in: " + format, *args)


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
        self.team_id, self.team_domain, self.team_name = team_id, team_domain, team_name
        self.bot_user_id, self.bot_id, self.bot_name, self.app_id = (
            bot_user_id,
            bot_id,
            bot_name,
            app_id,
        )
        self._tokens = frozenset(tokens) if tokens is not None else None
        # Real ts values follow the clock; starting from now keeps (channel, ts) unique across
        # console sessions that share a database.
        self._ts_micros = (ts_start if ts_start is not None else int(time.time())) * 1_000_000
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._stopping = threading.Event()
        self._calls: list[Call] = []
        self._subscribers: list[Callable[[Call], None]] = []
        self._faults: list[_Fault] = []
        self._delays: list[_Fault] = []
        self._users: dict[str, dict[str, Any]] = {}
        self._channels: dict[str, _Channel] = {}
        self._messages: dict[tuple[str, str], dict[str, Any]] = {}
        self._views: dict[str, dict[str, Any]] = {}
        self._home_views: dict[str, str] = {}
        self._files: dict[str, _File] = {}
        self._serial = 0
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._answers: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "api.test": lambda args: {"ok": True, "args": args},
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
            "chat.getPermalink": self._chat_get_permalink,
            "views.open": self._views_open,
            "views.push": self._views_open,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "users.info": self._users_info,
            "conversations.info": self._conversations_info,
            "conversations.join": self._conversations_join,
            "conversations.members": self._conversations_members,
            "conversations.open": self._conversations_open,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
        }
        self.add_user(bot_user_id, name=bot_name, real_name=bot_name, is_bot=True)

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> Self:
        """Serve from a daemon thread so a forgotten ``stop()`` never hangs the test run."""
        self._server = _Server(self)
        # A short poll keeps stop() quick: tests start and stop one stand-in each.
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="slack-stand-in",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; delayed answers are cut short so shutdown is quick."""
        self._stopping.set()
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
        return f"http://127.0.0.1:{self._server.server_address[1]}"

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
        with self._lock:
            self._users[user_id] = {
                "name": name,
                "real_name": real_name or name,
                "locale": locale,
                "tz": tz,
                "is_bot": is_bot,
            }

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
        with self._lock:
            self._channels[channel_id] = _Channel(
                id=channel_id,
                name=name,
                is_private=is_private,
                members=list(members),
                bot_is_member=bot_is_member,
                is_archived=is_archived,
                created=self._ts_micros // 1_000_000,
            )

    def dm_channel_id(self, user_id: str) -> str:
        """The bot's DM with a user; derived from the user id so tests can predict it."""
        return "D" + user_id[1:]

    def message(self, channel: str, ts: str) -> dict[str, Any] | None:
        """The message as it stands after updates, or None once deleted or never posted."""
        with self._lock:
            message = self._messages.get((channel, ts))
            return dict(message) if message is not None else None

    def view(self, view_id: str) -> dict[str, Any] | None:
        """The view as Slack would hold it now, for the console to show a modal after updates."""
        with self._lock:
            view = self._views.get(view_id)
            return dict(view) if view is not None else None

    def uploaded_file(self, file_id: str) -> bytes:
        """The bytes the bot uploaded, so a test can read the memo it shared."""
        with self._lock:
            content = self._files[file_id].content
        if content is None:
            raise KeyError(f"{file_id} was announced but its bytes were never uploaded")
        return content

    # -- recorded calls --------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """A snapshot, so callers can iterate while the bot keeps calling."""
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        """Every attempt at one method, faulted ones included, to count retries."""
        with self._lock:
            return [call for call in self._calls if call.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait for work the bot does after its ack; only successes count, not retried attempts."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                done = [call for call in self._calls if call.method == method and call.ok]
                if len(done) >= count:
                    return done
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = ", ".join(f"{c.method}({c.status})" for c in self._calls) or "none"
                    raise AssertionError(
                        f"expected {count} successful {method} call(s) within {timeout}s, "
                        f"got {len(done)}; calls seen: {seen}"
                    )
                self._changed.wait(remaining)

    def clear(self) -> None:
        """Forget recorded calls (the world and the faults stay) between steps of a scenario."""
        with self._lock:
            self._calls.clear()

    def subscribe(self, callback: Callable[[Call], None]) -> Callable[[], None]:
        """Hear about each call as it happens (the console prints them); returns an unsubscribe."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    # -- faults ----------------------------------------------------------------------------

    def fail(self, method: str | None, error: str, times: int = 1) -> None:
        """Answer ``{"ok": false, "error": error}`` with HTTP 200, as Slack reports API errors."""
        self._add_fault(_Fault(method, remaining=times, error=error))

    def rate_limit(
        self,
        method: str | None = None,
        *,
        times: int = 1,
        retry_after: int = 1,
        every: int | None = None,
    ) -> None:
        """Answer HTTP 429; ``every=N`` limits each Nth call from now on until ``reset_faults``."""
        self._add_fault(
            _Fault(
                method,
                remaining=times,
                status=429,
                error="ratelimited",
                retry_after=retry_after,
                every=every,
            )
        )

    def server_error(self, method: str | None = None, *, times: int = 1, status: int = 500) -> None:
        """Answer an HTTP 5xx, the outage ``ServerErrorRetryHandler`` exists for."""
        self._add_fault(_Fault(method, remaining=times, status=status, error="internal_error"))

    def delay(self, method: str | None = None, *, seconds: float, times: int = 1) -> None:
        """Hold the answer back to provoke client timeouts; the call still takes effect."""
        with self._lock:
            self._delays.append(_Fault(method, remaining=times, seconds=seconds))

    def reset_faults(self) -> None:
        """Back to a healthy Slack, including the indefinite ``every=`` rate limits."""
        with self._lock:
            self._faults.clear()
            self._delays.clear()

    def _add_fault(self, fault: _Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def _take_delay(self, method: str) -> float:
        with self._lock:
            for fault in self._delays:
                if fault.applies_to(method) and fault.remaining > 0:
                    fault.remaining -= 1
                    self._delays = [f for f in self._delays if f.remaining > 0]
                    return fault.seconds
        return 0.0

    def _take_fault(self, method: str) -> _Fault | None:
        with self._lock:
            chosen: _Fault | None = None
            for fault in self._faults:
                if not fault.applies_to(method):
                    continue
                if fault.every:
                    # Every call counts towards the cadence, even when another fault answers it.
                    fault.seen += 1
                    if chosen is None and fault.seen % fault.every == 0:
                        chosen = fault
                elif chosen is None and fault.remaining > 0:
                    fault.remaining -= 1
                    chosen = fault
            self._faults = [f for f in self._faults if f.every or f.remaining > 0]
            return chosen

    # -- HTTP ------------------------------------------------------------------------------

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        received = time.time()
        target = urlsplit(request.path)
        raw = request.rfile.read(int(request.headers.get("Content-Length") or 0))
        content_type = request.headers.get("Content-Type", "")
        if target.path.startswith("/api/"):
            method = target.path.removeprefix("/api/")
            try:
                args = _parse_body(content_type, raw)
            except ValueError:
                args, body_error = {}, "invalid_json"
            else:
                body_error = None
            args.update(parse_qsl(target.query, keep_blank_values=True))
            form_token = args.pop("token", None)
            header = request.headers.get("Authorization", "")
            bearer = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
            token = bearer or form_token or None
        elif target.path.startswith("/response/"):
            method, token, body_error = RESPONSE_URL, None, None
            try:
                args = dict(json.loads(raw or b"{}"))
            except ValueError:
                args = {"_raw": raw.decode("utf-8", "replace")}
            args["_key"] = target.path.removeprefix("/response/")
        elif target.path.startswith("/upload/"):
            method, token, body_error = UPLOAD_URL, None, None
            args = {"file_id": target.path.removeprefix("/upload/"), "_content": raw}
        else:
            _send(request, 404, b"not found", "text/plain", {})
            return

        seconds = self._take_delay(method)
        if seconds:
            self._stopping.wait(seconds)
        status, body, headers = self._answer(method, args, token, body_error)
        call = Call(method, args, token, status, received, body)
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(call)
            except Exception:
                logger.exception("a stand-in subscriber failed on %s", method)
        if method == UPLOAD_URL and call.ok:
            text, content_type = f"OK - {len(args['_content'])}".encode(), "text/plain"
        else:
            text, content_type = json.dumps(body).encode(), "application/json; charset=utf-8"
        _send(request, status, text, content_type, headers)

    def _answer(
        self, method: str, args: dict[str, Any], token: str | None, body_error: str | None
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        fault = self._take_fault(method)
        if fault is not None:
            headers = {"Retry-After": str(fault.retry_after)} if fault.status == 429 else {}
            return fault.status, {"ok": False, "error": fault.error}, headers
        if method == RESPONSE_URL:
            return 200, {"ok": True}, {}
        try:
            if method == UPLOAD_URL:
                status = 200 if args["file_id"] in self._files else 404
                return status, self._receive_upload(args), {}
            if body_error:
                raise _SlackError(body_error)
            answer = self._answers.get(method)
            if answer is None:
                raise _SlackError("unknown_method")
            if method != "api.test":
                if not token:
                    raise _SlackError("not_authed")
                if self._tokens is not None and token not in self._tokens:
                    raise _SlackError("invalid_auth")
            with self._lock:
                return 200, answer(args), {}
        except _SlackError as error:
            return 200, {"ok": False, "error": error.error}, {}
        except Exception:
            # A bug in the stand-in must look like a Slack outage, not hang the client.
            logger.exception("the stand-in failed to answer %s", method)
            return 500, {"ok": False, "error": "internal_error"}, {}

    # -- answers ---------------------------------------------------------------------------

    def _auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": f"https://{self.team_domain}.slack.com/",
            "team": self.team_name,
            "user": self.bot_name,
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _chat_post_message(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = self._postable_channel(args)
        _check_message_content(args)
        message = self._bot_message(args, ts=self._next_ts())
        self._messages[(channel, message["ts"])] = message
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}

    def _chat_post_ephemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = self._postable_channel(args)
        _check_message_content(args)
        known = self._channels.get(channel)
        if known is not None and known.members and args.get("user") not in known.members:
            raise _SlackError("user_not_in_channel")
        return {"ok": True, "message_ts": self._next_ts()}

    def _chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, ts = _required(args, "channel", "channel_not_found"), args.get("ts")
        if not ts:
            raise _SlackError("message_not_found")
        _check_message_content(args)
        message = self._messages.get((channel, ts)) or self._bot_message({}, ts=ts)
        updated = {**message, **self._bot_message(args, ts=ts)}
        updated["edited"] = {"user": self.bot_user_id, "ts": self._next_ts()}
        self._messages[(channel, ts)] = updated
        text = updated.get("text", "")
        return {"ok": True, "channel": channel, "ts": ts, "text": text, "message": updated}

    def _chat_delete(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, ts = _required(args, "channel", "channel_not_found"), args.get("ts")
        if not ts:
            raise _SlackError("message_not_found")
        self._messages.pop((channel, ts), None)
        return {"ok": True, "channel": channel, "ts": ts}

    def _chat_get_permalink(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = _required(args, "channel", "channel_not_found")
        ts = _required(args, "message_ts", "message_not_found")
        link = f"https://{self.team_domain}.slack.com/archives/{channel}/p{ts.replace('.', '')}"
        return {"ok": True, "channel": channel, "permalink": link}

    def _views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("trigger_id"):
            raise _SlackError("invalid_arguments")
        view_id = self._next_id("V")
        view = self._stored_view(view_id, _submitted_view(args, modal=True))
        return {"ok": True, "view": view}

    def _views_update(self, args: dict[str, Any]) -> dict[str, Any]:
        view_id = args.get("view_id")
        if not view_id and args.get("external_id"):
            matches = [
                v["id"] for v in self._views.values() if v["external_id"] == args["external_id"]
            ]
            if not matches:
                raise _SlackError("not_found")
            view_id = matches[0]
        if not view_id:
            raise _SlackError("invalid_arguments")
        self._check_hash(view_id, args.get("hash"))
        return {"ok": True, "view": self._stored_view(view_id, _submitted_view(args, modal=False))}

    def _views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        user_id = _required(args, "user_id", "invalid_arguments")
        if user_id not in self._home_views:
            self._home_views[user_id] = self._next_id("V")
        view_id = self._home_views[user_id]
        self._check_hash(view_id, args.get("hash"))
        return {"ok": True, "view": self._stored_view(view_id, _submitted_view(args, modal=False))}

    def _users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user_id = args.get("user", "")
        person = self._users.get(user_id)
        if person is None:
            raise _SlackError("user_not_found")
        zone = ZoneInfo(person["tz"])
        now = datetime.now(UTC).astimezone(zone)
        offset = now.utcoffset()
        user: dict[str, Any] = {
            "id": user_id,
            "team_id": self.team_id,
            "name": person["name"],
            "deleted": False,
            "real_name": person["real_name"],
            "tz": person["tz"],
            "tz_label": _TZ_LABELS.get(now.tzname() or "", now.tzname() or ""),
            "tz_offset": int(offset.total_seconds()) if offset else 0,
            "profile": {
                "real_name": person["real_name"],
                "real_name_normalized": person["real_name"],
                "display_name": person["name"],
                "display_name_normalized": person["name"],
                "team": self.team_id,
            },
            "is_admin": False,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": person["is_bot"],
            "is_app_user": False,
            "updated": self._ts_micros // 1_000_000,
        }
        if _flag(args.get("include_locale")):
            user["locale"] = person["locale"]
        return {"ok": True, "user": user}

    def _conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        channel_id = args.get("channel", "")
        channel = self._channels.get(channel_id)
        if channel is None and channel_id.startswith("D"):
            return {"ok": True, "channel": self._im(channel_id)}
        if channel is None or (channel.is_private and not channel.bot_is_member):
            raise _SlackError("channel_not_found")
        info = self._channel_object(channel)
        if _flag(args.get("include_num_members")):
            info["num_members"] = len(self._members_of(channel))
        return {"ok": True, "channel": info}

    def _conversations_join(self, args: dict[str, Any]) -> dict[str, Any]:
        channel_id = _required(args, "channel", "channel_not_found")
        channel = self._channels.get(channel_id)
        if channel is None:
            minimal = {"id": channel_id, "is_channel": True, "is_member": True}
            return {"ok": True, "channel": minimal, "warning": "already_in_channel"}
        if channel.is_archived:
            raise _SlackError("is_archived")
        if channel.is_private:
            raise _SlackError("method_not_supported_for_channel_type")
        answer: dict[str, Any] = {"ok": True}
        if channel.bot_is_member:
            answer["warning"] = "already_in_channel"
        channel.bot_is_member = True
        answer["channel"] = self._channel_object(channel)
        return answer

    def _conversations_members(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = self._channels.get(args.get("channel", ""))
        if channel is None or (channel.is_private and not channel.bot_is_member):
            raise _SlackError("channel_not_found")
        members = self._members_of(channel)
        return {"ok": True, "members": members, "response_metadata": {"next_cursor": ""}}

    def _conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if args.get("channel"):
            return {"ok": True, "no_op": True, "channel": {"id": args["channel"]}}
        users = [u.strip() for u in str(args.get("users", "")).split(",") if u.strip()]
        if not users:
            raise _SlackError("users_list_not_supplied")
        if len(users) == 1:
            return {"ok": True, "no_op": False, "channel": self._im(self.dm_channel_id(users[0]))}
        digest = hashlib.sha1(",".join(sorted(users)).encode()).hexdigest()[:10].upper()
        mpim = {"id": f"G{digest}", "is_mpim": True, "is_im": False, "is_open": True}
        return {"ok": True, "no_op": False, "channel": mpim}

    def _files_get_upload_url(self, args: dict[str, Any]) -> dict[str, Any]:
        filename = _required(args, "filename", "invalid_arguments")
        try:
            length = int(args.get("length", ""))
        except ValueError:
            raise _SlackError("invalid_arguments") from None
        file_id = self._next_id("F")
        self._files[file_id] = _File(id=file_id, name=filename, length=length)
        return {"ok": True, "upload_url": f"{self.origin}/upload/{file_id}", "file_id": file_id}

    def _receive_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            upload = self._files.get(args["file_id"])
            if upload is None:
                return {"ok": False, "error": "file_not_found"}
            upload.content = args["_content"]
        return {"ok": True}

    def _files_complete_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        requested = args.get("files")
        if not isinstance(requested, list) or not requested:
            raise _SlackError("invalid_arguments")
        channel_ids = [args["channel_id"]] if args.get("channel_id") else []
        channel_ids += [c for c in str(args.get("channels") or "").split(",") if c]
        for channel_id in channel_ids:
            self._postable_channel({"channel": channel_id})
        shared: list[dict[str, Any]] = []
        contents: dict[str, bytes] = {}
        for item in requested:
            upload = self._files.get(item.get("id", ""))
            if upload is None or upload.content is None:
                raise _SlackError("file_not_found")
            upload.title = item.get("title") or upload.name
            upload.channels = channel_ids
            contents[upload.id] = upload.content
            shared.append(self._file_object(upload))
        args["_contents"] = contents
        args["_content"] = contents[requested[0]["id"]]
        return {"ok": True, "files": shared}

    # -- helpers ---------------------------------------------------------------------------

    def _next_ts(self) -> str:
        self._ts_micros += 100
        return f"{self._ts_micros // 1_000_000}.{self._ts_micros % 1_000_000:06d}"

    def _next_id(self, prefix: str) -> str:
        self._serial += 1
        return f"{prefix}{self._serial:010d}"

    def _postable_channel(self, args: dict[str, Any]) -> str:
        channel_id = _required(args, "channel", "channel_not_found")
        if channel_id[0] in "UW":  # posting to a user id lands in the bot's DM with them
            return self.dm_channel_id(channel_id)
        channel = self._channels.get(channel_id)
        if channel is not None:
            if channel.is_archived:
                raise _SlackError("is_archived")
            if not channel.bot_is_member:
                raise _SlackError("not_in_channel")
        return channel_id

    def _members_of(self, channel: _Channel) -> list[str]:
        members = list(channel.members)
        if channel.bot_is_member and self.bot_user_id not in members:
            members.append(self.bot_user_id)
        return members

    def _bot_message(self, args: dict[str, Any], *, ts: str) -> dict[str, Any]:
        message: dict[str, Any] = {
            "type": "message",
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "team": self.team_id,
            "text": args.get("text", ""),
            "ts": ts,
        }
        for key in ("blocks", "attachments", "metadata", "thread_ts"):
            if args.get(key):
                message[key] = args[key]
        return message

    def _stored_view(self, view_id: str, submitted: dict[str, Any]) -> dict[str, Any]:
        previous = self._views.get(view_id, {})
        view: dict[str, Any] = {
            "id": view_id,
            "team_id": self.team_id,
            "type": "modal",
            "blocks": [],
            "private_metadata": "",
            "callback_id": "",
            "state": {"values": {}},
            "title": None,
            "clear_on_close": False,
            "notify_on_close": False,
            "close": None,
            "submit": None,
            "previous_view_id": None,
            "root_view_id": previous.get("root_view_id", view_id),
            "app_id": self.app_id,
            "external_id": previous.get("external_id", ""),
            "app_installed_team_id": self.team_id,
            "bot_id": self.bot_id,
        }
        view.update({k: v for k, v in submitted.items() if k in view})
        view["hash"] = f"{self._ts_micros // 1_000_000}.{self._next_id('')[-8:]}"
        self._views[view_id] = view
        return view

    def _check_hash(self, view_id: str, given: str | None) -> None:
        known = self._views.get(view_id)
        if given and known is not None and known["hash"] != given:
            raise _SlackError("hash_conflict")

    def _channel_object(self, channel: _Channel) -> dict[str, Any]:
        blank = {"value": "", "creator": "", "last_set": 0}
        return {
            "id": channel.id,
            "name": channel.name,
            "name_normalized": channel.name,
            "is_channel": True,
            "is_group": False,
            "is_im": False,
            "is_mpim": False,
            "is_private": channel.is_private,
            "is_archived": channel.is_archived,
            "is_general": False,
            "is_shared": False,
            "is_org_shared": False,
            "is_ext_shared": False,
            "is_member": channel.bot_is_member,
            "created": channel.created,
            "creator": "",
            "context_team_id": self.team_id,
            "topic": dict(blank),
            "purpose": dict(blank),
        }

    def _im(self, channel_id: str) -> dict[str, Any]:
        return {
            "id": channel_id,
            "created": self._ts_micros // 1_000_000,
            "is_im": True,
            "is_org_shared": False,
            "user": "U" + channel_id[1:],
            "is_user_deleted": False,
            "priority": 0,
        }

    def _file_object(self, upload: _File) -> dict[str, Any]:
        mimetype = mimetypes.guess_type(upload.name)[0] or "application/octet-stream"
        private = f"https://files.slack.com/files-pri/{self.team_id}-{upload.id}/{upload.name}"
        return {
            "id": upload.id,
            "created": self._ts_micros // 1_000_000,
            "name": upload.name,
            "title": upload.title,
            "mimetype": mimetype,
            "filetype": upload.name.rsplit(".", 1)[-1] if "." in upload.name else "binary",
            "user": self.bot_user_id,
            "size": len(upload.content or b""),
            "mode": "hosted",
            "is_external": False,
            "is_public": bool(upload.channels),
            "url_private": private,
            "permalink": f"https://{self.team_domain}.slack.com/files/{self.bot_user_id}/{upload.id}",
            "channels": list(upload.channels),
        }


def _send(
    request: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str,
    headers: dict[str, str],
) -> None:
    try:
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client timed out while a delay fault held the answer; nobody is listening


def _parse_body(content_type: str, raw: bytes) -> dict[str, Any]:
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        parsed = json.loads(raw or b"{}")
        if not isinstance(parsed, dict):
            raise ValueError("a JSON body must be an object")
        return parsed
    if kind == "multipart/form-data":
        return _parse_multipart(content_type, raw)
    args: dict[str, Any] = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    for key in _JSON_FIELDS & args.keys():
        # Undecodable text stays as sent, so the test sees what the bot got wrong.
        with contextlib.suppress(ValueError):
            args[key] = json.loads(args[key])
    return args


def _parse_multipart(content_type: str, raw: bytes) -> dict[str, Any]:
    envelope = f"Content-Type: {content_type}\r\n\r\n".encode() + raw
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(envelope)
    args: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if part.get_filename() is None:
            args[str(name)] = payload.decode("utf-8")
        else:
            args[str(name)] = payload
    return args


def _submitted_view(args: dict[str, Any], *, modal: bool) -> dict[str, Any]:
    view = args.get("view")
    if not isinstance(view, dict):
        raise _SlackError("invalid_arguments")
    if view.get("type") not in ("modal", "home") or (modal and view.get("type") != "modal"):
        raise _SlackError("invalid_arguments")
    if view["type"] == "modal" and not view.get("title"):
        raise _SlackError("invalid_arguments")
    if len(view.get("blocks") or []) > _VIEW_BLOCK_LIMIT:
        raise _SlackError("invalid_arguments")
    if args.get("external_id") and "external_id" not in view:
        view = {**view, "external_id": args["external_id"]}
    return view


def _check_message_content(args: dict[str, Any]) -> None:
    if not (args.get("text") or args.get("blocks") or args.get("attachments")):
        raise _SlackError("no_text")
    if len(str(args.get("text") or "")) > _TEXT_LIMIT:
        raise _SlackError("msg_too_long")
    blocks = args.get("blocks")
    if blocks is not None and (not isinstance(blocks, list) or len(blocks) > _MESSAGE_BLOCK_LIMIT):
        raise _SlackError("invalid_blocks")


def _required(args: dict[str, Any], key: str, error: str) -> str:
    value = args.get(key)
    if not value:
        raise _SlackError(error)
    return str(value)


def _flag(value: Any) -> bool:
    return value in (True, 1, "1", "true", "True")
