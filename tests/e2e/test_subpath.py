"""Under a sub-path, as behind a reverse proxy (`--server.baseUrlPath aid`): the share box's link keeps
the sub-path and reopens the same view, and the sidebar's page links keep the filters."""

from __future__ import annotations

from urllib.parse import urlsplit

from e2e_helpers import (
    assert_no_exception,
    assert_same_view,
    copy_share_link,
    events_match,
    nav_link,
    open_view,
    pick_option,
    reopen_in_new_browser,
    selected_chips,
    view_state,
    wait_for_view,
)


def test_share_link_under_a_sub_path_keeps_it_and_reopens_the_same_view(browser, clipboard_page, subpath_url):
    page = clipboard_page
    open_view(page, subpath_url + "/compare")
    sender = pick_option(page, "Senders", "North Korea")
    kind = pick_option(page, "Event types", "Offer of aid")
    link = copy_share_link(page)
    assert urlsplit(link).path == "/aid/compare", link
    assert link.startswith(subpath_url + "/compare?") and "sender=PRK" in link and "type=offer_aid" in link

    reopened = reopen_in_new_browser(browser, link)
    assert reopened["senders"] == [sender] and reopened["types"] == [kind]
    assert_same_view(page, reopened)


def test_page_links_under_a_sub_path_keep_the_sub_path_and_the_filters(clipboard_page, subpath_url):
    page = clipboard_page
    open_view(page, subpath_url + "/timeline")
    sender = pick_option(page, "Senders", "Russia")
    for name, path in (("Event explorer", "events"), ("Sender → recipient", "flows")):
        nav_link(page, name).click()
        page.wait_for_url(f"**/aid/{path}?**")
        wait_for_view(page, summary=[sender], link=[f"/aid/{path}?"])
        assert_no_exception(page)
        assert urlsplit(page.url).path == f"/aid/{path}" and "sender=RUS" in page.url, page.url
        assert selected_chips(page, "sender") == [sender]
        assert view_state(page)["link"] == page.url
        assert events_match(page) > 0


def test_the_overviews_link_under_a_sub_path_ends_in_a_slash_so_no_redirect_drops_its_filters(
    clipboard_page, subpath_url
):
    page = clipboard_page
    open_view(page, subpath_url + "/")
    pick_option(page, "Senders", "Russia")
    link = copy_share_link(page)
    assert urlsplit(link).path == "/aid/" and link.endswith("/aid/?sender=RUS"), link
