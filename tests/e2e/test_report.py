"""The comparison's HTML report stands alone: downloaded from /compare and opened from disk with every
network request blocked, it draws its charts and holds the point-by-point table and every source link."""

from __future__ import annotations

import tomllib
from pathlib import Path

import duckdb
import pytest
from e2e_helpers import assert_no_exception, open_view, wait_for_charts
from playwright.sync_api import Route

from dashboard.i18n import Texts

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases.toml"
SHOWN = ("prk-chn-2020", "rus-prk-2024")  # the comparison's default pair

# Each table matching a selector, as rows of cell texts.
_TABLES_JS = """
selector => Array.from(document.querySelectorAll(selector)).map(table =>
  Array.from(table.querySelectorAll('tr')).map(row =>
    Array.from(row.querySelectorAll('th, td')).map(cell => cell.innerText.trim())))
"""


def case_titles(lang: str) -> list[str]:
    """The default pair's titles in the language, from the fixture cases file."""
    with CASES.open("rb") as fp:
        cases = {case["id"]: case for case in tomllib.load(fp)["case"]}
    field = "title" if lang == "en" else f"title_{lang}"
    return [cases[case_id].get(field, cases[case_id]["title"]) for case_id in SHOWN]


def source_links(db: Path) -> set[str]:
    """The http(s) source links of every report inside the two cases' windows."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT DISTINCT source_url FROM case_events WHERE list_contains(?, case_id) "
            "AND regexp_matches(source_url, '^https?://')",
            [list(SHOWN)],
        ).fetchall()
    finally:
        con.close()
    return {row[0] for row in rows}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_comparison_report_opens_from_disk_with_charts_table_and_sources_and_no_network(
    browser, page, app_url, fixture_db, tmp_path, lang
):
    tx = Texts(lang)
    open_view(page, f"{app_url}/compare" + ("" if lang == "en" else f"?lang={lang}"))
    assert_no_exception(page)
    shown = page.evaluate(_TABLES_JS, '[data-testid="stTable"] table')
    assert len(shown) == 1, "the page should show one static table: the point-by-point comparison"
    points = [row[0] for row in shown[0]]  # its first column: the header cell, then each point's name
    buttons = page.locator('[data-testid="stDownloadButton"] button')  # and a hidden copy of each
    button = buttons.filter(has_text=tx("compare.report.button"), visible=True)
    with page.expect_download() as download:
        button.click()
    report = tmp_path / download.value.suggested_filename
    download.value.save_as(report)
    assert report.suffix == ".html"

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))

    def only_the_file(route: Route) -> None:
        """Let the report itself load; refuse anything else (it would need the network)."""
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_the_file)
    try:
        offline = context.new_page()
        offline.goto(report.as_uri())
        charts = offline.locator(".plotly-graph-div").count()
        assert charts >= 1, "the report has no chart"
        wait_for_charts(offline, at_least=charts)
        tables = offline.evaluate(_TABLES_JS, "table")
        heading = offline.locator("h1").first.inner_text()
        links = set(offline.locator("a[href]").evaluate_all("links => links.map(a => a.href)"))
    finally:
        context.close()

    assert requests == [report.as_uri()], f"the report tried to load {requests[1:]}"
    assert all(title in heading for title in case_titles(lang)), heading
    table = next((t for t in tables if [row[0] for row in t] == points), None)
    assert table, f"no table in the report lists the points {points}"
    assert all(title in table[0] for title in case_titles(lang)), f"the table's header is {table[0]}"
    expected = source_links(fixture_db)
    assert expected and {link for link in links if link.startswith("http")} == expected
