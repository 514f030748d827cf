"""Pure figure builders: DataFrames in, Plotly figures out, in one projector-friendly theme and the
interface's language.

Every chart is laid out for the narrowest plot it will be drawn in (a 1280×720 screen beside the
sidebar) so that no text is clipped or drawn over other text: the notes (filters, data date, what is
left out) sit above the plot as the figure's title, the legends sit right of it (colour = sender on
top, symbol = event type below), labels inside the plot get room reserved for them, and markers that
would cover each other in a lane are stacked.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard import tables
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
    "no response yet": "#666666",
}
ONSET_COLOR = "#B2182B"
NOTE_COLOR = "#555555"
FONT_SIZE = 17
_LABEL_LIMIT = 40  # label each offer's outcome on the chart only when there are few offers
_LEGEND_SENDERS = 12  # senders named in a legend (busiest first); the lanes name every one
_MAX_LEVELS = 7  # markers stacked in one lane at most (then the least crowded level is shared)
_MANY_LANES = 12  # with more lanes than this, a lane stacks at most _FEW_LEVELS markers
_FEW_LEVELS = 3
MENTION_MAX_PX = 42  # diameter of the most-mentioned event's marker when size follows GDELT mentions
MENTION_MIN_PX = 9
SANKEY_LINKS = 40  # pairs drawn in the Sankey (largest first); the dyad table has them all
MATRIX_SIDE = 25  # senders and recipients drawn in the matrix (busiest first)
_EPOCH = pd.Timestamp("1970-01-01")
CHAR_EM = 0.6  # a generous average character width in em, to reserve room for a text
LINE_EM = 1.35  # line height in em


@dataclass(frozen=True)
class Scale:
    """Sizes of one way of showing the charts: on a screen, or on a projector (presentation mode)."""

    font: int  # axis labels; legends and labels are a little smaller
    note: int  # the grey notes above a chart
    marker: int  # an event marker's diameter
    plot_px: int  # the narrowest plot area the layout is planned for
    lane_px: int  # the least height of a lane
    note_chars: int  # a note is wrapped at this many characters (the figure's narrowest width)


SCREEN = Scale(font=FONT_SIZE, note=13, marker=16, plot_px=380, lane_px=64, note_chars=100)
PROJECTOR = Scale(font=23, note=18, marker=24, plot_px=560, lane_px=92, note_chars=100)


def scale_for(present: bool) -> Scale:
    """The sizes for a screen, or larger ones for a projector."""
    return PROJECTOR if present else SCREEN


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
            margin={"l": 10, "r": 10, "t": 40, "b": 40},
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


# ---------------------------------------------------------------- text


def _safe(text: Any, width: int = 70) -> str:
    """Untrusted text for a hover label: HTML-escaped, wrapped with <br>."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    lines = textwrap.wrap(" ".join(str(text).split()), width=width) or [""]
    return "<br>".join(html.escape(line) for line in lines[:6])


def _wrap(text: str, width: int) -> str:
    """Plain text escaped and wrapped into <br>-separated lines of at most `width` characters."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(" ".join(text.split()), width) or [""])


def text_px(text: str, size: float) -> float:
    """A generous width in pixels of a one-line text at a font size (tags and entities ignored)."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    return len(plain) * size * CHAR_EM


def evidence_label(outlet: Any, is_summary: Any, origin: Any = None, tx: Texts = EN) -> str:
    """How to introduce an evidence text: our summary, the report's sentence, a GDELT record or an
    analyst's annotation."""
    if origin in ("gdelt", "annotation"):
        return tx(f"common.evidence.{origin}")
    source = str(outlet) if isinstance(outlet, str) and outlet else tx("common.evidence.unnamed")
    if bool(is_summary):
        return tx("common.evidence.summary", outlet=source)
    return tx("common.evidence.sentence", outlet=source)


def _hover(row: Mapping[str, Any], names: Mapping[str, str], tx: Texts) -> str:
    """Hover text for one event: what, who, when, the offer's status, then the evidence and its outlet."""
    who = dyad_label(row.get("sender"), row.get("recipient"), names)
    when = tx.date(row.get("event_date")) or tx("common.evidence.undated")
    parts = [f"<b>{html.escape(type_label(str(row.get('event_type')), tx))}</b>", html.escape(who), when]
    status = tables.status(row.get("outcome"), row.get("reply_date"), tx)
    if status:
        parts.append(html.escape(f"{tx('common.evidence.status')}: {status}"))
    label = evidence_label(row.get("outlet"), row.get("is_summary"), row.get("source"), tx)
    parts.append(f"<i>{html.escape(label)}:</i>")
    parts.append(_safe(row.get("evidence")) or html.escape(tx("common.evidence.none")))
    return "<br>".join(parts)


def _counted(value: str, tx: Texts) -> str:
    """The name of what a flow chart counts ('Incidents'), for a colour bar or a hover."""
    key = f"charts.counted.{value}"
    return tx(key) if tx.has(key) else value


