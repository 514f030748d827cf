"""Legible on a projector (1280×720) and in a screenshot: every text a chart draws lies inside the chart,
and no two of its texts (legend entries, titles and notes, axis titles, annotations, labels) overlap."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest
from e2e_helpers import ARTIFACTS, assert_no_exception, open_view, save_screenshot, wait_for_charts

from dashboard.i18n import Texts

VIEWPORT = {"width": 1280, "height": 720}
PAGES = ["/timeline", "/flows", "/compare"]
MODES = ["", "?present=1", "?lang=id", "?lang=id&present=1"]
TOLERANCE = 2  # px a text may pass its chart's edge or another text (anti-aliasing, rounding)

# Each visible SVG text of each Plotly chart: its kind, text and box (relative to the chart's box), and
# the chart's size. Hover labels come and go with the pointer and are left out.
_TEXTS_JS = """
el => {
  const box = el.getBoundingClientRect();
  const KINDS = ['legend', 'xtick', 'ytick', 'g-xtitle', 'g-ytitle', 'annotation', 'g-gtitle',
    'g-gtitle-subtitle', 'textpoint', 'node-label', 'colorbar', 'hm', 'bartext', 'point'];
  const kind = t => {
    for (let n = t; n && n !== el; n = n.parentElement) {
      const found = KINDS.find(k => n.classList && (n.classList.contains(k) || (k === 'legend'
        && Array.from(n.classList).some(c => c.startsWith('legend')))));
      if (found) return found;
    }
    return 'other';
  };
  const shown = t => {
    if (!t.textContent.trim() || t.closest('.hoverlayer')) return false;
    for (let n = t; n && n !== el; n = n.parentElement) {
      const style = getComputedStyle(n);
      if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return false;
    }
    const r = t.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const texts = Array.from(el.querySelectorAll('svg text')).filter(shown).map(t => {
    const r = t.getBoundingClientRect();
    return {kind: kind(t), text: t.textContent.trim(), left: r.left - box.left, right: r.right - box.left,
            top: r.top - box.top, bottom: r.bottom - box.top,
            axis: (t.closest('.xtick, .ytick') || {}).parentElement?.getAttribute('class') || ''};
  });
  return {width: box.width, height: box.height, texts};
}
"""


def outside(text: dict[str, Any], width: float, height: float) -> bool:
    """True when a text passes its chart's edge by more than the tolerance."""
    return (
        text["left"] < -TOLERANCE
        or text["top"] < -TOLERANCE
        or text["right"] > width + TOLERANCE
        or text["bottom"] > height + TOLERANCE
    )


def overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two texts' boxes cover each other by more than the tolerance both ways."""
    wide = min(a["right"], b["right"]) - max(a["left"], b["left"])
    tall = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return wide > TOLERANCE and tall > TOLERANCE


def may_touch(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Pairs Plotly lays out itself or whose boxes say nothing: tick labels of one axis (slanted labels'
    boxes overlap where their letters do not), numbers in the cells of a heatmap."""
    same_axis = a["kind"] == b["kind"] and a["kind"] in ("xtick", "ytick") and a["axis"] == b["axis"]
    return same_axis or "hm" in (a["kind"], b["kind"])


def describe(text: dict[str, Any]) -> str:
    """A text and where it is, for a failure message."""
    box = f"({text['left']:.0f}, {text['top']:.0f})–({text['right']:.0f}, {text['bottom']:.0f})"
    return f"{text['kind']} {text['text'][:60]!r} at {box}"


def chart_problems(chart: dict[str, Any], number: int) -> list[str]:
    """Every text outside its chart and every pair of texts that overlap, in words."""
    texts, width, height = chart["texts"], chart["width"], chart["height"]
    problems = [
        f"chart {number} ({width:.0f}×{height:.0f}): {describe(t)} is clipped"
        for t in texts
        if outside(t, width, height)
    ]
    problems += [
        f"chart {number}: {describe(a)} overlaps {describe(b)}"
        for a, b in combinations(texts, 2)
        if not may_touch(a, b) and overlap(a, b)
    ]
    return problems


@pytest.mark.parametrize("mode", MODES, ids=["en", "present", "id", "id-present"])
@pytest.mark.parametrize("path", PAGES, ids=[p.strip("/") for p in PAGES])
def test_chart_texts_stay_inside_their_chart_and_apart_at_1280x720(browser, app_url, path, mode):
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        open_view(page, app_url + path + mode)
        assert_no_exception(page)
        charts = page.locator('[data-testid="stPlotlyChart"]')
        wait_for_charts(page, at_least=max(1, charts.count()))
        name = f"legibility-{path.strip('/')}-{mode.strip('?').replace('&', '-').replace('=', '') or 'en'}"
        save_screenshot(page, name)
        problems: list[str] = []
        for number, chart in enumerate(page.locator(".js-plotly-plot").all(), start=1):
            chart.scroll_into_view_if_needed()
            chart.screenshot(path=str(ARTIFACTS / f"{name}-chart{number}.png"))
            found = chart.evaluate(_TEXTS_JS)
            assert len(found["texts"]) > 3, f"chart {number} drew almost no text"
            problems += chart_problems(found, number)
        assert not problems, f"{path}{mode}:\n  " + "\n  ".join(problems)
    finally:
        context.close()


def test_indonesian_chart_draws_month_names_and_toolbar_tips_in_indonesian(browser, app_url):
    tx = Texts("id")
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        open_view(page, app_url + "/timeline?lang=id&start=2024-07-01&end=2024-09-30")
        wait_for_charts(page)
        ticks = page.locator(".js-plotly-plot .xtick text").evaluate_all("els => els.map(e => e.textContent)")
        assert any("Agu" in t for t in ticks) and not any("Aug" in t for t in ticks), ticks
        camera = page.locator(
            ".js-plotly-plot .modebar-btn[data-attr='toImage'], .js-plotly-plot [data-title]"
        )
        titles = {camera.nth(i).get_attribute("data-title") for i in range(camera.count())}
        assert tx("charts.modebar.download_png") in titles, titles
    finally:
        context.close()
