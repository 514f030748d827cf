"""Shared render helpers: the sidebar filters synced with the URL, counts, empty states, evidence."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import charts, db, queries, tables
from dashboard.filters import (
    AID,
    AID_TYPE_CODES,
    END,
    EVENT_TYPE_CODES,
    RECIPIENT,
    SENDER,
    SHARED_PARAMS,
    SOURCE,
    SOURCE_CODES,
    START,
    TYPE,
    Filters,
    aid_label,
    country_label,
    describe,
    dyad_label,
    escape_markdown,
    filters_from,
    ignored_message,
    safe_url,
    source_label,
    type_label,
    validate_params,
)
from dashboard.settings import Settings

CTX_KEY = "_dashboard_context"
WARN_KEY = "_link_warnings"
NAV_KEY = "_navigated_this_run"
PAGE_KEY = "_last_page"
# Page options: URL parameters owned by one page (dropped from the URL on the other pages).
PAGE_PARAMS: dict[str, tuple[str, ...]] = {
    "timeline": ("lane", "size"),
    "flows": ("count",),
    "compare": ("a", "b"),
    "events": ("q", "sort"),
}
STREAMLIT_PARAMS = ("embed", "embed_options")
EARLIEST = date(1990, 1, 1)
_BUILD_LOCK = threading.Lock()


@dataclass(frozen=True)
class Context:
    """What every page needs: the database, the active filters, names and colours of actors."""

    db_path: Path
    filters: Filters
    names: dict[str, str]
    colors: dict[str, str]


def leave_pages_directory_mode() -> None:
    """Run app.py's st.navigation even though a pages/ folder exists (Streamlit's v1 fallback)."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def ensure_database(settings: Settings) -> None:
    """Build the database with the ETL on first start, showing progress; stop with an error if it fails."""
    if settings.db_path.exists():
        return
    with _BUILD_LOCK:
        if settings.db_path.exists():
            return
        with st.status("First start: building the events database from the bundled articles…") as status:
            _build(settings, status)


def _build(settings: Settings, status: Any) -> None:
    """Call the ETL build inside a status box."""
    try:
        from etl.build import build_database

        def progress(*args: object, **_: object) -> None:
            status.update(label="Building the events database… " + " ".join(str(a) for a in args)[:120])

        inputs = [settings.articles_dir, settings.annotations_path]
        summary = build_database(settings.db_path, inputs, cases_path=settings.cases_path, progress=progress)
    except Exception as err:
        status.update(label="Building the database failed", state="error")
        st.error(f"Could not build the database at {settings.db_path}: {escape_markdown(str(err), 300)}")
        st.stop()
    status.update(label="Database built", state="complete")
    st.caption(escape_markdown(str(summary), 300))


def context() -> Context:
    """The context app.py prepared for this run (a page started on its own first reroutes via app.py)."""
    leave_pages_directory_mode()
    if CTX_KEY not in st.session_state:  # a page run on its own while another session left v1 mode
        st.rerun()
    return st.session_state[CTX_KEY]


# ---------------------------------------------------------------- URL-synced widgets


def raw_params() -> dict[str, list[str]]:
    """The URL's query parameters as lists, read before any widget can drop invalid values."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _url_leads() -> bool:
    """True when this run follows a navigation (page switch, browser back/forward): the URL then sets
    the widgets. On any other rerun the widgets lead and the URL only mirrors them, so a rerun that
    carries a URL the browser has not updated yet (a second click while the first one's run is still
    on its way) cannot revert a choice."""
    ctx = get_script_run_ctx()
    return bool(st.session_state.get(NAV_KEY)) or bool(ctx and ctx.is_history_navigation)


def seed(key: str, value: Any, *, keep_state: bool = False) -> None:
    """Give a widget its value from the (validated) link when first drawn or after a navigation.
    With keep_state (a page switch to a link without this filter) the widget keeps its value and
    writes it back to the URL."""
    if key in st.session_state and not _url_leads():
        return
    if key in st.session_state and keep_state and not st.query_params.get_all(key):
        st.session_state[key] = list(st.session_state[key])  # redraw the kept value on the new page
    else:
        st.session_state[key] = value


def sync_url(key: str, value: Any, default: Any) -> None:
    """Mirror a widget value into the URL under `key` (only when it differs); defaults stay out."""
    if value == default or value in (None, [], ""):
        if key in st.query_params:
            del st.query_params[key]
        return
    wanted = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
    if st.query_params.get_all(key) != wanted:
        st.query_params[key] = wanted if len(wanted) > 1 else wanted[0]


def url_multiselect(
    label: str,
    options: Sequence[str],
    key: str,
    fmt: Callable[[str], str],
    initial: list[str] | None,
    keep_state: bool = False,
    **kw: Any,
) -> list[str]:
    """A multiselect whose value is carried in the URL as codes (labels shown via format_func)."""
    seed(key, [v for v in (initial or []) if v in options], keep_state=keep_state)
    if any(v not in options for v in st.session_state[key]):
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    value = st.multiselect(label, options, key=key, format_func=fmt, persist_state="session", **kw)
    sync_url(key, value, [])
    return value


def url_choice(
    widget: Callable[..., Any],
    label: str,
    options: Sequence[str],
    key: str,
    default: str,
    initial: str | None,
    **kw: Any,
) -> str:
    """A single-choice widget (radio, selectbox, segmented control) carried in the URL by its code."""
    seed(key, initial if initial in options else default)
    if st.session_state[key] not in options:
        st.session_state[key] = default
    value = widget(label, options, key=key, **kw)
    value = value if value in options else default
    sync_url(key, value, default)
    return value


def validated_page_params(page: str, single: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """Validate this page's own URL options (single choices) and add notes on junk to the warning."""
    check = validate_params({k: v for k, v in raw_params().items() if k in single}, {}, single)
    if check.ignored:
        _remember_warning(page, check.ignored)
    return check.values


