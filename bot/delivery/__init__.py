"""Delivery: the outbox sent to Slack: the dispatcher, its composers, sending and pacing."""
