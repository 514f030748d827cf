"""Share links: the view set by clicking (filters, page options, language) survives copying the address
bar or the sidebar's "Share this view" link into a new browser; defaults stay out of the link."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from e2e_helpers import (
    assert_no_exception,
    assert_same_view,
    choose_in_selectbox,
    copy_share_link,
    nav_link,
    open_view,
    pick_option,
    reopen_in_new_browser,
    switch_language,
    view_state,
    wait_for_view,
)
from playwright.sync_api import Page

from dashboard.i18n import LANGS, Texts

PAGES = ["/", "/timeline", "/flows", "/compare", "/events"]
CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases.toml"


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
    nav_link(page, "Event explorer").click()
    page.wait_for_url("**/events**")
    wait_for_view(page, summary=[sender], link=["/events?"])
    assert "sender=RUS" in page.url
    assert view_state(page)["senders"] == ["Russia (RUS)"]

    reopened = reopen_in_new_browser(browser, page.url)
    assert reopened["senders"] == ["Russia (RUS)"]
    assert_same_view(page, reopened)


# ---------------------------------------------------------------- the "Share this view" box


def case_title(case_id: str, tx: Texts) -> str:
    """A fixture case's title as the case pickers show it in the language."""
    with CASES.open("rb") as fp:
        case = next(c for c in tomllib.load(fp)["case"] if c["id"] == case_id)
    return case["title"] if tx.lang == "en" else case.get(f"title_{tx.lang}", case["title"])


def no_option(page: Page, tx: Texts) -> set[str]:
    """The overview has no page option."""
    return set()


def timeline_lanes_by_recipient(page: Page, tx: Texts) -> set[str]:
    """One lane per recipient on the timeline."""
    page.locator(".st-key-lane").get_by_role("radio", name=tx("timeline.lane.recipient")).click()
    wait_for_view(page, link=["lane=recipient"])
    return {"lane"}


def flows_count_aid_provided(page: Page, tx: Texts) -> set[str]:
    """The flows count aid provided only."""
    page.locator(".st-key-count").get_by_role("radio", name=tx("flows.count.provided")).click()
    wait_for_view(page, link=["count=provided"])
    return {"count"}


def compare_cases_swapped(page: Page, tx: Texts) -> set[str]:
    """Case A and B swapped: B first (A and B are then the same case), then A; B is then the default
    for A, so only A stays in the link."""
    choose_in_selectbox(page, "b", case_title("prk-chn-2020", tx), wait_for="b=prk-chn-2020")
    choose_in_selectbox(page, "a", case_title("rus-prk-2024", tx), wait_for="a=rus-prk-2024")
    return {"a"}


def events_search_flood(page: Page, tx: Texts) -> set[str]:
    """The event explorer searches the evidence for a word."""
    search = page.locator(".st-key-q input")
    search.fill("flood")
    search.press("Enter")
    wait_for_view(page, link=["q=flood"])
    return {"q"}


# (page, language, how to set the page's own option; it returns the parameters that option adds)
SHARED: list[tuple[str, str, Callable[[Page, Texts], set[str]]]] = [
    ("/", "en", no_option),
    ("/timeline", "id", timeline_lanes_by_recipient),
    ("/flows", "en", flows_count_aid_provided),
    ("/compare", "en", compare_cases_swapped),
    ("/compare", "id", compare_cases_swapped),
    ("/events", "id", events_search_flood),
]


@pytest.mark.parametrize(
    ("path", "lang", "set_option"),
    SHARED,
    ids=[f"{p.strip('/') or 'overview'}-{lang}" for p, lang, _ in SHARED],
)
def test_share_box_link_reopens_the_same_view_in_the_chosen_language(
    browser, clipboard_page, app_url, path, lang, set_option
):
    page = clipboard_page
    open_view(page, app_url + path)
    english = view_state(page)
    base = (app_url + path).rstrip("/")
    assert english["link"].rstrip("/") == base, "the default view's link carries parameters"
    tx = Texts(lang)
    if lang != "en":
        switch_language(page, LANGS[lang], link=f"lang={lang}")
    north_korea = tx.actor_names({"PRK": "North Korea"})["PRK"]
    sender = pick_option(page, tx("common.filters.senders"), north_korea)
    kind = pick_option(page, tx("common.filters.types"), tx.label("event_type", "offer_aid"))
    expected = {"sender", "type", *set_option(page, tx), *({"lang"} if lang != "en" else ())}

    link = copy_share_link(page)
    assert link == view_state(page)["link"], "the copy button copied something else than the link shown"
    assert urlsplit(link)._replace(query="").geturl().rstrip("/") == base
    assert set(parse_qs(urlsplit(link).query)) == expected, "the link carries defaults or misses a choice"

    reopened = reopen_in_new_browser(browser, link)
    assert reopened["senders"] == [sender] and reopened["types"] == [kind]
    if lang != "en":
        assert reopened["controls"]["lang"] == [LANGS[lang]]
        assert reopened["heading"] != english["heading"], "the reopened page is in English"
    assert_same_view(page, reopened)
