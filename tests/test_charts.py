"""Figures are pure functions of DataFrames: lanes, stacked markers, two legends, onset marks inside the
plot, the view's note, presentation sizes, and every drawn word in the interface's language."""

from __future__ import annotations

import itertools
import re
import string
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts
from dashboard.i18n import EN, Texts, catalogue

NAMES = {"RUS": "Russia", "PRK": "North Korea", "CHN": "China", "KOR": "South Korea"}
ID = Texts("id")
NOTE = "Filters: from RUS · Data as of 4 Aug 2024, 13:05"


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
            "reply_date": [date(2024, 8, 4), None, None],
        }
    )


def same_day(n: int, *, types: list[str] | None = None) -> pd.DataFrame:
    """`n` acts of one sender to one recipient on one day (different types unless given)."""
    kinds = types or list(charts.EVENT_SYMBOLS)[:n]
    return pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(n)],
            "event_date": pd.to_datetime(["2024-08-03"] * n),
            "event_type": kinds,
            "sender": ["RUS"] * n,
            "recipient": ["PRK"] * n,
            "evidence": ["x"] * n,
            "outlet": ["TASS"] * n,
            "is_summary": [False] * n,
        }
    )


def onsets() -> pd.DataFrame:
    """Two crisis onsets."""
    return pd.DataFrame({"crisis": ["Covid", "Floods"], "onset": [date(2020, 1, 23), date(2024, 7, 27)]})


def points(fig: go.Figure) -> list:
    """The traces that carry events (legend-only entries carry none)."""
    return [t for t in fig.data if "markers" in (t.mode or "") and t.customdata is not None]


def lanes(fig: go.Figure) -> set[str]:
    """The lane label of every event marker (the tick nearest to its height)."""
    ticks = list(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    return {min(ticks, key=lambda t: abs(t[0] - y))[1] for trace in points(fig) for y in trace.y}


def heights(fig: go.Figure) -> list[float]:
    """The height of every event marker."""
    return [y for trace in points(fig) for y in trace.y]


def drawn_strings(fig: go.Figure) -> list[str]:
    """Every string in a figure's JSON: titles, notes, legend entries, hovers, labels, axis titles."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list | tuple):
            for inner in value:
                walk(inner)
        elif hasattr(value, "tolist"):
            walk(value.tolist())

    walk(fig.to_plotly_json())
    return found


def heading(fig: go.Figure) -> str:
    """The notes (and title) above a figure's plot as one plain text."""
    title = fig.layout.title
    return re.sub(r"<[^>]+>", " ", f"{title.text or ''} {title.subtitle.text or ''}")


def english_phrases(areas: tuple[str, ...]) -> set[str]:
    """The literal words of the English catalogue's strings in `areas`, split at their placeholders, that
    the Indonesian catalogue does not share (names such as GDELT read the same in both)."""
    indonesian = " ".join(str(v) for v in catalogue("id").values())
    phrases = set()
    for key, entry in catalogue("en").items():
        if not key.startswith(areas) or key.startswith(("charts.file.", "charts.modebar.")):
            continue  # file names and Plotly's toolbar are not drawn in a figure
        for text in entry.values() if isinstance(entry, dict) else [entry]:
            for literal, *_ in string.Formatter().parse(str(text)):
                part = literal.strip(" :;,.()+×→·")
                if len(part) >= 4 and re.search(r"[a-z]", part) and part not in indonesian:
                    phrases.add(part)
    return phrases


def all_figures(tx: Texts, present: bool = False, note: str | None = NOTE) -> dict[str, go.Figure]:
    """Every figure the dashboard draws, built in one language."""
    data = events().assign(evidence="—", num_mentions=[3, 1, 1])
    links = pd.DataFrame(
        {"sender": [f"S{i:02d}" for i in range(45)], "recipient": ["PRK"] * 45, "incidents": range(1, 46)}
    )
    wide = pd.DataFrame(
        {
            "sender": [f"S{i:02d}" for i in range(30)],
            "recipient": [f"R{i:02d}" for i in range(30)],
            "incidents": [1] * 30,
        }
    )
    cases = data.assign(case_id=["b", "b", "a"], day_offset=[7, 8, -3])
    roles = pd.DataFrame(
        {"case_id": ["a", "b"], "actor": ["PRK", "PRK"], "given": [1, 0], "received": [0, 2]}
    )
    common = {"tx": tx, "note": note, "present": present}
    return {
        "timeline": charts.timeline_figure(data, names=NAMES, onsets=onsets(), **common),
        "mentions": charts.timeline_figure(data, names=NAMES, size="mentions", lane="recipient", **common),
        "timeline_empty": charts.timeline_figure(data.iloc[0:0], **common),
        "sankey": charts.sankey_figure(links, names=NAMES, value="incidents", **common),
        "sankey_empty": charts.sankey_figure(links.iloc[0:0], **common),
        "heatmap": charts.heatmap_figure(wide, names=NAMES, value="incidents", **common),
        "compare": charts.compare_figure(cases, titles={"a": "Case A", "b": "Case B"}, names=NAMES, **common),
        "compare_empty": charts.compare_figure(cases.iloc[0:0], titles={}, **common),
        "roles": charts.roles_figure(roles, "PRK", titles={"a": "2020", "b": "2024"}, names=NAMES, **common),
        "roles_empty": charts.roles_figure(roles, "KOR", titles={}, names=NAMES, **common),
    }


def test_timeline_has_one_lane_per_sender_and_one_trace_per_type():
    fig = charts.timeline_figure(events(), names=NAMES, onsets=onsets())
    assert lanes(fig) == {"Russia (RUS)", "North Korea (PRK)"}
    assert sorted(t.name for t in points(fig)) == ["Offer of aid", "Refusal or deferral"]


def test_timeline_has_a_legend_for_colour_and_one_for_symbol():
    fig = charts.timeline_figure(events(), names=NAMES)
    entries = [t for t in fig.data if t.showlegend is not False]
    by_legend = {
        legend: {t.name for t in entries if (t.legend or "legend") == legend}
        for legend in ("legend", "legend2")
    }
    assert by_legend["legend"] == {"Russia (RUS)", "North Korea (PRK)"}
    assert by_legend["legend2"] == {"Offer of aid", "Refusal or deferral", "offer → response"}
    assert "Sender" in fig.layout.legend.title.text and "Event type" in fig.layout.legend2.title.text
    assert fig.layout.legend.x > 1 and fig.layout.legend2.x > 1  # beside the plot, not over it


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
    assert any(t.name == "+ 138 more senders" for t in fig.data)


def test_many_lanes_stay_compact_even_with_mention_sized_markers():
    n = 400
    crowded = pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(n)],
            "event_date": pd.Timestamp("2024-08-01") + pd.to_timedelta([i % 5 for i in range(n)], unit="D"),
            "event_type": ["offer_aid", "meet", "provide_aid", "express_sympathy"] * (n // 4),
            "sender": [f"S{i % 40:02d}" for i in range(n)],
            "recipient": ["PRK"] * n,
            "evidence": ["x"] * n,
            "outlet": ["o"] * n,
            "is_summary": [False] * n,
            "num_mentions": [1 + i for i in range(n)],
        }
    )
    fig = charts.timeline_figure(crowded, size="mentions")
    assert fig.layout.height < 40 * 110


