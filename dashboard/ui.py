"""Shared render helpers: the sidebar filters synced with the URL, the language, presentation mode, the
share box, counts, empty states and an event's evidence."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlencode

import duckdb
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
from dashboard.i18n import DEFAULT_LANG, EN, LANGS, Texts, texts
from dashboard.settings import Settings
from etl.load import SCHEMA_VERSION

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
LANG = "lang"  # the interface language, en or id; kept by every link
PRESENT = "present"  # presentation mode: ?present=1
GLOBAL_PARAMS = (LANG, PRESENT)  # carried by every page's links, like the shared filters
PRESENT_VALUES = ("1", "true")
EARLIEST = date(1990, 1, 1)
_BUILD_LOCK = threading.Lock()


@dataclass(frozen=True)
class Context:
    """What every page needs: the database, the active filters, names and colours of actors."""

    db_path: Path
    filters: Filters
    names: dict[str, str]  # actor code -> display name in the interface language
    colors: dict[str, str]
    tx: Texts = EN
    present: bool = False
    note: str = ""  # the filters and the data date in words, printed on every chart


def leave_pages_directory_mode() -> None:
    """Run app.py's st.navigation even though a pages/ folder exists (Streamlit's v1 fallback)."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def _current(db_path: Path) -> bool:
    """True when the database exists and has this code's layout (an unreadable file counts as current:
    the page then says why it cannot be read)."""
    if not db_path.exists():
        return False
    try:
        return db.fetch(db_path, queries.schema_version) == SCHEMA_VERSION
    except (duckdb.Error, OSError):
        return True


def ensure_database(settings: Settings, tx: Texts = EN) -> None:
    """Build the database with the ETL on first start, or rebuild one an older version of the app built,
    showing progress; stop with an error if it fails."""
    if _current(settings.db_path):
        return
    with _BUILD_LOCK:
        if _current(settings.db_path):
            return
        outdated = settings.db_path.exists()
        with st.status(
            tx("common.first_start.outdated" if outdated else "common.first_start.building")
        ) as status:
            _build(settings, status, tx)
            if outdated:
                status.update(label=tx("common.first_start.rebuilt"))


def _build(settings: Settings, status: Any, tx: Texts) -> None:
    """Call the ETL build inside a status box."""
    try:
        from etl.build import build_database

        def progress(*args: object, **_: object) -> None:
            step = " ".join(str(a) for a in args)[:120]
            status.update(label=tx("common.first_start.progress", step=step))

        inputs = [settings.articles_dir, settings.annotations_path]
        summary = build_database(settings.db_path, inputs, cases_path=settings.cases_path, progress=progress)
    except Exception as err:
        status.update(label=tx("common.first_start.failed"), state="error")
        detail = escape_markdown(str(err), 300)
        st.error(tx("common.first_start.failed_detail", path=settings.db_path, error=detail))
        st.stop()
    status.update(label=tx("common.first_start.built"), state="complete")
    counts = {"articles": summary.articles, "events": summary.events, "rejects": len(summary.rejects)}
    st.caption(tx("common.first_start.summary", **{k: tx.number(v) for k, v in counts.items()}))


def current_texts() -> Texts:
    """The strings of this run's language (English before the sidebar has chosen it)."""
    ctx = st.session_state.get(CTX_KEY)
    return ctx.tx if isinstance(ctx, Context) else EN


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
        kept = st.session_state[key]  # redrawn on the new page
        st.session_state[key] = list(kept) if isinstance(kept, list | tuple) else kept
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
    keep_state: bool = False,
    **kw: Any,
) -> str:
    """A single-choice widget (radio, selectbox, segmented control) carried in the URL by its code."""
    seed(key, initial if initial in options else default, keep_state=keep_state)
    if st.session_state[key] not in options:
        st.session_state[key] = default
    value = widget(label, options, key=key, **kw)
    value = value if value in options else default
    sync_url(key, value, default)
    return value


