"""Presentation: templates rendered, text translated, times, calendar and Word files."""
