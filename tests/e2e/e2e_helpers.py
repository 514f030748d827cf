"""Helpers for the browser tests: wait for what the app shows (never for a fixed time), read it, check it.

Why waiting on the `data-test-script-state` attribute alone is not enough: the attribute still says
`notRunning` from the previous run until the browser has processed the next run's first message, and
under load React may apply "running" and "notRunning" in one render, so the attribute never changes.
Every wait here therefore pairs "no run in progress" with something only the awaited run can have
drawn (a main-area element after a page load, the sidebar's "Showing: ..." summary naming a filter,
the share box's link carrying a new parameter, a heading). React renders an element of a run together
with that run's "running" state, so when both hold, the run that drew the element has finished. A data
grid draws a new run's rows a moment after its element arrives, so a comparison of grid rows waits for
the expected rows (assert_same_view).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.sync_api import Browser, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
# "45 events match", "1 event matches", "1,234 events match"; in Bahasa Indonesia "1.234 peristiwa cocok".
MATCH_PATTERN = r"(\d[\d,.]*) (?:events? match(?:es)?|incidents? match(?:es)?|peristiwa cocok|insiden cocok)"
MATCH_RE = re.compile(MATCH_PATTERN)
VIEW_TIMEOUT_MS = 60_000

# True once a run has drawn the page and finished, lazily loaded elements (grids, charts) are mounted,
# every grid mirrors its rows for assistive technology, and the expected texts are shown: `summary` in
# the sidebar's "Showing: ..." line, `main` in the main area, `link` in the share box's link.
_VIEW_READY_JS = """
({summary, main, link}) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const mainArea = document.querySelector('[data-testid="stMain"]');
  if (!mainArea || !mainArea.querySelector('[data-testid="stElementContainer"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')) return false;
  for (const grid of document.querySelectorAll('[data-testid="stDataFrame"]')) {
    const table = grid.querySelector('table[role="grid"]');
    if (!table) return false;
    const rows = Number(table.getAttribute('aria-rowcount') || '0');
    if (rows > 1 && !table.querySelector('tbody tr')) return false;
  }
  const text = selector => {
    const el = document.querySelector(selector);
    return el ? el.innerText : '';
  };
  const said = text('.st-key-view_summary');
  if (!summary.every(part => said.includes(part))) return false;
  const shared = text('.st-key-share_box [data-testid="stCode"]');
  if (!link.every(part => shared.includes(part))) return false;
  return main === null || mainArea.innerText.includes(main);
}
"""

# The option the combobox has highlighted (its aria-activedescendant), once it starts with `want`.
_HIGHLIGHTED_JS = """
([input, want]) => {
  const id = input.getAttribute('aria-activedescendant');
  const option = id && document.getElementById(id);
  if (!option || option.getAttribute('role') !== 'option') return null;
  const text = option.textContent.trim();
  return text.startsWith(want) ? text : null;
}
"""


def wait_for_view(
    page: Page,
    *,
    summary: Sequence[str] = (),
    main: str | None = None,
    link: Sequence[str] = (),
    timeout_ms: int = VIEW_TIMEOUT_MS,
) -> None:
    """Wait until a run has drawn the page and finished, with `summary` texts in the sidebar's
    "Showing: ..." line, `main` in the main area and `link` texts in the share box's link (use them
    after an action, so the wait is for the run that action started, not the one before)."""
    arg = {"summary": list(summary), "main": main, "link": list(link)}
    page.wait_for_function(_VIEW_READY_JS, arg=arg, timeout=timeout_ms)


def open_view(page: Page, url: str, *, timeout_ms: int = VIEW_TIMEOUT_MS) -> None:
    """Open a URL and wait for its run to draw and finish (a fresh page has no earlier run)."""
    page.goto(url)
    wait_for_view(page, timeout_ms=timeout_ms)


def events_match(page: Page) -> int:
    """Return N from the page's `N events match` line (fails if the line is missing)."""
    text = page.locator('[data-testid="stMain"]').inner_text()
    found = MATCH_RE.search(text)
    assert found, "the page has no 'N events match' line"
    return int(re.sub(r"[,.]", "", found.group(1)))


