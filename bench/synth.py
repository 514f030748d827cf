"""Build a synthetic events database of N events through the real schema and loader (etl/load.py).

Acts are drawn with a realistic skew (a few sender -> recipient pairs carry most of the traffic, as the
two reference cases' pairs do in the news), over 15 years and about 200 actors. Each act is reported
1-6 times within a day of each other, by articles (several acts per article) or by GDELT-like rows
with mention counts, so the derive step (etl/derive.sql) groups them into incidents as it does real
data; about 40 % of offers get an answer from their recipient within a month. The random choices
that shape the data (actor order, pair weights, outlets) come from `random.Random(42)`; the rows are
then generated in bulk by DuckDB from hashes of the row number, so a million events take seconds.

Example:
    python bench/synth.py --events 1000000 --db /tmp/bench-1m.duckdb
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.build import read_cases_file  # noqa: E402
from etl.load import CASE_KEYS, Run, derive, insert_rows, insert_run, new_database  # noqa: E402
from etl.models import cameo_code  # noqa: E402
from etl.names import actor_rows  # noqa: E402

SEED = 42
ACTORS = 200
PAIRS = 3_000
OUTLETS = 300
SLOTS = 100_000  # pair lottery: each pair holds slots in proportion to its weight
START = "2010-01-01"
DAYS = 15 * 365
# The reference cases' actors lead the list, so their pairs are among the busiest, as in the news.
LEADERS = ("PRK", "CHN", "RUS", "KOR", "USA", "JPN", "IDN", "TUR", "SYR", "UKR")
ORGANISATIONS = ("UN", "EU", "WHO", "WFP", "UNHCR", "ICRC", "IFRC", "ASEAN")
# Act types with their weights (responses to offers are added on top, see ANSWERS).
ACT_TYPES = (
    ("offer_aid", 30),
    ("provide_aid", 20),
    ("express_sympathy", 15),
    ("meet", 12),
    ("request_aid", 8),
    ("sign_agreement", 5),
    ("express_gratitude", 5),
    ("accept_aid", 3),
    ("decline_aid", 2),
)
AID_TYPES = ("humanitarian", "medical", "financial", "disaster_relief", "military", "unspecified")
VERBS = {
    "offer_aid": "offered aid to",
    "provide_aid": "delivered relief supplies to",
    "express_sympathy": "sent condolences to",
    "meet": "held talks with",
    "request_aid": "asked for help from",
    "sign_agreement": "signed an aid agreement with",
    "express_gratitude": "thanked",
    "accept_aid": "accepted help from",
    "decline_aid": "turned down help from",
}
DISASTERS = ("the flood", "the earthquake", "the cyclone", "the drought", "the outbreak", "the fire")

SQL = """
CREATE TEMP TABLE act AS
WITH base AS (
    SELECT i AS act,
           -- acts in date order: consecutive acts fall on nearby days, so an article can report several
           DATE '{start}' + CAST(floor(i * {days} / $acts) AS INTEGER) AS day,
           hash(i, 1) AS h1, hash(i, 2) AS h2, hash(i, 3) AS h3
    FROM range($acts) t(i)
)
SELECT b.act, b.day, p.sender, p.recipient, ty.event_type,
       -- 1 to 6 reports per act, most acts reported once or twice
       1 + CAST(floor(pow((b.h2 % 1000) / 1000.0, 2.5) * 6) AS INTEGER) AS reports,
       b.h3
FROM base b
JOIN pair_slot s ON s.slot = b.h1 % {slots}
JOIN pair p ON p.pair = s.pair
JOIN type_slot ty ON ty.slot = b.h3 % 100;

