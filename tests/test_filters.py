"""Validation of link parameters and the Filters value the pages query with."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.filters import (
    Filters,
    country_label,
    escape_markdown,
    filters_from,
    parse_day,
    safe_url,
    validate_params,
)

OPTIONS = {"sender": ["CHN", "PRK", "RUS"], "recipient": ["PRK"], "type": ["offer_aid"], "aid": ["medical"]}


def test_known_codes_pass_and_unknown_codes_are_named():
    check = validate_params({"sender": ["RUS", "XXX"]}, OPTIONS)
    assert check.values == {"sender": ["RUS"]}
    assert any("XXX" in note for note in check.ignored)


def test_sql_injection_string_is_ignored_and_reported():
    check = validate_params({"sender": ["';DROP TABLE events;--"]}, OPTIONS)
    assert "sender" not in check.values
    assert "DROP TABLE" in check.ignored[0]


@pytest.mark.parametrize("raw", ["not-a-date", "2024-13-01", "2024-02-30", "24-1-1", "2024-01-01T00:00"])
def test_malformed_dates_are_ignored(raw):
    check = validate_params({"start": [raw]}, OPTIONS)
    assert "start" not in check.values
    assert check.ignored


def test_end_before_start_is_dropped():
    check = validate_params({"start": ["2024-05-01"], "end": ["2024-01-01"]}, OPTIONS)
    assert check.values == {"start": date(2024, 5, 1)}
    assert any("before start" in note for note in check.ignored)


def test_single_choice_page_options_take_one_known_value():
    check = validate_params(
        {"lane": ["recipient"], "a": ["nope"]}, {}, {"lane": ["sender", "recipient"], "a": ["x"]}
    )
    assert check.values == {"lane": "recipient"}
    assert check.ignored == ("a: 'nope'",)


def test_repeated_codes_are_deduplicated_in_url_order():
    assert validate_params({"sender": ["RUS", "CHN", "RUS"]}, OPTIONS).values == {"sender": ["RUS", "CHN"]}


def test_parse_day_is_strict():
    assert parse_day("2020-01-23") == date(2020, 1, 23)
    assert parse_day("23/01/2020") is None


def test_filters_from_widget_values_is_sorted_and_hashable():
    f = filters_from({"sender": ["RUS", "CHN"], "start": date(2020, 1, 1)}, search="  flood   relief ")
    assert f == Filters(start=date(2020, 1, 1), senders=("CHN", "RUS"), search="flood relief")
    assert hash(f) == hash(
        filters_from({"sender": ["CHN", "RUS"], "start": date(2020, 1, 1)}, "flood relief")
    )


def test_country_label_shows_name_and_code():
    assert country_label("RUS", {"RUS": "Russia"}) == "Russia (RUS)"
    assert country_label("UNICEF", {}) == "UNICEF"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        ("data:text/html,hi", None),
        ("//example.org", None),
        ("https://exa mple.org", None),
        (None, None),
    ],
)
def test_only_http_links_are_safe(url, expected):
    assert safe_url(url) == expected


def test_escape_markdown_neutralises_links_and_html():
    text = escape_markdown("[click](http://evil.example) <b>x</b>", limit=None)
    assert "\\[" in text and "\\(" in text and "\\<" in text