def _share_of(value: str, share: float, tx: Texts) -> str:
    """'45% of the incidents' in the language."""
    key = f"charts.share_of.{value}"
    percent = tx.percent(share)
    return tx(key, share=percent) if tx.has(key) else f"{percent} {value}"


# ---------------------------------------------------------------- the frame of every figure


def _heading(
    fig: go.Figure, scale: Scale, lines: Sequence[str | None], title: str | None = None, above: int = 0
) -> int:
    """Notes (wrapped to the figure's width, small and grey) under an optional title, `above` px over the
    plot's top (room for what an axis draws there); returns the height they take, which the top margin
    keeps free of anything else.

    Plotly anchors a title's first line and writes the others below it (1.3 em apart), so the padding
    under the title is what lifts the whole block clear of the plot."""
    wrapped = [_wrap(line, scale.note_chars) for line in lines if line]
    count = sum(w.count("<br>") + 1 for w in wrapped)
    notes = "<br>".join(wrapped)
    note_font = {"size": scale.note, "color": NOTE_COLOR}
    big = scale.font + 3
    if title:
        text, font, first = _bold(title), {"size": big, "color": "#111111"}, big
        block = 1.3 * big + (count * 1.3 * scale.note + 4 if count else 0)
    else:
        text, font, notes, first = notes, note_font, "", scale.note
        block = count * 1.3 * scale.note
    if not text:
        return 12
    lift = block - 0.9 * first
    fig.update_layout(
        title={
            "text": text,
            "font": font,
            "subtitle": {"text": notes, "font": note_font},
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": 1,
            "yref": "paper",
            "yanchor": "bottom",
            "pad": {"l": 8, "b": int(10 + above + lift)},
            "automargin": False,
        }
    )
    return int(block + 22)


def _fonts(fig: go.Figure, scale: Scale) -> None:
    """Font sizes of the figure's text for the scale (larger on a projector)."""
    tick = {"tickfont": {"size": scale.font - 1}, "title": {"font": {"size": scale.font}}, "automargin": True}
    fig.update_layout(
        font={"size": scale.font},
        hoverlabel={"font": {"size": scale.font - 1}},
        legend={"font": {"size": scale.font - 2}, "title": {"font": {"size": scale.font - 2}}},
    )
    fig.update_xaxes(**tick)
    fig.update_yaxes(**tick)


def _empty(message: str, note: str | None, scale: Scale) -> go.Figure:
    """A blank figure carrying a message (used when there is nothing to draw) and the view's note."""
    fig = go.Figure(layout={"template": TEMPLATE})
    fig.add_annotation(text=_wrap(message, 60), showarrow=False, font={"size": scale.font + 2})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    heading = _heading(fig, scale, [note])
    fig.update_layout(height=240 + heading, margin={"t": heading})
    return fig


# ---------------------------------------------------------------- legends


def _legends(scale: Scale, tx: Texts) -> dict[str, Any]:
    """Two legends right of the plot: colour = sender at the top, symbol = event type at the bottom."""
    common = {
        "x": 1.02,
        "xanchor": "left",
        "orientation": "v",
        "font": {"size": scale.font - 2},
        "bgcolor": "rgba(255,255,255,0.85)",
        "tracegroupgap": 2,
    }
    font = {"size": scale.font - 2}
    sender = {"text": _bold(tx("charts.legend.sender")), "font": font}
    kind = {"text": _bold(tx("charts.legend.type")), "font": font}
    return {
        "legend": {**common, "y": 1, "yanchor": "top", "title": sender},
        "legend2": {**common, "y": 0, "yanchor": "bottom", "title": kind},
    }


def _bold(text: str) -> str:
    """Escaped text in bold."""
    return f"<b>{html.escape(text)}</b>"


def _legend_px(entries: int, scale: Scale) -> float:
    """The height of a vertical legend with a title and `entries` entries."""
    return (entries + 1) * ((scale.font - 2) * LINE_EM + 6) + 12


def _stub(name: str, legend: str, group: str | None, marker: Mapping[str, Any]) -> dict[str, Any]:
    """A legend-only entry (no data)."""
    return _scatter(
        x=[None], y=[None], mode="markers", name=name, legend=legend, legendgroup=group, marker=marker
    )


def _scatter(**properties: Any) -> dict[str, Any]:
    """A scatter trace as a plain dict: the figure validates it once when it is added (a go.Scatter would
    be validated twice, which is most of a 2,000-point chart's build time)."""
    return {"type": "scatter", **properties}


