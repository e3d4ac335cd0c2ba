"""``create_app``: everything wired, nothing at import time (STYLE §5).

One Bolt ``App`` answers Slack in every mode: over HTTP (``PogiApp.wsgi``, served by waitress),
over Socket Mode (``bot.app.server``) and in the console (``bot.console``). Each request takes
the same path: pogi's middleware (who, in which language), one listener, one service.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from slack_bolt import App, BoltRequest
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.app.settings import Settings
from bot.delivery.composers import Composing, composers
from bot.delivery.dispatcher import Dispatcher
from bot.domain import goals, hearings, requests, votes
from bot.presentation.render import Renderer
from handlers import register_listeners
from handlers.context import Pogi
from handlers.errors import log_unhandled
from handlers.lanes import Lanes
from handlers.middleware import PogiContext
from handlers.people import LocaleLookup
from storage.database import Database, make_engine

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
_TEXT = [("Content-Type", "text/plain; charset=utf-8")]


def utc_now() -> datetime:
    return datetime.now(UTC)


def web_client(settings: Settings, *, timeout: int = 15, retries: bool = True) -> WebClient:
    """A Web API client that waits out rate limits and retries Slack's 5xx answers."""
    handlers = (
        [
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
            ConnectionErrorRetryHandler(max_retry_count=1),
        ]
        if retries
        else []
    )
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=handlers,
    )


def _ready() -> threading.Event:
    ready = threading.Event()
    ready.set()
    return ready