def _remember_warning(page: str, notes: Sequence[str]) -> None:
    """Keep notes on ignored link values for this page so the warning stays while the user is here."""
    current = st.session_state.get(WARN_KEY)
    if not current or current[0] != page:
        current = (page, ())
    st.session_state[WARN_KEY] = (page, tuple(dict.fromkeys([*current[1], *notes])))


def show_link_warning(page: str) -> None:
    """Show the warning naming what the link carried that the page ignored (if anything)."""
    current = st.session_state.get(WARN_KEY)
    if current and current[0] == page and current[1]:
        st.warning(ignored_message(current[1]), icon=":material/warning:")


def drop_foreign_params(page: str) -> None:
    """Remove other pages' options from the URL so a shared link carries only what this view uses."""
    mine = set(PAGE_PARAMS.get(page, ()))
    for name, params in PAGE_PARAMS.items():
        if name == page:
            continue
        for key in params:
            if key not in mine and key in st.query_params:
                del st.query_params[key]


# ---------------------------------------------------------------- the sidebar


def _unknown_names(raw: Mapping[str, Any], page: str) -> list[str]:
    """Notes for URL parameter names that no page understands."""
    known = {*SHARED_PARAMS, *STREAMLIT_PARAMS, *(p for ps in PAGE_PARAMS.values() for p in ps)}
    return [f"unknown parameter '{escape_markdown(k)}'" for k in raw if k not in known]


def _date_widgets(bounds: tuple[Any, Any]) -> dict[str, Any]:
    """From/to date pickers bound to `start` and `end` in the URL (Streamlit seeds them from the link)."""
    latest = date(max((bounds[1] or date.today()).year, date.today().year) + 1, 12, 31)
    values: dict[str, Any] = {}
    cols = st.columns(2)
    for col, key, label in ((cols[0], START, "From"), (cols[1], END, "To")):
        values[key] = col.date_input(
            label,
            value=None,
            min_value=EARLIEST,
            max_value=latest,
            key=key,
            bind="query-params",
            format="YYYY-MM-DD",
            help=f"Earliest event: {bounds[0]}, latest: {bounds[1]}",
        )
    return values


def is_embedded() -> bool:
    """True when the page is shown embedded (?embed=true): no sidebar, the link decides the view."""
    return bool(st.context.is_embedded)


def _filter_widgets(
    init: Mapping[str, Any],
    options: Mapping[str, Sequence[str]],
    names: Mapping[str, str],
    switched: bool,
    bounds: tuple[Any, Any],
) -> dict[str, Any]:
    """Draw the sidebar filters seeded from the validated link; return their values by URL name."""

    def label(c: str) -> str:
        return country_label(c, names)

    lists = (
        (SENDER, "Senders", label, "All senders"),
        (RECIPIENT, "Recipients", label, "All recipients"),
        (TYPE, "Event types", type_label, "All event types"),
        (AID, "Aid types", aid_label, "All aid types"),
        (SOURCE, "Sources", source_label, "Articles, GDELT and annotations"),
    )
    with st.sidebar:
        st.markdown("### Filters")
        values = _date_widgets(bounds)
        for key, title, fmt, placeholder in lists:
            values[key] = url_multiselect(
                title, options[key], key, fmt, init.get(key), keep_state=switched, placeholder=placeholder
            )
    return values


