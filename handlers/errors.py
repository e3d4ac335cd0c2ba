"""The one place where failures become answers (STYLE: Netflix/dispatch).

Every listener is registered through ``answering``: a ``DomainError`` becomes a polite answer
in the user's language, shaped for where the user is (a command, a button, a modal); anything
else is logged with its traceback and the user gets an apology. No stack trace reaches Slack.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain import requests
from bot.domain.errors import DomainError
from bot.presentation.i18n import N_, Translator
from handlers.context import tr_of
from handlers.once import delivery_key

logger = logging.getLogger("pogi")

APOLOGY = N_(
    "Beklager, noget gik galt hos pogi, og intet er ændret. Prøv igen om lidt, og kontakt "
    "sekretariatet, hvis problemet fortsætter."
)
APOLOGY_SAVED = N_(
    "Det, du bad om, er gemt, men pogi kunne ikke gøre det hele færdigt. Kontakt sekretariatet, "
    "hvis noget ser forkert ud."
)

Listener = Callable[..., None]
_GIVEN = ("ack", "body", "context", "client", "respond", "event")
"""What Bolt gives a listener wrapped in ``answering``; a listener asks for any of them."""


def answering(listener: Listener, *, once: bool = True, look_first: bool = True) -> Listener:
    """Wrap ``listener`` so that no exception escapes it unanswered; with ``once``, a request
    Slack delivers again is acknowledged and not acted on twice (``handlers.once``).

    ``look_first`` reads whether the request was handled before the listener runs, for
    listeners that do something (open a form, answer) before their first change. A listener
    whose first act is its change (a vote click: one transaction, then the ack) leaves it out:
    the key recorded in that transaction refuses a second delivery all the same, and each click
    is spared a read."""
    wanted = tuple(inspect.signature(listener).parameters)
    unknown = set(wanted) - set(_GIVEN)
    if unknown:
        raise TypeError(f"{listener.__name__} asks for {', '.join(sorted(unknown))}")

    def wrapper(
        ack: Ack,
        body: dict[str, Any],
        context: BoltContext,
        client: WebClient,
        respond: Respond,
        event: dict[str, Any] | None,
    ) -> None:
        given: dict[str, Any] = {
            "ack": ack,
            "body": body,
            "context": context,
            "client": client,
            "respond": respond,
            "event": event,
        }
        pogi = context.get("pogi")
        saved_before = pogi.db.commits() if pogi else 0
        db = pogi.db if once and pogi is not None else None
        key = delivery_key(body) if db is not None else None
        try:
            if db is not None and key is not None:
                if look_first and requests.handled(db, key=key):
                    raise requests.AlreadyHandled(key)
                requests.begin(db, key=key, now=context["now"])
            listener(**{name: given[name] for name in wanted})
            if db is not None and key is not None:
                requests.end(db, key=key, now=context["now"])
        except requests.AlreadyHandled:
            logger.info("%s delivered again: acknowledged, not acted on", key)
            if ack.response is None:
                ack()
        except DomainError as error:
            tr = _language(context)
            _answer(
                error.text.render(tr),
                getattr(error, "block", None),
                ack=ack,
                body=body,
                context=context,
                client=client,
                respond=respond,
            )
        except Exception:
            logging.getLogger("pogi").exception("listener %s failed", listener.__name__)
            tr = _language(context)
            # Whether the user's change was saved before the failure decides what to say.
            saved = pogi is not None and pogi.db.commits() > saved_before
            apology = APOLOGY_SAVED if saved else APOLOGY
            _answer(
                tr(apology),
                None,
                ack=ack,
                body=body,
                context=context,
                client=client,
                respond=respond,
            )
        finally:
            if db is not None and key is not None:
                db.with_next_change(None)

    wrapper.__name__ = listener.__name__
    wrapper.__qualname__ = listener.__qualname__
    wrapper.__doc__ = listener.__doc__
    return wrapper


def _language(context: BoltContext) -> Translator:
    """The user's language, if it can be known; else the workspace's (the roster may be what
    failed)."""
    try:
        return tr_of(context)
    except Exception:
        pogi = context.get("pogi")
        return pogi.public_tr if pogi is not None else Translator("da")


def _notice(context: BoltContext, message: str) -> dict[str, Any]:
    pogi = context["pogi"]
    return pogi.renderer.slack(
        "notice", translator=_language(context), zone=pogi.settings.timezone, lines=[message]
    )


def _answer(
    message: str,
    block: str | None,
    *,
    ack: Ack,
    body: dict,
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    """Tell the user ``message`` in the way their request allows; never raise."""
    try:
        notice = _notice(context, message) if "pogi" in context else {"text": message}
        acked = ack.response is not None
        kind = body.get("type")
        if kind == "view_submission" and not acked:
            inputs = [
                b.get("block_id")
                for b in body["view"].get("blocks", [])
                if b.get("type") == "input"
            ]
            target = block or (inputs[0] if inputs else None)
            if target:
                ack(response_action="errors", errors={target: message[:150]})
                return
            ack()
        elif not acked:
            if "command" in body:
                ack(**notice)
                return
            ack()
        if body.get("response_url") or (body.get("response_urls") or []):
            respond(response_type="ephemeral", replace_original=False, **notice)
        elif context.user_id:
            client.chat_postMessage(channel=context.user_id, **notice)
    except Exception:
        logging.getLogger("pogi").exception("could not tell the user about an error")


def log_unhandled(error: Exception, body: dict, logger: logging.Logger) -> None:
    """Bolt's own last resort, for failures outside listeners (e.g. in middleware)."""
    logger.error(
        "unhandled error for %s: %s", body.get("type") or body.get("command"), error, exc_info=error
    )
