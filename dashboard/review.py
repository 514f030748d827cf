"""The review queue's logic: why an event needs a look, and ready-made data/annotations.csv lines for it."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.filters import country_label
from dashboard.i18n import EN, Texts
from dashboard.queries import REVIEW_CERTAINTIES, REVIEW_CONFIDENCE
from etl.annotations import COLUMNS, AnnotationError, parse_row

_FIELDS = ("event_type", "sender", "recipient", "date_precision", "aid_type", "response", "certainty")


@dataclass(frozen=True)
class Line:
    """One ready-made annotations line (CSV text) for an action, or why none can be made."""

    action: str  # confirm, correct or suppress (a code; the page labels it)
    text: str | None
    problem: str = ""


def _value(row: Mapping[str, Any], key: str) -> Any:
    """A row value with pandas' missing markers turned into None."""
    value = row.get(key)
    return None if value is None or (not isinstance(value, list | tuple) and pd.isna(value)) else value


def records(rows: pd.DataFrame) -> list[dict[str, Any]]:
    """The queue's rows as dicts, with pandas' missing markers (NaN, NaT) as None."""
    return [{k: _value(r, k) for k in r} for r in rows.to_dict("records")]


def reasons(row: Mapping[str, Any], tx: Texts = EN, max_confidence: float = REVIEW_CONFIDENCE) -> list[str]:
    """Why this event is in the review queue, in words of the interface language."""
    why = []
    if _value(row, "event_date") is None:
        why.append(tx("review.reason.undated"))
    elif _value(row, "needs_review"):
        why.append(tx("review.reason.flagged"))
    certainty = _value(row, "certainty")
    if certainty in REVIEW_CERTAINTIES:
        why.append(tx("review.reason.certainty", certainty=tx.label("certainty", certainty)))
    confidence = _value(row, "confidence")
    if confidence is not None and float(confidence) < max_confidence:
        why.append(tx("review.reason.confidence", value=tx.number(float(confidence), 2)))
    return why


def flagged_table(rows: pd.DataFrame, names: Mapping[str, str], tx: Texts = EN) -> pd.DataFrame:
    """Rows flagged for review with labels in the language (the event id stays: annotations name it)."""
    actors = {
        side: [country_label(c, names) if isinstance(c, str) and c else "" for c in rows[side]]
        for side in ("sender", "recipient")
    }
    return rows.assign(
        **actors,
        event_type=[tx.label("event_type", t) for t in rows["event_type"]],
        date_precision=[
            tx.label("precision", p) or tx("common.evidence.unresolved") for p in rows["date_precision"]
        ],
    )


def _day(value: Any) -> str:
    """YYYY-MM-DD of a date-like value, '' when missing."""
    if value is None:
        return ""
    return (value.date() if isinstance(value, pd.Timestamp) else value).isoformat()


def _csv_line(values: Mapping[str, Any]) -> str:
    """One CSV line in the annotations file's column order (quoted where needed, no line break)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(
        ["" if values.get(c) is None else str(values[c]) for c in COLUMNS]
    )
    return out.getvalue()


def _checked(action: str, values: Mapping[str, Any]) -> Line:
    """The line for `values`, checked with the ETL's own annotation parser."""
    text = _csv_line(values)
    parsed = next(csv.DictReader(io.StringIO(",".join(COLUMNS) + "\n" + text + "\n", newline="")))
    try:
        parse_row(parsed, "review")
    except AnnotationError as err:
        return Line(action, None, str(err))
    return Line(action, text)


def annotation_lines(row: Mapping[str, Any], tx: Texts = EN) -> list[Line]:
    """Confirm (keep as coded), correct (edit the pre-filled fields) and suppress lines for one event.

    The note inside each line is written in the interface language: it is read by the analyst who copies
    the line (the build keeps notes but never interprets them), and csv.writer quotes any text, so the line
    stays valid CSV for the ETL in either language. Codes, ids and dates stay as the parser needs them.
    """
    event_id = _value(row, "event_id")
    base = {k: _value(row, k) for k in _FIELDS}
    base |= {
        "event_id": event_id,
        "article_id": _value(row, "article_id"),
        "evidence": _value(row, "evidence"),
        "source_url": _value(row, "source_url"),
        "event_date": _day(_value(row, "event_date")),
    }
    confirm = {**base, "action": "add", "note": tx("review.note.confirm")}
    correct = {**base, "action": "add", "note": tx("review.note.correct")}
    published = _value(row, "published")
    if not base["event_date"] and published is not None:
        correct |= {
            "event_date": _day(published),
            "date_precision": "day",
            "note": tx("review.note.correct_date"),
        }
    suppress = {"action": "suppress", "event_id": event_id, "note": tx("review.note.suppress")}
    return [_checked("confirm", confirm), _checked("correct", correct), _checked("suppress", suppress)]
