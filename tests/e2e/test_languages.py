"""Every visible interface string changes with lang=id: each page is read in a real browser in English and
in Bahasa Indonesia, and its interface text (headings, labels, buttons, metrics, captions, alerts,
navigation, placeholders, table headers, chart texts) must hold no English catalogue string and no text
left the same in both languages, apart from what is the same by nature (codes, numbers, proper names).

Data is not interface text and is not read: evidence sentences (st.text), links (st.code), grid cells,
material icon names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import duckdb
import pytest
from e2e_helpers import assert_no_exception, open_view, wait_for_charts
from playwright.sync_api import Page

from dashboard.i18n import LANGS, Texts, catalogue

PAGES = ["/", "/timeline", "/flows", "/compare", "/events", "/review", "/about"]

# Interface elements by kind, and the elements whose text is data, never read.
_COLLECT_JS = """
() => {
  const KINDS = {
    heading: ':is([data-testid="stHeading"], [data-testid="stMarkdownContainer"]) :is(h1,h2,h3,h4,h5,h6)',
    label: '[data-testid="stWidgetLabel"]',
    button: 'button, a[data-testid^="stBaseLinkButton"], [data-testid="stPageLink"] a',
    metric: '[data-testid="stMetricLabel"], [data-testid="stMetricValue"], [data-testid="stMetricDelta"]',
    caption: '[data-testid="stCaptionContainer"]',
    alert: '[data-testid="stAlertContainer"]',
    markdown: '[data-testid="stMarkdownContainer"] :is(p, li, td, th)',
    nav: '[data-testid="stSidebarNav"] a',
    expander: '[data-testid="stExpander"] summary',
    tab: '[role="tab"]',
    choice: '[data-testid="stSelectbox"] [data-baseweb="select"] > div > div:first-child',
    chart: '.js-plotly-plot svg text',
  };
  const DATA = [
    '[data-testid="stText"]', '[data-testid="stCode"]', '[data-testid="stIconMaterial"]',
    '[data-testid="stDataFrame"]', '[data-tag]',
  ].join(', ');
  const visible = el => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const read = el => {
    const copy = el.cloneNode(true);  // without icon names and inline code (codes are the same in both)
    copy.querySelectorAll('[data-testid="stIconMaterial"], code').forEach(part => part.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  };
  const out = [];
  for (const [kind, selector] of Object.entries(KINDS)) {
    for (const el of document.querySelectorAll(selector)) {
      if (el.closest(DATA) || !visible(el)) continue;
      out.push([kind, read(el)]);
    }
  }
  // A grid draws its header on a canvas and mirrors it in a table for assistive technology.
  for (const th of document.querySelectorAll('[data-testid="stDataFrame"] [role="columnheader"]')) {
    out.push(['column', read(th)]);
  }
  for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    if (visible(el) && !el.value) out.push(['placeholder', el.placeholder]);
  }
  return out.filter(([, text]) => text);
}
"""

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
MARKUP = re.compile(r"\*\*|__|`|<[^>]+>")
EDGE = " \t\n,.;:!?()[]“”\"'‘’–—-·…/"
WORD = re.compile(r"[A-Za-z]{2,}")
# Same in both languages by nature: ISO codes and acronyms, numbers, dates and times, punctuation.
NEUTRAL = re.compile(r"\b[A-Z][A-Z0-9]+\b|[\d.,:%+−-]+|[^\w\s]")
PROPER_NAMES = ("GDELT", "CAMEO", "PLOVER", "DuckDB", "Plotly", "Streamlit", "Babel", "CLDR", "Kiel")


def normalize(text: str) -> str:
    """Lower-cased text without Markdown or HTML markup and with single spaces."""
    return re.sub(r"\s+", " ", MARKUP.sub("", text)).strip().lower()


def _forms(entry: object) -> list[str]:
    """The strings of a catalogue entry (both forms of a plural)."""
    return [str(v) for v in entry.values()] if isinstance(entry, dict) else [str(entry)]


@cache
def english_fragments() -> tuple[str, ...]:
    """Literal fragments of two or more words of the English catalogue (the text between placeholders)
    that the Indonesian catalogue does not also use: if one shows on an Indonesian page, it is English."""
    english, indonesian = catalogue("en"), catalogue("id")
    indonesian_text = normalize(" ".join(form for entry in indonesian.values() for form in _forms(entry)))
    found = set()
    for key, entry in english.items():
        if indonesian.get(key) == entry:
            continue  # the same in both languages (a code or a name)
        for form in _forms(entry):
            for part in PLACEHOLDER.split(form):
                fragment = normalize(part).strip(EDGE)
                if len(WORD.findall(fragment)) >= 2 and fragment not in indonesian_text:
                    found.add(fragment)
    return tuple(sorted(found, key=len, reverse=True))


def english_in(text: str) -> list[str]:
    """The English catalogue fragments found in `text` (as whole words)."""
    said = normalize(text)
    return [f for f in english_fragments() if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", said)]


@cache
def data_texts(db: Path) -> tuple[str, ...]:
    """Texts that are data, shown as they are in either language: evidence sentences, article titles,
    outlets."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT evidence FROM events UNION SELECT title FROM articles UNION SELECT outlet FROM articles"
        ).fetchall()
    finally:
        con.close()
    return tuple(sorted((r[0] for r in rows if r[0]), key=len, reverse=True))


