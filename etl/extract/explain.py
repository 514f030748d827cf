"""Explanations as text: why each event was coded (rule, trigger, role spans, date, hedge)."""

from __future__ import annotations

from etl.extract.events import Explained


def _span(text: str | None, how: str) -> str:
    """A quoted span and how it was found, or a dash."""
    if not text and not how:
        return "-"
    return f'"{text}" ({how})' if text else f"({how})"


def format_explained(item: Explained) -> str:
    """A few lines that show an analyst how one event was found."""
    e, why = item.event, item.why
    when = e.event_date.isoformat() if e.event_date else "undated"
    return "\n".join(
        [
            f"{e.article_id}  {e.event_type} {e.sender} -> {e.recipient}  {when}  [rule {why.rule}]",
            f'  trigger:   "{why.trigger}"',
            f"  sender:    {_span(why.sender, why.sender_how)}",
            f"  recipient: {_span(why.recipient, why.recipient_how)}",
            f"  date:      {_span(why.date, why.date_how)}",
            f"  hedge:     {why.hedge}",
            f"  evidence:  {e.evidence}",
        ]
    )
