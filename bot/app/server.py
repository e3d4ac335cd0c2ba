"""``pogi run``: Socket Mode or HTTP, migrations first, a graceful stop on SIGTERM.

HTTP is served by waitress: a production WSGI server in pure Python with a thread pool, so the
bot stays one process (its scheduler and database pool live beside the web server) and
needs no compiler or C extension. Bolt's built-in server is ``http.server``, meant for
development only.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import threading
from types import FrameType

from bot.app.factory import PogiApp, create_app
from bot.app.settings import Settings
from bot.app.slack_check import Answer, ask_slack, wait_for_slack
from storage.database import Database, make_engine

logger = logging.getLogger("pogi")


def _stop_on_sigterm() -> None:
    def stop(signum: int, _frame: FrameType | None) -> None:
        logger.info("pogi: stopping (signal %s)", signum)
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def prepare(settings: Settings) -> PogiApp | None:
    missing = settings.missing_for_slack()
    if missing:
        print(
            "pogi run needs " + " and ".join(missing) + ". Set them in the environment "
            "(see README.md), or try pogi without Slack: pogi console",
            file=sys.stderr,
        )
        return None
    db = Database(make_engine(settings.database_url))
    db.upgrade()
    # The tokens are checked before serving (``bot.app.slack_check``), not by Bolt at start.
    return create_app(settings, database=db, verify_token=False)


def _refused(answer: Answer) -> int:
    print(f"pogi run: {answer.refused}. Set a valid token (see README.md).", file=sys.stderr)
    return 2


def settle() -> None:
    """Ready to serve: what was loaded to start (modules, templates, the app) stays for the
    life of the process, so the garbage collector stops walking it. A full collection then
    takes milliseconds instead of tens of them, and no burst of clicks waits behind one."""
    gc.collect()
    gc.freeze()


def serve(settings: Settings, *, force_http: bool, host: str, port: int) -> int:
    """Serve until SIGTERM (0); 2 for a missing setting or a token Slack refuses. While Slack
    does not answer, pogi keeps asking; over HTTP it serves meanwhile, ``/healthz`` saying
    it is unavailable."""
    if settings.missing_for_slack():
        prepare(settings)
        return 2
    socket_mode = bool(settings.slack_app_token) and not force_http
    _stop_on_sigterm()
    stopping = threading.Event()
    try:
        first = ask_slack(settings, socket_mode=socket_mode)
        if first.refused:
            return _refused(first)
        if socket_mode and not first.ok:
            first = wait_for_slack(settings, socket_mode=True, stopping=stopping, first=first)
            if first.refused:
                return _refused(first)
    except SystemExit:
        return 0
    app = prepare(settings)
    if app is None:
        return 2
    outcome = _Outcome()
    try:
        if socket_mode:
            app.start_dispatcher()
            settle()
            _serve_socket_mode(app)
        else:
            if first.ok:
                app.start_dispatcher()
            else:
                app.slack_ready.clear()
                _keep_asking(app, stopping, outcome, first)
            settle()
            _serve_http(app, host=host, port=port)
    except SystemExit:
        pass
    finally:
        stopping.set()
        app.close()
        logger.info("pogi: stopped")
    return outcome.status


class _Outcome:
    status = 0


def _keep_asking(app: PogiApp, stopping: threading.Event, outcome: _Outcome, first: Answer) -> None:
    """In the background, ask Slack until it answers: then send the outbox and say healthy; or,
    if it refuses the token, stop as SIGTERM would, with status 2."""

    def ask() -> None:
        answer = wait_for_slack(app.settings, socket_mode=False, stopping=stopping, first=first)
        if stopping.is_set():
            return
        if answer.refused:
            outcome.status = _refused(answer)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        app.start_dispatcher()
        app.slack_ready.set()

    threading.Thread(target=ask, name="pogi-slack-check", daemon=True).start()


def _serve_http(app: PogiApp, *, host: str, port: int) -> None:
    from waitress.server import TcpWSGIServer, create_server

    # Slack opens many connections at once in a burst of clicks; waitress's default limit of
    # 100 open connections would leave the rest waiting past Slack's three seconds.
    server = create_server(
        app.wsgi(), host=host, port=port, threads=8, ident="pogi", connection_limit=1000
    )
    where = server.getsockname() if isinstance(server, TcpWSGIServer) else (host, port)
    logger.info("pogi: serving Slack on http://%s:%s/slack/events", *where)
    server.run()  # returns after SIGTERM, once running requests are done (waitress drains them)


def _serve_socket_mode(app: PogiApp) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    handler = SocketModeHandler(app.bolt, app.settings.slack_app_token)
    handler.connect()
    logger.info("pogi: connected to Slack in Socket Mode")
    try:
        threading.Event().wait()
    finally:
        handler.close()
