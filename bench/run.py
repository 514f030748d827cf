"""Run every benchmark at 10k, 100k and 1M events; print a Markdown table, then one JSON line of all figures.

1. bench/synth.py builds a synthetic database of each size (the 1M build also times incident grouping).
2. bench/pages.py times each page's whole script in AppTest (query cache cleared: a first visit) and
   each of its calls, at each size; growth is the 1M median over the 10k median.
3. bench/etl.py times extraction, and the GDELT import against DuckDB reading the same file bare.
4. The real app (`streamlit run app.py` on a free localhost port, AID_DB at the 1M database) is opened
   in headless Chromium through Playwright: seconds from navigation to the first drawn Plotly chart on
   each chart page, and the server process's peak RSS after every page was shown.
The machine (cores, CPU, RAM) and the load average before and after are part of the output: on a
shared machine wall times stretch, CPU times much less.

Example:
    python bench/run.py                 # about 5-8 minutes on 2 cores
    python bench/run.py --sizes 10000,100000 --repeat 3
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
# bench/etl.py and bench/pages.py must not shadow the project's `etl` package and `pages` folder.
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != BENCH), str(BENCH)]

SIZES = (10_000, 100_000, 1_000_000)
TARGETS = {
    "page_ms": 250,
    "growth": 2.5,
    "gdelt_vs_duckdb": 1.5,
    "articles_per_s_per_core": 100,
    "incidents_s": 5,
    "rss_mb": 500,
    "first_chart_s": 2,
}
CHART = ".js-plotly-plot"  # the class Plotly gives a chart's div once it has drawn it
CHART_PAGES = ("timeline", "flows", "compare")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def load(name: str) -> ModuleType:
    """Import a sibling benchmark script by file path, under a name that shadows nothing."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def machine() -> dict[str, Any]:
    """Cores, CPU model, RAM and the current load average."""
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )  # fmt: skip
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }


def free_port() -> int:
    """A free localhost port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    """Poll the server's health endpoint until it answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("streamlit exited early")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError("streamlit did not become healthy")


def rss_mb(pid: int) -> dict[str, float]:
    """Current and peak resident memory of a process, in MB."""
    status = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    return {
        "rss_mb": round(int(status["VmRSS"].split()[0]) / 1024, 1),
        "peak_rss_mb": round(int(status["VmHWM"].split()[0]) / 1024, 1),
    }


