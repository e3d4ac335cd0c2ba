"""Answers through response URLs, composed and sent by a process of their own.

A storm of vote clicks is acknowledged by one process, which stores each ballot before the
click is acknowledged. Each voter's receipt is a message to the click's response URL; composing
and sending it takes about as much of the interpreter as storing the ballot, and Python threads
share one. So the receipts are handed to a courier, a small child process
(``python -m bot.app.courier``) that renders the message from its template and sends it: the
acknowledging process writes one line of JSON to the courier's pipe and is done.

The courier is started at the first answer handed to it and stops when the pipe closes (at
``close``, or when its parent is gone). If it cannot be reached, it is started again once, and
an answer that still cannot be handed over is composed and sent by the caller itself. An
answer the courier had taken but not yet sent when it died is lost, as a message is when Slack
cannot be reached; it is a receipt, and the ballot it confirms is stored either way. Without a
process of its own (the console), the courier composes and sends at once.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt.context.respond.internals import _build_message
from slack_sdk.webhook import WebhookResponse

from bot.app.webhooks import Connections
from bot.presentation.i18n import Translator
from bot.presentation.render import Renderer

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
SENDERS = 8
COURTESY = 10
"""Answers the courier has on the way at once: each waits on Slack, not on the CPU."""


class Courier:
    """Composes answers from templates and sends them to response URLs; ``send`` never waits
    for Slack when the courier has a process of its own."""

    def __init__(
        self,
        connections: Connections,
        renderer: Renderer,
        *,
        own_process: bool = True,
        command: list[str] | None = None,
    ) -> None:
        self._connections = connections
        self._renderer = renderer
        self._own_process = own_process
        self._command = command or [sys.executable, "-m", "bot.app.courier"]
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._closed = False

    def send(
        self, url: str, template: str, *, tr: Translator, data: dict[str, Any], **fields: Any
    ) -> None:
        """Answer at ``url`` with the Slack template ``template`` rendered for the reader of
        ``tr`` from ``data`` (plain JSON values: the courier reads them from its pipe), and
        Bolt's ``respond`` fields (``response_type``…). Where the courier's process cannot take
        it, it is composed and sent here and now, and a failure then raises."""
        job = {
            "url": url,
            "template": template,
            "language": tr.language,
            "zone": str(tr.zone),
            "data": data,
            "fields": fields,
        }
        if self._own_process:
            line = json.dumps(job, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
            with self._lock:
                for _attempt in range(2):
                    if self._closed:
                        break
                    try:
                        _write_all(self._running().stdin, line)
                        return
                    except OSError:
                        logger.warning("the courier could not be reached; starting it again")
                        self._stop(wait=0)
        deliver(job, connections=self._connections, renderer=self._renderer)

    def close(self, *, wait: float = 10.0) -> None:
        """Let the courier send what it has been given, then stop it."""
        with self._lock:
            self._closed = True
            self._stop(wait=wait)

    def _running(self) -> subprocess.Popen[bytes]:
        process = self._process
        if process is None or process.poll() is not None:
            environment = dict(os.environ)
            environment["PYTHONPATH"] = os.pathsep.join(
                filter(None, [str(ROOT), environment.get("PYTHONPATH")])
            )
            level = logging.getLevelName(logging.getLogger("pogi").getEffectiveLevel())
            process = subprocess.Popen(
                [*self._command, level], stdin=subprocess.PIPE, env=environment, bufsize=0
            )
            self._process = process
        return process

    def _stop(self, *, wait: float) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            logger.warning("the courier did not finish within %.0f s: stopped", wait)
            process.kill()
            process.wait()


def deliver(
    job: dict[str, Any], *, connections: Connections, renderer: Renderer
) -> WebhookResponse:
    """Compose the answer ``job`` describes and send it (in the courier, or in its stead)."""
    tr = Translator(job["language"], ZoneInfo(job["zone"]))
    rendered = renderer.slack(job["template"], translator=tr, zone=tr.zone, **job["data"])
    return connections.post(job["url"], _build_message(**rendered, **job["fields"]))


def _write_all(pipe: Any, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[pipe.write(view) :]


# -- the courier process ------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    """Read answers (``Courier.send``'s jobs), one JSON line each, from standard input, and
    compose and send each; stop at its end, once everything read has been sent."""
    # A stop signal for the process group is for the parent, which closes the pipe when it has
    # handed over its last answer; the courier sends what it was given and then stops.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):
        os.nice(COURTESY)
    logging.basicConfig(
        level=argv[0] if argv else "INFO",
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    connections, renderer = Connections(), Renderer()
    with ThreadPoolExecutor(SENDERS, thread_name_prefix="pogi-courier") as senders:
        for line in sys.stdin.buffer:
            try:
                job = json.loads(line)
            except ValueError:
                logger.error("the courier was given something it cannot read: %.80r", line)
                continue
            senders.submit(_send, job, connections, renderer)
    connections.close()
    return 0


def _send(job: dict[str, Any], connections: Connections, renderer: Renderer) -> None:
    try:
        response = deliver(job, connections=connections, renderer=renderer)
    except Exception:
        logger.exception("an answer (%s) could not be sent", job.get("template"))
        return
    if response.status_code != 200:
        logger.error(
            "Slack refused an answer (%s): HTTP %s %s",
            job.get("template"),
            response.status_code,
            response.body[:200],
        )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
