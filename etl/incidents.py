"""One event per act per article: repeated mentions of the same act are merged, keeping every sentence.

An act is (article, event type, sender, recipient, date). A mention the article leaves undated joins the
act of the same type and dyad when the article dates exactly one such act; otherwise it stays its own
event. Across articles, reports of one act are grouped into incidents by SQL at load time (derive.sql).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from etl.models import Event

Act = tuple[str | None, str, str | None, str | None, date | None]


def act_key(event: Event) -> Act:
    """What makes two mentions in one article the same act."""
    return (event.article_id, event.event_type, event.sender, event.recipient, event.event_date)


def _fold_undated(groups: dict[Act, list[int]]) -> None:
    """Move each undated act into the one dated act of the same type and dyad, where there is exactly one."""
    dated: dict[Act, list[Act]] = {}
    for key in groups:
        if key[4] is not None:
            dated.setdefault((*key[:4], None), []).append(key)
    for key in [k for k in groups if k[4] is None]:
        targets = dated.get(key, [])
        if len(targets) == 1:
            groups[targets[0]].extend(groups.pop(key))


def combine(mentions: Sequence[Event]) -> Event:
    """One event from the mentions of one act (in text order): the first dated mention speaks for them."""
    lead = next((m for m in mentions if m.event_date is not None), mentions[0])
    sentences = tuple(dict.fromkeys(m.evidence for m in mentions if m.evidence))
    return replace(
        lead,
        evidence_all=sentences,
        mentions=len(mentions),
        confidence=max(m.confidence for m in mentions),
    )


def merge_mentions(events: Iterable[Event]) -> list[Event]:
    """Merge repeated mentions of the same act in an article into one event, in order of first mention."""
    ordered = list(events)
    groups: dict[Act, list[int]] = {}
    for i, event in enumerate(ordered):
        groups.setdefault(act_key(event), []).append(i)
    _fold_undated(groups)
    merged = [sorted(indexes) for indexes in groups.values()]
    merged.sort(key=lambda indexes: indexes[0])
    return [combine([ordered[i] for i in indexes]) for indexes in merged]
