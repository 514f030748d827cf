"""Load articles, events, rejects, cases and the run record into a new DuckDB file, swapped in atomically."""

from __future__ import annotations

import contextlib
import os
import tomllib
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

import duckdb
import pyarrow as pa

from etl.models import Article, Event, Reject, stable_hash
from etl.names import actor_rows

SCHEMA_PATH = Path(__file__).with_name("schema.sql")
DERIVE_PATH = Path(__file__).with_name("derive.sql")
# The database layout: a reader built for another layout (an older checkout's file) can tell.
SCHEMA_VERSION = stable_hash(SCHEMA_PATH.read_text(encoding="utf-8"), DERIVE_PATH.read_text(encoding="utf-8"))
EVENT_COLUMNS = tuple(f.name for f in fields(Event))
ARTICLE_COLUMNS = ("id", "url", "title", "outlet", "published", "language", "content_hash", "path", "summary")
CASE_TEXTS = ("title", "crisis", "onset_source", "context")  # shown on the pages, in English
CASE_LANGS = ("id",)  # other languages of those texts: `title_id` is the Bahasa Indonesia title
CASE_TRANSLATIONS = tuple(f"{text}_{lang}" for lang in CASE_LANGS for text in CASE_TEXTS)
CASE_FIELDS = (  # the case's own columns; the texts among them in English
    "id",
    "title",
    "crisis",
    "onset",
    "onset_source",
    "window_start",
    "window_end",
    "focus_sender",
    "focus_recipient",
    "context",
)
CASE_KEYS = (*CASE_FIELDS, *CASE_TRANSLATIONS)
CASE_REQUIRED = (
    "id",
    "title",
    "crisis",
    "onset",
    "window_start",
    "window_end",
    "focus_sender",
    "focus_recipient",
)
CASE_STRINGS = ("id", "title", "crisis", "focus_sender", "focus_recipient")  # required and not blank
CASE_OPTIONAL_STRINGS = ("onset_source", "context", *CASE_TRANSLATIONS)  # blank is the same as missing
CASE_DATES = ("onset", "window_start", "window_end")


@dataclass(frozen=True)
class Case:
    """One reference case from cases.toml; fields match the columns of the `cases` table."""

    id: str
    title: str
    crisis: str
    onset: date
    window_start: date
    window_end: date
    focus_sender: str
    focus_recipient: str
    onset_source: str | None = None
    context: str | None = None
    title_id: str | None = None  # the Bahasa Indonesia texts; None: the English one is shown
    crisis_id: str | None = None
    onset_source_id: str | None = None
    context_id: str | None = None


@dataclass(frozen=True)
class Run:
    """The etl_runs row of one build."""

    started: datetime
    finished: datetime
    inputs: int
    articles: int
    events: int
    rejects: int
    annotations: int
    version: str


def init_db(con: duckdb.DuckDBPyConnection) -> None:
    """Apply the schema (idempotent: tables IF NOT EXISTS, views OR REPLACE) and record its version."""
    con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
    con.execute("DELETE FROM schema_info")
    con.execute("INSERT INTO schema_info VALUES (?)", [SCHEMA_VERSION])


def _toml_kind(value: object) -> str:
    """What a TOML value is, in an analyst's words ('a number', 'a date')."""
    kinds = ((bool, "true/false"), (int | float, "a number"), (datetime, "a date and time"), (date, "a date"))
    kinds += ((list, "a list"), (dict, "a table"))
    return next((word for kind, word in kinds if isinstance(value, kind)), type(value).__name__)


def _text_problem(table: dict) -> str | None:
    """Say which text fields of a [[case]] are not quoted text or are blank, or None if all are fine."""
    for key in (*CASE_STRINGS, *CASE_OPTIONAL_STRINGS):
        value = table.get(key)
        if value is not None and not isinstance(value, str):
            return f'{key} must be text in quotes ("..."), not {_toml_kind(value)}'
        if key in CASE_STRINGS and not value.strip():
            return f"{key} is empty"
    return None


