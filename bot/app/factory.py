"""``create_app``: everything wired, nothing at import time (STYLE §5)."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from slack_bolt import App
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.signature import SignatureVerifier

from bot.app import afterwards, incoming
from bot.app.courier import Courier
from bot.app.settings import Settings
from bot.app.webhooks import Connections
from bot.delivery.dispatcher import Dispatcher
from bot.domain import hearings, votes
from bot.presentation.render import Renderer
from storage.database import Database, make_engine

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


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


@dataclass
class PogiApp:
    """The Bolt app and what it runs on."""

    bolt: App
    db: Database
    settings: Settings
    executor: ThreadPoolExecutor
    dispatcher: Dispatcher
    work: ThreadPoolExecutor | None = None
    clock: Callable[[], datetime] = utc_now
    connections: Connections | None = None
    quick: App | None = None
    """The app that answers vote clicks in the thread that received them (``wsgi``)."""
    afterwards: ThreadPoolExecutor | None = None
    """Where the work after a quick answer runs (handing the voters' receipts over)."""
    courier: Courier | None = None
    """Composes and sends the receipts (``bot.app.courier``)."""

    def wsgi(self) -> Callable[[dict, Callable], Iterable[bytes]]:
        """Slack on ``/slack/events``, a health check on ``/healthz``.

        A request is read and parsed once (``bot.app.incoming``). Vote clicks go to ``quick``,
        which answers them in this thread: the ballot is stored and the click acknowledged
        without a hand-over to another thread; the receipt is handed to the courier
        (``bot.app.courier``), which composes and sends it, from ``afterwards`` threads and never
        before the response (``bot.app.afterwards``). Everything else goes to ``bolt``."""
        from handlers.actions import answers_at_once

        db, bolt, quick = self.db, self.bolt, self.quick
        verifier = SignatureVerifier(self.settings.slack_signing_secret)

        def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
            request = WsgiHttpRequest(environ)
            if request.path == HEALTH_PATH and request.method == "GET":
                healthy = db.ping()
                body = json.dumps(
                    {
                        "status": "ok" if healthy else "unavailable",
                        "database": "ok" if healthy else "unreachable",
                    }
                ).encode()
                start_response(
                    "200 OK" if healthy else "503 Service Unavailable",
                    [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
                )
                return [body]
            if request.path != EVENTS_PATH or request.method != "POST":
                start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
                return [b"Not Found"]
            body, headers = request.get_body(), request.get_headers()
            try:
                slack = incoming.read(body, query=request.query_string, headers=headers)
            except incoming.Unreadable:
                # Not from Slack: refused as forged unless signed, then as malformed.
                signed = verifier.is_valid_request(body, headers)  # type: ignore[arg-type]
                start_response(
                    "400 Bad Request" if signed else "401 Unauthorized",
                    [("Content-Type", "text/plain; charset=utf-8")],
                )
                return [b"Bad Request" if signed else b"Unauthorized"]
            pending: list[Callable[[], None]] = []
            if quick is not None and answers_at_once(slack.body):
                with afterwards.collected() as pending:
                    answer = quick.dispatch(slack)
            else:
                answer = bolt.dispatch(slack)
            response = WsgiHttpResponse(answer.status, answer.headers, answer.body)
            start_response(response.status, response.get_headers())
            return _ThenRun(response.get_body(), pending, self.afterwards)

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
        """Close votes whose meeting has ended and hearings whose deadline has passed. Safe in
        several processes: closing is a conditional update that only one of them wins."""
        try:
            now = self.clock()
            closed_votes = votes.close_due(self.db, now=now, quorum=self.settings.pogi_vote_quorum)
            closed_hearings = hearings.close_due(self.db, now=now)
            if closed_votes or closed_hearings:
                self.dispatcher.kick()
        except Exception:
            logging.getLogger("pogi").exception("could not close what was due")

    def close(self) -> None:
        """Let listeners still running after their ack finish, stop sending, let go of the
        database."""
        self.executor.shutdown(wait=True, cancel_futures=False)
        if self.work is not None:
            self.work.shutdown(wait=True, cancel_futures=False)
        if self.afterwards is not None:
            self.afterwards.shutdown(wait=True, cancel_futures=False)
        if self.courier is not None:
            self.courier.close()
        self.dispatcher.stop(wait=True)
        if self.connections is not None:
            self.connections.close()
        self.db.dispose()


class _ThenRun:
    """A response body that hands the work collected for after the acknowledgement to
    ``executor`` when the server is done with the body (WSGI servers call ``close``; waitress
    writes an empty response just after it). The acknowledgement never waits for that work."""

    def __init__(
        self,
        body: Iterable[bytes],
        pending: list[Callable[[], None]],
        executor: ThreadPoolExecutor | None,
    ) -> None:
        self._body, self._pending, self._executor = body, pending, executor

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._body)

    def close(self) -> None:
        if not self._pending:
            return
        try:
            if self._executor is not None:
                self._executor.submit(afterwards.run, self._pending)
                return
        except RuntimeError:  # shutting down: do it here rather than not at all
            pass
        afterwards.run(self._pending)


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
    from bot.delivery.composers import Composing, composers
    from handlers import register_listeners, register_quick_listeners
    from handlers.deps import Pogi
    from handlers.errors import log_unhandled
    from handlers.middleware import PogiContext
    from handlers.people import LocaleLookup

    db = database or Database(make_engine(settings.database_url))
    given_client = client is not None
    client = client or web_client(settings)
    executor = ThreadPoolExecutor(max_workers=16, thread_name_prefix="pogi-listener")
    # Commands run here after their acknowledgement, so the listener threads stay free to
    # acknowledge. The console (process_before_response) runs them at once instead.
    if not process_before_response:
        # Hand the interpreter to a waiting thread sooner (default 5 ms): acknowledgements are
        # short and must not wait behind a command's work for the lock.
        sys.setswitchinterval(0.001)
    work = (
        None
        if process_before_response
        else ThreadPoolExecutor(max_workers=2, thread_name_prefix="pogi-command")
    )
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
    dispatchers: list[Dispatcher] = []  # the dispatcher needs the composers, which need pogi
    connections = Connections()
    renderer = Renderer()
    # Served over HTTP, receipts are composed and sent by a process of their own.
    courier = Courier(connections, renderer, own_process=not process_before_response)
    pogi = Pogi(
        connections=connections,
        courier=courier,
        settings=settings,
        db=db,
        renderer=renderer,
        clock=clock,
        lookup_client=lookup_client,
        locales=LocaleLookup(db, lookup_client),
        work=work,
        kick=lambda: dispatchers[0].kick(),  # a no-op until the dispatcher is started
    )
    composing = Composing(
        renderer=renderer,
        zone=settings.timezone,
        language=settings.pogi_language,
        quorum=settings.pogi_vote_quorum,
        clock=clock,
        locales=pogi.locales,
    )
    dispatcher = Dispatcher(db, client, composers(composing), clock=clock, pacing=pacing)
    dispatchers.append(dispatcher)
    bolt.use(PogiContext(pogi))
    bolt.error(log_unhandled)
    register_listeners(bolt)
    quick = None
    if not process_before_response:
        quick = App(
            signing_secret=settings.slack_signing_secret,
            client=client,
            process_before_response=True,
            token_verification_enabled=False,
            raise_error_for_unhandled_request=False,
            # It is only ever given vote clicks (``answers_at_once``): Slack's SSL checks, URL
            # verifications, the bot's own events and function runs all go to ``bolt``.
            ssl_check_enabled=False,
            url_verification_enabled=False,
            ignoring_self_events_enabled=False,
            attaching_function_token_enabled=False,
            listener_executor=executor,
            logger=logger or logging.getLogger("pogi.bolt"),
        )
        quick.use(PogiContext(pogi))
        quick.error(log_unhandled)
        register_quick_listeners(quick)
    return PogiApp(
        work=work,
        bolt=bolt,
        db=db,
        settings=settings,
        executor=executor,
        dispatcher=dispatcher,
        clock=clock,
        connections=connections,
        courier=courier,
        quick=quick,
        # Here a receipt is only handed to the courier (a line to its pipe); two threads keep
        # up with a storm of clicks without competing with the acknowledgements.
        afterwards=(
            ThreadPoolExecutor(max_workers=2, thread_name_prefix="pogi-afterwards")
            if quick is not None
            else None
        ),
    )
