"""Benchmark the GDELT import against DuckDB reading and filtering the same file bare.

Writes a synthetic GDELT 2.0 Events export (61 columns, a few percent aid codes), then times, each in
a fresh process: `import_gdelt` into a new database, and a bare `read_csv` with the same columns and
types plus the same WHERE, materialised. Prints the median of each, their ratio (target <= 1.5) and
the peak RSS of each process, then one JSON line. Each process also reports its CPU time (all
threads), the steadier figure when other work shares the machine.

Example:
    python bench/bench_gdelt.py --rows 1000000
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.gdelt import CSV_OPTIONS, STORE_COLUMNS, Filters, layout, row_filter  # noqa: E402

# Codes drawn for synthetic rows: 10 aid-related codes in 340, about 3 % of rows, as in the real
# GDELT 1.0 sample (20 aid rows of 710).
OTHER_CODES = ["010", "020", "036", "040", "042", "043", "046", "051", "111", "112", "190", "173", "0862"]
AID_CODES = ["0331", "033", "070", "073", "018", "0233", "057", "0863", "1031", "1224"]
CODES = (OTHER_CODES * 26)[:330] + AID_CODES
ACTORS = ["USA", "CHN", "RUS", "IDN", "TUR", "JPN", "KOR", "PRK", "FRA", "GBR", "DEU", "IND", "BRA", "ZAF"]


def write_export(path: Path, rows: int) -> None:
    """Write `rows` synthetic 61-column GDELT 2.0 rows (deterministic: hashes of the row number)."""
    import duckdb

    codes = "[" + ", ".join(f"'{c}'" for c in CODES) + "]"
    actors = "[" + ", ".join(f"'{a}'" for a in ACTORS) + "]"
    pick = "list_extract({list}, 1 + (hash(i * {salt}) % len({list}))::INTEGER)"
    actor1, actor2 = pick.format(list=actors, salt=3), pick.format(list=actors, salt=5)
    empty6 = ", ".join(["''"] * 6)
    geo = "'4', 'Jakarta, Jakarta Raya, Indonesia', 'ID', 'ID04', '', -6.2, 106.8, '-2679652'"
    select = f"""
        SELECT 1000000000 + i, strftime(DATE '2015-02-18' + (i % 3650)::INTEGER, '%Y%m%d'),
               '201502', '2015', '2015.1315',
               {actor1} || 'GOV', 'GOVERNMENT', {actor1}, '', {empty6},
               {actor2}, 'STATE', {actor2}, '', {empty6},
               '1', {pick.format(list=codes, salt=7)} AS code, '033', '03', '2', 3.4,
               1 + i % 20, 1 + i % 4, 1 + i % 20, -2.35,
               {geo}, {geo}, {geo},
               20150218230000 + i % 60, 'https://news.example/world/' || i || '/story.html'
        FROM range({rows}) t(i)
    """
    con = duckdb.connect()
    con.execute(f"COPY ({select}) TO '{path}' (DELIMITER '\t', HEADER false, QUOTE '', ESCAPE '')")
    con.close()


# Each child times wall clock and CPU (user + system, all DuckDB threads): on a shared machine the
# CPU figure is the steadier one.
CLOCKS = """
import json, resource, time
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
def report(start, start_cpu, kept):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds, cpu_s = time.perf_counter() - start, cpu() - start_cpu
    print(json.dumps({{"seconds": seconds, "cpu_s": cpu_s, "rss_mb": rss, "kept": kept}}))
"""

IMPORT_CHILD = (
    CLOCKS
    + """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from etl.gdelt import import_gdelt
start, start_cpu = time.perf_counter(), cpu()
summary = import_gdelt(Path({db!r}), [Path({src!r})])
report(start, start_cpu, summary.kept)
"""
)

BARE_CHILD = (
    CLOCKS
    + """
import duckdb
start, start_cpu = time.perf_counter(), cpu()
con = duckdb.connect()
con.execute({sql!r}, {{"path": {src!r}, "columns": {columns!r}, "since": None, "until": None}})
report(start, start_cpu, con.execute("SELECT count(*) FROM bare").fetchall()[0][0])
"""
)


def bare_sql() -> str:
    """The bare read: the same read_csv columns, types and WHERE as the import, without rejects or store."""
    options = CSV_OPTIONS.replace(", ignore_errors=true, store_rejects=true", "")
    return (
        f"CREATE TEMP TABLE bare AS SELECT {', '.join(STORE_COLUMNS)} "
        f"FROM read_csv($path, {options}) WHERE {row_filter(Filters())}"
    )


def child(code: str) -> dict:
    """Run a timing script in a fresh Python process and return the JSON it prints."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(rows: int, repeat: int) -> dict:
    """Write the file, time import and bare read `repeat` times each (alternating), return the figures."""
    with tempfile.TemporaryDirectory(prefix="bench-gdelt-") as tmp:
        src = Path(tmp) / "20150218230000.export.CSV"
        clock = time.perf_counter()
        write_export(src, rows)
        written = time.perf_counter() - clock
        imports, bares = [], []
        for n in range(repeat):
            db = Path(tmp) / f"run{n}" / "events.duckdb"
            imports.append(child(IMPORT_CHILD.format(root=str(ROOT), db=str(db), src=str(src))))
            bares.append(child(BARE_CHILD.format(sql=bare_sql(), src=str(src), columns=layout(61))))
        size_mb = src.stat().st_size / 1e6
    import_s = statistics.median(r["seconds"] for r in imports)
    bare_s = statistics.median(r["seconds"] for r in bares)
    import_cpu = statistics.median(r["cpu_s"] for r in imports)
    bare_cpu = statistics.median(r["cpu_s"] for r in bares)
    return {
        "rows": rows,
        "file_mb": round(size_mb, 1),
        "write_s": round(written, 2),
        "kept": imports[0]["kept"],
        "bare_kept": bares[0]["kept"],
        "gdelt_import_s": round(import_s, 3),
        "duckdb_bare_s": round(bare_s, 3),
        "gdelt_vs_duckdb": round(import_s / bare_s, 2),
        "gdelt_import_cpu_s": round(import_cpu, 3),
        "duckdb_bare_cpu_s": round(bare_cpu, 3),
        "gdelt_vs_duckdb_cpu": round(import_cpu / bare_cpu, 2),
        "import_rss_mb": round(max(r["rss_mb"] for r in imports), 1),
        "bare_rss_mb": round(max(r["rss_mb"] for r in bares), 1),
    }


def main() -> None:
    """Parse arguments, run, print a small table and one JSON line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the synthetic export file")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (median reported)")
    args = parser.parse_args()
    figures = run(args.rows, args.repeat)
    print(
        "| file | rows | aid rows kept | import s (CPU) | bare read_csv+WHERE (CPU) | ratio (CPU) | RSS MB |"
    )
    print("|---|---|---|---|---|---|---|")
    cells = [f"{figures['file_mb']} MB", f"{figures['rows']:,}", f"{figures['kept']:,}"]
    cells += [f"{figures['gdelt_import_s']} ({figures['gdelt_import_cpu_s']})"]
    cells += [f"{figures['duckdb_bare_s']} ({figures['duckdb_bare_cpu_s']})"]
    cells += [
        f"{figures['gdelt_vs_duckdb']}x ({figures['gdelt_vs_duckdb_cpu']}x)",
        str(figures["import_rss_mb"]),
    ]
    print("| " + " | ".join(cells) + " |")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
