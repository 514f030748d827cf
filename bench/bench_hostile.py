"""Benchmark build time against input size, and the hostile files that used to stall a build.

Prints build time for 1, 10 and 100 MB of text (many ~4 KB articles in JSON Lines files), for a
1 MB single line without a sentence end and for a 50 MB file, each built beside one normal article.
Figures only, no asserts: linear growth shows as a steady MB/s column. CPU seconds (of this
process) are printed beside wall time because a shared machine stretches the wall clock.

Example:
    python bench/bench_hostile.py --sizes 1,10,100
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from etl.build import build_database

MB = 1_000_000
PER_FILE = 500  # articles per JSON Lines file
GIVERS = ("Norway", "Japan", "Australia", "Canada", "Qatar", "Singapore", "New Zealand", "Chile")
TAKERS = ("Nepal", "Bangladesh", "Peru", "Fiji", "Mozambique", "Laos", "Haiti", "Malawi")
PEMBERI = ("Jepang", "Australia", "Singapura", "Malaysia", "Selandia Baru", "Korea Selatan")
PENERIMA = ("Nepal", "Bangladesh", "Filipina", "Vanuatu", "Laos", "Timor Leste")
EN = (
    "{a} on {d:%d %B %Y} pledged emergency shelter and clean water to {b} after a cyclone, its foreign "
    "ministry said. "
)
ID = "Pemerintah {a} pada {d:%d/%m/%Y} mengirimkan bantuan tenda dan air bersih kepada {b} setelah topan. "
FILLER_EN = (
    "Roads to the coast were cut for {n} days and several bridges collapsed. ",
    "Local officials counted {n} damaged houses in the worst-hit districts. ",
    "Forecasters expect more heavy rain over the weekend in the northern hills. ",
    "Schools in the provincial capital stayed closed while engineers inspected them. ",
    "Fishing boats remained in harbour as waves of up to {n} metres hit the shore. ",
)
FILLER_ID = (
    "Jalan menuju pesisir terputus selama {n} hari dan beberapa jembatan ambruk. ",
    "Pejabat setempat mencatat {n} rumah rusak di kabupaten yang paling parah. ",
    "Hujan lebat diperkirakan masih turun di perbukitan utara pada akhir pekan. ",
    "Sekolah di ibu kota provinsi tetap ditutup selama petugas memeriksa bangunan. ",
    "Perahu nelayan tetap bersandar karena ombak setinggi {n} meter menerjang pantai. ",
)
LONG_UNIT = "Norway offered aid to Nepal and Japan pledged relief to Peru while "


def article(rng: random.Random, n: int, size: int = 4000) -> dict[str, str]:
    """One synthetic ~`size`-byte news article (English or Indonesian): one aid act, then background."""
    english = rng.random() < 0.5
    lead, filler, givers, takers = (
        (EN, FILLER_EN, GIVERS, TAKERS) if english else (ID, FILLER_ID, PEMBERI, PENERIMA)
    )
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    parts = [lead.format(a=rng.choice(givers), b=rng.choice(takers), d=day)]
    length = len(parts[0])
    while length < size:
        parts.append(rng.choice(filler).format(n=rng.randrange(2, 900)))
        length += len(parts[-1])
    parts.append(f"({n})")  # every article distinct
    return {"id": f"bench-{n}", "text": "".join(parts), "language": "en" if english else "id"}


def articles(megabytes: int, seed: int = 42) -> Iterator[dict[str, str]]:
    """Articles adding up to `megabytes` MB of text."""
    rng = random.Random(seed)
    total, n = 0, 0
    while total < megabytes * MB:
        row = article(rng, n)
        total += len(row["text"])
        n += 1
        yield row


def write_corpus(folder: Path, megabytes: int) -> None:
    """`megabytes` MB of articles as JSON Lines files of PER_FILE articles each."""
    rows = list(articles(megabytes))
    for start in range(0, len(rows), PER_FILE):
        chunk = rows[start : start + PER_FILE]
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chunk)
        (folder / f"part-{start // PER_FILE:05d}.jsonl").write_text(lines, encoding="utf-8")


def write_hostile(folder: Path, kind: str) -> None:
    """One hostile file (a 1 MB single line, or 50 MB of text) beside one normal article."""
    (folder / "normal.txt").write_text(article(random.Random(7), 0)["text"], encoding="utf-8")
    if kind == "1 MB single line":
        (folder / "one-line.txt").write_text((LONG_UNIT * (MB // len(LONG_UNIT) + 1))[:MB])
        return
    with (folder / "fifty.txt").open("w", encoding="utf-8") as fp:
        for n in range(50):
            fp.write(article(random.Random(n), n, MB)["text"])


def timed_build(folder: Path) -> dict[str, object]:
    """Build the folder into a fresh database; counts, seconds and input size."""
    size = sum(p.stat().st_size for p in folder.iterdir())
    clock, cpu = time.perf_counter(), time.process_time()
    summary = build_database(folder.parent / f"{folder.name}.duckdb", [folder], cases_path=None)
    seconds, cpu = time.perf_counter() - clock, time.process_time() - cpu
    return {
        "mb": round(size / MB, 1),
        "articles": summary.articles,
        "events": summary.events,
        "rejects": [r.reason for r in summary.rejects],
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),  # this process only (the worker's share is not counted)
        "mb_per_s": round(size / MB / seconds, 2),
    }


def print_row(kind: str, r: dict[str, object]) -> None:
    """One Markdown table row, printed as soon as its build is done."""
    rejects = "; ".join(r["rejects"]) or "none"  # type: ignore[arg-type]
    print(
        f"| {kind} | {r['mb']} | {r['articles']} | {r['events']} | {rejects} | {r['seconds']} "
        f"| {r['cpu_seconds']} | {r['mb_per_s']} |",
        flush=True,
    )


def main() -> None:
    """Run every case and print a Markdown table, then one JSON line of every figure."""
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--sizes", default="1,10,100", help="MB of article text to build (default 1,10,100)")
    args = parser.parse_args()
    results: dict[str, dict[str, object]] = {}
    print("| input | MB | articles | events | rejects | seconds | CPU s | MB/s |")
    print("|---|---:|---:|---:|---|---:|---:|---:|", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("1 MB single line", "50 MB file"):
            folder = Path(tmp) / kind.replace(" ", "-")
            folder.mkdir()
            write_hostile(folder, kind)
            results[kind] = timed_build(folder)
            print_row(kind, results[kind])
        for megabytes in (int(s) for s in args.sizes.split(",")):
            folder = Path(tmp) / f"corpus-{megabytes}"
            folder.mkdir()
            write_corpus(folder, megabytes)
            kind = f"{megabytes} MB of articles"
            results[kind] = timed_build(folder)
            print_row(kind, results[kind])
    print(json.dumps({"build_hostile": results}))


if __name__ == "__main__":
    main()
