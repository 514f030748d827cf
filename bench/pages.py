"""Time every dashboard page on a database: the whole script in AppTest, and its queries and figures.

For each page, R runs of the whole app script (app.py with the page selected, as `streamlit run`
executes it: sidebar, queries, figures, serialisation) in `streamlit.testing.v1.AppTest`, with the
query cache cleared before each run (a first visit with these filters), then R runs with the cache
warm (a rerun). The shared read-only connection stays open across runs, as in a running server.
Then each call the page makes (queries on a fresh cursor, figure building, the figure's JSON that
Streamlit sends) is timed alone, to show where the time goes. Times are wall clock; CPU time of the
process (all threads) is given beside them, the steadier figure on a shared machine.

Example:
    python bench/pages.py --db /tmp/bench-1m.duckdb --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard import charts, queries  # noqa: E402
from dashboard.filters import RESPONSE_TYPES, Filters  # noqa: E402

APP = str(ROOT / "app.py")
PAGES = {
    "overview": "pages/overview.py",
    "timeline": "pages/timeline.py",
    "flows": "pages/flows.py",
    "compare": "pages/compare.py",
    "events": "pages/events.py",
}
PAIR = ("prk-chn-2020", "rus-prk-2024")
Call = tuple[str, Callable[..., Any]]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def summary(wall: list[float], cpu: list[float]) -> dict[str, float]:
    """Median and p95 of wall times, median CPU time, in milliseconds."""
    return {
        "median_ms": round(statistics.median(wall) * 1000, 1),
        "p95_ms": round(percentile(wall, 95) * 1000, 1),
        "cpu_median_ms": round(statistics.median(cpu) * 1000, 1),
    }


def app_runs(page: str, repeat: int, *, cold: bool) -> dict[str, float]:
    """Run the whole app script with `page` selected `repeat` times; cold clears the query cache first."""
    import streamlit as st
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    set_log_level("error")  # clearing the cache outside a script run warns each time

    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(repeat):
        if cold:
            st.cache_data.clear()
        at = AppTest.from_file(APP, default_timeout=300)
        at.switch_page(page)
        clock, clock_cpu = time.perf_counter(), time.process_time()
        at.run()
        wall.append(time.perf_counter() - clock)
        cpu.append(time.process_time() - clock_cpu)
        if at.exception:
            raise RuntimeError(f"{page} raised: {[e.value for e in at.exception]}")
    return summary(wall, cpu)


def _figure(build: Callable[[], Any]) -> Callable[[duckdb.DuckDBPyConnection], Any]:
    """A call that builds a figure and serialises it to JSON, as st.plotly_chart does."""
    return lambda _cur: build().to_json()


def page_calls(con: duckdb.DuckDBPyConnection) -> dict[str, list[Call]]:
    """What each page (and the sidebar every page draws) calls, with the arguments it uses by default."""
    f = Filters()
    cur = con.cursor()
    names = queries.country_names(cur)
    colors = charts.color_map(names)
    events = queries.timeline_events(cur, f, queries.TIMELINE_LIMIT)
    onsets = queries.cases(cur)
    links = queries.flow_links(cur, f)
    case_events = queries.case_timeline(cur, PAIR, f, queries.CASE_LIMIT)
    titles = dict(zip(onsets["id"], onsets["title"], strict=True))
    cur.close()
    return {
        "sidebar": [
            ("country_names", queries.country_names),
            ("actor_options", queries.actor_options),
            ("date_bounds", queries.date_bounds),
        ],
        "overview": [
            ("data_as_of", queries.data_as_of),
            ("headline", lambda c: queries.headline(c, f)),
            ("latest_offers", lambda c: queries.latest_offers(c, f, 8)),
            ("cases", queries.cases),
        ],
        "timeline": [
            ("count_dated", lambda c: queries.count_dated(c, f)),
            ("count_events", lambda c: queries.count_events(c, f)),
            ("timeline_events", lambda c: queries.timeline_events(c, f, queries.TIMELINE_LIMIT)),
            (
                "timeline_figure+json",
                _figure(lambda: charts.timeline_figure(events, colors=colors, names=names, onsets=onsets)),
            ),
        ],
        "flows": [
            ("flow_links", lambda c: queries.flow_links(c, f)),
            ("sankey+json", _figure(lambda: charts.sankey_figure(links, colors=colors, names=names))),
            ("heatmap+json", _figure(lambda: charts.heatmap_figure(links, names=names))),
            ("dyad_table", lambda c: queries.dyad_table(c, f)),
        ],
        "compare": [
            ("count_case_events", lambda c: queries.count_case_events(c, PAIR, f)),
            ("case_metrics x2", lambda c: [queries.case_metrics(c, k, f) for k in PAIR]),
            ("case_timeline", lambda c: queries.case_timeline(c, PAIR, f, queries.CASE_LIMIT)),
            (
                "compare_figure+json",
                _figure(
                    lambda: charts.compare_figure(case_events, titles=titles, colors=colors, names=names)
                ),
            ),
            ("roles", lambda c: queries.roles(c, PAIR, f)),
            ("case_points x2", lambda c: [queries.case_points(c, k, f) for k in PAIR]),
        ],
        "events": [
            ("count_events", lambda c: queries.count_events(c, f)),
            ("explorer_rows", lambda c: queries.explorer_rows(c, f, "newest", queries.EXPLORER_LIMIT)),
            ("review_rows", lambda c: queries.review_rows(c, f, 200)),
            ("count_events (search)", lambda c: queries.count_events(c, Filters(search="flood"))),
            ("responses count", lambda c: queries.headline(c, f.with_types(RESPONSE_TYPES))),
        ],
    }


def call_times(db: Path, repeat: int) -> dict[str, dict[str, float]]:
    """Median ms of each call each page makes, each on a fresh cursor."""
    con = duckdb.connect(str(db), read_only=True)
    out: dict[str, dict[str, float]] = {}
    for page, calls in page_calls(con).items():
        for name, fn in calls:
            wall = []
            for _ in range(repeat):
                with con.cursor() as cur:
                    clock = time.perf_counter()
                    fn(cur)
                    wall.append(time.perf_counter() - clock)
            out.setdefault(page, {})[name] = round(statistics.median(wall) * 1000, 1)
    con.close()
    return out


def run(db: Path, repeat: int = 5) -> dict[str, Any]:
    """Time every page on the database at `db`: whole script cold and warm, and each call alone."""
    os.environ["AID_DB"] = str(db)
    app_runs("pages/overview.py", 1, cold=True)  # imports and the connection: once per server
    cold = {name: app_runs(path, repeat, cold=True) for name, path in PAGES.items()}
    warm = {name: app_runs(path, repeat, cold=False) for name, path in PAGES.items()}
    return {"db": str(db), "repeat": repeat, "cold": cold, "warm": warm, "calls": call_times(db, repeat)}


def table(figures: dict[str, Any]) -> str:
    """A Markdown table of the page times and the slowest call of each page."""
    lines = [
        "| page | script median ms (p95) | CPU ms | cached rerun ms | slowest call (ms) |",
        "|---|---|---|---|---|",
    ]
    for page, cold in figures["cold"].items():
        calls = figures["calls"].get(page, {})
        slowest = max(calls.items(), key=lambda kv: kv[1]) if calls else ("", 0)
        lines.append(
            f"| {page} | {cold['median_ms']} ({cold['p95_ms']}) | {cold['cpu_median_ms']} | "
            f"{figures['warm'][page]['median_ms']} | {slowest[0]} ({slowest[1]}) |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, time the pages, print a table and one JSON line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, required=True, help="events database to read")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each page (R)")
    args = parser.parse_args(argv)
    figures = run(args.db.resolve(), args.repeat)
    print(table(figures))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