@dataclass
class PogiApp:
    """The Bolt app and what it runs on."""

    bolt: App
    db: Database
    settings: Settings
    executor: ThreadPoolExecutor
    """Bolt's listener threads: a listener acknowledges, then finishes its work here."""
    commands: Lanes | None
    """Where commands run after their acknowledgement, in order per channel and per user
    (None in the console: at once)."""
    dispatcher: Dispatcher
    clock: Callable[[], datetime] = utc_now
    slack_ready: threading.Event = field(default_factory=_ready)
    """Cleared while Slack does not answer at start (``bot.app.slack_check``): ``/healthz``
    then says unavailable."""

    def wsgi(self) -> WSGIApplication:
        """Slack on ``/slack/events``, a health check on ``/healthz``."""
        db, bolt, slack_ready = self.db, self.bolt, self.slack_ready
        secret = (self.settings.slack_signing_secret or "").encode()

        def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
            path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
            if path == HEALTH_PATH and method == "GET":
                database = db.ping()
                slack = slack_ready.is_set()
                healthy = database and slack
                body = json.dumps(
                    {
                        "status": "ok" if healthy else "unavailable",
                        "database": "ok" if database else "unreachable",
                        "slack": "ok" if slack else "unreachable",
                    }
                ).encode()
                start_response(
                    "200 OK" if healthy else "503 Service Unavailable",
                    [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
                )
                return [body]
            if path != EVENTS_PATH or method != "POST":
                start_response("404 Not Found", _TEXT)
                return [b"Not Found"]
            raw = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            headers = _headers(environ)
            try:
                request = BoltRequest(
                    body=raw.decode("utf-8"),
                    query=environ.get("QUERY_STRING", ""),
                    headers=dict[str, str | Sequence[str]](headers),
                )
            except (ValueError, AttributeError, TypeError, LookupError):
                # Not what Slack sends (not UTF-8, not a form or JSON): refused as forged unless
                # signed, then as malformed. The signature is checked on the bytes as they came.
                signed = signed_by_slack(raw, headers, secret)
                start_response("400 Bad Request" if signed else "401 Unauthorized", _TEXT)
                return [b"Bad Request" if signed else b"Unauthorized"]
            answer = bolt.dispatch(request)
            response = WsgiHttpResponse(answer.status, answer.headers, answer.body)
            start_response(response.status, response.get_headers())
            return response.get_body()

        return application

    def start_dispatcher(self) -> None:
        """Send due outbox rows every ``POGI_TICK_SECONDS``, and at once after a change; close
        what is due to close (votes whose meeting has ended) on the same tick."""
        scheduler = self.dispatcher.start(tick=self.settings.pogi_tick_seconds)
        scheduler.add_job(
            self.run_due_work,
            "interval",
            seconds=self.settings.pogi_tick_seconds,
            id="pogi.due_work",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )

    def run_due_work(self) -> None:
        """Close votes whose meeting has ended and hearings whose deadline has passed, and
        forget the requests handled long ago (``bot.domain.requests``). Safe in several
        processes: closing is a conditional update that only one of them wins."""
        try:
            now = self.clock()
            requests.forget_old(self.db, now=now)
            closed_votes = votes.close_due(self.db, now=now, quorum=self.settings.pogi_vote_quorum)
            closed_hearings = hearings.close_due(self.db, now=now)
            closed_rounds = goals.comments.close_due(self.db, now=now)
            if closed_votes or closed_hearings or closed_rounds:
                self.dispatcher.kick()
        except Exception:
            logging.getLogger("pogi").exception("could not close what was due")

    def finish_listeners(self) -> None:
        """Let listeners and commands still running after their ack finish."""
        self.executor.shutdown(wait=True, cancel_futures=False)
        if self.commands is not None:
            self.commands.shutdown(wait=True)

    def close(self) -> None:
        """Let listeners still running after their ack finish, stop sending, let go of the
        database."""
        self.finish_listeners()
        self.dispatcher.stop(wait=True)
        self.db.dispose()


def signed_by_slack(raw: bytes, headers: dict[str, str], secret: bytes) -> bool:
    """Slack's v0 signature over the body's bytes, made within five minutes, whatever the
    bytes are (slack_sdk's verifier reads the body as UTF-8 text first)."""
    stamp = headers.get("x-slack-request-timestamp", "")
    signature = headers.get("x-slack-signature", "")
    if not (stamp.isascii() and stamp.isdigit()) or abs(time.time() - int(stamp)) > 5 * 60:
        return False
    digest = hmac.new(secret, b"v0:" + stamp.encode() + b":" + raw, hashlib.sha256).hexdigest()
    return hmac.compare_digest(f"v0={digest}".encode(), signature.encode("latin-1", "replace"))


def _headers(environ: WSGIEnvironment) -> dict[str, str]:
    headers: dict[str, str] = {}
    for key, value in environ.items():
        if key in ("CONTENT_LENGTH", "CONTENT_TYPE"):
            headers[key.lower().replace("_", "-")] = value
        elif key.startswith("HTTP_"):
            headers[key[len("HTTP_") :].lower().replace("_", "-")] = value
    return headers


def create_app(
    settings: Settings,
    *,
    client: WebClient | None = None,
    database: Database | None = None,
    clock: Callable[[], datetime] = utc_now,
    process_before_response: bool = False,
    verify_token: bool = True,
    pacing: float = 1.0,
    logger: logging.Logger | None = None,
) -> PogiApp:
    """The app. ``process_before_response`` (the console) answers each request only once its
    listener is done, so a terminal shows what followed from it before the next prompt."""
    db = database or Database(make_engine(settings.database_url))
    given_client = client is not None
    client = client or web_client(settings)
    executor = ThreadPoolExecutor(max_workers=16, thread_name_prefix="pogi-listener")
    # Two workers: a command's work is CPU-bound Python, and more threads would only take turns
    # on the interpreter with the threads that acknowledge (measured, bench/ack.py).
    commands = None if process_before_response else Lanes(workers=2, name="pogi-command")
    bolt = App(
        token=None if given_client else settings.slack_bot_token,
        signing_secret=settings.slack_signing_secret,
        client=client,
        process_before_response=process_before_response,
        token_verification_enabled=verify_token,
        raise_error_for_unhandled_request=False,
        listener_executor=executor,
        logger=logger or logging.getLogger("pogi.bolt"),
    )
    lookup_client = WebClient(
        token=settings.slack_bot_token, base_url=settings.slack_api_url, timeout=1
    )
    renderer = Renderer()
    locales = LocaleLookup(db, lookup_client)
    composing = Composing(
        renderer=renderer,
        zone=settings.timezone,
        language=settings.pogi_language,
        quorum=settings.pogi_vote_quorum,
        clock=clock,
        locales=locales,
    )
    dispatcher = Dispatcher(db, client, composers(composing), clock=clock, pacing=pacing)
    pogi = Pogi(
        settings=settings,
        db=db,
        renderer=renderer,
        clock=clock,
        lookup_client=lookup_client,
        locales=locales,
        kick=dispatcher.kick,  # a no-op until the dispatcher is started
        commands=commands,
    )
    bolt.use(PogiContext(pogi))
    bolt.error(log_unhandled)
    register_listeners(bolt)
    return PogiApp(
        bolt=bolt,
        db=db,
        settings=settings,
        executor=executor,
        commands=commands,
        dispatcher=dispatcher,
        clock=clock,
    )