def test_timeline_lanes_switch_to_recipients():
    fig = charts.timeline_figure(events(), lane="recipient", names=NAMES)
    assert lanes(fig) == {"North Korea (PRK)", "Russia (RUS)", "China (CHN)"}


def test_acts_on_the_same_day_in_one_lane_are_stacked_a_marker_apart():
    fig = charts.timeline_figure(same_day(5), names=NAMES)
    ys = sorted(heights(fig))
    assert len(ys) == 5
    assert min(b - a for a, b in itertools.pairwise(ys)) >= charts.SCREEN.marker
    assert max(ys) < fig.layout.yaxis.range[1] and min(ys) > fig.layout.yaxis.range[0]


def test_reports_of_one_act_are_one_marker_that_counts_them():
    fig = charts.timeline_figure(same_day(3, types=["offer_aid"] * 3), names=NAMES)
    (trace,) = points(fig)
    assert len(trace.y) == 1
    assert "×3" in trace.text[0]
    assert "3 reports of this act" in trace.hovertext[0]


def test_comparison_stacks_acts_of_one_day_instead_of_one_point():
    df = same_day(4).assign(
        case_id="a",
        day_offset=5,
        sender=["RUS", "KOR", "CHN", "RUS"],
        event_type=["offer_aid"] * 3 + ["meet"],
    )
    fig = charts.compare_figure(df, titles={"a": "Floods"}, names=NAMES)
    assert len(set(heights(fig))) == 4
    assert sorted(x for t in points(fig) for x in t.x) == [5, 5, 5, 5]


def test_timeline_marks_crisis_onsets_with_labels_inside_the_plot():
    fig = charts.timeline_figure(events(), names=NAMES, onsets=onsets())
    marks = [a for a in fig.layout.annotations if "Crisis onset" in a.text]
    assert {"Covid", "Floods"} <= {m for a in marks for m in ("Covid", "Floods") if m in a.text}
    assert len(fig.layout.shapes) == 2
    top = fig.layout.yaxis.range[1]
    assert all(a.yref in (None, "y") and a.y <= top and a.yanchor == "top" for a in marks)


def test_onset_label_near_the_right_edge_ends_at_its_line():
    late = pd.DataFrame({"crisis": ["Floods in Sinuiju and Uiju county"], "onset": [date(2024, 8, 4)]})
    early = pd.DataFrame({"crisis": ["Coronavirus outbreak in China"], "onset": [date(2020, 2, 1)]})
    right = charts.timeline_figure(events(), names=NAMES, onsets=late).layout.annotations[0]
    left = charts.timeline_figure(events(), names=NAMES, onsets=early).layout.annotations[0]
    assert right.xanchor == "right" and left.xanchor == "left"