-- Answers: about 40 % of offers get a reply from their recipient 1-30 days later.
INSERT INTO act
SELECT $acts + row_number() OVER (ORDER BY act), day + CAST(1 + h3 % 30 AS INTEGER), recipient, sender,
       ['accept_aid', 'express_gratitude', 'decline_aid'][1 + CAST(h3 // 7 % 3 AS INTEGER)],
       1 + CAST(h3 // 11 % 3 AS INTEGER), hash(act, 9)
FROM act
WHERE event_type = 'offer_aid' AND h3 // 5 % 5 < 2;

CREATE TEMP TABLE report AS
SELECT a.*, r, hash(a.act, r) AS hr,
       hash(a.act, r) % 4 = 3 AS from_gdelt,
       -- three neighbouring acts share the article of their r-th report
       'syn-' || (a.act // 3) || '-' || r AS article_id
FROM act a, range(a.reports) t(r);

INSERT INTO articles (id, url, title, outlet, published, language, content_hash, summary)
SELECT article_id, 'https://news.example/' || article_id, 'Synthetic report ' || article_id,
       $outlets[1 + CAST(min(hr) % {n_outlets} AS INTEGER)],
       max(day) + CAST(min(hr) % 3 AS INTEGER),
       CASE WHEN min(hr) % 3 = 0 THEN 'id' ELSE 'en' END,
       md5(article_id), FALSE
FROM report
WHERE NOT from_gdelt
GROUP BY article_id;

INSERT INTO events BY NAME
SELECT md5(act || '-' || r)[:16] AS event_id,
       CASE WHEN from_gdelt THEN NULL ELSE article_id END AS article_id,
       event_type,
       k.cameo AS cameo_code,
       sender, s.name AS sender_name,
       recipient, r.name AS recipient_name,
       CASE WHEN hr % 50 = 0 THEN NULL ELSE day + CAST(hr // 50 % 2 AS INTEGER) END AS event_date,
       CASE WHEN hr % 50 = 0 THEN NULL WHEN hr % 17 = 0 THEN 'month' ELSE 'day' END AS date_precision,
       $aid_types[1 + CAST(hr // 3 % {n_aid} AS INTEGER)] AS aid_type,
       CASE WHEN event_type = 'decline_aid' AND hr % 3 = 0 THEN 'deferred' END AS response,
       CASE WHEN from_gdelt THEN 'reported' WHEN hr % 29 = 0 THEN 'alleged' ELSE 'stated' END AS certainty,
       CASE WHEN from_gdelt THEN NULL
            ELSE s.name || ' ' || k.verb || ' ' || r.name || ' after '
                 || $disasters[1 + CAST(hr // 5 % {n_disasters} AS INTEGER)] || ' (report ' || act || ').'
       END AS evidence,
       CASE WHEN from_gdelt THEN 'https://wire.example/' || act || '/' || r
            ELSE 'https://news.example/' || article_id END AS source_url,
       CASE WHEN from_gdelt THEN 'gdelt' ELSE 'article' END AS source,
       0.5 + (hr % 50) / 100.0 AS confidence,
       hr % 50 = 0 OR hr % 97 = 0 AS needs_review,
       CASE WHEN from_gdelt THEN 1 + CAST(hr % 20 AS INTEGER) END AS num_mentions,
       CASE WHEN from_gdelt THEN 1 + CAST(hr % 5 AS INTEGER) END AS num_sources,
       CASE WHEN from_gdelt THEN 1 + CAST(hr % 20 AS INTEGER) END AS num_articles,
       CASE WHEN from_gdelt THEN 3.4 END AS goldstein_scale,
       CASE WHEN from_gdelt THEN -2.5 + (hr % 50) / 10.0 END AS avg_tone,
       CASE WHEN from_gdelt THEN CAST(day + 1 AS TIMESTAMP) END AS date_added,
       CASE WHEN from_gdelt THEN [] ELSE [evidence] END AS evidence_all,
       1 AS mentions
FROM (SELECT * FROM report ORDER BY act, r LIMIT $events) p
JOIN kind k USING (event_type)
JOIN actor_name s ON s.code = p.sender
JOIN actor_name r ON r.code = p.recipient
ORDER BY event_date NULLS LAST, event_id;
"""


def actor_codes(rng: random.Random) -> list[str]:
    """About 200 actors: the cases' states first, the rest of the world's states and IGOs shuffled."""
    states = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in LEADERS)
    rng.shuffle(states)
    return [*LEADERS, *rng.sample(ORGANISATIONS, len(ORGANISATIONS)), *states][:ACTORS]


def pair_table(actors: list[str], rng: random.Random) -> tuple[pa.Table, pa.Table]:
    """Sender -> recipient pairs and the lottery slots that skew them: weights fall as 1 / rank^1.2."""
    pairs: list[tuple[str, str]] = [("PRK", "CHN"), ("RUS", "PRK"), ("CHN", "PRK"), ("KOR", "PRK")]
    seen = set(pairs)
    while len(pairs) < PAIRS:
        # actors early in the list are drawn more often, so a few states dominate both sides
        a, b = (actors[min(int(rng.paretovariate(0.8)) - 1, len(actors) - 1)] for _ in range(2))
        if a != b and (a, b) not in seen:
            seen.add((a, b))
            pairs.append((a, b))
    weights = [1 / (rank + 1) ** 1.2 for rank in range(len(pairs))]
    total = sum(weights)
    slots: list[int] = []
    for index, weight in enumerate(weights):
        slots += [index] * max(1, round(weight / total * SLOTS))
    slots = slots[:SLOTS]
    slots += [len(pairs) - 1] * (SLOTS - len(slots))
    pair = pa.table(
        {"pair": range(len(pairs)), "sender": [p[0] for p in pairs], "recipient": [p[1] for p in pairs]}
    )
    return pair, pa.table({"slot": range(SLOTS), "pair": slots})


def type_slots() -> pa.Table:
    """Event type lottery: 100 slots held in proportion to ACT_TYPES' weights."""
    slots = [name for name, weight in ACT_TYPES for _ in range(weight)]
    return pa.table({"slot": range(len(slots)), "event_type": slots})


def lookups(actors: list[str]) -> dict[str, pa.Table]:
    """Small tables the generating SQL joins: actor names, and each type's CAMEO code and verb."""
    rows = actor_rows(actors)
    kinds = [name for name, _ in ACT_TYPES]
    return {
        "actor_name": pa.table({"code": [r[0] for r in rows], "name": [r[1] for r in rows]}),
        "kind": pa.table(
            {
                "event_type": kinds,
                "cameo": [cameo_code(k) for k in kinds],
                "verb": [VERBS[k] for k in kinds],
            }
        ),
    }


def parameters(n_events: int, rng: random.Random) -> dict[str, Any]:
    """Values bound into the generating SQL."""
    return {
        "acts": max(1, n_events * 10 // 23),  # acts x reports x answers comes to a little over n_events
        "events": n_events,
        "outlets": [f"Outlet {rng.randrange(10_000):04d}" for _ in range(OUTLETS)],
        "aid_types": list(AID_TYPES),
        "disasters": list(DISASTERS),
    }


def generate(con: duckdb.DuckDBPyConnection, n_events: int) -> None:
    """Insert the synthetic articles, events, actors and cases into an initialised database."""
    rng = random.Random(SEED)
    actors = actor_codes(rng)
    pair, pair_slot = pair_table(actors, rng)
    params = parameters(n_events, rng)
    tables = {"pair": pair, "pair_slot": pair_slot, "type_slot": type_slots(), **lookups(actors)}
    for name, table in tables.items():
        con.register(name, table)
    sql = SQL.format(
        start=START,
        days=DAYS,
        slots=SLOTS,
        n_aid=len(AID_TYPES),
        n_outlets=OUTLETS,
        n_disasters=len(DISASTERS),
    )
    for statement in sql.split(";\n"):
        if statement.strip():
            con.execute(statement, {k: v for k, v in params.items() if f"${k}" in statement})
    for name in tables:
        con.unregister(name)
    con.executemany("INSERT INTO actors VALUES (?, ?)", actor_rows(actors))
    cases, _ = read_cases_file(ROOT / "data" / "cases.toml")
    insert_rows(con, "cases", cases, CASE_KEYS)


def build(db_path: Path, n_events: int) -> dict[str, Any]:
    """Write a synthetic database of n_events at db_path (atomically); return counts and timings."""
    started = datetime.now()
    clock = time.perf_counter()
    with new_database(db_path) as con:
        generate(con, n_events)
        generated, generated_cpu = time.perf_counter(), time.process_time()
        derive(con)
        derived, derived_cpu = time.perf_counter(), time.process_time()
        events, articles, incidents = con.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles), count(*) FROM incidents"
        ).fetchall()[0]
        run = Run(started, datetime.now(), 0, articles, events, 0, 0, "synthetic")
        insert_run(con, run)
    return {
        "events": events,
        "articles": articles,
        "incidents": incidents,
        "generate_s": round(generated - clock, 2),
        "derive_s": round(derived - generated, 2),
        "derive_cpu_s": round(derived_cpu - generated_cpu, 2),
        "total_s": round(time.perf_counter() - clock, 2),
        "db_mb": round(db_path.stat().st_size / 1e6, 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build the database, print its figures as one JSON line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000, help="events to generate")
    parser.add_argument("--db", type=Path, required=True, help="database file to write (replaced)")
    args = parser.parse_args(argv)
    print(json.dumps(build(args.db, args.events)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
