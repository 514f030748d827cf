"""Share links: filters set by clicking survive copying the address bar into a new browser."""

from __future__ import annotations

import pytest
from e2e_helpers import (
    assert_no_exception,
    assert_same_view,
    open_view,
    pick_option,
    view_state,
    wait_for_view,
)

PAGES = ["/", "/timeline", "/flows", "/compare", "/events"]


def reopen_in_new_browser(browser, url: str) -> dict:
    """Open a URL in a fresh browser context (no shared session) and return the view it shows."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        other = context.new_page()
        open_view(other, url)
        assert_no_exception(other)
        return view_state(other)
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES, ids=[p.strip("/") or "overview" for p in PAGES])
def test_link_copied_from_address_bar_reopens_the_same_view(browser, page, app_url, path):
    open_view(page, app_url + path)
    unfiltered = view_state(page)["match"]
    sender = pick_option(page, "Senders", "North Korea")
    kind = pick_option(page, "Event types", "Offer of aid")
    assert_no_exception(page)
    url = page.url
    assert "sender=PRK" in url and "type=offer_aid" in url

    reopened = reopen_in_new_browser(browser, url)
    assert reopened["senders"] == [sender] and reopened["types"] == [kind]
    assert sender in reopened["summary"] and kind in reopened["summary"]
    assert reopened["match"] < unfiltered
    assert all(grid and len(grid[2]) > 1 for grid in reopened["rows"]), "a grid shows no rows"
    assert_same_view(page, reopened)


def test_filters_survive_switching_page_and_the_link_reopens_there(browser, page, app_url):
    open_view(page, app_url + "/timeline")
    sender = pick_option(page, "Senders", "Russia")
    page.get_by_role("link", name="Event explorer").click()
    page.wait_for_url("**/events**")
    wait_for_view(page, summary=[sender], main="Search the evidence text")
    assert "sender=RUS" in page.url
    assert view_state(page)["senders"] == ["Russia (RUS)"]

    reopened = reopen_in_new_browser(browser, page.url)
    assert reopened["senders"] == ["Russia (RUS)"]
    assert_same_view(page, reopened)
