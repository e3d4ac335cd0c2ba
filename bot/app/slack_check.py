"""Before serving: does Slack answer, and does it take pogi's tokens?

A token Slack refuses will not start working by waiting: ``pogi run`` names the setting and
stops. A Slack that does not answer (no network, an outage, 5xx) may come back: pogi says so and
tries again with a growing pause, and ``/healthz`` says it is unavailable meanwhile.
"""

from __future__ import annotations

import http.client
import logging
import threading
import urllib.error
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.app.settings import Settings
from bot.delivery.slack_send import describe, error_code

logger = logging.getLogger("pogi")

# What Slack answers about a token that no retry will fix.
REFUSALS = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "token_expired",
        "account_inactive",
        "not_allowed_token_type",
        "missing_scope",
    }
)
# slack-sdk logs each failed request as an error; pogi says it once, in its own words.
_QUIET = logging.getLogger("pogi.slack_check")
_QUIET.setLevel(logging.CRITICAL)
FIRST_PAUSE = 1.0
LONGEST_PAUSE = 60.0


@dataclass(frozen=True)
class Answer:
    refused: str | None = None
    """The setting whose token Slack refused, with Slack's reason: one line to print."""
    unreachable: str | None = None
    """Why Slack could not be asked (no answer, an outage)."""

    @property
    def ok(self) -> bool:
        return self.refused is None and self.unreachable is None


def ask_slack(settings: Settings, *, socket_mode: bool, timeout: int = 10) -> Answer:
    """Ask Slack once whether it takes the bot token (and, in Socket Mode, the app token)."""
    checks = [("SLACK_BOT_TOKEN", settings.slack_bot_token)]
    if socket_mode:
        checks.append(("SLACK_APP_TOKEN", settings.slack_app_token))
    for setting, token in checks:
        client = WebClient(
            token=token,
            base_url=settings.slack_api_url,
            timeout=timeout,
            retry_handlers=[],
            logger=_QUIET,
        )
        try:
            if setting == "SLACK_APP_TOKEN":
                client.apps_connections_open(app_token=token or "")
            else:
                client.auth_test()
        except SlackApiError as error:
            status = getattr(error.response, "status_code", 200)
            if status == 200 and error_code(error) in REFUSALS:
                return Answer(refused=f"{setting} was refused by Slack ({error_code(error)})")
            return Answer(unreachable=describe(error))
        except (OSError, http.client.HTTPException, urllib.error.URLError) as error:
            return Answer(unreachable=f"{type(error).__name__}: {error}")
        except SlackClientError as error:
            return Answer(unreachable=f"{type(error).__name__}: {error}")
    return Answer()


def wait_for_slack(
    settings: Settings,
    *,
    socket_mode: bool,
    stopping: threading.Event,
    first: Answer | None = None,
) -> Answer:
    """Ask until Slack answers (then ``ok`` or ``refused``), pausing 1, 2, 4 … 60 s between
    tries; an answer that is neither when ``stopping`` is set."""
    pause = FIRST_PAUSE
    answer = first or ask_slack(settings, socket_mode=socket_mode)
    while answer.unreachable is not None:
        logger.warning(
            "pogi: Slack does not answer at %s (%s); trying again in %.0f s",
            settings.slack_api_url,
            answer.unreachable,
            pause,
        )
        if stopping.wait(pause):
            return answer
        pause = min(pause * 2, LONGEST_PAUSE)
        answer = ask_slack(settings, socket_mode=socket_mode)
    if answer.ok:
        logger.info("pogi: Slack answers at %s", settings.slack_api_url)
    return answer