def _legend_stubs(
    df: pd.DataFrame, colors: Mapping[str, str], names: Mapping[str, str], tx: Texts, scale: Scale
) -> list:
    """Legend-only entries: each busiest sender's colour (legend), each event type's symbol (legend2)."""
    size = scale.marker - 2
    senders = df["sender"].fillna("?").value_counts()
    stubs = [
        _stub(
            country_label(s, names),
            "legend",
            str(s),
            {"symbol": "square", "color": colors.get(s, "#555555"), "size": size},
        )
        for s in senders.index[:_LEGEND_SENDERS]
    ]
    if len(senders) > _LEGEND_SENDERS:
        more = tx("charts.legend.more", n=len(senders) - _LEGEND_SENDERS)
        stubs.append(_stub(more, "legend", None, {"color": "rgba(0,0,0,0)", "size": 1}))
    for etype in sorted(df["event_type"].unique()):
        symbol = EVENT_SYMBOLS.get(etype, "circle-open")
        marker = {"symbol": symbol, "color": "#555555", "size": size}
        stubs.append(_stub(type_label(etype, tx), "legend2", f"type:{etype}", marker))
    return stubs


def _legend_entries(df: pd.DataFrame) -> tuple[int, int]:
    """How many entries the sender legend and the type legend will have."""
    senders = df["sender"].fillna("?").nunique()
    return min(senders, _LEGEND_SENDERS) + (senders > _LEGEND_SENDERS), df["event_type"].nunique()


# ---------------------------------------------------------------- lanes: where each marker goes


@dataclass(frozen=True)
class Lanes:
    """Where the markers of a lane chart go, in pixels of the planned plot (y from its bottom)."""

    y: list[float]  # each row's height
    ticks: list[float]  # each lane's middle, bottom lane first
    labels: list[str]  # each lane's label, bottom lane first
    top: float  # the plot's height (lanes and the room above them for labels)


@dataclass(frozen=True)
class Mark:
    """A vertical line with a label inside the top of the plot (a crisis onset)."""

    x: Any
    text: str
    anchor: str  # 'left': the label starts at the line; 'right': it ends there
    row: int  # label rows from the top


def _span(xs: Sequence[float], ends: Sequence[float], plot_px: float, min_span: float) -> tuple[float, float]:
    """An x range that holds every position with room for what is drawn right of it (`ends`, in px):
    for each x, (x - lo) / span * plot_px + end <= plot_px."""
    lo_data, hi_data = min(xs), max(xs)
    width = max(hi_data - lo_data, min_span)
    lo = lo_data - width * 0.04
    span = (hi_data - lo) + width * 0.04
    for x, end in zip(xs, ends, strict=True):
        room = max(plot_px - end, plot_px * 0.2)
        span = max(span, (x - lo) * plot_px / room)
    return lo, lo + span


def _levels(starts: Sequence[float], ends: Sequence[float], limit: int = _MAX_LEVELS) -> list[int]:
    """Greedy stacking of intervals sorted by start: each on the first level that is free by then (at
    most `limit` levels; past that the level that frees first is shared)."""
    free_at: list[float] = []
    out = []
    for start, end in zip(starts, ends, strict=True):
        level = next((k for k, at in enumerate(free_at) if at <= start), None)
        if level is None and len(free_at) < limit:
            free_at.append(end)
            level = len(free_at) - 1
        elif level is None:
            level = min(range(len(free_at)), key=free_at.__getitem__)
        free_at[level] = max(free_at[level], end) if free_at[level] > start else end
        out.append(level)
    return out


def _shift(level: int) -> int:
    """Steps from the lane's line for a stacking level: 0, +1, -1, +2, -2…"""
    return (level + 1) // 2 * (1 if level % 2 else -1)


@dataclass(frozen=True)
class Footprint:
    """What a marker takes in the planned plot: its x in px, and how far it and its label reach to the
    left and to the right of that x; its diameter."""

    px: float
    left: float
    right: float
    size: float


def plan_lanes(
    lanes: Sequence[str],
    feet: Sequence[Footprint],
    order: Sequence[str],
    scale: Scale,
    *,
    headroom: float = 0,
    least: float = 0,
) -> Lanes:
    """Stack markers that would touch in a lane and give every lane the height of its stack (fewer levels
    when there are many lanes; mention-sized markers may still touch); lanes in `order` from the bottom,
    then `headroom` px above them; the lanes grow evenly until the plot is `least` px high."""
    frame = pd.DataFrame(
        {
            "lane": list(lanes),
            "start": [f.px - f.left - 2 for f in feet],
            "end": [f.px + f.right + 2 for f in feet],
            "size": [f.size for f in feet],
        }
    )
    frame["shift"] = 0
    few = len(order) <= _MANY_LANES
    limit, biggest = (_MAX_LEVELS, 2 * scale.marker) if few else (_FEW_LEVELS, scale.marker)
    for _, part in frame.sort_values("start", kind="stable").groupby("lane", sort=False):
        levels = _levels(list(part["start"]), list(part["end"]), limit)
        frame.loc[part.index, "shift"] = [_shift(k) for k in levels]
    by_lane = frame.groupby("lane")
    steps = (by_lane["size"].max().clip(lower=scale.marker, upper=biggest) + 4).to_dict()
    ups = by_lane["shift"].max().clip(lower=0).to_dict()
    downs = (-by_lane["shift"].min()).clip(lower=0).to_dict()
    heights = [max(scale.lane_px, (ups[la] + downs[la] + 1.6) * steps[la]) for la in order]
    extra = max(0.0, least - sum(heights) - headroom) / max(len(order), 1)
    centres, bottom = {}, 0.0
    for lane, height in zip(order, heights, strict=True):
        centres[lane] = bottom + (height + extra) / 2 + (downs[lane] - ups[lane]) * steps[lane] / 2
        bottom += height + extra
    y = [centres[la] + k * steps[la] for la, k in zip(frame["lane"], frame["shift"], strict=True)]
    return Lanes(y=y, ticks=[centres[la] for la in order], labels=list(order), top=bottom + headroom)


