"""Pure figure builders: DataFrames in, Plotly figures out, in one projector-friendly theme."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.filters import country_label, dyad_label, type_label
from dashboard.i18n import EN, Texts

TEMPLATE = "aid_monitor"
# Okabe–Ito first (colour-blind safe), then Paul Tol's muted scheme; yellow last (weak on white).
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#332288",
    "#882255",
    "#117733",
    "#44AA99",
    "#AA4499",
    "#999933",
    "#661100",
    "#6699CC",
    "#888888",
)
EVENT_SYMBOLS: dict[str, str] = {
    "offer_aid": "circle",
    "provide_aid": "square",
    "request_aid": "triangle-down",
    "accept_aid": "star",
    "decline_aid": "x",
    "express_sympathy": "diamond",
    "express_gratitude": "star-diamond",
    "sign_agreement": "hexagram",
    "meet": "triangle-up",
}
OUTCOME_COLORS: dict[str, str] = {
    "accepted": "#009E73",
    "thanked": "#0072B2",
    "deferred": "#E69F00",
    "refused": "#D55E00",
    "no response yet": "#888888",
}
FONT_SIZE = 17
_BOTTOM_LEGEND = {
    "title": {"text": "Sender · event type: "},
    "orientation": "h",
    "yanchor": "top",
    "y": -0.12,
    "xanchor": "left",
    "x": 0,
}
_LABEL_LIMIT = 40  # label each offer's outcome on the chart only when there are few offers
_LEGEND_SENDERS = 12  # senders named in a legend (busiest first); the lanes name every one
MENTION_MAX_PX = 42  # diameter of the most-mentioned event's marker when size follows GDELT mentions
MENTION_MIN_PX = 9
SANKEY_LINKS = 40  # pairs drawn in the Sankey (largest first); the dyad table has them all
MATRIX_SIDE = 25  # senders and recipients drawn in the matrix (busiest first)


def register_theme() -> str:
    """Register the dashboard's Plotly template (idempotent) and return its name."""
    if TEMPLATE not in pio.templates:
        base = go.layout.Template(pio.templates["plotly_white"])
        base.layout.update(
            font={"family": "Source Sans Pro, Arial, sans-serif", "size": FONT_SIZE, "color": "#111111"},
            title={"font": {"size": FONT_SIZE + 5}},
            colorway=list(PALETTE),
            hoverlabel={"font": {"size": FONT_SIZE - 1}, "bgcolor": "white", "bordercolor": "#333333"},
            legend={"font": {"size": FONT_SIZE - 2}, "bgcolor": "rgba(255,255,255,0.85)"},
            margin={"l": 10, "r": 20, "t": 60, "b": 40},
            xaxis={"gridcolor": "#d9d9d9", "linecolor": "#333333", "tickfont": {"size": FONT_SIZE - 1}},
            yaxis={"gridcolor": "#d9d9d9", "linecolor": "#333333", "tickfont": {"size": FONT_SIZE - 1}},
        )
        pio.templates[TEMPLATE] = base
    return TEMPLATE


register_theme()


def color_map(codes: Iterable[str]) -> dict[str, str]:
    """A stable colour per actor code: the same code gets the same colour on every page."""
    ordered = sorted(set(codes))
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(ordered)}


def _safe(text: Any, width: int = 70) -> str:
    """Untrusted text for a hover label: HTML-escaped, wrapped with <br>."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    lines = textwrap.wrap(" ".join(str(text).split()), width=width) or [""]
    return "<br>".join(html.escape(line) for line in lines[:6])


def evidence_label(outlet: Any, is_summary: Any, origin: Any = None, tx: Texts = EN) -> str:
    """How to introduce an evidence text: our summary, the report's sentence, a GDELT record or an
    analyst's annotation."""
    if origin in ("gdelt", "annotation"):
        return tx(f"common.evidence.{origin}")
    source = str(outlet) if isinstance(outlet, str) and outlet else tx("common.evidence.unnamed")
    if bool(is_summary):
        return tx("common.evidence.summary", outlet=source)
    return tx("common.evidence.sentence", outlet=source)


