"""Time the ETL: extraction throughput, the GDELT import against bare DuckDB, incident grouping.

- Extraction: N generated news articles of about 2 KB, half English, half Indonesian (templates
  written for this benchmark: an aid act or two among background paragraphs), read and extracted
  by the build's own code path (`parse_inputs`, no cache) in this single process, so articles per
  CPU second is articles per second per core.
- GDELT: `bench_gdelt.run` writes a 1,000,000-row export and times `import-gdelt` against DuckDB's
  bare read_csv with the same WHERE, each in a fresh process.
- Incidents: etl/derive.sql on a synthetic database of 1,000,000 events (bench/synth.py), wall and CPU.
Peak RSS is that of this process (extraction and synthesis) and of each GDELT child.

Example:
    python bench/etl.py --articles 400 --gdelt-rows 1000000 --incident-events 1000000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
# This file is bench/etl.py: the project's `etl` package must come first on the path, before bench/.
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != BENCH), str(BENCH)]

import bench_gdelt  # noqa: E402
import synth  # noqa: E402

from etl.build import parse_inputs  # noqa: E402
from etl.cache import disabled_cache  # noqa: E402

TARGET_ARTICLES_PER_S = 100
TARGET_INCIDENTS_S = 5.0
GIVERS_EN = ("Japan", "Australia", "Norway", "Canada", "South Korea", "Qatar", "Germany", "Singapore")
TAKERS_EN = ("Nepal", "Mozambique", "Fiji", "Bangladesh", "Haiti", "Malawi", "Laos", "Vanuatu")
GIVERS_ID = ("Jepang", "Australia", "Singapura", "Malaysia", "Korea Selatan", "Selandia Baru")
TAKERS_ID = ("Nepal", "Filipina", "Vanuatu", "Timor Leste", "Myanmar", "Papua Nugini")
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember")  # fmt: skip
ACTS_EN = (
    "{a} on {d:%d %B %Y} pledged {m} million dollars in emergency relief to {b}, its foreign ministry said.",
    "{a} flew a planeload of tents, water filters and medicine to {b} on {d:%B %d}, officials confirmed.",
    "The government of {b} thanked {a} for the field hospital it sent after the disaster.",
    "{a} said on {d:%A} it stood ready to send rescue teams to {b} if asked.",
)
ACTS_ID = (
    "Pemerintah {a} pada {day} {month} {year} menjanjikan bantuan darurat senilai {m} juta dolar kepada {b}.",
    "{a} mengirimkan tenda, selimut dan obat-obatan ke {b} pada {day} {month} {year}, kata pejabat setempat.",
    "Pemerintah {b} mengucapkan terima kasih kepada {a} atas bantuan tim medis yang dikirim pekan ini.",
    "{a} menyatakan siap membantu {b} jika diminta, kata juru bicara kementerian luar negeri.",
)
FILLER_EN = (
    "Heavy rain kept falling across the coastal districts for a fourth day, and several bridges were closed.",
    "Local officials said more than {n} families had moved to schools and mosques on higher ground.",
    "Aid workers warned that clean water was running short in the camps set up near the river.",
    "The national disaster agency said the number of damaged houses was likely to rise as roads reopened.",
    "Farmers in the valley reported that most of the rice harvest had been lost to the mud.",
    "Schools in the capital stayed shut while engineers inspected the older buildings for cracks.",
    "Analysts said the quick response reflected closer ties between the two governments in recent years.",
    "Television pictures showed volunteers loading sacks of rice onto small boats in flooded streets.",
)
FILLER_ID = (
    "Hujan deras masih mengguyur wilayah pesisir selama empat hari dan beberapa jembatan ditutup.",
    "Pejabat setempat menyebut lebih dari {n} keluarga mengungsi ke sekolah dan masjid di dataran tinggi.",
    "Para relawan memperingatkan bahwa persediaan air bersih di posko pengungsian mulai menipis.",
    "Badan penanggulangan bencana memperkirakan jumlah rumah rusak masih akan bertambah.",
    "Petani di lembah itu mengatakan sebagian besar panen padi mereka hilang tertimbun lumpur.",
    "Sekolah-sekolah di ibu kota tetap diliburkan sementara petugas memeriksa bangunan tua.",
    "Pengamat menilai tanggapan cepat itu mencerminkan hubungan kedua negara yang makin erat.",
    "Tayangan televisi memperlihatkan relawan mengangkut karung beras dengan perahu kecil.",
)


def article_text(n: int, rng: random.Random) -> tuple[str, str, date]:
    """One generated article of about 2 KB: (language, text, publication date)."""
    day = date(2012, 1, 1) + timedelta(days=rng.randrange(4000))
    english = n % 2 == 0
    givers, takers = (GIVERS_EN, TAKERS_EN) if english else (GIVERS_ID, TAKERS_ID)
    a, b = rng.choice(givers), rng.choice(takers)
    slots = {"a": a, "b": b, "d": day, "m": rng.randrange(1, 50), "n": rng.randrange(200, 9000)}
    slots.update(day=day.day, month=MONTHS_ID[day.month - 1], year=day.year)
    acts, filler = (ACTS_EN, FILLER_EN) if english else (ACTS_ID, FILLER_ID)
    sentences = [s.format(**slots) for s in rng.sample(acts, 2)]
    paragraphs: list[str] = []
    while sum(len(p) for p in paragraphs) < 1900:
        body = " ".join(s.format(**slots) for s in rng.sample(filler, 3))
        paragraphs.append(body)
    paragraphs.insert(0, sentences[0])
    paragraphs.insert(len(paragraphs) // 2, sentences[1])
    return ("en" if english else "id"), "\n\n".join(paragraphs), day


def write_articles(folder: Path, count: int) -> int:
    """Write `count` generated articles as .txt files with front matter; return their total bytes."""
    rng = random.Random(42)
    total = 0
    for n in range(count):
        language, text, day = article_text(n, rng)
        head = (
            f"---\nid: gen-{n}\noutlet: Bench Wire\npublished: {day.isoformat()}\nlanguage: {language}\n---\n"
        )
        total += (folder / f"gen-{n:05d}.txt").write_text(head + text + "\n", encoding="utf-8")
    return total


def extraction(count: int) -> dict[str, Any]:
    """Read and extract `count` generated articles in this process; articles per CPU second."""
    with tempfile.TemporaryDirectory(prefix="bench-etl-") as tmp:
        folder = Path(tmp)
        size = write_articles(folder, count)
        clock, cpu = time.perf_counter(), time.process_time()
        parsed = parse_inputs([folder], cache=disabled_cache())
        wall, cpu = time.perf_counter() - clock, time.process_time() - cpu
    return {
        "articles": len(parsed.articles),
        "mean_article_kb": round(size / count / 1000, 2),
        "events": len(parsed.events),
        "rejects": len(parsed.rejects),
        "extract_wall_s": round(wall, 2),
        "extract_cpu_s": round(cpu, 2),
        "articles_per_s_wall": round(len(parsed.articles) / wall, 1),
        "articles_per_s_per_core": round(len(parsed.articles) / cpu, 1),
    }


def incidents(events: int) -> dict[str, Any]:
    """Group a synthetic database of `events` events into incidents (the whole derive step)."""
    with tempfile.TemporaryDirectory(prefix="bench-incidents-") as tmp:
        figures = synth.build(Path(tmp) / "synth.duckdb", events)
    return {
        "incident_events": figures["events"],
        "incidents": figures["incidents"],
        "incidents_s": figures["derive_s"],
        "incidents_cpu_s": figures["derive_cpu_s"],
    }


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (VmHWM: Linux's ru_maxrss would include the
    peak of the process that started this one)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(articles: int, gdelt_rows: int, incident_events: int | None, repeat: int = 1) -> dict[str, Any]:
    """All ETL figures; incident_events=None skips the grouping (run.py times it on its own database)."""
    figures = extraction(articles)
    figures["extract_rss_mb"] = peak_rss_mb()
    figures["gdelt"] = bench_gdelt.run(gdelt_rows, repeat)
    figures["gdelt_vs_duckdb"] = figures["gdelt"]["gdelt_vs_duckdb"]
    if incident_events:
        figures.update(incidents(incident_events))
    figures["peak_rss_mb"] = peak_rss_mb()
    return figures


def table(f: dict[str, Any]) -> str:
    """A Markdown table of the ETL figures against their targets."""
    g = f["gdelt"]
    rows = [
        "| figure | value | target |",
        "|---|---|---|",
        f"| extraction, ~{f['mean_article_kb']} KB articles (en+id) | {f['articles_per_s_per_core']} "
        f"articles/s per core ({f['articles_per_s_wall']}/s wall) | ≥ {TARGET_ARTICLES_PER_S} |",
        f"| GDELT import of {g['rows']:,} rows vs bare read_csv+WHERE | {g['gdelt_import_s']} s vs "
        f"{g['duckdb_bare_s']} s = {g['gdelt_vs_duckdb']}× (CPU {g['gdelt_vs_duckdb_cpu']}×) | ≤ 1.5× |",
        f"| peak RSS: extraction / GDELT import | {f['extract_rss_mb']} MB / {g['import_rss_mb']} MB | |",
    ]
    if "incidents_s" in f:
        rows.append(
            f"| incidents from {f['incident_events']:,} events | {f['incidents_s']} s wall, "
            f"{f['incidents_cpu_s']} s CPU | ≤ {TARGET_INCIDENTS_S:.0f} s |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print the table and one JSON line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=400, help="generated articles to extract")
    parser.add_argument("--gdelt-rows", type=int, default=1_000_000, help="rows in the GDELT export")
    parser.add_argument("--gdelt-repeat", type=int, default=1, help="timed runs of import and bare read")
    parser.add_argument("--incident-events", type=int, default=1_000_000, help="0 skips the grouping")
    args = parser.parse_args(argv)
    figures = run(args.articles, args.gdelt_rows, args.incident_events, args.gdelt_repeat)
    print(table(figures))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
