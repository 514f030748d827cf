"""Every page in a real Chromium: no exception, charts drawn, the match count, a non-blank screenshot."""

from __future__ import annotations

import pytest
from e2e_helpers import (
    assert_no_exception,
    events_match,
    open_view,
    save_screenshot,
    wait_for_charts,
)

# (url path, screenshot name, charts the page must draw at least, whether it says how many events match)
PAGES = [
    ("/", "overview", 0, True),
    ("/timeline", "timeline", 1, True),
    ("/flows", "flows", 2, True),
    ("/compare", "compare", 1, True),
    ("/events", "events", 0, True),
    ("/review", "review", 0, True),
    ("/about", "about", 0, False),
]


@pytest.mark.parametrize(("path", "name", "charts", "counts"), PAGES, ids=[p[1] for p in PAGES])
def test_page_renders_completely_in_a_real_browser(page, app_url, path, name, charts, counts):
    open_view(page, app_url + path)
    assert_no_exception(page)
    if counts:
        assert events_match(page) > 0
    if charts:
        wait_for_charts(page, at_least=charts)
    save_screenshot(page, name)


def test_timeline_filtered_by_link_shows_fewer_events(page, app_url):
    open_view(page, app_url + "/timeline")
    everything = events_match(page)
    open_view(page, app_url + "/timeline?sender=RUS")
    assert_no_exception(page)
    assert 0 < events_match(page) < everything


def test_junk_link_renders_with_a_warning_not_an_exception(page, app_url):
    open_view(page, app_url + "/timeline?sender=%27%3BDROP%20TABLE%20events%3B--&start=not-a-date")
    assert_no_exception(page)
    warning = page.locator('[data-testid="stAlertContentWarning"]')
    assert warning.count() >= 1
    assert "DROP TABLE" in warning.first.inner_text()
    assert events_match(page) > 0


def test_embedded_view_hides_sidebar_and_menu(page, app_url):
    open_view(page, app_url + "/compare?embed=true")
    assert_no_exception(page)
    assert page.locator('[data-testid="stSidebar"]').count() == 0
    assert page.locator('[data-testid="stMainMenu"]').count() == 0
    assert events_match(page) > 0
    save_screenshot(page, "compare-embedded")
