"""Twenty viewers at once: every page renders fully, no session is lost, the server stays responsive."""

from __future__ import annotations

import threading
import time
import urllib.request

from e2e_helpers import ARTIFACTS, assert_no_exception, events_match, wait_for_charts, wait_for_view

VIEWERS = 20
HEALTH_LIMIT_S = 5.0
# Generous but bounded: on 2 cores twenty Chromium pages and the server share the CPU.
VIEW_LIMIT_MS = 180_000


def probe_health(base_url: str, results: list[float], stop: threading.Event) -> None:
    """Time /_stcore/health requests (bounded: at most 60, localhost only) until told to stop."""
    for _ in range(60):
        if stop.is_set():
            return
        started = time.monotonic()
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=HEALTH_LIMIT_S * 2) as resp:
            assert resp.status == 200
        results.append(time.monotonic() - started)
        time.sleep(0.5)


def test_twenty_viewers_load_timeline_and_comparison_at_once(browser, app_url, capsys):
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(VIEWERS)]
    pages = [context.new_page() for context in contexts]
    latencies: list[float] = []
    stop = threading.Event()
    prober = threading.Thread(target=probe_health, args=(app_url, latencies, stop))
    started = time.monotonic()
    try:
        for i, pg in enumerate(pages):
            pg.set_default_timeout(VIEW_LIMIT_MS)
            # goto returns once the navigation commits, so all twenty load concurrently.
            pg.goto(app_url + ("/timeline" if i % 2 == 0 else "/compare"), wait_until="commit")
        prober.start()
        counts = []
        for pg in pages:
            wait_for_view(pg, timeout_ms=VIEW_LIMIT_MS)
            assert_no_exception(pg)
            wait_for_charts(pg, timeout_ms=VIEW_LIMIT_MS)
            counts.append(events_match(pg))
        wall = time.monotonic() - started
    finally:
        stop.set()
        if prober.is_alive():
            prober.join(timeout=15)
        for context in contexts:
            context.close()
    # Every viewer of the same page saw the same, complete view.
    assert len(set(counts[0::2])) == 1 and len(set(counts[1::2])) == 1
    assert latencies, "the health probe never answered"
    assert max(latencies) < HEALTH_LIMIT_S, f"health answered in {max(latencies):.2f}s under load"
    report = (
        f"{VIEWERS} viewers rendered timeline+comparison in {wall:.1f}s wall; "
        f"health max {max(latencies):.2f}s over {len(latencies)} probes"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "many_viewers.txt").write_text(report + "\n", encoding="utf-8")
    with capsys.disabled():
        print(f"\n[many viewers] {report}")
