"""Slack without Slack: the pieces behind ``pogi console`` and the scenario tests.

The stand-in answers the bot's Web API calls the way Slack does, the payload builders produce the
request bodies Slack would post to the app, and the renderer turns Block Kit into terminal text.
They live in the package, not in ``tests/``, because the console uses the same three pieces to
let anyone try the bot without a Slack workspace; the tests then exercise what people try out.
"""
