"""Helpers for the browser tests: wait for a Streamlit run, read what a page shows, check screenshots."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
RUN_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MATCH_RE = re.compile(r"(\d[\d,]*) events match")


def wait_for_run(page: Page, timeout_ms: int = 30_000) -> None:
    """Wait until the app is connected and its script run has finished, so assertions see the result."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_selector(RUN_DONE, timeout=timeout_ms)
    # A widget change starts a new run a moment later; let it start, then wait for it too.
    page.wait_for_timeout(300)
    page.wait_for_selector(RUN_DONE, timeout=timeout_ms)


def events_match(page: Page) -> int:
    """Return N from the page's `N events match` line (fails if the line is missing)."""
    text = page.locator('[data-testid="stMain"]').inner_text()
    found = MATCH_RE.search(text)
    assert found, "the page has no 'N events match' line"
    return int(found.group(1).replace(",", ""))


def assert_no_exception(page: Page) -> None:
    """Fail with the exception's text if Streamlit shows an exception box."""
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()


def assert_charts_drawn(page: Page, at_least: int = 1, timeout_ms: int = 20_000) -> None:
    """Every Plotly chart on the page has been drawn with data."""
    page.wait_for_selector(".js-plotly-plot", timeout=timeout_ms)
    charts = page.locator(".js-plotly-plot")
    assert charts.count() >= at_least
    traces = page.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => (el.data || []).length)"
    )
    assert all(n > 0 for n in traces), f"a chart was drawn without data: traces per chart {traces}"


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


def pick_option(page: Page, label: str, option: str, attempts: int = 3) -> None:
    """Choose `option` in the multiselect labelled `label` by typing it and clicking it, as a user would.

    A rerun that ends just after the dropdown opened redraws the widget and closes it; like a user,
    open it again (a bounded number of times).
    """
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).locator("input")
    for attempt in range(attempts):
        wait_for_run(page)
        box.click()
        box.fill(option)
        try:
            page.locator('[role="option"]').filter(has_text=option).first.click(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
    page.keyboard.press("Escape")
    wait_for_run(page)


def selected_chips(page: Page, label: str) -> list[str]:
    """The options shown as selected in the multiselect labelled `label`."""
    widget = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    return sorted(t.strip() for t in widget.locator("[data-tag]").all_inner_texts())


def table_rows(page: Page) -> list[list[str]]:
    """The rows every data grid on the page exposes to assistive technology (the visible rows)."""
    rows = []
    for grid in page.locator('[data-testid="stDataFrame"]').all():
        # The grid draws on a canvas and mirrors its visible rows into a table a moment later.
        grid.locator("table tr").first.wait_for(state="attached", timeout=10_000)
        rows.append([row.inner_text() for row in grid.locator("table tr").all()])
    return rows


def view_state(page: Page) -> dict[str, object]:
    """What a share link must reproduce: the match count, the selected filters and the table rows."""
    return {
        "match": events_match(page),
        "senders": selected_chips(page, "Senders"),
        "recipients": selected_chips(page, "Recipients"),
        "types": selected_chips(page, "Event types"),
        "rows": table_rows(page),
    }
