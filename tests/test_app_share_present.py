"""The frame around every page in AppTest: the share box, the language switch and presentation mode."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import matched

PAGES = [
    "pages/overview.py",
    "pages/timeline.py",
    "pages/flows.py",
    "pages/compare.py",
    "pages/events.py",
    "pages/review.py",
    "pages/about.py",
]


def share_link(at: AppTest) -> str:
    """The link in the sidebar's share box (AppTest has no browser address, so it starts at the path)."""
    [link] = [c.value for c in at.sidebar.code]
    return link


def switch(at: AppTest, key: str) -> object:
    """The segmented control with this key."""
    return next(w for w in at.get("segmented_control") if w.key == key)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_ends_with_a_share_box_holding_its_link(open_page, page):
    at = open_page(page, sender="RUS")
    assert not at.exception, [e.value for e in at.exception]
    path = page.removeprefix("pages/").removesuffix(".py")
    assert share_link(at) == ("/" if path == "overview" else f"/{path}") + "?sender=RUS"


def test_share_link_carries_page_options_and_language_but_no_defaults(open_page):
    at = open_page("pages/timeline.py")
    assert share_link(at) == "/timeline"
    switch(at, "lane").set_value("recipient").run()
    switch(at, "lang").set_value("id").run()
    assert share_link(at) == "/timeline?lane=recipient&lang=id"
    switch(at, "lane").set_value("sender").run()
    assert share_link(at) == "/timeline?lang=id"


def test_an_empty_view_still_ends_with_its_share_box(open_page):
    at = open_page("pages/timeline.py", sender="RUS", recipient="CHN")
    assert matched(at) == 0
    assert share_link(at) == "/timeline?sender=RUS&recipient=CHN"


def test_language_from_the_link_translates_the_frame_and_the_switch_writes_it_back(open_page):
    at = open_page("pages/events.py", sender="RUS", lang="id")
    assert at.multiselect(key="sender").label == "Pengirim"
    assert "Rusia (RUS)" in at.sidebar.caption[0].value.replace("\\", "")
    assert switch(at, "lang").value == "id"
    switch(at, "lang").set_value("en").run()
    assert at.multiselect(key="sender").label == "Senders"
    assert "lang" not in at.query_params and at.query_params["sender"] == "RUS"


def test_language_survives_a_page_switch(open_page):
    at = open_page("pages/timeline.py", lang="id")
    at.switch_page("pages/flows.py").run()
    assert switch(at, "lang").value == "id"
    assert at.query_params["lang"] == "id"
    assert at.multiselect(key="type").label == "Jenis peristiwa"


def test_unknown_language_is_named_in_the_warning_and_english_is_shown(open_page):
    at = open_page("pages/timeline.py", lang="fr")
    assert "lang: 'fr'" in " ".join(w.value for w in at.warning)
    assert at.multiselect(key="sender").label == "Senders"


def test_presentation_mode_draws_no_sidebar_keeps_the_link_filters_and_leaves_with_them(open_page):
    filtered = matched(open_page("pages/timeline.py", sender="RUS"))
    at = open_page("pages/timeline.py", sender="RUS", present="1")
    assert not at.exception
    assert not at.sidebar.children and not at.get("multiselect")
    assert matched(at) == filtered
    assert any("display: none" in h.proto.body for h in at.get("html"))
    at.button(key="leave_presentation").click().run()
    assert "present" not in at.query_params and at.query_params["sender"] == "RUS"
    assert at.multiselect(key="sender").value == ["RUS"] and matched(at) == filtered
    assert not at.get("html")


def test_presentation_mode_follows_the_links_language(open_page):
    at = open_page("pages/timeline.py", present="1", lang="id")
    assert at.button(key="leave_presentation").label == "Keluar dari mode presentasi"


def test_an_empty_presented_view_names_its_filters_and_the_way_back_not_the_hidden_sidebar(open_page):
    at = open_page("pages/timeline.py", sender="RUS", recipient="CHN", present="1")
    assert matched(at) == 0
    text = " ".join(i.value for i in at.info).replace("\\", "")
    assert "Russia (RUS)" in text and "Leave presentation mode" in text and "sidebar" not in text
