"""Benchmark incremental builds: a full build of N synthetic articles, then a rebuild after adding 10.

The rebuild takes the N unchanged articles' events from the extraction cache beside the database and
extracts only the 10 new ones; a rebuild without the cache is timed for comparison.

Example:
    python bench/bench_incremental.py --articles 10000
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# bench/ holds an etl.py of its own: the project's `etl` package must come first on the path.
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from etl.build import BuildSummary, build_database  # noqa: E402

NEW = 10
GIVERS = ("Japan", "Australia", "Singapore", "New Zealand", "South Korea", "China")
TAKERS = ("Viet Nam", "Timor-Leste", "Fiji", "the Philippines", "Tonga", "Myanmar")
EN = "{a} on {d:%d %B %Y} offered {b} emergency relief after a storm, officials said. Bulletin {n}."
ID = "Pemerintah {a} pada {d:%d/%m/%Y} menawarkan bantuan darurat kepada {b} setelah badai. Buletin {n}."


def write_corpus(folder: Path, count: int) -> None:
    """Write `count` short generated reports (half English, half Indonesian) as .txt with front matter."""
    rng = random.Random(7)
    for n in range(count):
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(3000))
        language = "en" if n % 2 == 0 else "id"
        text = (EN if language == "en" else ID).format(a=rng.choice(GIVERS), b=rng.choice(TAKERS), d=day, n=n)
        head = f"---\nid: inc-{n}\noutlet: Bench Wire\npublished: {day}\nlanguage: {language}\n---\n"
        (folder / f"inc-{n:06d}.txt").write_text(head + text + "\n", encoding="utf-8")


def timed_build(db: Path, folder: Path, *, use_cache: bool = True) -> tuple[BuildSummary, float]:
    """Build db from folder; the summary and the wall-clock seconds."""
    start = time.perf_counter()
    summary = build_database(db, [folder], cases_path=None, use_cache=use_cache)
    return summary, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Generate N + 10 articles, build N, add 10, rebuild with and without the cache; print the times."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000, help="articles in the first build")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder, later = Path(tmp) / "articles", Path(tmp) / "later"
        folder.mkdir()
        later.mkdir()
        write_corpus(folder, args.articles + NEW)
        for path in sorted(folder.iterdir())[args.articles :]:
            shutil.move(path, later / path.name)
        db = Path(tmp) / "bench.duckdb"
        full, full_s = timed_build(db, folder)
        for path in later.iterdir():
            shutil.move(path, folder / path.name)
        again, again_s = timed_build(db, folder)
        plain, plain_s = timed_build(Path(tmp) / "plain.duckdb", folder, use_cache=False)
    assert again.events == plain.events, "cached and fresh builds disagree"
    print(f"full build:           {full.articles:>6} articles in {full_s:6.2f} s ({full.cached} from cache)")
    print(
        f"rebuild, {NEW} new:      {again.articles:>6} articles in {again_s:6.2f} s "
        f"({again.articles - again.cached} extracted, {again.cached} from cache)"
    )
    print(f"rebuild without cache: {plain.articles:>6} articles in {plain_s:6.2f} s (all extracted)")
    print(f"speed-up of the rebuild: {plain_s / again_s:.1f}x; events {again.events} (same as uncached)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