def place_marks(marks: Sequence[tuple[Any, float, str]], scale: Scale) -> tuple[list[Mark], float]:
    """Labels of vertical lines (x, its px in the planned plot, text) inside the plot's top: each starts
    at its line, or ends there when it would pass the plot's right edge (wrapped when it fits neither
    side), one row lower when it would touch another; returns the marks and the height their rows take."""
    size, plot_px = scale.note, scale.plot_px
    placed: list[Mark] = []
    spans: list[tuple[float, float]] = []
    for x, at, text in sorted(marks, key=lambda m: m[1]):
        room = max(at, plot_px - at) - 12
        lines = textwrap.wrap(text, max(12, int(room / (size * CHAR_EM)))) or [text]
        width = max(text_px(line, size) for line in lines) + 8
        anchor = "left" if at + width <= plot_px or at < plot_px / 2 else "right"
        left = at if anchor == "left" else at - width
        spans.append((left, left + width))
        placed.append(Mark(x=x, text="<br>".join(html.escape(line) for line in lines), anchor=anchor, row=0))
    rows = _levels([left for left, _ in spans], [right for _, right in spans])
    tall = max((m.text.count("<br>") + 1 for m in placed), default=1)
    out = [Mark(m.x, m.text, m.anchor, row * tall) for m, row in zip(placed, rows, strict=True)]
    height = (max(rows) + 1) * tall * size * LINE_EM + 8 if rows else 0
    return out, height


def _draw_marks(fig: go.Figure, marks: Sequence[Mark], top: float, scale: Scale) -> None:
    """Dashed vertical lines over the whole plot, each with its label inside the plot's top."""
    size = scale.note
    for mark in marks:
        fig.add_shape(
            type="line",
            x0=mark.x,
            x1=mark.x,
            y0=0,
            y1=1,
            yref="paper",
            layer="below",
            line={"color": ONSET_COLOR, "width": 2, "dash": "dash"},
        )
        fig.add_annotation(
            x=mark.x,
            y=top - 4 - mark.row * size * LINE_EM,
            yanchor="top",
            xanchor=mark.anchor,
            xshift=4 if mark.anchor == "left" else -4,
            showarrow=False,
            text=mark.text,
            align=mark.anchor,
            font={"size": size, "color": ONSET_COLOR},
            bgcolor="rgba(255,255,255,0.9)",
        )


def _to_px(xs: Sequence[float], lo: float, hi: float, plot_px: float) -> list[float]:
    """Positions in the planned plot's pixels."""
    return [(x - lo) / (hi - lo) * plot_px for x in xs]


# ---------------------------------------------------------------- markers


def _typed_traces(
    df: pd.DataFrame,
    x: str,
    y: Sequence[float],
    colors: Mapping[str, str],
    hover: Sequence[str],
    size: Sequence[float],
    tx: Texts,
    labels: Sequence[str] | None = None,
    on_left: Sequence[bool] | None = None,
) -> list:
    """One marker trace per event type (symbol), coloured point by point by sender: few traces however
    many senders, so the figure stays quick to build, to send and to draw. `labels` are drawn right of
    their markers (an offer's status), or left of them where `on_left` says so."""
    work = df.assign(
        _y=list(y),
        _hover=list(hover),
        _color=[colors.get(s, "#555555") for s in df["sender"]],
        _size=list(size),
        _label=list(labels) if labels is not None else [""] * len(df),
        _side=["middle left" if left else "middle right" for left in (on_left or [False] * len(df))],
    )
    traces = []
    for etype, part in work.groupby("event_type", sort=True):
        texts = part["_label"].tolist()
        traces.append(
            _scatter(
                x=part[x],
                y=part["_y"],
                mode="markers+text" if any(texts) else "markers",
                name=type_label(str(etype), tx),
                legend="legend2",
                legendgroup=f"type:{etype}",
                showlegend=False,
                marker={
                    "color": part["_color"].tolist(),
                    "symbol": EVENT_SYMBOLS.get(str(etype), "circle-open"),
                    "size": part["_size"].tolist(),
                    "line": {"width": 1.5, "color": "white"},
                },
                text=[html.escape(t) for t in texts] if any(texts) else None,
                textposition=part["_side"].tolist(),
                textfont={"color": [OUTCOME_COLORS.get(c, "#444444") for c in part.get("outcome", texts)]},
                cliponaxis=False,
                customdata=part[["event_id"]].to_numpy(),
                hovertext=part["_hover"].tolist(),
                hoverinfo="text",
            )
        )
    return traces


