"""The domain: Slack-free services. Plain values and ``now`` in, views out, domain errors raised."""
