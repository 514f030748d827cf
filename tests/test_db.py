"""The shared connection: a replaced database file is reopened, but never under a running query."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb

from dashboard.db import cursor, db_key


def write_db(path: Path, rows: int) -> None:
    """Write a database with `rows` rows beside `path` and swap it in, as the ETL does."""
    tmp = path.with_name(path.name + ".tmp")
    con = duckdb.connect(str(tmp))
    con.execute("CREATE TABLE t AS SELECT * FROM range(?) r(i)", [rows])
    con.close()
    os.replace(tmp, path)


def count(path: Path) -> int:
    """Rows in t through the shared connection of the file as it is now."""
    with cursor(db_key(path)) as cur:
        return cur.execute("SELECT count(*) FROM t").fetchone()[0]


def test_a_rebuilt_file_is_read_without_a_restart(tmp_path):
    db = tmp_path / "events.duckdb"
    write_db(db, 3)
    assert count(db) == 3
    write_db(db, 5)
    assert count(db) == 5


def test_reopening_after_a_rebuild_waits_for_running_queries(tmp_path):
    db = tmp_path / "events.duckdb"
    write_db(db, 3)
    old_key = db_key(db)
    reopened = threading.Event()
    results: list[int] = []

    def read_new_file() -> None:
        results.append(count(db))
        reopened.set()

    with cursor(old_key) as running:
        write_db(db, 5)
        reader = threading.Thread(target=read_new_file)
        reader.start()
        # The new file must not be opened (closing this cursor's connection) while the query runs.
        assert not reopened.wait(timeout=0.5)
        assert running.execute("SELECT count(*) FROM t").fetchone()[0] == 3
    reader.join(timeout=10)
    assert results == [5]
