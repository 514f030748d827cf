"""GDELT in the dashboard: the source filter in every query and page, marker size by mentions, source links.

The database is the fixture build plus a tiny GDELT export written here and loaded by the real importer.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts, queries, tables
from dashboard.filters import Filters, describe, filters_from
from etl.build import build_database
from etl.gdelt import import_gdelt
from tests.conftest import matched, page_opener

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGES = ["pages/overview.py", "pages/timeline.py", "pages/flows.py", "pages/compare.py", "pages/events.py"]
RUS_URL = "https://wire.example/2024/08/moscow-pledges-relief-to-pyongyang"
TUR_URL = "https://wire.example/2023/02/quake-relief-flights"


def export_line(event_id: int, day: str, actor1: str, actor2: str, code: str, mentions: int, url: str) -> str:
    """One 58-column GDELT 1.0 daily export line (country actors; geo columns left empty)."""
    actor = ["", "", "", "", "", "", ""]  # known group, ethnic, religion 1-2, type 1-3
    fields = [str(event_id), day, day[:6], day[:4], f"{day[:4]}.5000"]
    fields += [actor1, actor1, actor1, *actor, actor2, actor2, actor2, *actor]
    fields += ["1", code, code[:3], code[:2], "2", "6.5", str(mentions), "3", str(mentions), "-1.5"]
    fields += [""] * 21  # Actor1Geo, Actor2Geo, ActionGeo without ADM2 (GDELT 1.0)
    fields += [day, url]
    assert len(fields) == 58
    return "\t".join(fields)


@pytest.fixture(scope="module")
def gdelt_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture database plus two GDELT rows (one joins the Russia -> North Korea offer of 2024-08-03)."""
    folder = tmp_path_factory.mktemp("gdelt_db")
    path = folder / "events.duckdb"
    build_database(
        path, [FIXTURES / "articles", FIXTURES / "annotations.csv"], cases_path=FIXTURES / "cases.toml"
    )
    export = folder / "20240804.export.CSV"
    lines = [
        export_line(901, "20240803", "RUS", "PRK", "0331", 40, RUS_URL),
        export_line(902, "20230210", "USA", "TUR", "073", 4, TUR_URL),
    ]
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_gdelt(path, [export], store_dir=folder / "gdelt")
    return path


@pytest.fixture
def con(gdelt_db: Path):
    """A read-only cursor on the GDELT fixture database."""
    connection = duckdb.connect(str(gdelt_db), read_only=True)
    yield connection.cursor()
    connection.close()