def _hover(row: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """Hover text for one event: what, who, when, outcome, then the evidence and its outlet."""
    who = dyad_label(row.get("sender"), row.get("recipient"), names)
    when = (
        pd.Timestamp(row["event_date"]).strftime("%d %b %Y") if pd.notna(row.get("event_date")) else "undated"
    )
    parts = [f"<b>{html.escape(type_label(str(row.get('event_type'))))}</b>", html.escape(who), when]
    outcome = row.get("outcome")
    if isinstance(outcome, str) and outcome:
        parts.append(f"Response: {html.escape(outcome)}")
    label = evidence_label(row.get("outlet"), row.get("is_summary"), row.get("source"))
    parts.append(f"<i>{html.escape(label)}:</i>")
    parts.append(_safe(row.get("evidence")))
    return "<br>".join(parts)


def _empty(message: str) -> go.Figure:
    """A blank figure carrying a message (used when there is nothing to draw)."""
    fig = go.Figure(layout={"template": TEMPLATE})
    fig.add_annotation(text=html.escape(message), showarrow=False, font={"size": FONT_SIZE + 2})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _lane_order(df: pd.DataFrame, lane: str, names: Mapping[str, str]) -> list[str]:
    """Lane labels, busiest lane on top."""
    counts = df[lane].fillna("?").value_counts()
    return [country_label(c, names) for c in counts.index[::-1]]


def _legend_stubs(df: pd.DataFrame, colors: Mapping[str, str], names: Mapping[str, str]) -> list:
    """Legend-only entries: one per event type shown (its symbol), one per busiest sender (its colour)."""
    stubs = [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=type_label(etype),
            legendgroup=f"type:{etype}",
            marker={"symbol": EVENT_SYMBOLS.get(etype, "circle-open"), "color": "#555555", "size": 14},
        )
        for etype in sorted(df["event_type"].unique())
    ]
    senders = df["sender"].fillna("?").value_counts()
    for sender in senders.index[:_LEGEND_SENDERS]:
        stubs.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=country_label(sender, names),
                legendgroup=str(sender),
                marker={"symbol": "square", "color": colors.get(sender, "#555555"), "size": 14},
            )
        )
    if len(senders) > _LEGEND_SENDERS:
        stubs.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"+ {len(senders) - _LEGEND_SENDERS} more senders",
                marker={"color": "rgba(0,0,0,0)", "size": 1},
            )
        )
    return stubs


def _typed_traces(
    df: pd.DataFrame,
    x: str,
    y: Sequence[str],
    colors: Mapping[str, str],
    hover: Sequence[str],
    size: int | Sequence[float],
) -> list:
    """One marker trace per event type (symbol), coloured point by point by sender: few traces however
    many senders, so the figure stays quick to build, to send and to draw."""
    sizes = [size] * len(df) if isinstance(size, int) else list(size)
    work = df.assign(
        _y=list(y), _hover=list(hover), _color=[colors.get(s, "#555555") for s in df["sender"]], _size=sizes
    )
    traces = []
    for etype, part in work.groupby("event_type", sort=True):
        traces.append(
            go.Scatter(
                x=part[x],
                y=part["_y"],
                mode="markers",
                name=type_label(str(etype)),
                legendgroup=f"type:{etype}",
                showlegend=False,
                marker={
                    "color": part["_color"].tolist(),
                    "symbol": EVENT_SYMBOLS.get(str(etype), "circle-open"),
                    "size": part["_size"].tolist(),
                    "line": {"width": 1.5, "color": "white"},
                },
                customdata=part[["event_id"]].to_numpy(),
                hovertext=part["_hover"].tolist(),
                hoverinfo="text",
            )
        )
    return traces


def mention_sizes(mentions: pd.Series) -> tuple[list[float], str]:
    """Marker sizes whose area follows GDELT's mention counts (a report of ours counts one mention), and
    the note that says so on the chart."""
    counts = pd.to_numeric(mentions, errors="coerce").fillna(1).clip(lower=1)
    top = float(counts.max()) if len(counts) else 1.0
    scale = MENTION_MAX_PX / top**0.5
    note = (
        f"Marker area = GDELT mentions (largest: {top:,.0f}); "
        "each report from our articles or annotations counts as one mention."
    )
    return [max(MENTION_MIN_PX, round(float(scale * c**0.5), 1)) for c in counts], note


def _event_traces(
    df: pd.DataFrame, lane: str, colors: Mapping[str, str], names: Mapping[str, str], size: str
) -> tuple[list, str | None]:
    """Event markers by type (colour = sender, symbol = type), the legend of both, and a size note."""
    y = [country_label(v, names) for v in df[lane].fillna("?")]
    hover = [_hover(r, names) for r in df.to_dict("records")]
    sizes: int | list[float] = 17
    note = None
    if size == "mentions":
        sizes, note = mention_sizes(df["num_mentions"] if "num_mentions" in df else pd.Series([1] * len(df)))
    traces = _typed_traces(df, "event_date", y, colors, hover, sizes)
    return [*traces, *_legend_stubs(df, colors, names)], note