def without_data(text: str, db: Path) -> str:
    """The text with the data it quotes (evidence, titles, outlets) taken out."""
    for quoted in data_texts(db):
        text = text.replace(quoted, " ")
    return text


@cache
def same_by_nature(db: Path) -> tuple[str, ...]:
    """Words that are the same in both languages by nature: actor names CLDR spells alike (Israel,
    Indonesia), the names of the languages, proper names, month abbreviations both languages share."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = dict(con.execute("SELECT code, name FROM actors").fetchall())
    finally:
        con.close()
    english, indonesian = Texts("en").actor_names(names), Texts("id").actor_names(names)
    alike = [name for code, name in english.items() if indonesian[code] == name]
    months = set(Texts("en").month_names()) & set(Texts("id").month_names())
    words = {*alike, *LANGS.values(), *PROPER_NAMES, *months}
    return tuple(sorted(words, key=len, reverse=True))


@cache
def codes() -> frozenset[str]:
    """The codes of the labels catalogue that are not their own English label (offer_aid, meet): a code
    shown as such is not translated. A code that is its label ("accepted") is a word and must be."""
    english = catalogue("en")
    return frozenset(
        code
        for key, label in english.items()
        if key.startswith("labels.") and (code := key.rsplit(".", 1)[1]).lower() != str(label).lower()
    )


def is_neutral(text: str, db: Path) -> bool:
    """True when a text is a code, or only codes, numbers, punctuation and names that are the same in both
    languages."""
    if text.strip() in codes():
        return True
    for word in same_by_nature(db):
        text = text.replace(word, " ")
    return not WORD.search(NEUTRAL.sub(" ", text))


def interface_texts(page: Page, url: str) -> dict[str, str]:
    """Open a page and read its interface texts once all its charts are drawn: text -> kind of element."""
    open_view(page, url)
    assert_no_exception(page)
    charts = page.locator('[data-testid="stPlotlyChart"]').count()
    if charts:
        wait_for_charts(page, at_least=charts)
    texts: dict[str, str] = {}
    for kind, text in page.evaluate(_COLLECT_JS):
        texts.setdefault(text, kind)
    return texts


def report(problems: Iterable[str]) -> str:
    """One problem per line, for the assertion message."""
    return "\n  ".join(["", *problems])


@pytest.mark.parametrize("path", PAGES, ids=[p.strip("/") or "overview" for p in PAGES])
def test_page_in_bahasa_indonesia_shows_no_english_interface_text(page, app_url, fixture_db, path):
    sep = "&" if "?" in path else "?"
    english = interface_texts(page, app_url + path)
    indonesian = interface_texts(page, f"{app_url}{path}{sep}lang=id")
    assert len(indonesian) > 10, "too little interface text read: the page did not render"

    leftover = [
        f"{kind}: {text!r} has English {found}"
        for text, kind in indonesian.items()
        if (found := english_in(without_data(text, fixture_db)))
    ]
    unchanged = [
        f"{kind}: {text!r} is the same in English"
        for text, kind in indonesian.items()
        if text in english and not is_neutral(without_data(text, fixture_db), fixture_db)
    ]
    assert not leftover + unchanged, f"{path}?lang=id shows English:" + report(leftover + unchanged)
