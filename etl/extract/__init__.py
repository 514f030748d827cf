"""Extraction stage: find the aid events an article states, with their actors, dates and evidence."""

from etl.extract.legacy import extract_events

__all__ = ["extract_events"]
