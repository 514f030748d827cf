"""The case comparison as one self-contained HTML file: charts with plotly.js inline, tables, sources."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard import charts
from dashboard.filters import country_label, safe_url, type_label
from dashboard.i18n import EN, Texts

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; color: #222; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.note { color: #555; }
"""
_METRICS = (
    ("days_to_first_offer", "Days to first offer"),
    ("offers", "Offer incidents"),
    ("senders", "Distinct senders"),
    ("responses", "Response incidents"),
    ("incidents", "Incidents in the window"),
    ("events", "Reports in the window"),
)


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


def _e(value: Any) -> str:
    """Escaped text of a value; missing values as a dash."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return "—"
    return html.escape(str(value))


def figures(view: CompareView) -> list[tuple[str, go.Figure]]:
    """The page's charts, built by the same chart functions from the same rows."""
    out = [
        (
            "Aligned timeline: days since the crisis onset",
            charts.compare_figure(view.events, titles=view.titles, colors=view.colors, names=view.names),
        )
    ]
    for actor in view.flips:
        fig = charts.roles_figure(view.roles, actor, titles=view.titles, names=view.names)
        out.append((f"Role reversal: {country_label(actor, view.names)}", fig))
    return out


def _figure_html(figs: Sequence[tuple[str, go.Figure]]) -> str:
    """Each figure under its heading; plotly.js is inlined once, with the first figure."""
    parts = []
    for i, (title, fig) in enumerate(figs):
        body = pio.to_html(fig, full_html=False, include_plotlyjs=i == 0, config={"displaylogo": False})
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


def _metrics_table(view: CompareView) -> str:
    """The metric cards of both cases as one table."""
    frame = pd.DataFrame(
        {
            "": [label for _, label in _METRICS],
            **{
                title: [view.metrics.get(case, {}).get(key) for key, _ in _METRICS]
                for case, title in view.titles.items()
            },
        }
    )
    return _table(frame)


def _link(url: Any) -> str:
    """A link to an http(s) source, or a note that the source has none that can be shown."""
    safe = safe_url(url)
    if not safe:
        return "no http(s) link"
    return f'<a href="{html.escape(safe, quote=True)}">{html.escape(safe)}</a>'


def _sources_table(view: CompareView) -> str:
    """Every report behind the charts: case, date, act, outlet and a link to the source."""
    head = "".join(f"<th>{h}</th>" for h in ("Case", "Date", "Act", "Outlet", "Evidence", "Source"))
    rows = []
    for r in view.sources.to_dict("records"):
        act = f"{type_label(str(r.get('event_type')))}: {country_label(r.get('sender') or '?', view.names)}"
        act += f" → {country_label(r.get('recipient') or '?', view.names)}"
        date = r.get("event_date")
        cells = (
            _e(view.titles.get(r.get("case_id"), r.get("case_id"))),
            _e(None if date is None or pd.isna(date) else pd.Timestamp(date).date().isoformat()),
            _e(act),
            _e(charts.evidence_label(r.get("outlet"), r.get("is_summary"), r.get("source"))),
            _e(r.get("evidence")),
            _link(r.get("source_url")),
        )
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _as_of(run: Mapping[str, Any] | None) -> str:
    """The 'data as of' sentence."""
    if not run:
        return "Data as of: no build is recorded in the database."
    return (
        f"Data as of {run['finished']:%d %b %Y, %H:%M} ({int(run['events'])} events from "
        f"{int(run['articles'])} articles)."
    )


def compare_html(view: CompareView) -> str:
    """The whole report as one HTML document that opens from disk without any network access."""
    title = "Case comparison: " + " vs ".join(view.titles.values())
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{_e(title)}</title><style>{_STYLE}</style></head>
<body>
<h1>{_e(title)}</h1>
<p class="note">Aid Diplomacy Monitor. {_e(_as_of(view.data_as_of))}</p>
<p><strong>Filters:</strong> {_e(view.filters)}</p>
<p class="note">Counts are incidents: an act reported by several sources counts once.</p>
<h2>Key figures</h2>
{_metrics_table(view)}
{_figure_html(figures(view))}
<h2>Point by point</h2>
{_table(view.points)}
<h2>Sources</h2>
<p class="note">Every report inside the two cases' windows that matches the filters.</p>
{_sources_table(view)}
</body>
</html>
"""
