"""The dashboard's filters: a frozen Filters value, option labels, and validation of raw URL parameters."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlsplit

from etl.models import AID_TYPES, EVENT_TYPES, SOURCES

# URL parameter names of the shared sidebar filters (the contract for shared links).
START, END, SENDER, RECIPIENT, TYPE, AID = "start", "end", "sender", "recipient", "type", "aid"
SOURCE = "source"
SHARED_PARAMS = (START, END, SENDER, RECIPIENT, TYPE, AID, SOURCE)
LIST_PARAMS = (SENDER, RECIPIENT, TYPE, AID, SOURCE)

TYPE_LABELS: dict[str, str] = {
    "offer_aid": "Offer of aid",
    "provide_aid": "Aid delivered",
    "request_aid": "Request for aid",
    "accept_aid": "Acceptance",
    "decline_aid": "Refusal or deferral",
    "express_sympathy": "Sympathy",
    "express_gratitude": "Thanks",
    "sign_agreement": "Agreement signed",
    "meet": "Meeting or visit",
}
AID_LABELS: dict[str, str] = {
    "humanitarian": "Humanitarian",
    "medical": "Medical",
    "financial": "Financial",
    "disaster_relief": "Disaster relief",
    "military": "Military",
    "unspecified": "Unspecified",
}
SOURCE_LABELS: dict[str, str] = {
    "article": "Articles",
    "gdelt": "GDELT",
    "annotation": "Analyst annotations",
}
EVENT_TYPE_CODES: tuple[str, ...] = tuple(EVENT_TYPES)
SOURCE_CODES: tuple[str, ...] = tuple(SOURCES)
AID_TYPE_CODES: tuple[str, ...] = tuple(AID_TYPES)
RESPONSE_TYPES = ("accept_aid", "decline_aid", "express_gratitude")

_MAX_SHOWN = 60
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:/=&\"'$;@%^])")


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the events to; hashable so it can key caches."""

    start: date | None = None
    end: date | None = None
    senders: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    aids: tuple[str, ...] = ()
    search: str = ""
    sources: tuple[str, ...] = ()

    def with_types(self, types: Iterable[str]) -> Filters:
        """Return a copy restricted to these event types (in addition to nothing else)."""
        return replace(self, types=tuple(types))


@dataclass(frozen=True)
class Validated:
    """Clean values from the URL and human-readable notes on what was ignored."""

    values: dict[str, object] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()


def type_label(code: str) -> str:
    """Readable label for an event type, with the code for unknown ones."""
    return TYPE_LABELS.get(code, code)


def aid_label(code: str) -> str:
    """Readable label for an aid type."""
    return AID_LABELS.get(code, code)


def source_label(code: str) -> str:
    """Readable label for where an event comes from (articles, GDELT, analyst annotations)."""
    return SOURCE_LABELS.get(code, code)


def country_label(code: str, names: Mapping[str, str]) -> str:
    """'Russia (RUS)' for a known code, the bare code otherwise."""
    name = names.get(code)
    return f"{name} ({code})" if name and name != code else code


def dyad_label(sender: str | None, recipient: str | None, names: Mapping[str, str]) -> str:
    """'Russia (RUS) → North Korea (PRK)'; '?' for a missing side."""
    return f"{country_label(sender or '?', names)} → {country_label(recipient or '?', names)}"