def _response_links(df: pd.DataFrame, lane: str, names: Mapping[str, str]) -> list:
    """Dashed connectors from each offer to the reply that answered it (when the reply is shown)."""
    if "reply_id" not in df:
        return []
    replies = df[["event_id", "event_date", lane]].rename(
        columns={"event_id": "reply_id", "event_date": "reply_day", lane: "reply_lane"}
    )
    pairs = df[df["reply_id"].notna()].merge(replies, on="reply_id")
    if pairs.empty:
        return []
    xs: list[Any] = []
    ys: list[Any] = []
    for start, end, a, b in zip(
        pairs["event_date"], pairs["reply_day"], pairs[lane], pairs["reply_lane"], strict=True
    ):
        xs += [start, end, None]
        ys += [country_label(a or "?", names), country_label(b or "?", names), None]
    line = go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        name="offer → response",
        hoverinfo="skip",
        line={"color": "#444444", "width": 2, "dash": "dot"},
    )
    return [line]


def _outcome_labels(df: pd.DataFrame, lane: str, names: Mapping[str, str]) -> list:
    """Short outcome labels beside offers ('thanked', 'no response yet'), if there are few offers."""
    offers = df[df["event_type"] == "offer_aid"] if "outcome" in df else df.iloc[0:0]
    if offers.empty or len(offers) > _LABEL_LIMIT:
        return []
    text = offers["outcome"].fillna("no response yet")
    label = go.Scatter(
        x=offers["event_date"],
        y=[country_label(v, names) for v in offers[lane].fillna("?")],
        mode="text",
        text=[f"  {t}" for t in text],
        textposition="middle right",
        textfont={"size": FONT_SIZE - 3, "color": [OUTCOME_COLORS.get(t, "#444444") for t in text]},
        hoverinfo="skip",
        showlegend=False,
    )
    return [label]


def _add_onsets(fig: go.Figure, onsets: pd.DataFrame, x_range: tuple[Any, Any] | None) -> None:
    """Vertical dashed lines with labels at each case's crisis onset (inside the shown date range)."""
    for i, row in enumerate(onsets.itertuples(index=False)):
        day = pd.Timestamp(row.onset)
        if x_range and not (x_range[0] <= day <= x_range[1]):
            continue
        fig.add_shape(
            type="line",
            x0=day,
            x1=day,
            y0=0,
            y1=1,
            yref="paper",
            line={"color": "#B2182B", "width": 2, "dash": "dash"},
        )
        fig.add_annotation(
            x=day,
            y=1,
            yref="paper",
            yanchor="bottom",
            xanchor="left",
            yshift=22 * (i % 2),
            showarrow=False,
            text=f"Crisis onset: {html.escape(str(row.crisis))}",
            font={"size": FONT_SIZE - 3, "color": "#B2182B"},
            bgcolor="rgba(255,255,255,0.9)",
        )


