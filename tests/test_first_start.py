"""The app builds its database when it is missing and rebuilds one an older version of the app built."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl.build import build_database
from etl.load import SCHEMA_VERSION
from tests.conftest import APP, FIXTURE_ARTICLES, matched


def versions(db: Path) -> list[tuple[str]]:
    """The layout versions recorded in a database file."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT version FROM schema_info").fetchall()


def open_overview(db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """Run the overview page on the database at `db`."""
    monkeypatch.setenv("AID_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/overview.py")
    return at.run()


def test_a_build_records_the_layout_it_was_built_with(db_path: Path) -> None:
    build_database(db_path, [FIXTURE_ARTICLES], cases_path=None)
    assert versions(db_path) == [(SCHEMA_VERSION,)]


def test_first_start_builds_the_missing_database_from_the_bundled_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "events.duckdb"
    at = open_overview(db, monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    assert versions(db) == [(SCHEMA_VERSION,)]
    assert matched(at) > 0


def test_a_database_of_an_older_layout_is_rebuilt_instead_of_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "events.duckdb"
    build_database(db, [FIXTURE_ARTICLES], cases_path=None)
    with duckdb.connect(
        str(db)
    ) as con:  # what an older checkout left: another layout, no Indonesian case texts
        con.execute("UPDATE schema_info SET version = 'older'")
        con.execute("DROP VIEW case_events")
        con.execute("ALTER TABLE cases DROP COLUMN title_id")
    at = open_overview(db, monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    assert versions(db) == [(SCHEMA_VERSION,)]
    [status] = [c for c in at.main.children.values() if type(c).__name__ == "Status"]
    assert status.label == "Database rebuilt for this version of the app"
    assert "North Korea → China, coronavirus 2020" in " ".join(m.value for m in at.markdown)


def test_a_current_database_is_left_as_it_is(fixture_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = fixture_db.stat().st_mtime_ns
    at = open_overview(fixture_db, monkeypatch)
    assert not at.exception
    assert not [c for c in at.main.children.values() if type(c).__name__ == "Status"]
    assert fixture_db.stat().st_mtime_ns == before