def escape_markdown(text: str, limit: int | None = _MAX_SHOWN) -> str:
    """Backslash-escape Markdown punctuation so untrusted text renders literally (no links, no HTML)."""
    flat = " ".join(str(text).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def safe_url(url: object) -> str | None:
    """Return the URL if it is an absolute http(s) link with a host, else None (never javascript: etc.)."""
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    parts = urlsplit(candidate)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return None if any(c in candidate for c in '\r\n\t <>"') else candidate


def parse_day(value: str) -> date | None:
    """Parse YYYY-MM-DD strictly; None when malformed."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def _as_list(raw: str | Sequence[str]) -> list[str]:
    """A URL value as a list of strings (one or repeated parameters)."""
    return [raw] if isinstance(raw, str) else [str(v) for v in raw]


def _check_choices(name: str, raw: Sequence[str], allowed: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split raw values into known options (deduplicated, URL order) and unknown ones."""
    known = set(allowed)
    good = [v for v in dict.fromkeys(raw) if v in known]
    bad = [v for v in raw if v not in known and v != ""]
    return good, bad


def _note(name: str, bad: Sequence[str]) -> str:
    """One readable line naming the ignored values of a parameter."""
    shown = ", ".join(f"'{escape_markdown(v)}'" for v in bad[:5])
    more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
    return f"{name}: {shown}{more}"


def validate_dates(raw: Mapping[str, Sequence[str]]) -> Validated:
    """Check start/end: strict YYYY-MM-DD, one value each, start not after end."""
    values: dict[str, object] = {}
    ignored: list[str] = []
    for name in (START, END):
        given = _as_list(raw.get(name, []))
        if not given or given == [""]:
            continue
        day = parse_day(given[-1])
        if day is None or len(given) > 1:
            ignored.append(_note(name, given) + " (expected one date as YYYY-MM-DD)")
        else:
            values[name] = day
    start, end = values.get(START), values.get(END)
    if isinstance(start, date) and isinstance(end, date) and start > end:
        ignored.append(f"end: '{end.isoformat()}' (before start {start.isoformat()})")
        del values[END]
    return Validated(values, tuple(ignored))


def validate_choices(raw: Mapping[str, Sequence[str]], options: Mapping[str, Iterable[str]]) -> Validated:
    """Check list parameters against their known options; unknown values are named in `ignored`."""
    values: dict[str, object] = {}
    ignored: list[str] = []
    for name, allowed in options.items():
        given = _as_list(raw.get(name, []))
        if not given:
            continue
        good, bad = _check_choices(name, given, allowed)
        if good:
            values[name] = good
        if bad:
            ignored.append(_note(name, bad))
    return Validated(values, tuple(ignored))


def validate_params(
    raw: Mapping[str, Sequence[str]],
    options: Mapping[str, Iterable[str]],
    single: Mapping[str, Iterable[str]] | None = None,
) -> Validated:
    """Validate the shared filters (dates and list parameters) plus single-choice page options."""
    dates = validate_dates(raw)
    lists = validate_choices(raw, options)
    one = validate_choices(raw, single or {})
    singles = {k: v[-1] for k, v in one.values.items() if isinstance(v, list)}
    return Validated(
        {**dates.values, **lists.values, **singles},
        dates.ignored + lists.ignored + one.ignored,
    )


def ignored_message(ignored: Sequence[str]) -> str:
    """The warning text shown when a link carried values the dashboard could not use."""
    return "Some link parameters were ignored (unknown or malformed): " + "; ".join(ignored) + "."


def filters_from(values: Mapping[str, object], search: str = "") -> Filters:
    """Build Filters from widget values keyed by URL parameter name."""

    def seq(name: str) -> tuple[str, ...]:
        v = values.get(name) or ()
        return tuple(sorted(str(x) for x in v))  # type: ignore[union-attr]

    start, end = values.get(START), values.get(END)
    return Filters(
        start=start if isinstance(start, date) else None,
        end=end if isinstance(end, date) else None,
        senders=seq(SENDER),
        recipients=seq(RECIPIENT),
        types=seq(TYPE),
        aids=seq(AID),
        search=" ".join(search.split())[:200],
        sources=seq(SOURCE),
    )


def describe(f: Filters, names: Mapping[str, str]) -> str:
    """A one-line, plain-text summary of the active filters (for captions and empty states)."""
    parts: list[str] = []
    if f.start or f.end:
        parts.append(f"{f.start or '…'} to {f.end or '…'}")
    if f.senders:
        parts.append("from " + ", ".join(country_label(c, names) for c in f.senders))
    if f.recipients:
        parts.append("to " + ", ".join(country_label(c, names) for c in f.recipients))
    if f.types:
        parts.append("types: " + ", ".join(type_label(t) for t in f.types))
    if f.aids:
        parts.append("aid: " + ", ".join(aid_label(a) for a in f.aids))
    if f.search:
        parts.append(f'evidence contains "{f.search}"')
    if f.sources:
        parts.append("sources: " + ", ".join(source_label(s) for s in f.sources))
    return "; ".join(parts) if parts else "no filters"