def test_onset_labels_that_would_touch_take_separate_rows():
    close = pd.DataFrame({"crisis": ["First crisis", "Second crisis"], "onset": [date(2024, 8, 1)] * 2})
    marks = charts.timeline_figure(events(), names=NAMES, onsets=close).layout.annotations
    assert len({a.y for a in marks}) == 2


def test_timeline_links_offer_to_response():
    fig = charts.timeline_figure(events(), names=NAMES)
    links = [t for t in fig.data if t.name == "offer → response"]
    assert links and len([x for x in links[0].x if x is not None]) == 2


def test_hover_escapes_html_states_the_offers_status_with_its_date_and_labels_summaries():
    fig = charts.timeline_figure(events(), names=NAMES)
    hovers = " ".join(h for t in fig.data if t.hovertext for h in t.hovertext)
    assert "<b>help</b>" not in hovers and "&lt;b&gt;help" in hovers
    assert "Status of the offer: deferred on 4 Aug 2024" in hovers
    assert "Our summary of the report in Yonhap" in hovers


def test_offers_are_labelled_with_their_status_in_the_language():
    fig = charts.timeline_figure(events(), names=NAMES, tx=ID)
    labels = {text for t in points(fig) if t.text for text in t.text if text}
    assert labels == {"ditunda", "belum ada tanggapan"}


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
    assert "of 900 pairs" in heading(sankey)
    heat = charts.heatmap_figure(links)
    assert heat.data[0].z.shape == (charts.MATRIX_SIDE, charts.MATRIX_SIDE)
    assert "busiest senders" in heading(heat)
    left_out = charts.heatmap_figure(links, tx=ID)
    assert "pengirim × 25 penerima tersibuk" in heading(left_out)


def test_compare_figure_aligns_on_day_offset():
    df = events().assign(case_id=["b", "b", "a"], day_offset=[7, 8, 9])
    fig = charts.compare_figure(df, titles={"a": "Case A", "b": "Case B"}, names=NAMES)
    xs = sorted(x for t in points(fig) for x in t.x)
    assert xs == [7, 8, 9]
    assert fig.layout.shapes[0].x0 == 0
    assert fig.layout.xaxis.title.text == "Days since the crisis onset"


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


@pytest.mark.parametrize("name", list(all_figures(EN)))
def test_every_figure_prints_the_views_note_above_its_plot(name):
    fig = all_figures(EN)[name]
    assert NOTE in heading(fig).replace("  ", " ")
    assert fig.layout.title.yanchor == "bottom" and fig.layout.margin.t >= 30


def test_a_long_note_is_wrapped_to_the_figures_width():
    note = "Filters: " + ", ".join(f"country number {i}" for i in range(30))
    fig = charts.timeline_figure(events(), names=NAMES, note=note)
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) > 2 and max(len(line) for line in lines) <= charts.SCREEN.note_chars


@pytest.mark.parametrize("name", ["timeline", "sankey", "heatmap", "compare", "roles"])
def test_presentation_mode_enlarges_fonts_and_the_note(name):
    screen, projector = all_figures(EN)[name], all_figures(EN, present=True)[name]
    assert projector.layout.font.size > screen.layout.font.size
    size = "subtitle" if name == "roles" else None
    note = projector.layout.title.subtitle.font if size else projector.layout.title.font
    assert note.size > (screen.layout.title.subtitle.font if size else screen.layout.title.font).size


def test_presentation_mode_enlarges_markers():
    def sizes(fig: go.Figure) -> list[float]:
        return [s for t in points(fig) for s in t.marker.size]

    assert min(sizes(all_figures(EN, present=True)["timeline"])) > max(sizes(all_figures(EN)["timeline"]))


def test_figures_in_indonesian_carry_no_english_chart_words():
    english = english_phrases(("charts.", "labels.event_type", "labels.outcome", "common.evidence"))
    note = ID("common.present.note", summary=ID("common.describe.none"), as_of=ID.date(date(2024, 8, 4)))
    leftovers = {
        f"{name}: {phrase!r}"
        for name, fig in all_figures(ID, note=note).items()
        for text in drawn_strings(fig)
        for phrase in english
        if phrase in text
    }
    assert not leftovers, sorted(leftovers)


def test_indonesian_figures_format_dates_and_numbers_in_indonesian():
    fig = charts.timeline_figure(events(), names=NAMES, tx=ID)
    hovers = " ".join(h for t in points(fig) for h in t.hovertext)
    assert "3 Agu 2024" in hovers and "ditunda pada 4 Agu 2024" in hovers
    many = pd.DataFrame({"sender": ["RUS"], "recipient": ["PRK"], "incidents": [1234]})
    assert charts.heatmap_figure(many, names=NAMES, value="incidents", tx=ID).data[0].text[0][0] == "1.234"


def test_theme_is_registered_once_with_large_fonts():
    import plotly.io as pio

    assert charts.register_theme() == charts.TEMPLATE
    assert pio.templates[charts.TEMPLATE].layout.font.size >= 16
