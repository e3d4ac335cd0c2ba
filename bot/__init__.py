"""pogi: the Slack assistant for green procurement goal revisions."""
