"""Downloads: the chart toolbar's PNG at slide size, named after what it shows; Excel bytes of a table."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date, datetime
from typing import Any

import pandas as pd
from babel.numbers import get_decimal_symbol, get_group_symbol
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from dashboard.filters import Filters
from dashboard.i18n import EN, Texts

SLIDE_WIDTH = 1920
SLIDE_HEIGHT = 1080
# openpyxl writes about 3,000-15,000 rows a second (machine load), so a sheet is capped well under Excel's
# 1,048,576 rows: a download stays under half a minute; the CSV download has every row.
EXCEL_MAX_ROWS = 100_000
_NAME_LIMIT = 120
_LIST_SHOWN = 3  # codes of a filter named in a file name; more become "N-senders"
# Plotly's own texts (its tooltips and messages, keyed by their English) and our catalogue key for each.
PLOTLY_TEXTS: dict[str, str] = {
    "Download plot as a PNG": "download_png",
    "Download plot": "download",
    "Zoom": "zoom",
    "Pan": "pan",
    "Box Select": "box_select",
    "Lasso Select": "lasso_select",
    "Zoom in": "zoom_in",
    "Zoom out": "zoom_out",
    "Autoscale": "autoscale",
    "Reset axes": "reset_axes",
    "Reset view": "reset_view",
    "Reset views": "reset_view",
    "Reset": "reset",
    "Toggle Spike Lines": "spikes",
    "Show closest data on hover": "hover_closest",
    "Compare data on hover": "hover_compare",
    "Toggle show closest data on hover": "hover_toggle",
    "Preparing image - this may take a few seconds": "preparing",
    "Image download succeeded": "downloaded",
    "Sorry, there was a problem downloading your image!": "download_failed",
    "Double-click to zoom back out": "zoom_back",
}


def _slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens (file-name safe)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _codes(values: tuple[str, ...], many: str, tx: Texts) -> str:
    """'rus-prk' for a few codes, '5-senders' (in the language) for many."""
    return "-".join(values) if len(values) <= _LIST_SHOWN else tx(f"charts.file.{many}", n=len(values))


def _filter_parts(f: Filters, tx: Texts) -> list[str]:
    """The filters that shaped a view, as words of a file name in the language."""
    parts = []
    if f.senders:
        parts.append(tx("charts.file.from", codes=_codes(f.senders, "senders", tx)))
    if f.recipients:
        parts.append(tx("charts.file.to", codes=_codes(f.recipients, "recipients", tx)))
    if f.types:
        types = tuple(tx.label("event_type", t) for t in f.types)
        parts.append(_codes(types, "types", tx))
    if f.aids:
        aids = tuple(tx.label("aid_type", a) for a in f.aids)
        parts.append(tx("charts.file.aid", codes=_codes(aids, "aids", tx)))
    if f.start or f.end:
        start = str(f.start) if f.start else tx("charts.file.start")
        end = str(f.end) if f.end else tx("charts.file.latest")
        parts.append(tx("charts.file.dates", start=start, end=end))
    return parts


def file_name(what: str, f: Filters | None = None, tx: Texts = EN) -> str:
    """A file name (no extension, ASCII) naming the chart and the filters that shaped it, in the language
    of `tx` (`what` is already in it)."""
    parts = ["aid-monitor", what, *(_filter_parts(f, tx) if f is not None else [])]
    return "_".join(p for p in (_slug(x) for x in parts) if p)[:_NAME_LIMIT].rstrip("-_")


def plotly_locale(tx: Texts = EN) -> dict[str, Any]:
    """A Plotly locale for the language: month and day names and number separators from Babel (date
    ticks read '4 Agu' and 'Agu 2024'), and Plotly's toolbar texts from the catalogue."""
    return {
        "dictionary": {english: tx(f"charts.modebar.{key}") for english, key in PLOTLY_TEXTS.items()},
        "format": {
            "days": tx.day_names("wide"),
            "shortDays": tx.day_names("abbreviated"),
            "months": tx.month_names("wide"),
            "shortMonths": tx.month_names("abbreviated"),
            "decimal": get_decimal_symbol(tx.lang),
            "thousands": get_group_symbol(tx.lang),
            "grouping": [3],
            "date": "%d/%m/%Y",
            "year": "%Y",
            "month": "%b %Y",
            "dayMonth": "%-d %b",
            "dayMonthYear": "%-d %b %Y",
        },
    }


def locale_config(tx: Texts = EN) -> dict[str, Any]:
    """The part of a Plotly config that draws a chart's own texts (ticks, toolbar) in the language."""
    return {"locale": tx.lang, "locales": {tx.lang: plotly_locale(tx)}}


def chart_config(what: str, f: Filters | None = None, tx: Texts = EN) -> dict[str, Any]:
    """Plotly config for st.plotly_chart: the chart's own texts in the language, and a toolbar camera
    that saves a 1920x1080 PNG named after the view."""
    return {
        "displaylogo": False,
        **locale_config(tx),
        "toImageButtonOptions": {
            "format": "png",
            "width": SLIDE_WIDTH,
            "height": SLIDE_HEIGHT,
            "scale": 1,
            "filename": file_name(what, f, tx),
        },
    }


def _cell_value(value: Any) -> Any:
    """A value Excel stores as data: dates stay dates, missing is blank, text without control characters."""
    if value is None or (not isinstance(value, str | list | tuple) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, bool | int | float | date | datetime):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _cell(sheet: Any, value: Any) -> Any:
    """A value for a write-only row; text starting with '=' is stored as text, never as a formula."""
    value = _cell_value(value)
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def excel_bytes(frame: pd.DataFrame, sheet_name: str = "events") -> bytes:
    """An .xlsx workbook of the frame (header row, then at most EXCEL_MAX_ROWS rows), as bytes."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_slug(sheet_name)[:31] or "events")
    sheet.append([_cell(sheet, str(c)) for c in frame.columns])
    for row in frame.head(EXCEL_MAX_ROWS).itertuples(index=False, name=None):
        sheet.append([_cell(sheet, v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
