"""Time grouping N events into incidents (etl/derive.sql) on a synthetic database; prints timings.

Acts are drawn with a skew (a few dyads dominate) and each is reported 1-6 times within two days, by
articles or by GDELT-like rows with mention counts, so the grouping has real chains to find. The time is
for the whole derive step (incidents and offer outcomes), an upper bound for the incident grouping.

Example:
    python bench/bench_incidents.py            # 1,000,000 events
    python bench/bench_incidents.py 100000
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.load import derive, init_db  # noqa: E402

TARGET_S = 5.0
SYNTHESIZE = """
INSERT INTO articles (id, outlet, published, content_hash)
SELECT 'a' || i, 'outlet ' || (i % 300), DATE '2010-01-01' + CAST(hash(i) % 5400 AS INTEGER), md5(i::VARCHAR)
FROM range($n // 2) t(i);

INSERT INTO events BY NAME
WITH act AS (
    SELECT i AS act,
           ['offer_aid', 'provide_aid', 'express_sympathy', 'accept_aid', 'express_gratitude'][1 + i % 5]
               AS event_type,
           'C' || CAST(floor(pow((hash(i * 7) % 10000) / 10000.0, 3) * 200) AS INTEGER) AS sender,
           'C' || CAST(floor(pow((hash(i * 13) % 10000) / 10000.0, 3) * 200) AS INTEGER) AS recipient,
           DATE '2010-01-01' + CAST(hash(i * 3) % 5400 AS INTEGER) AS day,
           1 + CAST(hash(i * 5) % 6 AS INTEGER) AS reports
    FROM range($n // 3) t(i)
),
report AS (
    SELECT act.*, r FROM act, range(reports) t(r)
)
SELECT md5(act || '-' || r)[:16] AS event_id,
       CASE WHEN r % 4 = 3 THEN NULL ELSE 'a' || (hash(act, r) % ($n // 2)) END AS article_id,
       event_type, '033' AS cameo_code, sender, recipient,
       CASE WHEN hash(act, r) % 25 = 0 THEN NULL ELSE day + CAST(hash(act, r) % 2 AS INTEGER) END
           AS event_date,
       'day' AS date_precision, 'stated' AS certainty, 'sentence' AS evidence,
       CASE WHEN r % 4 = 3 THEN 'gdelt' ELSE 'article' END AS source,
       CASE WHEN r % 4 = 3 THEN 1 + CAST(hash(act) % 20 AS INTEGER) END AS num_mentions,
       CASE WHEN r % 4 = 3 THEN 1 + CAST(hash(act) % 5 AS INTEGER) END AS num_sources
FROM report
LIMIT $n;
"""


def cpu_seconds() -> float:
    """CPU time used by this process so far (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(n: int) -> None:
    """Build the synthetic events, run derive, print the timing against the target."""
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "bench.duckdb"))
        init_db(con)
        for statement in SYNTHESIZE.split(";")[:2]:
            con.execute(statement, {"n": n})
        con.execute("CHECKPOINT")
        wall, cpu = time.perf_counter(), cpu_seconds()
        derive(con)
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        events, incidents, multi = con.execute(
            "SELECT (SELECT count(*) FROM events), count(*), count(*) FILTER (WHERE n_events > 1) "
            "FROM incidents"
        ).fetchone()
        con.close()
    verdict = "ok" if wall <= TARGET_S else "OVER"
    print(f"{events:,} events -> {incidents:,} incidents ({multi:,} with several reports)")
    print(f"derive: {wall:.2f} s wall, {cpu:.2f} s CPU (target {TARGET_S:.0f} s wall: {verdict})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