def assert_no_exception(page: Page) -> None:
    """Fail with the exception's text if Streamlit shows an exception box."""
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()


def wait_for_charts(page: Page, at_least: int = 1, timeout_ms: int = VIEW_TIMEOUT_MS) -> None:
    """Wait until at least `at_least` Plotly charts are drawn, each with data."""
    page.wait_for_function(
        """n => {
          const charts = Array.from(document.querySelectorAll('.js-plotly-plot'));
          return charts.length >= n && charts.every(el => el._fullLayout && (el.data || []).length > 0);
        }""",
        arg=at_least,
        timeout=timeout_ms,
    )


def save_screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under tests/artifacts/ and check it is not blank."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert_not_blank(path)
    return path


def assert_not_blank(path: Path) -> None:
    """A screenshot is not blank: it has many colours and visible contrast."""
    with Image.open(path) as image:
        small = image.convert("RGB").resize((200, 200))
        colours = small.getcolors(maxcolors=200 * 200) or []
        lo, hi = small.convert("L").getextrema()
    assert len(colours) > 20 and hi - lo > 100, f"{path.name} looks blank"


def pick_option(page: Page, label: str, option: str) -> str:
    """Choose the option starting with `option` in the multiselect labelled `label`, with the keyboard
    (type to filter, Enter on the highlighted option, Escape), then wait for the run it starts.

    The keyboard, not the mouse: a slow press on the field opens the list under the pointer, and the
    release can land on "Select all". Returns the chosen option's full label."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).locator("input")
    box.focus()
    box.fill(option)
    handle = page.wait_for_function(_HIGHLIGHTED_JS, arg=[box.element_handle(), option])
    chosen = str(handle.json_value())
    box.press("Enter")
    box.press("Escape")
    wait_for_view(page, summary=[chosen])
    return chosen


def choose_in_selectbox(page: Page, key: str, option: str, *, wait_for: str) -> None:
    """Choose the option starting with `option` in the selectbox with widget key `key`, with the keyboard,
    then wait for the run it starts (`wait_for`: a text in the share box's link only that run can draw)."""
    box = page.locator(f".st-key-{key} input")
    box.focus()
    box.fill(option)
    page.wait_for_function(_HIGHLIGHTED_JS, arg=[box.element_handle(), option])
    box.press("Enter")
    wait_for_view(page, link=[wait_for])


def switch_language(page: Page, name: str, *, link: str) -> None:
    """Click the sidebar's language switch on `name` ("Bahasa Indonesia", "English") and wait for the run
    it starts to draw the share box's link containing `link` (e.g. "lang=id")."""
    page.locator(".st-key-lang").get_by_role("radio", name=name).click()
    wait_for_view(page, link=[link])


def nav_link(page: Page, name: str) -> Locator:
    """The sidebar navigation's link to the page called `name`."""
    return page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name, exact=True)


