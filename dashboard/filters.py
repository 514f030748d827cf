"""The dashboard's filters: a frozen Filters value, option labels, and validation of raw URL parameters."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlsplit

from dashboard.i18n import EN, Texts
from etl.models import AID_TYPES, EVENT_TYPES, SOURCES

# URL parameter names of the shared sidebar filters (the contract for shared links).
START, END, SENDER, RECIPIENT, TYPE, AID = "start", "end", "sender", "recipient", "type", "aid"
SOURCE = "source"
SHARED_PARAMS = (START, END, SENDER, RECIPIENT, TYPE, AID, SOURCE)
LIST_PARAMS = (SENDER, RECIPIENT, TYPE, AID, SOURCE)

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


def type_label(code: str, tx: Texts = EN) -> str:
    """Readable label for an event type, with the code for unknown ones."""
    return tx.label("event_type", code)


def aid_label(code: str, tx: Texts = EN) -> str:
    """Readable label for an aid type."""
    return tx.label("aid_type", code)


def source_label(code: str, tx: Texts = EN) -> str:
    """Readable label for where an event comes from (articles, GDELT, analyst annotations)."""
    return tx.label("source", code)


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


def _note(name: str, bad: Sequence[str], tx: Texts = EN) -> str:
    """One readable line naming the ignored values of a parameter."""
    shown = ", ".join(f"'{escape_markdown(v)}'" for v in bad[:5])
    more = tx("common.link.more", n=len(bad) - 5) if len(bad) > 5 else ""
    return f"{name}: {shown}{more}"


def validate_dates(raw: Mapping[str, Sequence[str]], tx: Texts = EN) -> Validated:
    """Check start/end: strict YYYY-MM-DD, one value each, start not after end."""
    values: dict[str, object] = {}
    ignored: list[str] = []
    for name in (START, END):
        given = _as_list(raw.get(name, []))
        if not given or given == [""]:
            continue
        day = parse_day(given[-1])
        if day is None or len(given) > 1:
            ignored.append(_note(name, given, tx) + " " + tx("common.link.bad_date"))
        else:
            values[name] = day
    start, end = values.get(START), values.get(END)
    if isinstance(start, date) and isinstance(end, date) and start > end:
        ignored.append(tx("common.link.end_before_start", end=end.isoformat(), start=start.isoformat()))
        del values[END]
    return Validated(values, tuple(ignored))


def validate_choices(
    raw: Mapping[str, Sequence[str]], options: Mapping[str, Iterable[str]], tx: Texts = EN
) -> Validated:
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
            ignored.append(_note(name, bad, tx))
    return Validated(values, tuple(ignored))


def validate_params(
    raw: Mapping[str, Sequence[str]],
    options: Mapping[str, Iterable[str]],
    single: Mapping[str, Iterable[str]] | None = None,
    tx: Texts = EN,
) -> Validated:
    """Validate the shared filters (dates and list parameters) plus single-choice page options."""
    dates = validate_dates(raw, tx)
    lists = validate_choices(raw, options, tx)
    one = validate_choices(raw, single or {}, tx)
    singles = {k: v[-1] for k, v in one.values.items() if isinstance(v, list)}
    return Validated(
        {**dates.values, **lists.values, **singles},
        dates.ignored + lists.ignored + one.ignored,
    )


def ignored_message(ignored: Sequence[str], tx: Texts = EN) -> str:
    """The warning text shown when a link carried values the dashboard could not use."""
    return tx("common.link.ignored", notes="; ".join(ignored))


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


def describe(f: Filters, names: Mapping[str, str], tx: Texts = EN) -> str:
    """A one-line, plain-text summary of the active filters (for captions, notes and empty states)."""
    parts: list[str] = []
    if f.start or f.end:
        gap = tx("common.describe.open_end")
        parts.append(tx("common.describe.range", start=tx.date(f.start) or gap, end=tx.date(f.end) or gap))
    if f.senders:
        parts.append(tx("common.describe.from", actors=", ".join(country_label(c, names) for c in f.senders)))
    if f.recipients:
        parts.append(
            tx("common.describe.to", actors=", ".join(country_label(c, names) for c in f.recipients))
        )
    if f.types:
        parts.append(tx("common.describe.types", types=", ".join(type_label(t, tx) for t in f.types)))
    if f.aids:
        parts.append(tx("common.describe.aids", aids=", ".join(aid_label(a, tx) for a in f.aids)))
    if f.search:
        parts.append(tx("common.describe.search", text=f.search))
    if f.sources:
        parts.append(tx("common.describe.sources", sources=", ".join(source_label(s, tx) for s in f.sources)))
    return "; ".join(parts) if parts else tx("common.describe.none")