def _padded_range(dates: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The date span of the data with a margin on both sides."""
    lo, hi = pd.Timestamp(dates.min()), pd.Timestamp(dates.max())
    pad = max((hi - lo) * 0.04, pd.Timedelta(days=10))
    return lo - pad, hi + pad * 3


def timeline_figure(
    df: pd.DataFrame,
    *,
    lane: str = "sender",
    colors: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    onsets: pd.DataFrame | None = None,
    size: str = "fixed",
    tx: Texts = EN,
    note: str | None = None,
    present: bool = False,
) -> go.Figure:
    """Events on a time axis, one lane per sender (or recipient); offers linked to their responses.
    With size='mentions' the marker area follows GDELT's mention counts, noted under the chart."""
    if lane not in ("sender", "recipient"):
        raise ValueError(f"lane must be 'sender' or 'recipient', not {lane!r}")
    if size not in ("fixed", "mentions"):
        raise ValueError(f"size must be 'fixed' or 'mentions', not {size!r}")
    names = names or {}
    if df.empty:
        return _empty("No dated events match the filters.")
    colors = colors or color_map(df["sender"].dropna())
    fig = go.Figure(layout={"template": TEMPLATE})
    markers, size_note = _event_traces(df, lane, colors, names, size)
    for trace in [*_response_links(df, lane, names), *markers]:
        fig.add_trace(trace)
    for trace in _outcome_labels(df, lane, names):
        fig.add_trace(trace)
    x_range = _padded_range(df["event_date"])
    if onsets is not None and not onsets.empty:
        _add_onsets(fig, onsets, x_range)
    lanes = _lane_order(df, lane, names)
    if size_note:
        fig.add_annotation(
            text=html.escape(size_note),
            xref="paper",
            yref="paper",
            x=0,
            y=1,
            xanchor="left",
            yanchor="bottom",
            yshift=48,
            showarrow=False,
            font={"size": FONT_SIZE - 3, "color": "#444444"},
        )
    fig.update_layout(
        height=max(420, 220 + 70 * len(lanes) + 10 * len(fig.data)),
        xaxis={"title": None, "range": list(x_range)},
        yaxis={"title": None, "categoryorder": "array", "categoryarray": lanes},
        legend=_BOTTOM_LEGEND,
        hovermode="closest",
        clickmode="event+select",
        margin={"t": 90},
    )
    return fig


def sankey_figure(
    links: pd.DataFrame,
    *,
    colors: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    value: str = "events",
    tx: Texts = EN,
    note: str | None = None,
    present: bool = False,
) -> go.Figure:
    """Who offers to whom: senders on the left, recipients on the right, flow width = the `value` column."""
    names = names or {}
    if links.empty:
        return _empty("No sender → recipient events match the filters.")
    colors = colors or color_map([*links["sender"], *links["recipient"]])
    links, note = _top_links(links, value)
    senders = list(dict.fromkeys(links["sender"]))
    recipients = list(dict.fromkeys(links["recipient"]))
    labels = [country_label(c, names) for c in senders] + [country_label(c, names) for c in recipients]
    node_colors = [colors.get(c, "#555555") for c in [*senders, *recipients]]
    source = [senders.index(s) for s in links["sender"]]
    target = [len(senders) + recipients.index(r) for r in links["recipient"]]
    link_colors = [_fade(colors.get(s, "#555555")) for s in links["sender"]]
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={"label": labels, "color": node_colors, "pad": 24, "thickness": 22},
            link={
                "source": source,
                "target": target,
                "value": links[value].tolist(),
                "color": link_colors,
            },
            textfont={"size": FONT_SIZE, "color": "#111111"},
        ),
        layout={"template": TEMPLATE},
    )
    fig.update_layout(height=max(380, 60 * max(len(senders), len(recipients))), margin={"t": 30})
    _add_note(fig, note)
    return fig


def _top_links(links: pd.DataFrame, value: str) -> tuple[pd.DataFrame, str | None]:
    """The SANKEY_LINKS largest pairs (a browser cannot lay out thousands) and a note saying so."""
    if len(links) <= SANKEY_LINKS:
        return links, None
    top = links.nlargest(SANKEY_LINKS, value, keep="first")
    share = top[value].sum() / max(links[value].sum(), 1)
    return top, (
        f"The {SANKEY_LINKS} largest of {len(links):,} pairs ({share:.0%} of the {value}); "
        "the dyad table lists every pair."
    )


def _top_matrix(links: pd.DataFrame, value: str) -> tuple[pd.DataFrame, str | None]:
    """Only the MATRIX_SIDE busiest senders and recipients, and a note saying so."""
    senders = links.groupby("sender")[value].sum()
    recipients = links.groupby("recipient")[value].sum()
    if len(senders) <= MATRIX_SIDE and len(recipients) <= MATRIX_SIDE:
        return links, None
    kept = links[
        links["sender"].isin(senders.nlargest(MATRIX_SIDE).index)
        & links["recipient"].isin(recipients.nlargest(MATRIX_SIDE).index)
    ]
    share = kept[value].sum() / max(links[value].sum(), 1)
    return kept, (
        f"The {min(len(senders), MATRIX_SIDE)} busiest senders × {min(len(recipients), MATRIX_SIDE)} busiest "
        f"recipients ({share:.0%} of the {value}); the dyad table lists every pair."
    )


def _add_note(fig: go.Figure, note: str | None) -> None:
    """State under the figure what it leaves out, so a screenshot is not misread."""
    if note:
        fig.add_annotation(
            text=html.escape(note),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yanchor="top",
            yshift=-8,
            xanchor="left",
            showarrow=False,
            font={"size": FONT_SIZE - 3, "color": "#444444"},
        )
        fig.update_layout(margin={"b": 70})