def reopen_in_new_browser(browser: Browser, url: str) -> dict[str, Any]:
    """Open a URL in a fresh browser context (no shared session) and return the view it shows."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        other = context.new_page()
        open_view(other, url)
        assert_no_exception(other)
        return view_state(other)
    finally:
        context.close()


def copy_share_link(page: Page) -> str:
    """Click the copy button of the sidebar's "Share this view" box and return what the clipboard holds
    (the page's context needs the clipboard-read and clipboard-write permissions, and starts with an
    empty clipboard: the wait is for the copy)."""
    code = page.locator('.st-key-share_box [data-testid="stCode"]')
    code.hover()  # the copy button shows on hover
    code.locator('[data-testid="stBaseButton-elementToolbar"]').click()
    copied = page.wait_for_function("() => navigator.clipboard.readText().then(text => text || null)")
    return str(copied.json_value())


# What a share link must reproduce, read in one go: the match count, the page heading (it shows the
# language), the sidebar summary, the share box's link, the value of every keyed widget (filters,
# language, page options such as compare's cases; read by widget key, so in either language), and each
# grid's row and column counts with the leading cells of the rows it mirrors for assistive technology
# (the grid mirrors only the columns in view, and its column widths depend on the data it first drew,
# so two browsers agree on the leading columns, not on every column).
_VIEW_STATE_JS = """
() => {
  const LEADING_CELLS = 4;
  const main = document.querySelector('[data-testid="stMain"]');
  const found = main ? main.innerText.match(new RegExp(MATCH_PATTERN)) : null;
  const text = selector => {
    const el = document.querySelector(selector);
    return el ? el.innerText.trim() : '';
  };
  const value = widget => {
    const tags = Array.from(widget.querySelectorAll('[data-tag]')).map(t => t.innerText.trim());
    if (widget.querySelector('[data-testid="stMultiSelect"]')) return tags.sort();
    const pressed = Array.from(widget.querySelectorAll('[aria-checked="true"], [aria-pressed="true"]'));
    if (pressed.length) return pressed.map(b => b.innerText.trim());
    const select = widget.querySelector('[data-testid="stSelectbox"] [data-baseweb="select"] div');
    if (select) return select.innerText.trim();
    const input = widget.querySelector('input');
    return input ? input.value : null;
  };
  const controls = {};
  for (const widget of document.querySelectorAll('[class*="st-key-"]')) {
    const key = Array.from(widget.classList).find(c => c.startsWith('st-key-')).slice(7);
    if (widget.querySelector('[data-testid^="stWidgetLabel"], [data-testid="stButtonGroup"]')) {
      controls[key] = value(widget);
    }
  }
  return {
    match: found ? Number(found[1].replace(/[,.]/g, '')) : null,
    heading: text('[data-testid="stMain"] h1'),
    summary: text('.st-key-view_summary'),
    link: text('.st-key-share_box [data-testid="stCode"]'),
    controls: controls,
    senders: controls.sender || [],
    recipients: controls.recipient || [],
    types: controls.type || [],
    rows: Array.from(document.querySelectorAll('[data-testid="stDataFrame"]')).map(grid => {
      const table = grid.querySelector('table[role="grid"]');
      if (!table) return null;
      const lead = row => Array.from(row.querySelectorAll('th, td')).slice(0, LEADING_CELLS);
      const cellTexts = row => lead(row).map(c => c.innerText.trim());
      const cells = Array.from(table.querySelectorAll('tr')).map(cellTexts);
      return [table.getAttribute('aria-rowcount'), table.getAttribute('aria-colcount'), cells];
    }),
  };
}
""".replace("MATCH_PATTERN", repr(MATCH_PATTERN))


def selected_chips(page: Page, key: str) -> list[str]:
    """The options shown as selected in the multiselect with widget key `key` (e.g. "sender")."""
    return sorted(t.strip() for t in page.locator(f".st-key-{key} [data-tag]").all_inner_texts())


def view_state(page: Page) -> dict[str, Any]:
    """What a share link must reproduce: match count, heading, summary, share link, widget values, grids."""
    return page.evaluate(_VIEW_STATE_JS)


def assert_same_view(page: Page, expected: dict[str, Any], timeout_ms: int = VIEW_TIMEOUT_MS) -> None:
    """Wait until the page shows `expected` (a grid draws new data a moment after its run ends), then
    compare: a view that never matches fails with the difference."""
    try:
        page.wait_for_function(
            f"expected => JSON.stringify(({_VIEW_STATE_JS})()) === JSON.stringify(expected)",
            arg=expected,
            timeout=timeout_ms,
        )
    except PlaywrightTimeout:
        assert view_state(page) == expected  # fails here, showing what differs
        raise
