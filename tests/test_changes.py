"""What a build adds: the events the replaced database lacked, and when that one was built."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import queries
from dashboard.i18n import EN
from etl.build import build_database
from tests.conftest import FIXTURE_ARTICLES

APP = str(Path(__file__).resolve().parents[1] / "app.py")

JAPAN = (
    "---\nlanguage: en\npublished: 2024-03-04\n---\nJapan on Monday offered Vietnam relief after a typhoon.\n"
)
AUSTRALIA = (
    "---\nlanguage: id\npublished: 2024-03-05\n---\n"
    "Australia pada Selasa menawarkan bantuan darurat kepada Timor Leste setelah banjir bandang.\n"
)


def rows(db: Path, sql: str) -> list[tuple]:
    """The rows of one query on a built database."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_first_build_has_nothing_to_compare(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "jp.md").write_text(JAPAN, encoding="utf-8")
    build_database(tmp_path / "e.duckdb", [tmp_path / "in"], cases_path=None)
    assert rows(tmp_path / "e.duckdb", "SELECT * FROM previous_build") == []
    assert rows(tmp_path / "e.duckdb", "SELECT * FROM new_events") == []


def test_a_rebuild_records_exactly_the_events_it_added_and_when_the_old_one_was_built(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "e.duckdb"
    folder.mkdir()
    (folder / "jp.md").write_text(JAPAN, encoding="utf-8")
    build_database(db, [folder], cases_path=None)
    before = rows(db, "SELECT (SELECT finished FROM etl_runs), (SELECT count(*) FROM events)")
    reader = duckdb.connect(str(db), read_only=True)  # a dashboard holding the old file open
    (folder / "au.md").write_text(AUSTRALIA, encoding="utf-8")
    build_database(db, [folder], cases_path=None)
    reader.close()
    assert rows(db, "SELECT finished, events FROM previous_build") == before
    new = rows(db, "SELECT e.sender, e.recipient FROM new_events JOIN events e USING (event_id)")
    assert new == [("AUS", "TLS")]
    build_database(db, [folder], cases_path=None)
    assert rows(db, "SELECT count(*) FROM new_events") == [(0,)]


def test_an_unreadable_old_file_only_skips_the_comparison(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "e.duckdb"
    folder.mkdir()
    (folder / "jp.md").write_text(JAPAN, encoding="utf-8")
    db.write_bytes(b"not a database" * 100)
    summary = build_database(db, [folder], cases_path=None)
    assert summary.events > 0 and rows(db, "SELECT count(*) FROM new_events") == [(0,)]


def test_the_overview_says_what_is_new_since_the_previous_build_and_links_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, db = tmp_path / "in", tmp_path / "e.duckdb"
    shutil.copytree(FIXTURE_ARTICLES, folder)
    build_database(db, [folder], cases_path=None)
    url = "https://berita.example.id/internasional/australia-bantu-timor-leste"
    (folder / "au.md").write_text(AUSTRALIA.replace("---\n", f"---\nurl: {url}\n", 1), encoding="utf-8")
    build_database(db, [folder], cases_path=None)
    (since,) = rows(db, "SELECT finished FROM previous_build")[0]
    with duckdb.connect(str(db), read_only=True) as con:
        new = queries.new_since_previous_build(con)
    assert new is not None and new["since"] == since and new["count"] == 1
    assert list(new["incidents"]["source_url"]) == [url]
    monkeypatch.setenv("AID_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/overview.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"1 new incident since {EN.datetime(since)}" in m.value for m in at.markdown)
    table = at.dataframe[0].value  # the new incidents come first on the page
    assert list(table["source_url"]) == [url]
    assert list(table["sender"]) == ["Australia (AUS)"]  # the country, not the report's wording


def test_the_overview_of_a_first_build_claims_nothing_new(
    fixture_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AID_DB", str(fixture_db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/overview.py")
    at.run()
    assert not at.exception and not any("new incident" in m.value for m in at.markdown)