def _case_problem(table: object) -> str | None:
    """Say what is wrong with one [[case]] table, or None if it is valid."""
    if not isinstance(table, dict):
        return "is not a table"
    unknown = [k for k in table if k not in CASE_KEYS]
    if unknown:
        return f"has unknown key {', '.join(unknown)} (known: {', '.join(CASE_KEYS)})"
    missing = [k for k in CASE_REQUIRED if k not in table]
    if missing:
        return f"is missing {', '.join(missing)}"
    not_dates = [k for k in CASE_DATES if not isinstance(table[k], date) or isinstance(table[k], datetime)]
    if not_dates:
        return f"{', '.join(not_dates)} must be TOML dates (YYYY-MM-DD, unquoted)"
    if table["window_start"] > table["window_end"]:
        return "window_start is after window_end"
    return _text_problem(table)


def _case(table: dict) -> Case:
    """A valid [[case]] table as a Case; blank optional texts (an untranslated field) become None."""
    values = {k: table[k] for k in CASE_KEYS if k in table}
    values |= {k: (values.get(k) or "").strip() or None for k in CASE_OPTIONAL_STRINGS}
    return Case(**values)


def read_cases(fp: BinaryIO, name: str) -> tuple[list[Case], list[Reject]]:
    """Parse cases.toml; a malformed file or a bad [[case]] is a Reject, the good cases still load."""
    try:
        doc = tomllib.load(fp)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        return [], [Reject(name, "cases file is not valid TOML", str(err))]
    cases: list[Case] = []
    rejects: list[Reject] = []
    seen: set[str] = set()
    for number, table in enumerate(doc.get("case", []), 1):
        problem = _case_problem(table)
        if problem is None and str(table["id"]) in seen:
            problem = f"repeats case id {table['id']!r}"
        if problem:
            rejects.append(Reject(f"{name}:case {number}", f"case {problem}"))
            continue
        seen.add(str(table["id"]))
        cases.append(_case(table))
    return cases, rejects


def _table(rows: Sequence[object], columns: Sequence[str]) -> pa.Table:
    """Make an Arrow table of dataclass rows, one column per name."""
    dicts = [asdict(r) for r in rows]  # type: ignore[call-overload]
    return pa.table({c: [d.get(c) for d in dicts] for c in columns})


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[object], columns: Sequence[str]
) -> None:
    """Bulk-insert dataclass rows into a table through one Arrow scan."""
    if not rows:
        return
    data = _table(rows, columns)
    names = ", ".join(columns)
    con.register("_rows", data)
    try:
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _rows")
    finally:
        con.unregister("_rows")


def event_order(event: Event) -> tuple[bool, date, str]:
    """Sort key: by event date (undated last), then id, so files are laid out for date scans."""
    return (event.event_date is None, event.event_date or date.min, event.event_id)


def load_all(
    con: duckdb.DuckDBPyConnection,
    articles: Sequence[Article],
    events: Sequence[Event],
    rejects: Sequence[Reject],
    cases: Sequence[Case],
) -> None:
    """Insert every kind of row into an initialised database."""
    insert_rows(con, "articles", articles, ARTICLE_COLUMNS)
    insert_rows(con, "events", sorted(events, key=event_order), EVENT_COLUMNS)
    insert_rows(con, "rejects", rejects, ("input", "reason", "detail"))
    insert_rows(con, "cases", cases, CASE_KEYS)
    actors = actor_rows(code for e in events for code in (e.sender, e.recipient))
    if actors:
        con.executemany("INSERT INTO actors VALUES (?, ?)", actors)
    derive(con)


def derive(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the derived tables (offer outcomes) from the loaded events."""
    con.execute(DERIVE_PATH.read_text(encoding="utf-8"))


def insert_run(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    """Record one build in etl_runs."""
    insert_rows(con, "etl_runs", [run], tuple(f.name for f in fields(Run)))


def temp_path_for(db_path: Path) -> Path:
    """A temporary file name next to the target, unique to this call (threads may build at once)."""
    return db_path.with_name(f".{db_path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")  # in .gitignore


def _remove(path: Path) -> None:
    """Delete a file and its DuckDB write-ahead log, if present."""
    for p in (path, Path(f"{path}.wal")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


@contextlib.contextmanager
def new_database(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a connection to a fresh database beside db_path; on success swap it in with os.replace.

    On any error the temporary file is removed and the old database is left as it was.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path_for(db_path)
    _remove(temp)
    con = duckdb.connect(str(temp))
    try:
        init_db(con)
        yield con
        con.execute("CHECKPOINT")
        con.close()
        with contextlib.suppress(FileNotFoundError):
            Path(f"{db_path}.wal").unlink()  # a stale log must not be replayed onto the new file
        os.replace(temp, db_path)
    except BaseException:
        con.close()
        _remove(temp)
        raise