def mention_sizes(mentions: pd.Series, tx: Texts = EN) -> tuple[list[float], str]:
    """Marker sizes whose area follows GDELT's mention counts (a report of ours counts one mention), and
    the note that says so on the chart."""
    counts = pd.to_numeric(mentions, errors="coerce").fillna(1).clip(lower=1)
    top = float(counts.max()) if len(counts) else 1.0
    scale = MENTION_MAX_PX / top**0.5
    note = tx("charts.size.note", top=tx.number(top))
    return [max(MENTION_MIN_PX, round(float(scale * c**0.5), 1)) for c in counts], note


def merge_reports(work: pd.DataFrame, by_mentions: bool = False) -> pd.DataFrame:
    """One row per act drawn: reports of one act (same lane, day, type, sender and recipient) become one
    marker that counts them (`_n`) and adds up their mentions (`_mentions`, a report of ours counts one).
    The kept report is the first, or the most mentioned one when marker size follows mentions; replies
    point at kept reports."""
    mentions = pd.to_numeric(work.get("num_mentions", pd.Series(1, index=work.index)), errors="coerce")
    work = work.assign(_mentions=mentions.fillna(1).clip(lower=1))
    parts = [work[c].astype(str) for c in ("_lane", "_x", "event_type", "sender", "recipient")]
    key = parts[0].str.cat(parts[1:], sep="|")  # vectorised: a row-wise join took 0.3 s for 2,000 rows
    ranked = work.assign(_key=key, _pos=range(len(work)))
    if by_mentions:
        ranked = ranked.sort_values(["_mentions", "_pos"], ascending=[False, True], kind="stable")
    kept = ranked.drop_duplicates("_key").sort_values("_pos")
    first = dict(zip(kept["_key"], kept["event_id"], strict=True))
    alias = dict(zip(ranked["event_id"], ranked["_key"].map(first), strict=True))
    grouped = ranked.groupby("_key")
    out = kept.assign(
        _n=kept["_key"].map(grouped.size()).to_numpy(), _mentions=kept["_key"].map(grouped["_mentions"].sum())
    )
    if "reply_id" in out:
        out["reply_id"] = [alias.get(r, r) if isinstance(r, str) else None for r in out["reply_id"]]
    return out.drop(columns=["_key", "_pos"]).reset_index(drop=True)


def _marker_sizes(df: pd.DataFrame, size: str, tx: Texts, scale: Scale) -> tuple[list[float], str | None]:
    """Each marker's diameter (one size, or following GDELT mentions) and the note on what it means."""
    if size != "mentions":
        return [float(scale.marker)] * len(df), None
    sizes, note = mention_sizes(df["_mentions"], tx)
    factor = scale.marker / SCREEN.marker
    return [s * factor for s in sizes], note


def _act_labels(df: pd.DataFrame, tx: Texts) -> list[str]:
    """A short label right of each marker: an offer's status ('deferred', if there are few offers) and
    how many reports the marker stands for ('×3'); '' for none."""
    offers = df["event_type"] == "offer_aid"
    show_status = "outcome" in df and int(offers.sum()) <= _LABEL_LIMIT
    outcome = df["outcome"] if "outcome" in df else pd.Series(None, index=df.index)
    labels = []
    for code, is_offer, n in zip(outcome, offers, df["_n"], strict=True):
        status = tx.label("outcome", code if isinstance(code, str) else "no response yet")
        parts = [status] if show_status and is_offer else []
        labels.append(" ".join([*parts, f"×{tx.number(n)}"] if n > 1 else parts))
    return labels


def _reports_line(n: int, tx: Texts) -> str:
    """The hover's line for a marker that stands for several reports of one act."""
    return f"<br><i>{html.escape(tx('charts.hover.reports', n=n))}</i>" if n > 1 else ""


def _response_links(df: pd.DataFrame, x: str, y: Sequence[float], tx: Texts) -> list:
    """Dotted connectors from each offer to the reply that answered it (when the reply is shown)."""
    if "reply_id" not in df:
        return []
    where = {eid: (day, height) for eid, day, height in zip(df["event_id"], df[x], y, strict=True)}
    xs: list[Any] = []
    ys: list[Any] = []
    for eid, reply in zip(df["event_id"], df["reply_id"], strict=True):
        if isinstance(reply, str) and reply in where:
            xs += [where[eid][0], where[reply][0], None]
            ys += [where[eid][1], where[reply][1], None]
    if not xs:
        return []
    line = _scatter(
        x=xs,
        y=ys,
        mode="lines",
        name=tx("charts.legend.link"),
        legend="legend2",
        hoverinfo="skip",
        line={"color": "#444444", "width": 2, "dash": "dot"},
    )
    return [line]


