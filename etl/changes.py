"""What a build added: the events that the database it replaces did not have, and when that one was built.

Run inside the build on the new database, before the swap: the old file is attached read-only and
compared in SQL, so no id list passes through Python. Fills `previous_build` (one row: when the
replaced database was built, and its event count) and `new_events` (the ids it lacked); both stay
empty on a first build, or when the old file cannot be read.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

SCHEMA = """
CREATE TABLE IF NOT EXISTS previous_build (
    finished  TIMESTAMP,          -- when the database this build replaced was built
    events    INTEGER NOT NULL    -- how many events it had
);
CREATE TABLE IF NOT EXISTS new_events (
    event_id  VARCHAR PRIMARY KEY -- an event the replaced database did not have
);
"""
COMPARE = """
INSERT INTO previous_build
    SELECT (SELECT max(finished) FROM previous.etl_runs), count(*) FROM previous.events;
INSERT INTO new_events SELECT event_id FROM events EXCEPT SELECT event_id FROM previous.events;
"""


def record_changes(con: duckdb.DuckDBPyConnection, old_db: Path) -> None:
    """Fill previous_build and new_events in the new database by comparing it with old_db, if readable."""
    con.execute(SCHEMA)
    if not Path(old_db).is_file():
        return
    quoted = str(old_db).replace("'", "''")
    try:
        con.execute(f"ATTACH '{quoted}' AS previous (READ_ONLY)")
    except duckdb.Error:
        return  # locked by a writer, or not a database: the build goes on without the comparison
    try:
        con.execute("BEGIN")
        con.execute(COMPARE)
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")  # an old file without these tables: nothing to compare
    finally:
        con.execute("DETACH previous")
