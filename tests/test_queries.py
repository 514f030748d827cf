"""The dashboard's SQL on the fixture database: bound parameters, whitelists, filters that compose."""

from __future__ import annotations

import csv
import io
from datetime import date

import duckdb
import pytest

from dashboard import queries
from dashboard.filters import Filters


@pytest.fixture(scope="module")
def con(fixture_db):
    """A read-only cursor on the fixture database."""
    connection = duckdb.connect(str(fixture_db), read_only=True)
    yield connection.cursor()
    connection.close()


def test_where_binds_every_value_and_formats_none_into_sql():
    junk = "';DROP TABLE events;--"
    sql, params = queries.where(Filters(senders=(junk,), search="50%_off", start=date(2020, 1, 1)))
    assert junk not in sql and "50%" not in sql
    assert [junk] in params and date(2020, 1, 1) in params
    assert sql.count("?") == len(params)


def test_injection_string_as_a_sender_matches_nothing_and_breaks_nothing(con):
    assert queries.count_events(con, Filters(senders=("';DROP TABLE events;--",))) == 0
    assert queries.count_events(con, Filters()) > 0


@pytest.mark.parametrize("bad", ["event_date; DROP TABLE events", "evidence", ""])
def test_unknown_sort_identifier_is_rejected(con, bad):
    with pytest.raises(ValueError):
        queries.explorer_rows(con, Filters(), bad)


def test_identifier_whitelist_returns_only_fixed_sql():
    assert queries.identifier("sender", queries.LANES) == "sender"
    with pytest.raises(ValueError):
        queries.identifier("sender_name", queries.LANES)


def test_sender_filter_selects_only_that_sender(con):
    rows = queries.explorer_rows(con, Filters(senders=("RUS",)))
    assert len(rows) > 0 and set(rows["sender"]) == {"RUS"}
    assert queries.count_events(con, Filters(senders=("RUS",))) < queries.count_events(con, Filters())


def test_filters_compose_as_and(con):
    both = Filters(senders=("RUS",), types=("offer_aid",))
    rows = queries.explorer_rows(con, both)
    assert set(rows["sender"]) == {"RUS"} and set(rows["event_type"]) == {"offer_aid"}
    assert queries.count_events(con, both) <= queries.count_events(con, Filters(senders=("RUS",)))


def test_date_range_excludes_other_years_and_undated_events(con):
    rows = queries.explorer_rows(con, Filters(start=date(2024, 1, 1), end=date(2024, 12, 31)))
    assert len(rows) > 0
    assert all(d.year == 2024 for d in rows["event_date"])


def test_search_is_case_insensitive_and_treats_wildcards_literally(con):
    assert queries.count_events(con, Filters(search="%")) == 0
    some = queries.explorer_rows(con, Filters())["evidence"].dropna().iloc[0]
    word = some.split()[0]
    assert queries.count_events(con, Filters(search=word.upper())) >= 1


def test_timeline_has_dated_events_with_offer_outcomes(con):
    df = queries.timeline_events(con, Filters())
    assert df["event_date"].notna().all()
    assert len(df) == queries.count_dated(con, Filters())
    offers = df[df["event_type"] == "offer_aid"]
    assert offers["outcome"].notna().all()


def test_timeline_is_bounded(con):
    assert len(queries.timeline_events(con, Filters(), 3)) == 3


def test_flow_links_aggregate_to_the_event_count(con):
    links = queries.flow_links(con, Filters(types=("offer_aid",)))
    dated_or_not = queries.count_events(con, Filters(types=("offer_aid",)))
    assert links["events"].sum() == dated_or_not
    assert ("RUS", "PRK") in set(zip(links["sender"], links["recipient"], strict=True))


def test_dyad_table_reports_offer_outcomes(con):
    dyads = queries.dyad_table(con, Filters())
    rus = dyads[(dyads["sender"] == "RUS") & (dyads["recipient"] == "PRK")].iloc[0]
    assert rus["offers"] >= 1 and {"outcome": "deferred", "n": 1} in list(rus["offer_outcomes"])


def test_cases_come_from_the_cases_table(con):
    assert {"prk-chn-2020", "rus-prk-2024"} <= set(queries.cases(con)["id"])


def test_case_points_come_from_the_case_row_and_its_events(con):
    points = queries.case_points(con, "rus-prk-2024", Filters())
    assert points["focus_sender"] == "RUS" and points["focus_recipient"] == "PRK"
    assert "deferred" in (points["outcomes"] or "")
    assert points["agreements"]  # the 2024 treaty


def test_case_metrics_count_offers_and_days_to_first_offer(con):
    m = queries.case_metrics(con, "rus-prk-2024", Filters())
    assert m["offers"] >= 1 and m["days_to_first_offer"] >= 0


def test_roles_show_north_korea_giving_in_2020_and_receiving_in_2024(con):
    roles = queries.roles(con, ("prk-chn-2020", "rus-prk-2024"), Filters()).set_index(["case_id", "actor"])
    assert roles.loc[("prk-chn-2020", "PRK"), "given"] >= 1
    assert roles.loc[("rus-prk-2024", "PRK"), "received"] >= 1


def test_csv_has_exactly_the_filtered_rows(con):
    f = Filters(senders=("RUS",))
    rows = list(csv.DictReader(io.StringIO(queries.events_csv(con, f).decode("utf-8"))))
    assert len(rows) == queries.count_events(con, f)
    assert {r["sender"] for r in rows} == {"RUS"}