def _lane_order(keys: pd.Series, names: Mapping[str, str]) -> list[str]:
    """Lane labels (escaped) from the bottom up: the busiest lane on top."""
    counts = keys.fillna("?").value_counts()
    return [html.escape(country_label(c, names)) for c in counts.index[::-1]]


# ---------------------------------------------------------------- lane charts: the timeline, the comparison


@dataclass(frozen=True)
class LaneChart:
    """What a lane chart draws, besides its rows: which column holds x, the lanes' order from the
    bottom, the labelled vertical lines (x drawn, x planned, text), the least span of x, how x is drawn
    from a planned position, and the notes above it."""

    x: str
    order: list[str]
    marks: list[tuple[Any, float, str]]
    min_span: float
    to_x: Any
    lines: list[str | None]
    always: tuple[float, ...] = ()  # planned positions the x range holds even without a marker there


def _lane_chart(
    work: pd.DataFrame,
    chart: LaneChart,
    *,
    sizes: Sequence[float],
    hover: Sequence[str],
    colors: Mapping[str, str],
    names: Mapping[str, str],
    tx: Texts,
    scale: Scale,
) -> go.Figure:
    """Markers in lanes (stacked where they would touch), the labels beside them, dotted offer → reply
    connectors, the labelled vertical lines inside the plot's top, both legends and the notes above."""
    labels = _act_labels(work, tx)
    label_font = scale.font - 3
    xs = list(work["_x"])
    feet, lo, hi = _footprints(
        xs, sizes, [text_px(t, label_font) + 6 if t else 0 for t in labels], chart, scale
    )
    shown = [(x, at, text) for x, at, text in chart.marks if lo <= at <= hi]
    at_px = _to_px([at for _, at, _ in shown], lo, hi, scale.plot_px)
    marks, headroom = place_marks([(x, p, t) for (x, _, t), p in zip(shown, at_px, strict=True)], scale)
    senders, types = _legend_entries(work)
    least = _legend_px(senders, scale) + _legend_px(types + 1, scale) + 16
    lanes = plan_lanes(list(work["_lane"]), feet, chart.order, scale, headroom=headroom, least=least)
    fig = go.Figure(layout={"template": TEMPLATE})
    for trace in [
        *_response_links(work, chart.x, lanes.y, tx),
        *_typed_traces(
            work, chart.x, lanes.y, colors, hover, sizes, tx, labels, [f.left > f.size for f in feet]
        ),
        *_legend_stubs(work, colors, names, tx, scale),
    ]:
        fig.add_trace(trace)
    _draw_marks(fig, marks, lanes.top, scale)
    heading = _heading(fig, scale, chart.lines)
    bottom = int(2.6 * scale.font * LINE_EM + 12)
    fig.update_layout(
        height=int(lanes.top + heading + bottom),
        yaxis={
            "title": None,
            "range": [0, lanes.top],
            "tickvals": lanes.ticks,
            "ticktext": lanes.labels,
            "zeroline": False,
            "fixedrange": True,
        },
        xaxis={"title": None, "range": [chart.to_x(lo), chart.to_x(hi)]},
        hovermode="closest",
        clickmode="event+select",
        margin={"t": heading, "b": bottom},
        **_legends(scale, tx),
    )
    _fonts(fig, scale)
    fig.update_traces(textfont_size=label_font, selector={"mode": "markers+text"})
    return fig


def _footprints(
    xs: Sequence[float], sizes: Sequence[float], labels: Sequence[float], chart: LaneChart, scale: Scale
) -> tuple[list[Footprint], float, float]:
    """Each marker's footprint (its label right of it, or left of it in the right part of the plot) and
    the x range that holds them all."""
    plot_px, extra = scale.plot_px, list(chart.always)
    lo, hi = _span([*xs, *extra], [*(s / 2 for s in sizes), *(0 for _ in extra)], plot_px, chart.min_span)
    lefts = [bool(w) and p > plot_px * 0.6 for p, w in zip(_to_px(xs, lo, hi, plot_px), labels, strict=True)]
    rights = [s / 2 + (0 if left else w) for s, w, left in zip(sizes, labels, lefts, strict=True)]
    lo, hi = _span([*xs, *extra], [*rights, *(0 for _ in extra)], plot_px, chart.min_span)
    feet = [
        Footprint(px=p, left=s / 2 + (w if left else 0), right=r, size=s)
        for p, s, w, left, r in zip(_to_px(xs, lo, hi, plot_px), sizes, labels, lefts, rights, strict=True)
    ]
    return feet, lo, hi


def _days(dates: pd.Series) -> list[float]:
    """Dates as days since the epoch (the planner's x)."""
    return list((pd.to_datetime(dates) - _EPOCH) / pd.Timedelta(days=1))


def _day(value: float) -> pd.Timestamp:
    """Days since the epoch back to a time."""
    return _EPOCH + pd.Timedelta(days=value)


