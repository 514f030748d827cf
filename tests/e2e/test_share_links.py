"""Share links: filters set by clicking survive copying the address bar into a new browser."""

from __future__ import annotations

import pytest
from e2e_helpers import assert_no_exception, pick_option, view_state, wait_for_run

PAGES = ["/", "/timeline", "/flows", "/compare", "/events"]


def open_in_new_context(browser, url: str):
    """Open a URL in a fresh browser context (no shared session) and wait for its run."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    other = context.new_page()
    other.goto(url)
    wait_for_run(other)
    return context, other


@pytest.mark.parametrize("path", PAGES, ids=[p.strip("/") or "overview" for p in PAGES])
def test_link_copied_from_address_bar_reopens_the_same_view(browser, page, app_url, path):
    page.goto(app_url + path)
    wait_for_run(page)
    unfiltered = view_state(page)["match"]
    pick_option(page, "Senders", "North Korea")
    pick_option(page, "Event types", "Offer of aid")
    assert_no_exception(page)
    shown = view_state(page)
    assert shown["match"] < unfiltered
    url = page.url
    assert "sender=PRK" in url and "type=offer_aid" in url

    context, other = open_in_new_context(browser, url)
    try:
        assert_no_exception(other)
        assert view_state(other) == shown
    finally:
        context.close()


def test_filters_survive_switching_page_and_the_link_reopens_there(browser, page, app_url):
    page.goto(app_url + "/timeline")
    wait_for_run(page)
    pick_option(page, "Senders", "Russia")
    page.get_by_role("link", name="Event explorer").click()
    page.wait_for_url("**/events**")
    wait_for_run(page)
    assert "sender=RUS" in page.url
    shown = view_state(page)
    assert shown["senders"] == ["Russia (RUS)"]

    context, other = open_in_new_context(browser, page.url)
    try:
        assert view_state(other) == shown
    finally:
        context.close()
