"""Frozen records passed between ETL stages, and the fixed vocabularies of the events table."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

# CAMEO root code of each event type; the aid-type digit is appended where CAMEO has one.
EVENT_TYPES: dict[str, str] = {
    "offer_aid": "033",  # express intent to provide material aid
    "provide_aid": "07",  # provide aid
    "request_aid": "023",  # appeal for material aid
    "accept_aid": "086",  # allow international involvement (0863: humanitarian delivery)
    "decline_aid": "122",  # reject request for material aid (refusal or deferral)
    "express_sympathy": "018",  # make empathetic comment
    "express_gratitude": "051",  # praise or endorse
    "sign_agreement": "057",  # sign formal agreement
    "meet": "04",  # consult: visits, envoys, talks
}
AID_TYPES = ("humanitarian", "medical", "financial", "disaster_relief", "military", "unspecified")
RESPONSES = ("accepted", "refused", "deferred")
CERTAINTIES = ("stated", "reported", "alleged", "hinted", "conditional")
DATE_PRECISIONS = ("day", "week", "month", "year")  # week: event_date is its Monday
SOURCES = ("article", "annotation", "gdelt")

# CAMEO's last digit for aid: 1 economic, 2 military, 3 humanitarian.
_AID_DIGIT = {
    "financial": "1",
    "military": "2",
    "humanitarian": "3",
    "medical": "3",
    "disaster_relief": "3",
}
_AID_CODED = {"offer_aid", "provide_aid", "request_aid", "decline_aid"}


def cameo_code(event_type: str, aid_type: str | None = None) -> str:
    """Return the CAMEO code for an event type, refined by aid type where CAMEO distinguishes it."""
    root = EVENT_TYPES[event_type]
    if event_type == "accept_aid":
        return "0863" if _AID_DIGIT.get(aid_type or "") == "3" else root
    if event_type in _AID_CODED and aid_type in _AID_DIGIT:
        return root + _AID_DIGIT[aid_type]
    if event_type in ("provide_aid", "meet"):
        return root + "0"
    return root


def stable_hash(*parts: object, length: int = 16) -> str:
    """Return a short hex digest of the parts, stable across runs and machines."""
    digest = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


@dataclass(frozen=True)
class Article:
    """One news report as read from an input file, before extraction."""

    id: str
    text: str
    content_hash: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    path: str | None = None
    summary: bool = False


@dataclass(frozen=True)
class Event:
    """One coded event; field names match the columns of the `events` table."""

    event_id: str
    article_id: str | None
    event_type: str
    cameo_code: str
    sender: str | None
    sender_name: str | None
    recipient: str | None
    recipient_name: str | None
    event_date: date | None
    date_precision: str | None
    aid_type: str | None
    response: str | None
    certainty: str
    evidence: str | None
    source_url: str | None
    source: str = "article"
    confidence: float = 0.5
    needs_review: bool = field(default=False)
    num_mentions: int | None = None  # the GDELT columns below are null for events from articles
    num_sources: int | None = None
    num_articles: int | None = None
    goldstein_scale: float | None = None
    avg_tone: float | None = None
    date_added: datetime | None = None
    evidence_all: tuple[str, ...] = ()  # every sentence reporting this act in its article (merge_mentions)
    mentions: int = 1  # how many times the article reports this act


@dataclass(frozen=True)
class Reject:
    """An input (a file or one JSON Lines line) that could not be loaded, with a readable reason."""

    input: str
    reason: str
    detail: str = ""