def _onset_marks(onsets: pd.DataFrame | None, tx: Texts) -> list[tuple[Any, float, str]]:
    """Each case's crisis onset as a labelled line (the crisis as the cases data names it)."""
    if onsets is None or onsets.empty:
        return []
    days = pd.to_datetime(onsets["onset"])
    return [
        (day, at, tx("charts.onset.crisis", crisis=str(crisis)))
        for day, at, crisis in zip(days, _days(days), onsets["crisis"], strict=True)
    ]


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
    With size='mentions' the marker area follows GDELT's mention counts, noted above the chart."""
    if lane not in ("sender", "recipient"):
        raise ValueError(f"lane must be 'sender' or 'recipient', not {lane!r}")
    if size not in ("fixed", "mentions"):
        raise ValueError(f"size must be 'fixed' or 'mentions', not {size!r}")
    names = names or {}
    scale = scale_for(present)
    if df.empty:
        return _empty(tx("charts.empty.timeline"), note, scale)
    colors = colors or color_map(df["sender"].dropna())
    work = df.assign(
        _lane=[html.escape(country_label(v, names)) for v in df[lane].fillna("?")], _x=_days(df["event_date"])
    )
    work = merge_reports(work.reset_index(drop=True), by_mentions=size == "mentions")
    sizes, size_note = _marker_sizes(work, size, tx, scale)
    hover = [_hover(r, names, tx) + _reports_line(r["_n"], tx) for r in work.to_dict("records")]
    chart = LaneChart(
        x="event_date",
        order=_lane_order(work[lane], names),
        marks=_onset_marks(onsets, tx),
        min_span=30,
        to_x=_day,
        lines=[size_note, note],
    )
    fig = _lane_chart(work, chart, sizes=sizes, hover=hover, colors=colors, names=names, tx=tx, scale=scale)
    fig.update_xaxes(type="date")
    return fig


# ---------------------------------------------------------------- flows


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
    scale = scale_for(present)
    if links.empty:
        return _empty(tx("charts.empty.flows"), note, scale)
    colors = colors or color_map([*links["sender"], *links["recipient"]])
    links, cut = _top_links(links, value, tx)
    senders = list(dict.fromkeys(links["sender"]))
    recipients = list(dict.fromkeys(links["recipient"]))
    labels = [country_label(c, names) for c in senders] + [country_label(c, names) for c in recipients]
    counted = html.escape(_counted(value, tx))
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={
                "label": [html.escape(x) for x in labels],
                "color": [colors.get(c, "#555555") for c in [*senders, *recipients]],
                "pad": 24,
                "thickness": 22,
                "hovertemplate": f"%{{label}}<br>{counted}: %{{value}}<extra></extra>",
            },
            link={
                "source": [senders.index(s) for s in links["sender"]],
                "target": [len(senders) + recipients.index(r) for r in links["recipient"]],
                "value": links[value].tolist(),
                "color": [_fade(colors.get(s, "#555555")) for s in links["sender"]],
                "hovertemplate": f"%{{source.label}} → %{{target.label}}<br>{counted}: %{{value}}"
                + "<extra></extra>",
            },
            textfont={"size": scale.font, "color": "#111111"},
        ),
        layout={"template": TEMPLATE},
    )
    lines = [cut, note]
    heading = _heading(fig, scale, lines)
    rows = max(len(senders), len(recipients))
    fig.update_layout(
        height=heading + max(340, rows * (scale.font * 2 + 24)) + 20, margin={"t": heading, "b": 20}
    )
    _fonts(fig, scale)
    return fig


def _top_links(links: pd.DataFrame, value: str, tx: Texts) -> tuple[pd.DataFrame, str | None]:
    """The SANKEY_LINKS largest pairs (a browser cannot lay out thousands) and a note saying so."""
    if len(links) <= SANKEY_LINKS:
        return links, None
    top = links.nlargest(SANKEY_LINKS, value, keep="first")
    share = top[value].sum() / max(links[value].sum(), 1)
    return top, tx(
        "charts.flows.sankey_cut",
        shown=tx.number(SANKEY_LINKS),
        total=tx.number(len(links)),
        part=_share_of(value, share, tx),
    )