def _fade(hex_color: str, alpha: float = 0.45) -> str:
    """An rgba() version of a #rrggbb colour."""
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def heatmap_figure(
    links: pd.DataFrame,
    *,
    names: Mapping[str, str] | None = None,
    value: str = "events",
    tx: Texts = EN,
    note: str | None = None,
    present: bool = False,
) -> go.Figure:
    """A sender × recipient matrix of the `value` column's counts (events or incidents)."""
    names = names or {}
    if links.empty:
        return _empty("No sender → recipient events match the filters.")
    links, note = _top_matrix(links, value)
    matrix = links.pivot_table(index="sender", columns="recipient", values=value, aggfunc="sum", fill_value=0)
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=[country_label(c, names) for c in matrix.columns],
            y=[country_label(c, names) for c in matrix.index],
            colorscale="Blues",
            text=matrix.to_numpy(),
            texttemplate="%{text}",
            textfont={"size": FONT_SIZE},
            hovertemplate=f"%{{y}} → %{{x}}: %{{z}} {value}<extra></extra>",
            colorbar={"title": {"text": value}},
            xgap=2,
            ygap=2,
        ),
        layout={"template": TEMPLATE},
    )
    fig.update_layout(
        height=max(320, 120 + 60 * len(matrix.index)),
        xaxis={"title": {"text": "Recipient"}, "side": "top"},
        yaxis={"title": {"text": "Sender"}, "autorange": "reversed"},
        margin={"t": 90},
    )
    _add_note(fig, note)
    return fig


def compare_figure(
    df: pd.DataFrame,
    *,
    titles: Mapping[str, str],
    colors: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    tx: Texts = EN,
    note: str | None = None,
    present: bool = False,
) -> go.Figure:
    """Both cases on one axis of days since the crisis onset, one lane per case."""
    names = names or {}
    if df.empty:
        return _empty("No events inside these cases' windows match the filters.")
    colors = colors or color_map(df["sender"].dropna())
    lane = df["case_id"].map(lambda c: titles.get(c, c))
    work = df.assign(lane=lane, x=df["day_offset"])
    fig = go.Figure(layout={"template": TEMPLATE})
    hover = [f"Day {int(r['x']):+d}<br>" + _hover(r, names) for r in work.to_dict("records")]
    for trace in [
        *_typed_traces(work, "x", work["lane"], colors, hover, 18),
        *_legend_stubs(work, colors, names),
    ]:
        fig.add_trace(trace)
    fig.add_shape(
        type="line", x0=0, x1=0, y0=0, y1=1, yref="paper", line={"color": "#B2182B", "dash": "dash"}
    )
    fig.add_annotation(
        x=0,
        y=1,
        yref="paper",
        yanchor="bottom",
        text="Crisis onset (day 0)",
        showarrow=False,
        font={"color": "#B2182B", "size": FONT_SIZE - 2},
    )
    fig.update_layout(
        height=max(400, 250 + 90 * lane.nunique() + 10 * len(fig.data)),
        xaxis={"title": {"text": "Days since the crisis onset"}, "zeroline": False},
        yaxis={"title": None, "categoryorder": "array", "categoryarray": list(dict.fromkeys(lane))[::-1]},
        legend=_BOTTOM_LEGEND,
        margin={"t": 70},
    )
    return fig


def roles_figure(
    roles: pd.DataFrame,
    actor: str,
    *,
    titles: Mapping[str, str],
    names: Mapping[str, str],
    tx: Texts = EN,
    note: str | None = None,
    present: bool = False,
) -> go.Figure:
    """One actor's aid offers made and received in each case: a role reversal shows as swapped bars."""
    part = roles[roles["actor"] == actor]
    if part.empty:
        return _empty(f"{country_label(actor, names)} has no aid offers in these cases.")
    cases = [titles.get(c, c) for c in part["case_id"]]
    fig = go.Figure(layout={"template": TEMPLATE})
    roles_shown = (
        ("given", "offers made (giver)", "#0072B2"),
        ("received", "offers received (receiver)", "#D55E00"),
    )
    for column, label, colour in roles_shown:
        fig.add_trace(
            go.Bar(
                y=cases,
                x=part[column],
                name=label,
                orientation="h",
                marker_color=colour,
                text=part[column],
                textposition="auto",
            )
        )
    fig.update_layout(
        barmode="group",
        height=160 + 80 * len(cases),
        title={"text": f"{html.escape(country_label(actor, names))}: giver or receiver?"},
        xaxis={"title": {"text": "aid offers"}, "dtick": 1},
        yaxis={"autorange": "reversed"},
        margin={"t": 70},
    )
    return fig


def pivot_actors(roles: pd.DataFrame, case_ids: Sequence[str]) -> list[str]:
    """Actors that both give in one case and receive in another: the role reversals, most offers first."""
    flips: list[tuple[int, str]] = []
    for actor, part in roles.groupby("actor"):
        gives = set(part.loc[part["given"] > 0, "case_id"]) & set(case_ids)
        gets = set(part.loc[part["received"] > 0, "case_id"]) & set(case_ids)
        if gives and gets and gives != gets:
            flips.append((-int(part["given"].sum() + part["received"].sum()), str(actor)))
    return [actor for _, actor in sorted(flips)]
