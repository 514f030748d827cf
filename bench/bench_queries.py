"""Time each page's queries on a synthetic database of 1,000,000 events (not a test; prints timings).

Example:
    python bench/bench_queries.py            # 1,000,000 events in a temp dir
    python bench/bench_queries.py 200000     # a smaller run
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard import queries  # noqa: E402
from dashboard.filters import Filters  # noqa: E402
from etl.load import derive, init_db  # noqa: E402

ACTORS = [
    "PRK",
    "CHN",
    "RUS",
    "KOR",
    "USA",
    "JPN",
    "IDN",
    "IND",
    "TUR",
    "SYR",
    "UKR",
    "IRN",
    "GBR",
    "FRA",
    "DEU",
]
TYPES = ["offer_aid", "provide_aid", "request_aid", "accept_aid", "decline_aid", "express_sympathy",
         "express_gratitude", "sign_agreement", "meet"]  # fmt: skip

SYNTHESIZE = """
INSERT INTO articles
SELECT 'a' || i, 'https://example.org/' || i, 'Report ' || i, 'Outlet ' || (i % 50),
       DATE '2015-01-01' + CAST(i % 3650 AS INTEGER), 'en', md5(i::VARCHAR), NULL, i % 3 = 0
FROM range($articles) t(i);

INSERT INTO events (event_id, article_id, event_type, cameo_code, sender, sender_name, recipient,
                    recipient_name, event_date, date_precision, aid_type, response, certainty, evidence,
                    source_url, source, confidence, needs_review)
SELECT md5(i::VARCHAR)[:16],
       'a' || (i % $articles),
       $types[1 + (hash(i) % $ntypes)::INTEGER],
       '033',
       $actors[1 + (hash(i * 7) % $nactors)::INTEGER],
       NULL,
       $actors[1 + (hash(i * 13) % $nactors)::INTEGER],
       NULL,
       CASE WHEN i % 500 = 0 THEN NULL ELSE DATE '2015-01-01' + CAST(hash(i * 3) % 3650 AS INTEGER) END,
       'day',
       ['humanitarian', 'medical', 'financial', 'disaster_relief', 'military'][1 + (i % 5)::INTEGER],
       CASE WHEN i % 11 = 0 THEN 'deferred' END,
       'stated',
       'Synthetic evidence sentence number ' || i || CASE WHEN i % 97 = 0 THEN ' about a flood' ELSE '' END,
       'https://example.org/' || i, 'article', 0.5, i % 500 = 0
FROM range($events) t(i)
ORDER BY 9 NULLS LAST;

INSERT INTO cases VALUES
 ('prk-chn-2020', 'PRK → CHN 2020', 'Covid', DATE '2020-01-23', NULL, DATE '2020-01-01', DATE '2020-03-31',
  'PRK', 'CHN', 'North Korea as giver'),
 ('rus-prk-2024', 'RUS → PRK 2024', 'Floods', DATE '2024-07-27', NULL, DATE '2024-06-01', DATE '2024-09-30',
  'RUS', 'PRK', 'North Korea as receiver');
INSERT INTO etl_runs VALUES (now(), now(), 0, $articles, $events, 0, 0, 'bench');
INSERT INTO actors SELECT code, 'Country ' || code FROM (SELECT unnest($actors) AS code);
"""


def build(path: Path, n_events: int) -> float:
    """Create the synthetic database; return seconds taken."""
    started = time.perf_counter()
    con = duckdb.connect(str(path))
    init_db(con)
    params = {
        "events": n_events, "articles": max(1, n_events // 10), "types": TYPES, "ntypes": len(TYPES),
        "actors": ACTORS, "nactors": len(ACTORS),
    }  # fmt: skip
    for statement in SYNTHESIZE.split(";\n"):
        if statement.strip():
            con.execute(statement, {k: v for k, v in params.items() if f"${k}" in statement})
    con.execute("UPDATE events SET sender_name = sender, recipient_name = recipient")
    derived = time.perf_counter()
    derive(con)
    print(f"derive offer outcomes (part of every build): {time.perf_counter() - derived:.2f} s")
    con.close()
    return time.perf_counter() - started


def timed(con: duckdb.DuckDBPyConnection, fn: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    """Best of three runs of one query on a fresh cursor, in milliseconds."""
    best = float("inf")
    result: Any = None
    for _ in range(3):
        with con.cursor() as cur:
            started = time.perf_counter()
            result = fn(cur, *args)
            best = min(best, time.perf_counter() - started)
    return best * 1000, result


def size(result: Any) -> str:
    """A short description of a query result."""
    if hasattr(result, "shape"):
        return f"{result.shape[0]} rows"
    if isinstance(result, bytes):
        return f"{len(result) / 1e6:.1f} MB"
    return str(result)[:40]


def page_queries() -> dict[str, list[tuple[str, Callable[..., Any], tuple[Any, ...]]]]:
    """The queries each page runs, with representative arguments."""
    none, rus = Filters(), Filters(senders=("RUS",))
    recent = Filters(start=date(2023, 1, 1), types=("offer_aid",))
    pair = ("prk-chn-2020", "rus-prk-2024")
    return {
        "sidebar": [
            ("country_names", queries.country_names, ()),
            ("actor_options", queries.actor_options, ()),
            ("date_bounds", queries.date_bounds, ()),
        ],
        "overview": [
            ("data_as_of", queries.data_as_of, ()),
            ("headline", queries.headline, (none,)),
            ("latest_offers", queries.latest_offers, (none, 8)),
            ("cases", queries.cases, ()),
        ],
        "timeline": [
            ("count_dated", queries.count_dated, (none,)),
            ("timeline_events (all)", queries.timeline_events, (none,)),
            ("timeline_events (RUS)", queries.timeline_events, (rus,)),
            ("event_detail", queries.event_detail, ("0000000000000000",)),
        ],
        "flows": [
            ("flow_links", queries.flow_links, (none,)),
            ("dyad_table", queries.dyad_table, (none,)),
            ("dyad_table (offers since 2023)", queries.dyad_table, (recent,)),
        ],
        "compare": [
            ("count_case_events", queries.count_case_events, (pair, none)),
            ("case_metrics", queries.case_metrics, ("rus-prk-2024", none)),
            ("case_timeline", queries.case_timeline, (pair, none)),
            ("case_points", queries.case_points, ("rus-prk-2024", none)),
            ("roles", queries.roles, (pair, none)),
        ],
        "events": [
            ("count_events (search 'flood')", queries.count_events, (Filters(search="flood"),)),
            ("explorer_rows", queries.explorer_rows, (none, "newest")),
            ("review_rows", queries.review_rows, (none,)),
            ("events_csv (RUS, all rows)", queries.events_csv, (rus,)),
        ],
    }


def main(argv: list[str]) -> int:
    """Build the synthetic database and print a timing table."""
    n_events = int(argv[0]) if argv else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        print(f"building {n_events:,} synthetic events… {build(path, n_events):.1f} s")
        con = duckdb.connect(str(path), read_only=True)
        print(f"{'page':<10} {'query':<34} {'ms':>9}  result")
        for page, items in page_queries().items():
            for name, fn, args in items:
                ms, result = timed(con, fn, *args)
                print(f"{page:<10} {name:<34} {ms:>9.1f}  {size(result)}")
        con.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
