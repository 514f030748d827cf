"""Every page in AppTest on the fixture database: renders, obeys link parameters, warns on junk."""

from __future__ import annotations

import csv
import io
import json
import re
import string
from collections.abc import Iterator
from datetime import date
from urllib.parse import parse_qs

import duckdb
import pytest

from dashboard import queries
from dashboard.filters import Filters
from dashboard.i18n import catalogue
from tests.conftest import matched

PAGES = ["pages/overview.py", "pages/timeline.py", "pages/flows.py", "pages/compare.py", "pages/events.py"]
JUNK = "';DROP TABLE events;--"


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception_and_states_its_count(open_page, page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert matched(at) > 0
    assert not at.warning


@pytest.mark.parametrize("page", PAGES)
def test_junk_link_renders_with_a_warning_naming_it(open_page, page):
    at = open_page(page, sender=JUNK, start="not-a-date", type="bogus")
    assert not at.exception
    text = " ".join(w.value for w in at.warning)
    assert "DROP TABLE" in text and "not" in text and "bogus" in text
    assert matched(at) > 0


def test_sender_link_narrows_the_timeline_to_that_sender(open_page, fixture_db):
    everything = matched(open_page("pages/timeline.py"))
    at = open_page("pages/timeline.py", sender="RUS")
    assert 0 < matched(at) < everything
    assert at.multiselect(key="sender").value == ["RUS"]
    assert at.query_params["sender"] == "RUS"


def test_sender_filter_on_timeline_charts_only_that_sender(open_page):
    at = open_page("pages/timeline.py", sender="RUS")
    chart = at.get("plotly_chart")[0]
    assert '"legendgroup":"RUS"' in chart.proto.spec.replace(" ", "")
    assert '"legendgroup":"PRK"' not in chart.proto.spec.replace(" ", "")


def test_dates_and_types_from_the_link_are_applied(open_page, fixture_db):
    at = open_page("pages/events.py", start="2024-01-01", end="2024-12-31", type="offer_aid")
    assert not at.warning
    with duckdb.connect(str(fixture_db), read_only=True) as con:
        expected = queries.count_events(
            con, Filters(start=date(2024, 1, 1), end=date(2024, 12, 31), types=("offer_aid",))
        )
    assert matched(at) == expected


def test_filters_survive_switching_pages(open_page):
    at = open_page("pages/timeline.py", sender="RUS")
    on_timeline = matched(at)
    at.switch_page("pages/events.py").run()
    assert at.multiselect(key="sender").value == ["RUS"]
    assert at.query_params["sender"] == "RUS"
    assert matched(at) >= on_timeline


def test_defaults_stay_out_of_the_url(open_page):
    at = open_page("pages/timeline.py")
    assert at.query_params == {}


def test_page_option_from_another_page_is_dropped(open_page):
    at = open_page("pages/timeline.py", a="prk-chn-2020", lane="recipient")
    assert "a" not in at.query_params and at.query_params["lane"] == "recipient"


def test_empty_filters_show_an_explaining_info(open_page):
    at = open_page("pages/timeline.py", sender="RUS", recipient="CHN")
    assert matched(at) == 0
    assert any("Widen" in i.value for i in at.info)


def test_compare_shows_both_default_cases(open_page):
    at = open_page("pages/compare.py")
    assert at.selectbox(key="a").value == "prk-chn-2020"
    assert at.selectbox(key="b").value == "rus-prk-2024"
    headings = " ".join(m.value for m in at.markdown)
    assert "2020" in headings and "2024" in headings
    assert any(m.label == "Offers" for m in at.metric)
    assert "Role reversal" in [s.value for s in at.subheader]


def test_compare_takes_cases_from_the_link_and_warns_on_unknown_ids(open_page):
    at = open_page("pages/compare.py", a="rus-prk-2024", b="no-such-case")
    assert at.selectbox(key="a").value == "rus-prk-2024"
    assert at.selectbox(key="b").value == "prk-chn-2020"
    assert "no\\-such\\-case" in " ".join(w.value for w in at.warning)


def test_flows_count_option_restricts_to_offers(open_page):
    everything = matched(open_page("pages/flows.py"))
    offers = matched(open_page("pages/flows.py", count="offers"))
    assert 0 < offers < everything


def test_explorer_search_narrows_rows(open_page, fixture_db):
    everything = matched(open_page("pages/events.py"))
    at = open_page("pages/events.py", q="putin")
    assert matched(at) < everything


def test_csv_download_builds_exactly_the_filtered_rows(fixture_db):
    f = Filters(senders=("PRK",), types=("decline_aid", "express_gratitude"))
    with duckdb.connect(str(fixture_db), read_only=True) as con:
        data = queries.events_csv(con.cursor(), f)
        n = queries.count_events(con, f)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert len(rows) == n > 0
    assert {r["event_type"] for r in rows} <= {"decline_aid", "express_gratitude"}


def test_overview_shows_data_as_of_and_case_cards(open_page):
    at = open_page("pages/overview.py")
    assert any("Data as of" in c.value for c in at.caption)
    assert [s.value for s in at.subheader][:2] == ["Latest offers", "Reference cases"]


def test_overview_counts_incidents_and_says_how_many_sources_reported_them(open_page):
    at = open_page("pages/overview.py")
    metrics = {m.label: int(m.value) for m in at.metric}
    assert 0 < metrics["All incidents"] < matched(at)  # the fixture's Russian offer is reported twice
    assert any(re.search(r"\d+ incidents, reported by \d+ sources", c.value) for c in at.caption)
    offers = at.dataframe[0].value
    assert "reported by 2 sources" in set(offers["reported_by"])


def test_flows_and_compare_say_they_count_incidents(open_page):
    flows = open_page("pages/flows.py", count="offers")
    assert any("incidents with both a sender and a recipient" in c.value for c in flows.caption)
    compare = open_page("pages/compare.py")
    said = " ".join(c.value for c in compare.caption)
    assert re.search(r"\d+ offers? from \d+ senders?, reported by \d+ sources?", said)


# ---------------------------------------------------------------- two languages, offered vs provided

MY_PAGES = ["pages/overview.py", "pages/timeline.py", "pages/flows.py"]
AREAS = ("common", "overview", "timeline", "flows")
TEXT_ELEMENTS = {"title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error"}


def _strings(node) -> Iterator[str]:
    """Every visible string of an AppTest node and its children: texts, labels, help, options, headers."""
    kind = getattr(node, "type", None)
    if kind in TEXT_ELEMENTS:
        yield str(node.value)
    proto = getattr(node, "proto", None)
    for field in ("label", "help", "placeholder"):
        value = getattr(proto, field, None)
        if isinstance(value, str) and value:
            yield value
    if kind == "button_group":
        yield from (o.content for o in proto.options)
    if kind == "dataframe":
        for column in json.loads(proto.columns or "{}").values():
            yield from (column[k] for k in ("label", "help") if column.get(k))
    children = getattr(node, "children", None)
    for child in children.values() if isinstance(children, dict) else ():
        yield from _strings(child)


def shown(at) -> list[str]:
    """The strings a user reads on the page and in its sidebar."""
    return [*_strings(at.main), *_strings(at.sidebar)]


def _pieces(entry: object) -> set[str]:
    """The literal words of a catalogue entry (every plural form) between its placeholders."""
    texts = entry.values() if isinstance(entry, dict) else [entry]
    out = set()
    for text in texts:
        for literal, *_ in string.Formatter().parse(str(text)):
            piece = literal.replace("*", "").strip(" .,;:·()“”…")
            if sum(c.isalpha() for c in piece) >= 4:  # shorter words ("and", "to") also occur in data
                out.add(piece)
    return out


def english_leftovers(strings: list[str]) -> set[str]:
    """English catalogue words of the pages' areas found in the strings (words shared with the
    Indonesian catalogue, such as GDELT, do not count)."""
    indonesian = " ".join(" ".join(_pieces(v)) for v in catalogue("id").values())
    english = {
        piece
        for key, value in catalogue("en").items()
        if key.split(".")[0] in AREAS
        for piece in _pieces(value)
        if not re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", indonesian)
    }
    joined = "\n".join(strings)
    return {p for p in english if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", joined)}


@pytest.mark.parametrize("page", MY_PAGES)
def test_indonesian_page_shows_no_english_string_of_its_area(open_page, page):
    at = open_page(page, lang="id")
    assert not at.exception
    strings = shown(at)
    assert english_leftovers(strings) == set()
    assert english_leftovers(shown(open_page(page))), (
        "the check finds the English strings on the English page"
    )
    assert matched(at) > 0


@pytest.mark.parametrize(
    ("page", "indonesian"),
    [
        (
            "pages/overview.py",
            ["Pemantau Diplomasi Bantuan", "Tawaran bantuan", "Bantuan diberikan", "Status tawaran"],
        ),
        ("pages/timeline.py", ["Linimasa tawaran", "Per pengirim", "Ukuran penanda"]),
        (
            "pages/flows.py",
            ["Pengirim → penerima", "Tindakan yang dihitung", "Bantuan diberikan", "Pasangan"],
        ),
    ],
)
def test_indonesian_page_shows_the_indonesian_strings(open_page, page, indonesian):
    strings = shown(open_page(page, lang="id"))
    assert [s for s in indonesian if s not in strings] == []


def test_overview_counts_offers_and_aid_provided_apart(open_page, fixture_db):
    with duckdb.connect(str(fixture_db), read_only=True) as con:
        expected = queries.headline(con.cursor(), Filters())
    assert expected["offers"] != expected["provided"]
    metrics = {m.label: m for m in open_page("pages/overview.py").metric}
    assert int(metrics["Offers of aid"].value) == expected["offers"] > 0
    assert int(metrics["Aid provided"].value) == expected["provided"]
    assert "not a delivery" in metrics["Offers of aid"].proto.help
    assert "not a delivery" in metrics["Aid provided"].proto.help
    indonesian = {m.label: m.value for m in open_page("pages/overview.py", lang="id").metric}
    assert int(indonesian["Tawaran bantuan"]) == expected["offers"]
    assert int(indonesian["Bantuan diberikan"]) == expected["provided"]


@pytest.mark.parametrize(
    ("lang", "header", "status"),
    [("en", "Status", "deferred on 4 Aug 2024"), ("id", "Status tawaran", "ditunda pada 4 Agu 2024")],
)
def test_latest_offers_show_each_status_with_the_day_of_the_answer(open_page, lang, header, status):
    table = open_page("pages/overview.py", lang=lang).dataframe[0]
    assert json.loads(table.proto.columns)["outcome"]["label"] == header
    rows = table.value
    russian = rows[rows["sender"].str.contains("RUS")]
    assert list(russian["outcome"]) == [status]  # the fixture's Russian offer, deferred a day later
    assert list(russian["event_date"]) == ["3 Aug 2024" if lang == "en" else "3 Agu 2024"]


def _flow_reports(fixture_db, types: tuple[str, ...]) -> int:
    """Reports with a sender and a recipient among these event types, as the flows page counts them."""
    with duckdb.connect(str(fixture_db), read_only=True) as con:
        return int(queries.flow_links(con.cursor(), Filters(types=types))["events"].sum())


def test_flows_switch_between_offered_and_provided_is_kept_in_the_link(open_page, fixture_db):
    at = open_page("pages/flows.py", count="offers")
    assert at.segmented_control(key="count").value == "offers"
    assert matched(at) == _flow_reports(fixture_db, ("offer_aid",)) > 0
    assert any(c.value.startswith("Counting offers of aid only") for c in at.caption)
    columns = list(at.dataframe[0].proto.column_order)
    assert "offer_outcomes" in columns and "deliveries" not in columns  # no "aid provided: 0" beside offers
    at.segmented_control(key="count").set_value("provided").run()
    assert at.query_params["count"] == "provided"
    assert matched(at) == _flow_reports(fixture_db, ("provide_aid",))  # none in the fixture: an empty view
    assert any(c.value.startswith("Counting aid provided only") for c in at.caption)
    assert any("All acts" in i.value for i in at.info)
    at.segmented_control(key="count").set_value("all").run()
    assert "count" not in at.query_params


def test_flows_link_to_aid_provided_opens_the_provided_view(open_page, fixture_db):
    at = open_page("pages/flows.py", count="provided", lang="id")
    assert at.segmented_control(key="count").value == "provided"
    assert not at.warning
    assert matched(at) == _flow_reports(fixture_db, ("provide_aid",))
    assert any(c.value.startswith("Hanya menghitung bantuan diberikan") for c in at.caption)


@pytest.mark.parametrize("page", MY_PAGES)
def test_presented_page_never_points_to_the_hidden_sidebar(open_page, page):
    at = open_page(page, present="1", type="express_sympathy")
    assert not at.exception
    assert matched(at) > 0
    assert not [s for s in shown(at) if "sidebar" in s]


@pytest.mark.parametrize("page", MY_PAGES)
def test_presented_empty_view_states_its_filters_on_the_page(open_page, page):
    at = open_page(page, present="1", sender="RUS", recipient="CHN", lang="id")  # no chart carries the note
    assert matched(at) == 0
    assert any(c.value.startswith("Filter") and "Rusia" in c.value for c in at.caption)


def test_page_links_keep_the_language_and_presentation_mode(open_page):
    at = open_page("pages/overview.py", lang="id", present="1", sender="RUS")
    links = {link.proto.label: parse_qs(link.proto.query_string) for link in at.get("page_link")}
    for label in ("Lihat di linimasa", "Bandingkan berdampingan"):
        assert links[label]["lang"] == ["id"] and links[label]["present"] == ["1"]
        assert links[label]["sender"] == ["RUS"]


def test_case_cards_and_crisis_onsets_are_in_the_interface_language(open_page):
    at = open_page("pages/overview.py", lang="id")
    cards = [*(m.value for m in at.markdown), *(c.value for c in at.caption), *(t.value for t in at.text)]
    assert "**Korea Utara → Tiongkok, virus korona 2020**" in cards
    assert "Wabah virus korona di Tiongkok · awal krisis 23 Jan 2020" in cards
    assert "Korea Utara sebagai pemberi." in cards
    timeline = open_page("pages/timeline.py", lang="id").get("plotly_chart")[0].proto.spec
    assert "Awal krisis: Banjir di" in timeline  # the chart may wrap the rest of the label
    assert "Floods in" not in timeline
