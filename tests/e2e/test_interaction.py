"""What a user clicks: a timeline point opens its evidence; the CSV holds exactly the rows shown."""

from __future__ import annotations

import csv
import io

import duckdb
from e2e_helpers import (
    assert_no_exception,
    events_match,
    open_view,
    pick_option,
    wait_for_charts,
    wait_for_view,
)


def test_clicking_a_timeline_point_opens_its_evidence(page, app_url, fixture_db):
    open_view(page, app_url + "/timeline")
    wait_for_charts(page)
    point = page.locator(".js-plotly-plot .scatterlayer .trace .points path").first
    point.wait_for(state="visible")
    box = point.bounding_box()
    assert box, "no visible point on the timeline"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_view(page, main="Date precision")
    assert_no_exception(page)
    shown = page.locator('[data-testid="stMain"]').inner_text()
    con = duckdb.connect(str(fixture_db), read_only=True)
    rows = con.execute("SELECT evidence FROM events WHERE evidence IS NOT NULL").fetchall()
    evidence = [row[0] for row in rows]
    con.close()
    assert any(sentence in shown for sentence in evidence), "the clicked point's evidence is not shown"
    assert "Date precision" in shown and "Certainty" in shown


def test_csv_download_holds_exactly_the_filtered_rows(page, app_url):
    open_view(page, app_url + "/events")
    pick_option(page, "Senders", "Russia")
    expected = events_match(page)
    with page.expect_download() as download:
        page.locator('[data-testid="stDownloadButton"] button').first.click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert len(rows) == expected
    assert {row["sender"] for row in rows} == {"RUS"}