def _top_matrix(links: pd.DataFrame, value: str, tx: Texts) -> tuple[pd.DataFrame, str | None]:
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
    return kept, tx(
        "charts.flows.matrix_cut",
        senders=tx.number(min(len(senders), MATRIX_SIDE)),
        recipients=tx.number(min(len(recipients), MATRIX_SIDE)),
        part=_share_of(value, share, tx),
    )


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
    scale = scale_for(present)
    if links.empty:
        return _empty(tx("charts.empty.flows"), note, scale)
    links, cut = _top_matrix(links, value, tx)
    matrix = links.pivot_table(index="sender", columns="recipient", values=value, aggfunc="sum", fill_value=0)
    counted = html.escape(_counted(value, tx))
    sender, recipient = tx("charts.flows.sender"), tx("charts.flows.recipient")
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=[html.escape(country_label(c, names)) for c in matrix.columns],
            y=[html.escape(country_label(c, names)) for c in matrix.index],
            colorscale="Blues",
            text=[[tx.number(v) for v in row] for row in matrix.to_numpy()],
            texttemplate="%{text}",
            textfont={"size": scale.font - 1},
            hovertemplate=f"%{{y}} → %{{x}}<br>{counted}: %{{z}}<extra></extra>",
            colorbar={
                "title": {"text": counted, "side": "right", "font": {"size": scale.font - 2}},
                "tickfont": {"size": scale.font - 2},
            },
            xgap=2,
            ygap=2,
        ),
        layout={"template": TEMPLATE},
    )
    lines = [cut, note]
    longest = max(text_px(country_label(c, names), scale.font - 1) for c in matrix.columns)
    top_ticks = int(longest * 0.5 + scale.font * 2 * LINE_EM + 20)  # labels at 30°, the axis title
    heading = _heading(fig, scale, lines, above=top_ticks)
    fig.update_layout(
        height=heading + top_ticks + len(matrix.index) * (scale.lane_px - 4) + 30,
        xaxis={"title": {"text": html.escape(recipient)}, "side": "top", "tickangle": -30},
        yaxis={"title": {"text": html.escape(sender)}, "autorange": "reversed"},
        margin={"t": heading + top_ticks, "b": 20},
    )
    _fonts(fig, scale)
    return fig


# ---------------------------------------------------------------- the comparison


def _wrapped_title(title: str, width: int = 24) -> str:
    """A case title for a lane label: escaped, wrapped onto short lines joined by <br>."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(title, width) or [title])


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
    """Both cases on one axis of days since the crisis onset, one lane per case; reports of one act are
    one marker that counts them, and acts close in time are stacked, not drawn on one point."""
    names = names or {}
    scale = scale_for(present)
    if df.empty:
        return _empty(tx("charts.empty.compare"), note, scale)
    colors = colors or color_map(df["sender"].dropna())
    work = df.assign(
        _lane=[_wrapped_title(str(titles.get(c, c))) for c in df["case_id"]],
        _x=df["day_offset"].astype(float),
    )
    work = merge_reports(work.reset_index(drop=True)).assign(x=lambda w: w["_x"])
    hover = [
        html.escape(tx("charts.compare.day", day=_signed(r["x"], tx)))
        + "<br>"
        + _hover(r, names, tx)
        + _reports_line(r["_n"], tx)
        for r in work.to_dict("records")
    ]
    chart = LaneChart(
        x="x",
        order=list(dict.fromkeys(work["_lane"]))[::-1],
        marks=[(0, 0.0, tx("charts.onset.day0"))],
        min_span=10,
        to_x=float,
        lines=[note],
        always=(0.0,),
    )
    sizes = [float(scale.marker)] * len(work)
    fig = _lane_chart(work, chart, sizes=sizes, hover=hover, colors=colors, names=names, tx=tx, scale=scale)
    axis = int(scale.font * LINE_EM + 10)
    fig.update_xaxes(title={"text": html.escape(tx("charts.compare.axis"))}, zeroline=False)
    fig.update_layout(height=fig.layout.height + axis, margin={"b": fig.layout.margin.b + axis})
    return fig


def _signed(day: float, tx: Texts) -> str:
    """A day offset with its sign: '+5', '-3', '0'."""
    return ("+" if day > 0 else "-" if day < 0 else "") + tx.number(abs(int(day)))


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
    scale = scale_for(present)
    part = roles[roles["actor"] == actor]
    if part.empty:
        return _empty(tx("charts.empty.roles", actor=country_label(actor, names)), note, scale)
    cases = [_wrapped_title(str(titles.get(c, c))) for c in part["case_id"]]
    fig = go.Figure(layout={"template": TEMPLATE})
    shown = (("given", "charts.roles.given", "#0072B2"), ("received", "charts.roles.received", "#D55E00"))
    for column, key, colour in shown:
        fig.add_trace(
            go.Bar(
                y=cases,
                x=part[column],
                name=tx(key),
                orientation="h",
                marker_color=colour,
                text=[tx.number(v) for v in part[column]],
                textposition="auto",
                hovertemplate=f"%{{y}}<br>{html.escape(tx(key))}: %{{x}}<extra></extra>",
            )
        )
    title = tx("charts.roles.title", actor=country_label(actor, names))
    heading = _heading(fig, scale, [note], title)
    fig.update_layout(
        barmode="group",
        height=heading + 110 + int(scale.lane_px * 1.3) * len(cases),
        xaxis={"title": {"text": html.escape(tx("charts.roles.axis"))}, "dtick": 1},
        yaxis={"autorange": "reversed"},
        legend={"x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"},
        margin={"t": heading, "b": int(2 * scale.font * LINE_EM + 20)},
    )
    _fonts(fig, scale)
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
