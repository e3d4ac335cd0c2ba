"""``create_app``: everything wired, nothing at import time (STYLE §5)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.render import Renderer
from bot.settings import Settings
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

    def wsgi(self) -> Callable[[dict, Callable], Iterable[bytes]]:
        """Slack on ``/slack/events``, a health check on ``/healthz``."""
        slack = SlackRequestHandler(self.bolt, path=EVENTS_PATH)
        db = self.db

        def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
            if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") == "GET":
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
            return slack(environ, start_response)

        return application

    def close(self) -> None:
        """Let listeners still running after their ack finish, then let go of the database."""
        self.executor.shutdown(wait=True, cancel_futures=False)
        self.db.dispose()


def create_app(
    settings: Settings,
    *,
    client: WebClient | None = None,
    database: Database | None = None,
    clock: Callable[[], datetime] = utc_now,
    process_before_response: bool = False,
    verify_token: bool = True,
    logger: logging.Logger | None = None,
) -> PogiApp:
    from handlers import register_listeners
    from handlers.deps import Pogi
    from handlers.errors import log_unhandled
    from handlers.middleware import context_middleware

    db = database or Database(make_engine(settings.database_url))
    given_client = client is not None
    client = client or web_client(settings)
    executor = ThreadPoolExecutor(max_workers=16, thread_name_prefix="pogi-listener")
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
    pogi = Pogi(
        settings=settings, db=db, renderer=Renderer(), clock=clock, lookup_client=lookup_client
    )
    bolt.use(context_middleware(pogi))
    bolt.error(log_unhandled)
    register_listeners(bolt)
    return PogiApp(bolt=bolt, db=db, settings=settings, executor=executor)
