"""Figures are pure functions of DataFrames: traces, lanes, onset markers, one theme."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard import charts

NAMES = {"RUS": "Russia", "PRK": "North Korea", "CHN": "China"}


def events() -> pd.DataFrame:
    """Three events: an offer, its reply, and another sender's offer."""
    return pd.DataFrame(
        {
            "event_id": ["o1", "r1", "o2"],
            "event_date": pd.to_datetime(["2024-08-03", "2024-08-04", "2020-02-01"]),
            "event_type": ["offer_aid", "decline_aid", "offer_aid"],
            "sender": ["RUS", "PRK", "PRK"],
            "recipient": ["PRK", "RUS", "CHN"],
            "evidence": ["Putin offered <b>help</b>", "Kim deferred", "Kim offered help"],
            "outlet": ["TASS", "KCNA", "Yonhap"],
            "is_summary": [False, False, True],
            "outcome": ["deferred", None, "no response yet"],
            "reply_id": ["r1", None, None],
        }
    )


def onsets() -> pd.DataFrame:
    """Two crisis onsets."""
    return pd.DataFrame({"crisis": ["Covid", "Floods"], "onset": [date(2020, 1, 23), date(2024, 7, 27)]})


def points(fig) -> list:
    """The traces that carry events (legend-only entries carry none)."""
    return [t for t in fig.data if t.mode == "markers" and t.customdata is not None]


def test_timeline_has_one_lane_per_sender_and_one_trace_per_type():
    fig = charts.timeline_figure(events(), names=NAMES, onsets=onsets())
    lanes = {y for t in points(fig) for y in t.y}
    assert lanes == {"Russia (RUS)", "North Korea (PRK)"}
    assert sorted(t.name for t in points(fig)) == ["Offer of aid", "Refusal or deferral"]
    legend = {t.name for t in fig.data if t.showlegend is not False}
    assert {"Offer of aid", "Refusal or deferral", "Russia (RUS)", "North Korea (PRK)"} <= legend


def test_timeline_traces_stay_few_however_many_senders():
    many = pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(300)],
            "event_date": pd.date_range("2020-01-01", periods=300),
            "event_type": ["offer_aid", "provide_aid", "meet"] * 100,
            "sender": [f"S{i % 150:03d}" for i in range(300)],
            "recipient": ["PRK"] * 300,
            "evidence": ["x"] * 300,
            "outlet": ["o"] * 300,
            "is_summary": [False] * 300,
        }
    )
    fig = charts.timeline_figure(many)
    assert len(points(fig)) == 3
    assert len(fig.data) <= 3 + 3 + 12 + 1  # types, their legend entries, 12 senders, "+ N more"


def test_timeline_lanes_switch_to_recipients():
    fig = charts.timeline_figure(events(), lane="recipient", names=NAMES)
    lanes = {y for t in points(fig) for y in t.y}
    assert lanes == {"North Korea (PRK)", "Russia (RUS)", "China (CHN)"}


def test_timeline_marks_crisis_onsets():
    fig = charts.timeline_figure(events(), names=NAMES, onsets=onsets())
    texts = [a.text for a in fig.layout.annotations]
    assert any("Covid" in t for t in texts) and any("Floods" in t for t in texts)
    assert len(fig.layout.shapes) == 2


def test_timeline_links_offer_to_response():
    fig = charts.timeline_figure(events(), names=NAMES)
    links = [t for t in fig.data if t.name == "offer → response"]
    assert links and len([x for x in links[0].x if x is not None]) == 2


def test_hover_escapes_html_and_labels_summaries():
    fig = charts.timeline_figure(events(), names=NAMES)
    hovers = " ".join(h for t in fig.data if t.hovertext for h in t.hovertext)
    assert "<b>help</b>" not in hovers and "&lt;b&gt;help" in hovers
    assert "Our summary of the report in Yonhap" in hovers


def test_same_sender_gets_same_colour_everywhere():
    colors = charts.color_map(["RUS", "PRK", "CHN"])
    assert colors == charts.color_map(["CHN", "RUS", "PRK", "PRK"])
    fig = charts.timeline_figure(events(), names=NAMES, colors=colors)
    rus = [t for t in fig.data if t.mode == "markers" and t.legendgroup == "RUS"]
    assert rus[0].marker.color == colors["RUS"]


def test_empty_data_gives_a_figure_with_a_message():
    fig = charts.timeline_figure(events().iloc[0:0], names=NAMES)
    assert fig.layout.annotations[0].text.startswith("No dated events")


def test_sankey_and_heatmap_are_built_from_aggregates():
    links = pd.DataFrame({"sender": ["RUS", "KOR"], "recipient": ["PRK", "PRK"], "events": [3, 1]})
    sankey = charts.sankey_figure(links, names=NAMES)
    assert list(sankey.data[0].link.value) == [3, 1]
    heat = charts.heatmap_figure(links, names=NAMES)
    assert heat.data[0].z.sum() == 4


def test_flows_draw_the_largest_pairs_and_say_how_many_are_left_out():
    pairs = [(f"S{i:02d}", f"R{j:02d}") for i in range(30) for j in range(30)]
    links = pd.DataFrame(
        {"sender": [p[0] for p in pairs], "recipient": [p[1] for p in pairs], "events": range(1, 901)}
    )
    sankey = charts.sankey_figure(links)
    assert len(sankey.data[0].link.value) == charts.SANKEY_LINKS
    assert max(sankey.data[0].link.value) == 900
    assert "of 900 pairs" in sankey.layout.annotations[0].text
    heat = charts.heatmap_figure(links)
    assert heat.data[0].z.shape == (charts.MATRIX_SIDE, charts.MATRIX_SIDE)
    assert "busiest senders" in heat.layout.annotations[0].text


def test_compare_figure_aligns_on_day_offset():
    df = events().assign(case_id=["b", "b", "a"], day_offset=[7, 8, 9])
    fig = charts.compare_figure(df, titles={"a": "Case A", "b": "Case B"}, names=NAMES)
    xs = sorted(x for t in points(fig) for x in t.x)
    assert xs == [7, 8, 9]
    assert fig.layout.shapes[0].x0 == 0


def test_role_reversal_is_detected():
    roles = pd.DataFrame(
        {
            "case_id": ["a", "b", "b"],
            "actor": ["PRK", "PRK", "RUS"],
            "given": [1, 0, 1],
            "received": [0, 2, 0],
        }
    )
    assert charts.pivot_actors(roles, ["a", "b"]) == ["PRK"]
    fig = charts.roles_figure(roles, "PRK", titles={"a": "2020", "b": "2024"}, names=NAMES)
    assert len(fig.data) == 2


def test_role_reversals_come_busiest_first():
    roles = pd.DataFrame(
        {
            "case_id": ["a", "b", "a", "b"],
            "actor": ["CHN", "CHN", "PRK", "PRK"],
            "given": [1, 0, 5, 0],
            "received": [0, 1, 0, 4],
        }
    )
    assert charts.pivot_actors(roles, ["a", "b"]) == ["PRK", "CHN"]


def test_theme_is_registered_once_with_large_fonts():
    import plotly.io as pio

    assert charts.register_theme() == charts.TEMPLATE
    assert pio.templates[charts.TEMPLATE].layout.font.size >= 16