def validated_page_params(page: str, single: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """Validate this page's own URL options (single choices) and add notes on junk to the warning."""
    check = validate_params(
        {k: v for k, v in raw_params().items() if k in single}, {}, single, current_texts()
    )
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
        st.warning(ignored_message(current[1], current_texts()), icon=":material/warning:")


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


def _unknown_names(raw: Mapping[str, Any], tx: Texts) -> list[str]:
    """Notes for URL parameter names that no page understands."""
    known = {
        *SHARED_PARAMS,
        *STREAMLIT_PARAMS,
        *GLOBAL_PARAMS,
        *(p for ps in PAGE_PARAMS.values() for p in ps),
    }
    return [tx("common.link.unknown", name=escape_markdown(k)) for k in raw if k not in known]


def _date_widgets(bounds: tuple[Any, Any], tx: Texts) -> dict[str, Any]:
    """From/to date pickers bound to `start` and `end` in the URL (Streamlit seeds them from the link)."""
    latest = date(max((bounds[1] or date.today()).year, date.today().year) + 1, 12, 31)
    values: dict[str, Any] = {}
    cols = st.columns(2)
    labels = ((cols[0], START, tx("common.filters.from")), (cols[1], END, tx("common.filters.to")))
    for col, key, label in labels:
        values[key] = col.date_input(
            label,
            value=None,
            min_value=EARLIEST,
            max_value=latest,
            key=key,
            bind="query-params",
            format="YYYY-MM-DD",
            help=tx("common.filters.date_help", first=tx.date(bounds[0]), last=tx.date(bounds[1])),
        )
    return values


def is_embedded() -> bool:
    """True when the page is shown embedded (?embed=true): no sidebar, the link decides the view."""
    return bool(st.context.is_embedded)


def is_presenting() -> bool:
    """True in presentation mode (?present=1): no sidebar or chrome, larger text, the link decides."""
    return any(v.lower() in PRESENT_VALUES for v in st.query_params.get_all(PRESENT))


def link_only() -> bool:
    """True when the link alone decides the view (embedded or presented): no filter widgets."""
    return is_embedded() or is_presenting()


def language() -> str:
    """The interface language: the language switch's value in this session, else the link's `lang`.
    A browser back/forward step restores the link's language."""
    ctx = get_script_run_ctx()
    chosen = st.session_state.get(LANG)
    if chosen in LANGS and not (ctx and ctx.is_history_navigation) and not link_only():
        return str(chosen)
    linked = st.query_params.get_all(LANG)
    return linked[-1] if linked and linked[-1] in LANGS else DEFAULT_LANG


def language_switch(lang: str, tx: Texts) -> str:
    """The sidebar's language switch, carried in the URL as `lang` (English, the default, is left out)."""
    with st.sidebar:
        return url_choice(
            st.segmented_control,
            tx("common.language.label"),
            list(LANGS),
            LANG,
            DEFAULT_LANG,
            lang,
            keep_state=True,
            format_func=LANGS.get,
            required=True,
            help=tx("common.language.help"),
        )


def _filter_widgets(
    init: Mapping[str, Any],
    options: Mapping[str, Sequence[str]],
    names: Mapping[str, str],
    switched: bool,
    bounds: tuple[Any, Any],
    tx: Texts,
) -> dict[str, Any]:
    """Draw the sidebar filters seeded from the validated link; return their values by URL name."""

    def label(c: str) -> str:
        return country_label(c, names)

    lists = (
        (SENDER, "senders", label, "all_senders"),
        (RECIPIENT, "recipients", label, "all_recipients"),
        (TYPE, "types", lambda c: type_label(c, tx), "all_types"),
        (AID, "aids", lambda c: aid_label(c, tx), "all_aids"),
        (SOURCE, "sources", lambda c: source_label(c, tx), "all_sources"),
    )
    with st.sidebar:
        st.markdown(f"### {tx('common.filters.heading')}")
        values = _date_widgets(bounds, tx)
        for key, title, fmt, placeholder in lists:
            values[key] = url_multiselect(
                tx(f"common.filters.{title}"),
                options[key],
                key,
                fmt,
                init.get(key),
                keep_state=switched,
                placeholder=tx(f"common.filters.{placeholder}"),
            )
    return values


def view_summary(f: Filters, names: Mapping[str, str], tx: Texts = EN) -> None:
    """State the active filters in words under the sidebar filters (what a shared link reproduces)."""
    with st.sidebar.container(key="view_summary"):
        st.caption(tx("common.filters.showing", summary=safe_text(describe(f, names, tx), 600)))


def chart_note(f: Filters, names: Mapping[str, str], run: Mapping[str, Any] | None, tx: Texts) -> str:
    """The filters and the data date in words, printed on every chart so a screenshot is not misread."""
    as_of = tx.datetime(run["finished"]) if run else tx("common.present.no_build")
    return tx("common.present.note", summary=describe(f, names, tx), as_of=as_of)


def sidebar(db_path: Path, page: str, lang: str = DEFAULT_LANG) -> Context:
    """Draw the language switch and the shared filters (validated from the URL first), store and return
    the page context."""
    raw = raw_params()
    switched = st.session_state.get(PAGE_KEY, page) != page
    st.session_state[PAGE_KEY] = page
    st.session_state[NAV_KEY] = switched
    tx = texts(lang)
    if link_only():
        sync_url(LANG, lang, DEFAULT_LANG)
    else:
        tx = texts(language_switch(lang, tx))
    names = tx.actor_names(db.fetch(db_path, queries.country_names))
    actors = db.fetch(db_path, queries.actor_options)
    options = {
        SENDER: actors["sender"],
        RECIPIENT: actors["recipient"],
        TYPE: EVENT_TYPE_CODES,
        AID: AID_TYPE_CODES,
        SOURCE: SOURCE_CODES,
    }
    check = validate_params({k: v for k, v in raw.items() if k in SHARED_PARAMS}, options, tx=tx)
    notes = [*check.ignored, *_unknown_names(raw, tx)]
    if raw.get(LANG) and raw[LANG][-1] not in LANGS:
        notes.append(f"{LANG}: '{escape_markdown(raw[LANG][-1])}'")
    if notes:
        _remember_warning(page, notes)
    if link_only():
        values = {k: check.values.get(k) for k in SHARED_PARAMS}  # the link's view, no widgets
    else:
        bounds = db.fetch(db_path, queries.date_bounds)
        values = _filter_widgets(check.values, options, names, switched, bounds, tx)
    drop_foreign_params(page)
    if values[START] and values[END] and values[START] > values[END]:
        values[END] = None  # named in the warning; the range would match nothing
    filters = filters_from(values)
    note = chart_note(filters, names, db.fetch(db_path, queries.data_as_of), tx)
    ctx = Context(db_path, filters, names, charts.color_map(names), tx, is_presenting(), note)
    if not link_only():
        view_summary(ctx.filters, names, tx)
    st.session_state[CTX_KEY] = ctx
    return ctx


# ---------------------------------------------------------------- page furniture


def match_count(n: int, *, what: str = "") -> None:
    """State how many events the view covers, as 'N events match' (what: the page's own qualifier)."""
    suffix = f" {escape_markdown(what, 200)}" if what else ""
    st.markdown(f"**{current_texts()('common.count.match', n=int(n))}**{suffix}")


def empty_state(hint: str = "") -> None:
    """Explain an empty view and how to widen it (hint: the page's own extra way to widen it)."""
    tx = current_texts()
    if is_presenting():  # no sidebar to widen the view with: say what the link asks for instead
        ctx = st.session_state.get(CTX_KEY)
        summary = describe(ctx.filters, ctx.names, tx) if isinstance(ctx, Context) else ""
        st.info(tx("common.empty.presenting", summary=safe_text(summary, 600)))
        return
    st.info(tx("common.empty.info", extra=tx("common.empty.extra", hint=hint) if hint else ""))


def safe_text(text: Any, limit: int | None = None) -> str:
    """Untrusted text made safe for st.markdown/st.caption (no links, no HTML)."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return escape_markdown(str(text), limit)


def _facts(detail: Mapping[str, Any], tx: Texts) -> dict[str, str]:
    """The small facts under an event's evidence, by translated name."""
    when = detail.get("event_date")
    dated = when is not None and not pd.isna(when)
    return {
        tx("common.evidence.date"): tx.date(when) if dated else tx("common.evidence.undated"),
        tx("common.evidence.precision"): tx.label("precision", detail.get("date_precision"))
        or tx("common.evidence.unresolved"),
        tx("common.evidence.certainty"): tx.label("certainty", detail.get("certainty")),
        tx("common.evidence.aid"): aid_label(detail.get("aid_type") or "", tx),
        tx("common.evidence.status"): tables.status(detail.get("outcome"), detail.get("reply_date"), tx)
        if detail.get("event_type") == "offer_aid"
        else tx.label("response", detail.get("response")),
        tx("common.evidence.article"): str(detail.get("article_title") or ""),
        tx("common.evidence.cameo"): str(detail.get("cameo_code") or ""),
    }


def evidence_block(detail: Mapping[str, Any], names: Mapping[str, str]) -> None:
    """Show one event's evidence (quoted or as our summary), source link, date precision and certainty."""
    tx = current_texts()
    who = dyad_label(detail.get("sender"), detail.get("recipient"), names)
    st.markdown(f"#### {safe_text(type_label(str(detail.get('event_type')), tx))}: {safe_text(who)}")
    st.caption(
        charts.evidence_label(detail.get("outlet"), detail.get("is_summary"), detail.get("source"), tx)
    )
    st.text(str(detail.get("evidence") or tx("common.evidence.none")))
    cols = st.columns(4)
    for i, (name, value) in enumerate(_facts(detail, tx).items()):
        cols[i % 4].markdown(f"**{name}**  \n{safe_text(value, 160) or '—'}")
    st.caption(safe_text(tables.source_note(detail, tx), 400))
    url = safe_url(detail.get("source_url"))
    if url:
        st.caption(tx("common.evidence.link", url=safe_text(url, None)))
        st.link_button(tx("common.evidence.open"), url, icon=":material/open_in_new:")
    elif detail.get("source_url"):
        st.caption(tx("common.evidence.not_http"))


def share_params(extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The current shared filter parameters, language and presentation mode (for links to another page),
    plus extras."""
    keep = {k: st.query_params.get_all(k) for k in (*SHARED_PARAMS, *GLOBAL_PARAMS) if k in st.query_params}
    return {**keep, **(extra or {})}


# ---------------------------------------------------------------- share box and presentation mode

PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"] {
  display: none;
}
html { font-size: 20px; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; max-width: 100%; }
</style>
"""


def present_style() -> None:
    """In presentation mode: hide the sidebar and Streamlit's chrome and enlarge all text (rem-based)."""
    if is_presenting():
        st.html(PRESENT_CSS)


def view_link(page: str, drop: Sequence[str] = ()) -> str:
    """The full link to this view: the page's address with every non-default parameter (filters, page
    options, language) but those in `drop`. Streamlit's own embed parameters are left out: the link opens
    the full app."""
    skip = {*STREAMLIT_PARAMS, *drop}
    pairs = [(k, v) for k in st.query_params if k not in skip for v in st.query_params.get_all(k)]
    base = st.context.url or f"/{page}"
    if not page and not base.endswith("/"):
        base += "/"  # the root as '/aid/?…': a proxy's '/aid' -> '/aid/' redirect would drop the query
    query = urlencode(pairs)
    return f"{base}?{query}" if query else base


def share_box(page: str) -> None:
    """The sidebar's "Share this view" box: the link with a copy button, and a link to present it."""
    tx = current_texts()
    link = view_link(page)
    with st.sidebar.container(key="share_box", border=True):
        st.markdown(f"**{tx('common.share.heading')}**")
        st.code(link, language=None, wrap_lines=True)
        st.caption(tx("common.share.caption"))
        sep = "&" if "?" in link else "?"
        st.link_button(
            tx("common.share.present"),
            f"{link}{sep}{PRESENT}=1",
            icon=":material/slideshow:",
            help=tx("common.share.present_help"),
        )


def _drop_present() -> None:
    """Leave presentation mode: the next run draws the sidebar with the link's filters."""
    if PRESENT in st.query_params:
        del st.query_params[PRESENT]


def leave_presentation(page: str) -> None:
    """A quiet way back to the full dashboard at the foot of a presented page: in place, or from an
    embedded frame (where embed=true would stay) as a link that opens the full app."""
    label = current_texts()("common.present.leave")
    st.divider()
    if is_embedded():
        st.link_button(label, view_link(page, drop=(PRESENT,)), type="tertiary")
    else:
        st.button(label, key="leave_presentation", type="tertiary", on_click=_drop_present)


def finish_page(page: str) -> None:
    """Draw what closes every page once its options are in the URL: the share box, or in presentation
    mode the way back."""
    if is_presenting():
        leave_presentation(page)
    elif not is_embedded():
        share_box(page)


def stop() -> NoReturn:
    """End the page here (an empty view), closing it like a complete one."""
    finish_page(st.session_state.get(PAGE_KEY, ""))
    st.stop()


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