def test_review_rows_include_undated_events(con):
    review = queries.review_rows(con, Filters())
    assert review["event_date"].isna().any()


def test_event_detail_returns_evidence_and_none_for_unknown_ids(con):
    event_id = queries.explorer_rows(con, Filters(types=("offer_aid",)))["event_id"].iloc[0]
    detail = queries.event_detail(con, event_id)
    assert detail["event_id"] == event_id and "outcome" in detail
    assert queries.event_detail(con, "no-such-id") is None


# ---------------------------------------------------------------- incidents: counts of acts, not of reports


def test_headline_counts_incidents_and_the_reports_behind_them(con):
    counts = queries.headline(con, Filters())
    incidents, offer_incidents = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE event_type = 'offer_aid') FROM incidents"
    ).fetchone()
    assert counts["incidents"] == incidents < counts["events"] == queries.count_events(con, Filters())
    assert counts["offers"] == offer_incidents
    assert counts["sources"] >= 1


def test_the_fixture_offer_reported_twice_counts_once(con):
    rus = Filters(senders=("RUS",), recipients=("PRK",), types=("offer_aid",))
    assert queries.count_events(con, rus) == 2
    assert queries.headline(con, rus)["offers"] == 1
    (link,) = queries.flow_links(con, rus).itertuples(index=False)
    assert (link.incidents, link.events) == (1, 2)
    dyad = queries.dyad_table(con, rus).iloc[0]
    assert (dyad["offers"], dyad["incidents"], dyad["reports"]) == (1, 1, 2)
    assert list(dyad["offer_outcomes"]) == [{"outcome": "deferred", "n": 1}]


def test_latest_offers_lists_each_incident_once_with_its_sources(con):
    offers = queries.latest_offers(con, Filters(), 50)
    assert offers["incident_id"].is_unique
    rus = offers[(offers["sender"] == "RUS") & (offers["recipient"] == "PRK")].iloc[0]
    assert (rus["n_reports"], rus["n_outlets"]) == (2, 2)
    assert rus["outcome"] == "deferred"


def test_an_incident_matches_when_any_of_its_reports_matches(con):
    offer = queries.latest_offers(con, Filters(senders=("RUS",), types=("offer_aid",))).iloc[0]
    reports = queries.explorer_rows(con, Filters(senders=("RUS",), types=("offer_aid",)))
    other = reports[reports["event_id"] != offer["event_id"]]["evidence"].iloc[0]
    only_there = next(w for w in other.split() if w.isalpha() and w not in offer["evidence"])
    found = queries.latest_offers(con, Filters(senders=("RUS",), search=only_there))
    assert list(found["incident_id"]) == [offer["incident_id"]]
    assert found["event_id"].iloc[0] == offer["event_id"]  # the row still shows the incident's lead report


def test_case_metrics_and_roles_count_offer_incidents(con):
    m = queries.case_metrics(con, "rus-prk-2024", Filters())
    offers = queries.case_timeline(con, ("rus-prk-2024",), Filters(types=("offer_aid",)))
    assert m["offers"] == offers["event_id"].size - 1  # RUS -> PRK is reported twice
    assert m["offer_sources"] >= 2 and m["incidents"] < m["events"]
    roles = queries.roles(con, ("rus-prk-2024",), Filters()).set_index("actor")
    assert roles.loc["RUS", "given"] == 1


def test_explorer_rows_list_every_report_with_its_acts_source_count(con):
    rows = queries.explorer_rows(con, Filters(senders=("RUS",), types=("offer_aid",)), "oldest")
    assert len(rows) == 2 and rows["incident_id"].nunique() == 1
    assert list(rows["n_outlets"]) == [2, 2]


def test_event_detail_says_how_many_sources_reported_the_act(con):
    event_id = queries.explorer_rows(con, Filters(senders=("RUS",), types=("offer_aid",)))["event_id"].iloc[0]
    detail = queries.event_detail(con, event_id)
    assert (detail["n_reports"], detail["n_outlets"]) == (2, 2)
    assert detail["incident_id"]
    assert detail["evidence"] in detail["evidence_all"] and detail["mentions"] >= 1


def test_headline_of_nothing_is_all_zeros(con):
    counts = queries.headline(con, Filters(senders=("RUS",), recipients=("CHN",)))
    assert set(counts.values()) == {0}
    assert queries.dyad_table(con, Filters(senders=("RUS",), recipients=("CHN",))).empty


def test_explorer_rows_and_downloads_give_each_offer_its_status_and_the_day_of_the_answer(con):
    f = Filters(senders=("RUS",), recipients=("PRK",), types=("offer_aid",))
    rows = queries.explorer_rows(con, f)
    assert set(rows["outcome"]) == {"deferred"} and rows["reply_date"].notna().all()
    frame = queries.events_export(con, f)
    assert list(frame["outcome"]) == list(rows["outcome"]) and frame["reply_date"].notna().all()
    others = queries.events_export(con, Filters(types=("express_sympathy",)))
    assert others["outcome"].isna().all() and others["reply_date"].isna().all()
    header = queries.events_csv(con, f).split(b"\n", 1)[0]
    assert header.endswith(b'"outcome","reply_date"')