def counts_by_source(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Events per source, counted with plain SQL independently of the dashboard's queries."""
    return dict(con.execute("SELECT source, count(*) FROM events GROUP BY source").fetchall())


def test_fixture_has_rows_of_every_source(con):
    assert counts_by_source(con) == {"article": 12, "annotation": 1, "gdelt": 2}


@pytest.mark.parametrize("source", ["article", "gdelt", "annotation"])
def test_source_filter_counts_only_that_source(con, source):
    assert queries.count_events(con, Filters(sources=(source,))) == counts_by_source(con)[source]
    rows = queries.explorer_rows(con, Filters(sources=(source,)))
    assert set(rows["source"]) == {source}


def test_source_filter_is_bound_not_formatted():
    junk = "gdelt';DROP TABLE events;--"
    sql, params = queries.where(Filters(sources=(junk,)))
    assert junk not in sql and [junk] in params


def test_several_sources_add_up_and_none_means_all(con):
    both = queries.count_events(con, Filters(sources=("article", "gdelt")))
    assert both == 14
    assert queries.count_events(con, Filters()) == 15


def test_source_filter_applies_to_aggregates(con):
    gdelt = Filters(sources=("gdelt",))
    assert queries.headline(con, gdelt)["events"] == 2
    assert queries.headline(con, gdelt)["offers"] == 1
    assert set(queries.flow_links(con, gdelt)["sender"]) == {"RUS", "USA"}
    assert set(queries.timeline_events(con, gdelt)["event_id"]) == {"gdelt-901", "gdelt-902"}
    assert queries.events_csv(con, gdelt).count(b'\n"gdelt-') == 2


def test_gdelt_row_joins_the_incident_of_our_reports(con):
    rows = queries.explorer_rows(con, Filters(senders=("RUS",), types=("offer_aid",)))
    assert set(rows["source"]) == {"article", "gdelt"}
    assert rows["incident_id"].nunique() == 1


def test_source_values_from_the_url_become_sorted_filters():
    f = filters_from({"source": ["gdelt", "article"]})
    assert f.sources == ("article", "gdelt")
    assert "sources: Articles, GDELT" in describe(f, {})


# ---------------------------------------------------------------- pages


@pytest.fixture
def open_page(monkeypatch: pytest.MonkeyPatch, gdelt_db: Path):
    """Open a page of the app on the GDELT fixture database with the given link parameters."""
    return page_opener(monkeypatch, gdelt_db)


@pytest.mark.parametrize("page", PAGES)
def test_source_link_reproduces_the_gdelt_view_on_every_page(open_page, page):
    at = open_page(page, source="gdelt")
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning
    assert at.multiselect(key="source").value == ["gdelt"]
    assert at.query_params["source"] == "gdelt"
    if page != "pages/compare.py":  # the comparison counts events inside the cases' windows
        assert matched(at) == 2


def test_default_sources_stay_out_of_the_url(open_page):
    at = open_page("pages/events.py")
    assert at.multiselect(key="source").value == []
    assert "source" not in at.query_params
    assert matched(at) == 15


def test_repeated_source_parameter_selects_both(open_page):
    at = open_page("pages/events.py", source=["annotation", "gdelt"])
    assert sorted(at.multiselect(key="source").value) == ["annotation", "gdelt"]
    assert matched(at) == 3


def test_junk_source_is_ignored_with_a_warning(open_page):
    at = open_page("pages/events.py", source=["gdelt", "rumours"])
    assert not at.exception
    assert "rumours" in " ".join(w.value for w in at.warning)
    assert at.multiselect(key="source").value == ["gdelt"]
    assert matched(at) == 2


def test_choosing_a_source_in_the_sidebar_writes_it_to_the_url(open_page):
    at = open_page("pages/timeline.py")
    at.multiselect(key="source").select("annotation").run()
    assert at.query_params["source"] == "annotation"
    assert matched(at) == 1


# ---------------------------------------------------------------- event detail


def detail_script(db_path: str, event_id: str) -> None:
    """Render one event's detail block the way the explorer and the timeline do."""
    import duckdb

    from dashboard import queries, ui

    with duckdb.connect(db_path, read_only=True) as connection:
        detail = queries.event_detail(connection.cursor(), event_id)
    ui.evidence_block(detail, {})


def shown_detail(gdelt_db: Path, event_id: str) -> AppTest:
    """Run the detail block of one event in AppTest."""
    at = AppTest.from_function(detail_script, args=(str(gdelt_db), event_id), default_timeout=60)
    return at.run()


def test_gdelt_detail_shows_its_source_url_and_gdelt_counts(gdelt_db):
    at = shown_detail(gdelt_db, "gdelt-901")
    assert not at.exception, [e.value for e in at.exception]
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert RUS_URL in captions
    assert "GDELT record" in captions and "40 mentions in 3 sources" in captions
    assert "Goldstein scale +6.5" in captions and "first seen 3 Aug 2024" in captions
    assert at.get("link_button")[0].proto.url == RUS_URL


def test_article_detail_shows_the_article_url(gdelt_db, con):
    event_id, url = con.execute(
        "SELECT event_id, source_url FROM events WHERE source = 'article' AND source_url LIKE 'http%' LIMIT 1"
    ).fetchone()
    at = shown_detail(gdelt_db, event_id)
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert url in captions and "Source: our articles." in captions
    assert at.get("link_button")[0].proto.url == url


def test_annotation_detail_names_its_source_without_a_link(gdelt_db, con):
    (event_id,) = con.execute("SELECT event_id FROM events WHERE source = 'annotation'").fetchone()
    at = shown_detail(gdelt_db, event_id)
    assert "analyst annotation" in " ".join(c.value for c in at.caption)
    assert not at.get("link_button")


# ---------------------------------------------------------------- marker size by mentions


def marker_sizes(fig) -> dict[str, float]:
    """Marker size of every event in a timeline figure, by event id."""
    sizes: dict[str, float] = {}
    for trace in fig.data:
        if trace.customdata is None:
            continue
        size = trace.marker.size
        each = size if isinstance(size, list | tuple) else [size] * len(trace.customdata)
        sizes |= {str(row[0]): float(s) for row, s in zip(trace.customdata, each, strict=True)}
    return sizes


def test_mention_sizes_give_area_in_proportion_to_mentions():
    sizes, note = charts.mention_sizes(pd.Series([None, 1, 4, 16]))
    assert sizes[0] == sizes[1] and sizes[3] == charts.MENTION_MAX_PX
    assert sizes[2] == pytest.approx(2 * sizes[1])  # four times the mentions, twice the diameter
    assert "largest: 16" in note
    tiny, _ = charts.mention_sizes(pd.Series([1, 10_000]))
    assert tiny[0] == charts.MENTION_MIN_PX  # still visible beside a much-reported event


def test_timeline_figure_sizes_markers_by_mentions_only_when_asked(con):
    events = queries.timeline_events(con, Filters())
    same = marker_sizes(charts.timeline_figure(events))
    assert len(set(same.values())) == 1
    fig = charts.timeline_figure(events, size="mentions")
    sized = marker_sizes(fig)
    assert sized["gdelt-901"] == charts.MENTION_MAX_PX > sized["gdelt-902"] > min(sized.values())
    assert "Marker area = GDELT mentions" in fig.layout.title.text
    with pytest.raises(ValueError):
        charts.timeline_figure(events, size="huge")


def test_size_link_parameter_sizes_the_timeline_and_stays_in_the_url(open_page):
    at = open_page("pages/timeline.py", size="mentions", source="gdelt")
    assert not at.exception and not at.warning
    assert at.query_params["size"] == "mentions"
    assert "Marker area = GDELT mentions" in at.get("plotly_chart")[0].proto.spec
    assert "marker area" in " ".join(c.value for c in at.caption)


def test_marker_size_is_off_by_default_and_junk_is_named(open_page):
    plain = open_page("pages/timeline.py")
    assert "size" not in plain.query_params
    assert "Marker area" not in plain.get("plotly_chart")[0].proto.spec
    at = open_page("pages/timeline.py", size="huge")
    assert not at.exception
    assert "huge" in " ".join(w.value for w in at.warning)
    assert "size" not in at.query_params


def test_size_parameter_is_dropped_on_other_pages(open_page):
    at = open_page("pages/events.py", size="mentions")
    assert "size" not in at.query_params and not at.exception


def test_explorer_rows_say_which_are_gdelt_records_and_annotations(con):
    rows = tables.explorer_table(queries.explorer_rows(con, Filters(sources=("gdelt", "annotation"))), {})
    by_source = dict(
        zip(rows["source"], zip(rows["evidence_kind"], rows["outlet"], strict=True), strict=False)
    )
    assert by_source["gdelt"] == ("GDELT record", "GDELT")
    assert by_source["annotation"] == ("analyst annotation", "analyst annotation")
    assert set(rows["source_url"].dropna()) == {RUS_URL, TUR_URL}
