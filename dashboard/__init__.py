"""Shared dashboard code: settings, URL-bound filters, queries (all SQL) and figures."""
