"""Presentation mode (?present=1, also with Streamlit's ?embed=true): no sidebar or chrome, the link's
filters, the filter note with the data date on every chart, larger text, and a way back to the full view."""

from __future__ import annotations

import re

import pytest
from e2e_helpers import (
    assert_no_exception,
    events_match,
    open_view,
    selected_chips,
    wait_for_charts,
    wait_for_view,
)
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.i18n import Texts

# (page with its filters, language): each opened in full, then presented.
VIEWS = [
    ("/timeline?sender=PRK", "en"),
    ("/compare?sender=PRK&type=offer_aid", "en"),
    ("/flows?type=offer_aid&lang=id", "id"),
]
CHROME = ['[data-testid="stSidebar"]', '[data-testid="stHeader"]', '[data-testid="stToolbar"]']

# Sizes of the text a viewer reads: the page title, the first paragraph, each chart's base font.
_SIZES_JS = """
() => {
  const px = selector => {
    const el = document.querySelector(selector);
    return el ? parseFloat(getComputedStyle(el).fontSize) : 0;
  };
  return {
    title: px('[data-testid="stMain"] h1'),
    text: px('[data-testid="stMain"] [data-testid="stMarkdownContainer"] p'),
    charts: Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => el._fullLayout.font.size),
  };
}
"""
# The text Plotly draws around each chart's plot (titles, notes, annotations, legends), one per chart.
_CHART_TEXT_JS = (
    "() => Array.from(document.querySelectorAll('.js-plotly-plot .infolayer')).map(l => l.textContent)"
)


def squeeze(text: str) -> str:
    """Text without whitespace: a chart wraps its note over lines, which SVG draws without spaces."""
    return re.sub(r"\s+", "", text)


def open_with_charts(page: Page, url: str) -> None:
    """Open a view and wait until every chart on it is drawn."""
    open_view(page, url)
    assert_no_exception(page)
    wait_for_charts(page, at_least=max(1, page.locator('[data-testid="stPlotlyChart"]').count()))


def described_filters(page: Page, tx: Texts) -> str:
    """The active filters in words, read from the full view's sidebar ("Showing: <filters>.")."""
    before, after = tx("common.filters.showing", summary="\0").split("\0")
    said = page.locator(".st-key-view_summary").inner_text().strip()
    assert said.startswith(before) and said.endswith(after), said
    return said[len(before) : len(said) - len(after)]


def with_param(path: str, extra: str) -> str:
    """The path with one more query parameter."""
    return f"{path}{'&' if '?' in path else '?'}{extra}"


@pytest.mark.parametrize("embed", [False, True], ids=["present", "present-embed"])
@pytest.mark.parametrize(("path", "lang"), VIEWS, ids=[v[0].split("?")[0].strip("/") for v in VIEWS])
def test_presentation_hides_the_chrome_and_notes_the_filters_on_every_chart(page, app_url, path, lang, embed):
    tx = Texts(lang)
    open_with_charts(page, app_url + path)
    matched = events_match(page)
    filters = described_filters(page, tx)
    normal = page.evaluate(_SIZES_JS)

    presented = with_param(path, "present=1" + ("&embed=true" if embed else ""))
    open_with_charts(page, app_url + presented)
    for part in CHROME:
        assert page.locator(part).filter(visible=True).count() == 0, f"{part} is visible in presentation mode"
    assert events_match(page) == matched, "presentation mode lost the link's filters"
    note = squeeze(tx("common.present.note", summary=filters, as_of=""))
    chart_texts = page.evaluate(_CHART_TEXT_JS)
    assert chart_texts, "no chart drawn"
    for i, text in enumerate(chart_texts):
        assert note in squeeze(text), f"chart {i + 1} lacks the note {note!r}: {text[:300]!r}"
    larger = page.evaluate(_SIZES_JS)
    assert larger["title"] > normal["title"] and larger["text"] > normal["text"]
    assert min(larger["charts"]) > max(normal["charts"]), (normal["charts"], larger["charts"])


def follow(page: Page, label: str) -> Page:
    """Click the visible button or link called `label` and return the page that shows where it leads:
    the tab it opens for a link that opens one (a way out of an embedded frame), else this page."""
    control = page.locator('[data-testid="stMain"]').locator("a, button").filter(has_text=label, visible=True)
    if control.evaluate("el => el.tagName === 'A' && el.target === '_blank'"):
        with page.context.expect_page() as opened:
            control.click()
        return opened.value
    control.click()
    return page


@pytest.mark.parametrize("embed", [False, True], ids=["present", "present-embed"])
def test_leaving_presentation_mode_returns_to_the_full_view_with_the_same_filters(page, app_url, embed):
    open_view(page, app_url + "/timeline?sender=PRK")
    matched = events_match(page)
    open_view(page, app_url + "/timeline?sender=PRK&present=1" + ("&embed=true" if embed else ""))
    full = follow(page, Texts("en")("common.present.leave"))
    try:
        wait_for_view(full, summary=["North Korea (PRK)"])  # the sidebar's summary: only the full view has it
    except PlaywrightTimeout:
        pytest.fail(f"leaving presentation mode did not show the sidebar and its filters (at {full.url})")
    assert_no_exception(full)
    assert full.locator('[data-testid="stSidebar"]').is_visible()
    assert selected_chips(full, "sender") == ["North Korea (PRK)"]
    assert events_match(full) == matched
    assert "present=" not in full.url and "sender=PRK" in full.url, f"the address bar says {full.url}"