def view_summary(f: Filters, names: Mapping[str, str]) -> None:
    """State the active filters in words under the sidebar filters (what a shared link reproduces)."""
    with st.sidebar.container(key="view_summary"):
        st.caption(
            f"Showing: {safe_text(describe(f, names), 600)}. Every filter is in the page address: "
            "copy the link to share this exact view."
        )


def sidebar(db_path: Path, page: str) -> Context:
    """Draw the shared filters (validated from the URL first), store and return the page context."""
    raw = raw_params()
    switched = st.session_state.get(PAGE_KEY, page) != page
    st.session_state[PAGE_KEY] = page
    st.session_state[NAV_KEY] = switched
    names = db.fetch(db_path, queries.country_names)
    actors = db.fetch(db_path, queries.actor_options)
    options = {
        SENDER: actors["sender"],
        RECIPIENT: actors["recipient"],
        TYPE: EVENT_TYPE_CODES,
        AID: AID_TYPE_CODES,
        SOURCE: SOURCE_CODES,
    }
    check = validate_params({k: v for k, v in raw.items() if k in SHARED_PARAMS}, options)
    notes = [*check.ignored, *_unknown_names(raw, page)]
    if notes:
        _remember_warning(page, notes)
    if is_embedded():
        values = {k: check.values.get(k) for k in SHARED_PARAMS}  # the link's view, no widgets
    else:
        bounds = db.fetch(db_path, queries.date_bounds)
        values = _filter_widgets(check.values, options, names, switched, bounds)
    drop_foreign_params(page)
    if values[START] and values[END] and values[START] > values[END]:
        values[END] = None  # named in the warning; the range would match nothing
    ctx = Context(db_path, filters_from(values), names, charts.color_map(names))
    if not is_embedded():
        view_summary(ctx.filters, names)
    st.session_state[CTX_KEY] = ctx
    return ctx


# ---------------------------------------------------------------- page furniture


def match_count(n: int, *, what: str = "") -> None:
    """State how many events the view covers, as 'N events match'."""
    suffix = f" {escape_markdown(what, 200)}" if what else ""
    st.markdown(f"**{int(n)} events match**{suffix}")


def empty_state(extra: str = "") -> None:
    """Explain an empty view and how to widen it."""
    st.info(
        "No events match these filters. Widen the date range (clear **From**/**To**), remove some senders, "
        "recipients, event types, aid types or sources in the sidebar" + (f", {extra}" if extra else "") + "."
    )


def safe_text(text: Any, limit: int | None = None) -> str:
    """Untrusted text made safe for st.markdown/st.caption (no links, no HTML)."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return escape_markdown(str(text), limit)


def evidence_block(detail: Mapping[str, Any], names: Mapping[str, str]) -> None:
    """Show one event's evidence (quoted or as our summary), source link, date precision and certainty."""
    who = dyad_label(detail.get("sender"), detail.get("recipient"), names)
    when = detail.get("event_date")
    st.markdown(f"#### {safe_text(type_label(str(detail.get('event_type'))))}: {safe_text(who)}")
    st.caption(charts.evidence_label(detail.get("outlet"), detail.get("is_summary"), detail.get("source")))
    st.text(str(detail.get("evidence") or "(no evidence text)"))
    facts = {
        "Date": str(when) if when is not None and not pd.isna(when) else "undated (needs review)",
        "Date precision": detail.get("date_precision") or "unresolved",
        "Certainty": detail.get("certainty") or "",
        "Aid type": aid_label(detail.get("aid_type") or "") or "—",
        "Response": detail.get("outcome") or detail.get("response") or "—",
        "Article": detail.get("article_title") or "—",
        "CAMEO": detail.get("cameo_code") or "",
    }
    cols = st.columns(4)
    for i, (name, value) in enumerate(facts.items()):
        cols[i % 4].markdown(f"**{name}**  \n{safe_text(value, 160) or '—'}")
    st.caption(safe_text(tables.source_note(detail), 400))
    url = safe_url(detail.get("source_url"))
    if url:
        st.caption(f"Source link: {safe_text(url, None)}")
        st.link_button("Open the source report", url, icon=":material/open_in_new:")
    elif detail.get("source_url"):
        st.caption("The source link is not an http(s) address and is not shown.")


def share_params(extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The current shared filter parameters (for links to another page), plus extras."""
    keep = {k: st.query_params.get_all(k) for k in SHARED_PARAMS if k in st.query_params}
    return {**keep, **(extra or {})}


def filters_with_search(f: Filters, text: str) -> Filters:
    """The shared filters plus an evidence search text (normalised like the URL's)."""
    return filters_from(
        {
            START: f.start,
            END: f.end,
            SENDER: f.senders,
            RECIPIENT: f.recipients,
            TYPE: f.types,
            AID: f.aids,
            SOURCE: f.sources,
        },
        search=text,
    )
