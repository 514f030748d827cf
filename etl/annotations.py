"""Analyst annotations: add a missed event or suppress a wrong one; read from CSV, applied in the build."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TextIO

from etl import models
from etl.models import AID_TYPES, CERTAINTIES, DATE_PRECISIONS, EVENT_TYPES, RESPONSES, Event, Reject
from etl.read import ReadError, decode_text, read_limited

COLUMNS = (
    "action",
    "event_id",
    "article_id",
    "event_type",
    "sender",
    "recipient",
    "event_date",
    "date_precision",
    "aid_type",
    "response",
    "certainty",
    "evidence",
    "source_url",
    "note",
)
ACTOR_CODE = re.compile(r"[A-Z][A-Z0-9]{1,9}")  # ISO alpha-3 or an IGO acronym such as UNICEF
EVENT_ID = re.compile(r"[0-9A-Za-z_.:-]{1,64}")
MAX_FILE_BYTES = 20_000_000  # about 100,000 rows; a bigger file is an export, not an analyst's notes
_DATE_FORMATS = {10: "day", 7: "month", 4: "year"}


class AnnotationError(ValueError):
    """A row that cannot be applied; the message is the reason shown to the analyst."""


@dataclass(frozen=True)
class Annotation:
    """One valid row: suppress `event_id`, or add `event` (whose id is `event_id`)."""

    action: str
    event_id: str
    row: str
    event: Event | None = None


def parse_event_date(value: str) -> tuple[date | None, str | None]:
    """Parse YYYY-MM-DD, YYYY-MM or YYYY into (first day, precision); blank is (None, None)."""
    value = value.strip()
    if not value:
        return None, None
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise AnnotationError(f"event_date {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    padded = value + "-01" * ((10 - len(value)) // 3)
    try:
        return date.fromisoformat(padded), _DATE_FORMATS[len(value)]
    except ValueError:
        raise AnnotationError(f"event_date {value!r} is not a real date") from None


def _choice(row: dict[str, str], column: str, allowed: Iterable[str]) -> str | None:
    """Return the row's value for a column if it is blank or one of `allowed`."""
    value = row.get(column, "").strip()
    if value and value not in allowed:
        raise AnnotationError(f"unknown {column} {value!r} (expected one of {', '.join(allowed)})")
    return value or None


def _actor(row: dict[str, str], column: str, required: bool) -> str | None:
    """Return an actor code (ISO alpha-3 or IGO acronym) from the row."""
    value = row.get(column, "").strip()
    if not value:
        if required:
            raise AnnotationError(f"{column} is required to add an event")
        return None
    if not ACTOR_CODE.fullmatch(value):
        raise AnnotationError(f"{column} {value!r} is not an actor code (ISO alpha-3 such as PRK, or an IGO)")
    return value


def row_event(row: dict[str, str]) -> Event:
    """Build the Event an `add` row describes, with source `annotation`."""
    event_type = row.get("event_type", "").strip()
    if event_type not in EVENT_TYPES:
        raise AnnotationError(f"unknown event_type {event_type!r}")
    sender = _actor(row, "sender", required=True)
    recipient = _actor(row, "recipient", required=False)
    event_date, precision = parse_event_date(row.get("event_date", ""))
    precision = _choice(row, "date_precision", DATE_PRECISIONS) or precision
    aid_type = _choice(row, "aid_type", AID_TYPES)
    fields = {k: (row.get(k) or "").strip() or None for k in ("article_id", "evidence", "source_url")}
    event_id = row.get("event_id", "").strip() or models.stable_hash(
        "annotation", fields["article_id"], event_type, sender, recipient, event_date, aid_type
    )
    return Event(
        event_id=event_id,
        event_type=event_type,
        cameo_code=models.cameo_code(event_type, aid_type),
        sender=sender,
        sender_name=None,
        recipient=recipient,
        recipient_name=None,
        event_date=event_date,
        date_precision=precision if event_date else None,
        aid_type=aid_type,
        response=_choice(row, "response", RESPONSES),
        certainty=_choice(row, "certainty", CERTAINTIES) or "stated",
        source="annotation",
        confidence=1.0,
        needs_review=event_date is None,
        **fields,
    )


def parse_row(row: dict[str, str], where: str) -> Annotation:
    """Validate one CSV row into an Annotation, or raise AnnotationError."""
    action = (row.get("action") or "").strip().lower()
    event_id = (row.get("event_id") or "").strip()
    if event_id and not EVENT_ID.fullmatch(event_id):
        raise AnnotationError(f"event_id {event_id!r} has characters other than letters, digits, _ . : -")
    if action == "suppress":
        if not event_id:
            raise AnnotationError("event_id is required to suppress an event")
        return Annotation("suppress", event_id, where)
    if action == "add":
        event = row_event(row)
        return Annotation("add", event.event_id, where, event)
    raise AnnotationError(f"unknown action {action!r} (expected add or suppress)")


def read_annotations(fp: TextIO, name: str) -> tuple[list[Annotation], list[Reject]]:
    """Read an annotations CSV; each bad row is a Reject ("name:row N"), the others apply."""
    reader = csv.DictReader(fp)
    missing = [c for c in ("action", "event_id") if c not in (reader.fieldnames or [])]
    if missing:
        return [], [
            Reject(name, f"annotations file has no {' or '.join(missing)} column", str(reader.fieldnames))
        ]
    annotations: list[Annotation] = []
    rejects: list[Reject] = []
    for row in reader:
        where = f"{name}:row {reader.line_num}"
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        try:
            annotations.append(parse_row(row, where))
        except AnnotationError as err:
            rejects.append(Reject(where, f"annotation: {err}"))
    return annotations, rejects


def read_annotations_file(path: Path) -> tuple[list[Annotation], list[Reject]]:
    """Read an annotations CSV in any encoding the article reader accepts (UTF-8, BOM, UTF-16, Latin-1)."""
    try:
        with path.open("rb") as fp:
            text = decode_text(read_limited(fp, MAX_FILE_BYTES, "one annotations file"))
    except OSError as err:
        return [], [Reject(str(path), f"cannot read annotations file ({err.strerror or err})")]
    except ReadError as err:
        return [], [Reject(str(path), f"annotations file: {err.reason}", err.detail)]
    return read_annotations(io.StringIO(text, newline=""), str(path))


def apply_annotations(
    events: Iterable[Event], annotations: Iterable[Annotation]
) -> tuple[list[Event], list[Reject]]:
    """Drop suppressed events, add (or replace by id) annotated ones; an unmatched suppression is a Reject."""
    annotations = list(annotations)
    by_id = {e.event_id: e for e in events}
    rejects: list[Reject] = []
    for note in annotations:
        if note.action == "suppress":
            if by_id.pop(note.event_id, None) is None:
                rejects.append(Reject(note.row, f"annotation: suppress matched no event {note.event_id!r}"))
        elif note.event is not None:
            by_id[note.event_id] = replace(note.event, source="annotation")
    return list(by_id.values()), rejects
