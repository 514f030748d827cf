"""Benchmark the build: N synthetic articles in a temp folder, timed through build_database.

Example:
    python bench/bench_build.py --articles 2000
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from etl.build import build_database

STATES_EN = {
    "RUS": "Russia",
    "PRK": "North Korea",
    "CHN": "China",
    "KOR": "South Korea",
    "IDN": "Indonesia",
    "TUR": "Turkey",
}
STATES_ID = {
    "RUS": "Rusia",
    "PRK": "Korea Utara",
    "CHN": "China",
    "KOR": "Korea Selatan",
    "IDN": "Indonesia",
    "TUR": "Turki",
}
MONTHS_ID = tuple(
    [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ]
)
EN = (
    "{a} on {d:%d %B %Y} offered {b} humanitarian aid after floods hit several provinces, officials said. "
    "The government of {b} thanked {a} for the offer of help. "
    "Report number {n} in the benchmark series."
)
ID = (
    "Pemerintah {a} pada {day} {month} {year} menawarkan bantuan kemanusiaan kepada {b} setelah banjir. "
    "{b} mengucapkan terima kasih kepada {a} atas tawaran bantuan itu. "
    "Laporan nomor {n} dalam seri uji."
)


def synthetic_text(n: int, rng: random.Random) -> tuple[str, str, date]:
    """One synthetic report: (language, text, publication date)."""
    a, b = rng.sample(sorted(STATES_EN), 2)
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(1800))
    if n % 2:
        text = ID.format(
            a=STATES_ID[a], b=STATES_ID[b], day=day.day, month=MONTHS_ID[day.month - 1], year=day.year, n=n
        )
        return "id", text, day
    return "en", EN.format(a=STATES_EN[a], b=STATES_EN[b], d=day, n=n), day


def write_corpus(folder: Path, articles: int, seed: int = 0) -> None:
    """Write `articles` synthetic .txt files with front matter into folder."""
    rng = random.Random(seed)
    for n in range(articles):
        language, text, day = synthetic_text(n, rng)
        meta = f"id: bench-{n}\noutlet: Bench Wire\npublished: {day.isoformat()}\nlanguage: {language}"
        head = f"---\n{meta}\n---\n"
        (folder / f"bench-{n:06d}.txt").write_text(head + text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus, time the build, print rates and peak memory."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000, help="synthetic articles to generate")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        write_corpus(folder, args.articles)
        start = time.perf_counter()
        summary = build_database(Path(tmp) / "bench.duckdb", [folder], cases_path=None)
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"articles: {summary.articles} in {seconds:.2f} s ({summary.articles / seconds:,.0f} articles/s)")
    print(f"events:   {summary.events} ({summary.events / seconds:,.0f} events/s)")
    print(f"rejects:  {len(summary.rejects)}")
    print(f"peak RSS: {peak_mb:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
