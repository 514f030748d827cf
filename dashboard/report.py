"""The case comparison as one self-contained HTML file in the interface's language: charts with plotly.js
inline, tables, the filters and every source link."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard import charts, export
from dashboard.filters import country_label, dyad_label, safe_url, type_label
from dashboard.i18n import EN, Texts

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; color: #222; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.note { color: #555; }
"""
# The metric cards of a case, in the order shown: the metric's key in case_metrics and in report.metric.
METRICS = ("days_to_first_offer", "offers", "provided", "senders", "responses", "incidents", "events")
SOURCE_COLUMNS = ("case", "date", "act", "outlet", "evidence", "source")


@dataclass(frozen=True)
class CompareView:
    """What the comparison page shows, passed as it is to build the report."""

    titles: Mapping[str, str]  # case id -> title, in the page's order (A, then B)
    filters: str  # the active filters in words
    data_as_of: Mapping[str, Any] | None
    metrics: Mapping[str, Mapping[str, Any]]
    events: pd.DataFrame  # case_timeline rows
    roles: pd.DataFrame
    flips: Sequence[str]  # actors whose role reverses between the cases
    points: pd.DataFrame  # the point-by-point table as shown
    sources: pd.DataFrame  # case_sources rows
    colors: Mapping[str, str]
    names: Mapping[str, str]
    tx: Texts = EN  # the interface language the report is written in
    note: str | None = None  # the note printed on every chart (the filters and the data date)


def _e(value: Any) -> str:
    """Escaped text of a value; missing values as a dash."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return "—"
    return html.escape(str(value))


def chart_note(view: CompareView) -> str:
    """The note on every chart: the page's, or the filters and the data date in the report's language."""
    if view.note:
        return view.note
    tx, run = view.tx, view.data_as_of
    as_of = tx.datetime(run["finished"]) if run else tx("common.present.no_build")
    return tx("common.present.note", summary=view.filters, as_of=as_of)


def figures(view: CompareView) -> list[tuple[str, go.Figure]]:
    """The page's charts, built by the same chart functions from the same rows, in the same language."""
    tx, note = view.tx, chart_note(view)
    aligned = charts.compare_figure(
        view.events, titles=view.titles, colors=view.colors, names=view.names, tx=tx, note=note
    )
    out = [(tx("report.aligned"), aligned)]
    for actor in view.flips:
        fig = charts.roles_figure(view.roles, actor, titles=view.titles, names=view.names, tx=tx, note=note)
        out.append((tx("report.reversal", actor=country_label(actor, view.names)), fig))
    return out


def _figure_html(figs: Sequence[tuple[str, go.Figure]], tx: Texts) -> str:
    """Each figure under its heading; plotly.js is inlined once, with the first figure; Plotly's own texts
    (date ticks, toolbar) in the report's language."""
    config = {"displaylogo": False, **export.locale_config(tx)}
    parts = []
    for i, (title, fig) in enumerate(figs):
        body = pio.to_html(fig, full_html=False, include_plotlyjs=i == 0, config=config)
        parts.append(f"<h2>{_e(title)}</h2>\n{body}")
    return "\n".join(parts)


def _table(frame: pd.DataFrame) -> str:
    """An HTML table of the frame, every cell escaped."""
    head = "".join(f"<th>{_e(c)}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False, name=None)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _metric(key: str, value: Any, tx: Texts) -> str:
    """A metric's value as the page shows it: a count, or the days to the first offer (or none)."""
    if value is None or pd.isna(value):
        return tx("report.no_offer") if key == "days_to_first_offer" else "—"
    if key == "days_to_first_offer":
        return tx("report.days", n=int(value))
    return tx.number(value)


def _metrics_table(view: CompareView) -> str:
    """The metric cards of both cases as one table."""
    tx = view.tx
    frame = pd.DataFrame(
        {
            tx("report.metric.name"): [tx(f"report.metric.{key}") for key in METRICS],
            **{
                title: [_metric(key, view.metrics.get(case, {}).get(key), tx) for key in METRICS]
                for case, title in view.titles.items()
            },
        }
    )
    return _table(frame)


def _link(url: Any, tx: Texts) -> str:
    """A link to an http(s) source, or a note that the source has none that can be shown."""
    safe = safe_url(url)
    if not safe:
        return html.escape(tx("report.no_link"))
    return f'<a href="{html.escape(safe, quote=True)}">{html.escape(safe)}</a>'


def _sources_table(view: CompareView) -> str:
    """Every report behind the charts: case, date, act, outlet and a link to the source."""
    tx = view.tx
    head = "".join(f"<th>{_e(tx(f'report.source.{c}'))}</th>" for c in SOURCE_COLUMNS)
    rows = []
    for r in view.sources.to_dict("records"):
        who = dyad_label(r.get("sender"), r.get("recipient"), view.names)
        cells = (
            _e(view.titles.get(r.get("case_id"), r.get("case_id"))),
            _e(tx.date(r.get("event_date")) or tx("common.evidence.undated")),
            _e(f"{type_label(str(r.get('event_type')), tx)}: {who}"),
            _e(charts.evidence_label(r.get("outlet"), r.get("is_summary"), r.get("source"), tx)),
            _e(r.get("evidence")),
            _link(r.get("source_url"), tx),
        )
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _as_of(run: Mapping[str, Any] | None, tx: Texts) -> str:
    """The 'data as of' sentence."""
    if not run:
        return tx("report.as_of_none")
    return tx(
        "report.as_of",
        when=tx.datetime(run["finished"]),
        events=tx("report.events", n=int(run["events"])),
        articles=tx("report.articles", n=int(run["articles"])),
    )


def compare_html(view: CompareView) -> str:
    """The whole report as one HTML document in the view's language that opens from disk without any
    network access."""
    tx = view.tx
    title = tx("report.title", cases=tx("report.versus").join(view.titles.values()))
    return f"""<!DOCTYPE html>
<html lang="{html.escape(tx.lang, quote=True)}">
<head><meta charset="utf-8"><title>{_e(title)}</title><style>{_STYLE}</style></head>
<body>
<h1>{_e(title)}</h1>
<p class="note">{_e(tx("common.app_title"))}. {_e(_as_of(view.data_as_of, tx))}</p>
<p><strong>{_e(tx("report.filters"))}</strong> {_e(view.filters)}</p>
<p class="note">{_e(tx("report.incidents"))}</p>
<h2>{_e(tx("report.key_figures"))}</h2>
{_metrics_table(view)}
{_figure_html(figures(view), tx)}
<h2>{_e(tx("report.points"))}</h2>
{_table(view.points)}
<h2>{_e(tx("report.sources"))}</h2>
<p class="note">{_e(tx("report.sources_note"))}</p>
{_sources_table(view)}
</body>
</html>
"""
