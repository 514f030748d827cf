"""Downloads: the chart toolbar's PNG at slide size, named after what it shows; Excel bytes of a table."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date, datetime
from typing import Any

import pandas as pd
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


def _slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens (file-name safe)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _codes(values: tuple[str, ...], plural: str) -> str:
    """'rus-prk' for a few codes, '5-senders' for many."""
    return "-".join(values) if len(values) <= _LIST_SHOWN else f"{len(values)}-{plural}"


def file_name(what: str, f: Filters | None = None) -> str:
    """A file name (no extension) naming the chart and the filters that shaped it."""
    parts = ["aid-monitor", what]
    if f is not None:
        if f.senders:
            parts.append("from-" + _codes(f.senders, "senders"))
        if f.recipients:
            parts.append("to-" + _codes(f.recipients, "recipients"))
        if f.types:
            parts.append(_codes(f.types, "types"))
        if f.aids:
            parts.append(_codes(f.aids, "aid-types") + "-aid")
        if f.start or f.end:
            parts.append(f"{f.start or 'start'}-to-{f.end or 'latest'}")
    return "_".join(p for p in (_slug(x) for x in parts) if p)[:_NAME_LIMIT].rstrip("-_")


def chart_config(what: str, f: Filters | None = None, tx: Texts = EN) -> dict[str, Any]:
    """Plotly config for st.plotly_chart: the toolbar's camera saves a 1920x1080 PNG named after the view."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "width": SLIDE_WIDTH,
            "height": SLIDE_HEIGHT,
            "scale": 1,
            "filename": file_name(what, f),
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
