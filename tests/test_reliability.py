"""The dashboard only reads: its shared connection refuses writes and leaves the database file untouched."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dashboard.db import cursor, db_key
from etl.build import build_database

ARTICLE = "Norway on Monday, 3 June 2024, pledged emergency shelter kits to flood survivors in Bangladesh."


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM events",
        "INSERT INTO rejects VALUES ('x', 'y', 'z')",
        "DROP TABLE articles",
        "CREATE TABLE scratch (i INTEGER)",
    ],
)
def test_dashboard_connection_refuses_writes(sql: str, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    db = tmp_path / "events.duckdb"
    build_database(db, [tmp_path / "in"], cases_path=None)
    before = db_key(db)
    with cursor(before) as cur, pytest.raises(duckdb.Error, match="read-only"):
        cur.execute(sql)
    with cursor(before) as cur:
        assert cur.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    assert db_key(db) == before