def first_chart(browser: Any, url: str) -> float:
    """Seconds from navigating a fresh browser context to `url` until Plotly has drawn the first chart."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    clock = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(CHART, state="visible", timeout=120_000)
    seconds = time.perf_counter() - clock
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=120_000)
    context.close()
    return round(seconds, 2)


def browser_figures(db: Path) -> dict[str, Any]:
    """Start the real app on the database, time the first chart of each chart page, read the server RSS."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "AID_DB": str(db)}
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
           "--server.address", "127.0.0.1", "--server.port", str(port),
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(base, proc)
        idle = rss_mb(proc.pid)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            cold = first_chart(browser, f"{base}/timeline")  # a fresh server: imports and connection too
            charts = {name: first_chart(browser, f"{base}/{name}") for name in CHART_PAGES}
            overview = browser.new_context().new_page()
            overview.goto(base)
            overview.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
            browser.close()
        memory = rss_mb(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {
        "first_chart_cold_start_s": cold,
        "first_chart_s": charts,
        "server_idle_rss_mb": idle["rss_mb"],
        **{f"server_{k}": v for k, v in memory.items()},
    }


def etl_figures(articles: int, gdelt_rows: int) -> dict[str, Any]:
    """bench/etl.py in a fresh process (Linux carries a parent's peak RSS into its children's figure)."""
    cmd = [sys.executable, str(BENCH / "etl.py"), "--articles", str(articles),
           "--gdelt-rows", str(gdelt_rows), "--incident-events", "0"]  # fmt: skip
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(sizes: tuple[int, ...], repeat: int, articles: int, gdelt_rows: int) -> dict[str, Any]:
    """Every benchmark; returns the figures."""
    synth, pages = load("synth"), load("pages")
    figures: dict[str, Any] = {"machine": machine(), "sizes": list(sizes), "repeat": repeat}
    clock = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        dbs: dict[int, Path] = {}
        for size in sizes:
            dbs[size] = Path(tmp) / f"synth-{size}.duckdb"
            figures.setdefault("synth", {})[size] = synth.build(dbs[size], size)
            print(f"synth {size:,}: {figures['synth'][size]}", file=sys.stderr)
        for size in sizes:
            figures.setdefault("pages", {})[size] = pages.run(dbs[size], repeat)
            print(f"pages {size:,}: done", file=sys.stderr)
        figures["etl"] = etl_figures(articles, gdelt_rows)
        print("etl: done", file=sys.stderr)
        figures["browser"] = browser_figures(dbs[max(sizes)])
    figures["seconds"] = round(time.perf_counter() - clock, 1)
    figures["machine"]["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    return figures


def headline(f: dict[str, Any]) -> dict[str, Any]:
    """The figures the issue names, keyed as it asks, computed from the full run."""
    small, big = min(f["sizes"]), max(f["sizes"])
    cold_small, cold_big = f["pages"][small]["cold"], f["pages"][big]["cold"]
    return {
        "page_ms_1m": {p: v["median_ms"] for p, v in cold_big.items()},
        "page_p95_ms_1m": {p: v["p95_ms"] for p, v in cold_big.items()},
        "page_cpu_ms_1m": {p: v["cpu_median_ms"] for p, v in cold_big.items()},
        "growth_1m_vs_10k": {
            p: round(v["median_ms"] / cold_small[p]["median_ms"], 2) for p, v in cold_big.items()
        },
        "gdelt_vs_duckdb": f["etl"]["gdelt_vs_duckdb"],
        "gdelt_vs_duckdb_cpu": f["etl"]["gdelt"]["gdelt_vs_duckdb_cpu"],
        "articles_per_s_per_core": f["etl"]["articles_per_s_per_core"],
        "incidents_s_1m": f["synth"][big]["derive_s"],
        "incidents_cpu_s_1m": f["synth"][big]["derive_cpu_s"],
        "dashboard_rss_mb_1m": f["browser"]["server_peak_rss_mb"],
        "first_chart_s_1m": f["browser"]["first_chart_s"]["timeline"],
        "first_chart_cold_start_s_1m": f["browser"]["first_chart_cold_start_s"],
    }


def verdict(ok: bool) -> str:
    """✅ or ❌."""
    return "✅" if ok else "❌"


def page_table(f: dict[str, Any]) -> list[str]:
    """Rows: each page's script median (p95) at each size, the growth, the slowest call at the largest."""
    sizes, big = f["sizes"], max(f["sizes"])
    head = " | ".join(f"{s:,} events ms" for s in sizes)
    lines = [f"| page | {head} | growth | CPU ms at {big:,} | slowest call at {big:,} (ms) |"]
    lines.append("|---" * (len(sizes) + 4) + "|")
    for page in f["pages"][big]["cold"]:
        cells = [f"{f['pages'][s]['cold'][page]['median_ms']} ({f['pages'][s]['cold'][page]['p95_ms']})"
                 for s in sizes]  # fmt: skip
        median = f["pages"][big]["cold"][page]["median_ms"]
        growth = median / f["pages"][min(sizes)]["cold"][page]["median_ms"]
        calls = f["pages"][big]["calls"].get(page, {})
        name, ms = max(calls.items(), key=lambda kv: kv[1]) if calls else ("", 0)
        ok = median <= TARGETS["page_ms"] and growth <= TARGETS["growth"]
        lines.append(
            f"| {page} {verdict(ok)} | {' | '.join(cells)} | {growth:.2f}× | "
            f"{f['pages'][big]['cold'][page]['cpu_median_ms']} | {name} ({ms}) |"
        )
    return lines


def summary_table(h: dict[str, Any], f: dict[str, Any]) -> list[str]:
    """Rows: the other figures against their targets."""
    e, b = f["etl"], f["browser"]
    charts = ", ".join(f"{k} {v} s" for k, v in b["first_chart_s"].items())
    rows = [
        (
            f"GDELT import vs bare read_csv+WHERE, {e['gdelt']['rows']:,} rows",
            f"{h['gdelt_vs_duckdb']}× (CPU {h['gdelt_vs_duckdb_cpu']}×)",
            h["gdelt_vs_duckdb"] <= TARGETS["gdelt_vs_duckdb"],
            "≤ 1.5×",
        ),
        (
            f"extraction, ~{e['mean_article_kb']} KB articles, en+id",
            f"{h['articles_per_s_per_core']} articles/s per core",
            h["articles_per_s_per_core"] >= TARGETS["articles_per_s_per_core"],
            "≥ 100",
        ),
        (
            "incidents from 1M events (derive.sql)",
            f"{h['incidents_s_1m']} s wall, {h['incidents_cpu_s_1m']} s CPU",
            h["incidents_s_1m"] <= TARGETS["incidents_s"],
            "≤ 5 s",
        ),
        (
            "dashboard server peak RSS, 1M events, every page shown",
            f"{h['dashboard_rss_mb_1m']} MB",
            h["dashboard_rss_mb_1m"] <= TARGETS["rss_mb"],
            "≤ 500 MB",
        ),
        (
            "first chart in Chromium, 1M events (timeline)",
            f"{h['first_chart_s_1m']} s",
            h["first_chart_s_1m"] <= TARGETS["first_chart_s"],
            "≤ 2 s",
        ),
    ]
    lines = ["| figure | measured | target |", "|---|---|---|"]
    lines += [f"| {name} | {value} {verdict(ok)} | {target} |" for name, value, ok, target in rows]
    cold = h["first_chart_cold_start_s_1m"]
    lines.append(f"| first chart per page / on a just-started server | {charts} / {cold} s | |")
    rss = f"{e['extract_rss_mb']} MB / {e['gdelt']['import_rss_mb']} MB"
    lines.append(f"| peak RSS: extraction / GDELT import | {rss} | |")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run everything, print the tables and the JSON line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="event counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each page at each size")
    parser.add_argument("--articles", type=int, default=300, help="articles for the extraction figure")
    parser.add_argument("--gdelt-rows", type=int, default=1_000_000, help="rows of the GDELT export")
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(","))
    figures = run(sizes, args.repeat, args.articles, args.gdelt_rows)
    h = headline(figures)
    m = figures["machine"]
    print(
        f"Machine: {m['nproc']} cores, {m['cpu']}, {m['ram_gb']} GB RAM, Python {m['python']}; load average "
        f"{m['loadavg'][0]} before, {m['loadavg_after'][0]} after; {figures['seconds']} s in all.\n"
    )
    print("\n".join(page_table(figures)) + "\n")
    print("\n".join(summary_table(h, figures)) + "\n")
    print(json.dumps({**h, "machine": m, "figures": figures}, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
