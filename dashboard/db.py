"""One cached read-only DuckDB connection per database file version, and cached query calls.

The connection is keyed by the file's identity (path, inode, mtime), so when the ETL swaps in a
new file the next access opens it: no restart. Query results are cached by (query name, file
identity, arguments) only, so a rebuild invalidates them too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import duckdb
import streamlit as st

from dashboard import queries

T = TypeVar("T")


class DbKey(NamedTuple):
    """Identity of one version of the database file."""

    path: str
    inode: int
    mtime_ns: int


def db_key(path: Path) -> DbKey:
    """The current identity of the database file (raises FileNotFoundError if it is missing)."""
    stat = path.stat()
    return DbKey(str(path), stat.st_ino, stat.st_mtime_ns)


class _Holder:
    """The open connection of one database path, the file version it was opened on, and how many
    queries are running on it (a replaced file is reopened only once they have finished)."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.key: DbKey | None = None
        self.con: duckdb.DuckDBPyConnection | None = None
        self.running = 0


@st.cache_resource(show_spinner=False)
def _holder(path: str) -> _Holder:
    """One holder per database path, shared by all sessions."""
    return _Holder()


def _open(holder: _Holder, key: DbKey) -> None:
    """Point the holder at this file version: wait for running queries, close the old connection
    (DuckDB caches open databases by path, so a new connect would see the old file), open anew."""
    holder.changed.wait_for(lambda: holder.running == 0)
    if holder.key == key and holder.con is not None:
        return  # another thread reopened it while this one waited
    if holder.con is not None:
        holder.con.close()
    holder.con = duckdb.connect(key.path, read_only=True)
    holder.key = key


@contextmanager
def cursor(key: DbKey) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on this file version's shared read-only connection; a rebuild never closes it mid-query."""
    holder = _holder(key.path)
    with holder.changed:
        if holder.key != key or holder.con is None:
            _open(holder, key)
        holder.running += 1
        cur = holder.con.cursor()
    try:
        yield cur
    finally:
        cur.close()
        with holder.changed:
            holder.running -= 1
            holder.changed.notify_all()


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(name: str, key: DbKey, args: tuple[Any, ...]) -> Any:
    """Run the named query on a fresh cursor; cached by name, file identity and arguments."""
    fn = getattr(queries, name)
    with cursor(key) as cur:
        return fn(cur, *args)


def fetch(path: Path, fn: Callable[..., T], *args: Any) -> T:
    """Call a function of dashboard.queries with a cursor, through the cache."""
    if getattr(queries, fn.__name__, None) is not fn:
        raise ValueError(f"not a dashboard query: {fn.__name__}")
    return _cached(fn.__name__, db_key(path), args)


def fetch_uncached(path: Path, fn: Callable[..., T], *args: Any) -> T:
    """Call a query function with its own cursor, bypassing the cache (for large one-off results)."""
    with cursor(db_key(path)) as cur:
        return fn(cur, *args)
