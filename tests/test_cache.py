"""The extraction cache: cached events equal fresh ones, new articles alone are extracted, versions expire."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import etl.cache
from etl.build import build_database, parse_inputs
from etl.cache import (
    ExtractionCache,
    cache_path_for,
    dump_events,
    extractor_files,
    extractor_version,
    load_events,
)
from etl.cli import main
from etl.models import Event
from etl.settings import ROOT
from tests.conftest import FIXTURE_ARTICLES

BUNDLED = ROOT / "data" / "articles"

NEW_REPORTS = {
    "jp-offer.md": (
        "---\nlanguage: en\npublished: 2024-03-04\n---\n"
        "Japan on Monday offered Vietnam two million dollars in emergency relief after a typhoon "
        "flattened fishing villages along the central coast.\n"
    ),
    "au-tawaran.md": (
        "---\nlanguage: id\npublished: 2024-03-05\n---\n"
        "Australia pada Selasa menawarkan bantuan darurat kepada Timor Leste setelah banjir bandang "
        "merusak ratusan rumah di Dili.\n"
    ),
}


def test_cached_events_are_identical_to_fresh_ones(tmp_path: Path) -> None:
    fresh = parse_inputs([BUNDLED, FIXTURE_ARTICLES])
    cache_file = tmp_path / "x.extract-cache.duckdb"
    first = ExtractionCache.open(cache_file)
    parse_inputs([BUNDLED, FIXTURE_ARTICLES], cache=first)
    first.save()
    again = ExtractionCache.open(cache_file)
    cached = parse_inputs([BUNDLED, FIXTURE_ARTICLES], cache=again)
    assert again.misses == 0 and again.hits == len(fresh.articles)
    assert cached.events == fresh.events
    assert cached.rejects == fresh.rejects


def test_rebuild_extracts_only_the_new_articles(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(FIXTURE_ARTICLES, folder)
    db = tmp_path / "events.duckdb"
    first = build_database(db, [folder], cases_path=None)
    assert first.cached == 0 and cache_path_for(db).is_file()
    write_reports(folder)
    second = build_database(db, [folder], cases_path=None)
    assert second.articles == first.articles + len(NEW_REPORTS)
    assert second.cached == first.articles
    assert second.events > first.events
    uncached = build_database(tmp_path / "plain.duckdb", [folder], cases_path=None, use_cache=False)
    assert uncached.cached == 0 and uncached.events == second.events


def test_an_event_round_trips_with_its_dates_and_tuples() -> None:
    event = Event(
        event_id="e1",
        article_id="a1",
        event_type="offer_aid",
        cameo_code="0333",
        sender="JPN",
        sender_name="Japan",
        recipient="VNM",
        recipient_name="Viet Nam",
        event_date=date(2024, 3, 4),
        date_precision="day",
        aid_type="disaster_relief",
        response=None,
        certainty="stated",
        evidence="Japan offered relief.",
        source_url="http://127.0.0.1/x",
        confidence=0.1 + 0.2,
        date_added=datetime(2024, 3, 4, 9, 15, 30, 123456),
        evidence_all=("Japan offered relief.", "It was accepted."),
        mentions=2,
    )
    assert load_events(dump_events([event])) == [event]


def write_reports(folder: Path) -> Path:
    """The two short new reports, written into folder."""
    folder.mkdir(exist_ok=True)
    for name, text in NEW_REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_cache_from_another_extractor_version_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, folder = tmp_path / "events.duckdb", write_reports(tmp_path / "articles")
    build_database(db, [folder], cases_path=None)
    assert build_database(db, [folder], cases_path=None).cached == len(NEW_REPORTS)
    monkeypatch.setattr(etl.cache, "extractor_version", lambda: "another-version")
    assert build_database(db, [folder], cases_path=None).cached == 0


def test_a_damaged_cache_file_only_costs_a_full_extraction(tmp_path: Path) -> None:
    db, folder = tmp_path / "events.duckdb", write_reports(tmp_path / "articles")
    cache_path_for(db).write_bytes(b"this is not a DuckDB file at all" * 100)
    summary = build_database(db, [folder], cases_path=None)
    assert summary.articles > 0 and summary.cached == 0 and summary.events > 0


def copy_of_etl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the etl package that extractor_version reads instead of the real one."""
    copy = tmp_path / "etl"
    shutil.copytree(etl.cache.ETL_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(etl.cache, "ETL_DIR", copy)
    return copy


@pytest.mark.parametrize(
    ("changed", "invalidates"),
    [
        ("rules/triggers.toml", True),  # a rule file
        ("aliases.toml", True),  # actor aliases
        ("extract/roles.py", True),  # a stage of the extractor
        ("dates.py", True),  # a module the extractor imports
        ("cli.py", False),  # the command line does not extract
        ("fetch.py", False),
    ],
)
def test_changing_the_extractor_changes_its_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changed: str, invalidates: bool
) -> None:
    copy = copy_of_etl(tmp_path, monkeypatch)
    before = extractor_version.__wrapped__()
    with (copy / changed).open("a", encoding="utf-8") as fp:
        fp.write("\n# an edit\n")
    assert (extractor_version.__wrapped__() != before) is invalidates


def test_the_extractor_files_cover_every_extraction_stage() -> None:
    names = {p.relative_to(etl.cache.ETL_DIR).as_posix() for p in extractor_files()}
    stages = {f"extract/{p.name}" for p in (etl.cache.ETL_DIR / "extract").glob("*.py")}
    assert {"extract/events.py", "extract/roles.py", "rules/lexicon.toml", "actors.py", "models.py"} <= names
    assert stages - names <= {"extract/explain.py", "extract/budget.py"}  # not on the extraction path


def test_the_build_command_says_how_many_articles_came_from_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_reports(tmp_path / "articles")
    args = ["build", "--db", str(tmp_path / "events.duckdb"), "--quiet", str(folder)]
    assert main(args) == 0
    assert "from the cache" not in capsys.readouterr().out
    (folder / "nz.md").write_text(
        "---\nlanguage: en\n---\nNew Zealand on Friday sent Tonga drinking water after an eruption.\n",
        encoding="utf-8",
    )
    assert main(args) == 0
    assert "Extracted 1 new or changed articles; 2 unchanged came from the cache" in capsys.readouterr().out


@settings(max_examples=50, deadline=None)
@given(
    evidence=st.text(),
    day=st.none() | st.dates(),
    added=st.none() | st.datetimes(),
    confidence=st.floats(allow_nan=False),
    sentences=st.lists(st.text(), max_size=3).map(tuple),
)
def test_any_event_round_trips_through_the_cache(
    evidence: str, day: date | None, added: datetime | None, confidence: float, sentences: tuple[str, ...]
) -> None:
    event = Event(
        event_id="e",
        article_id=None,
        event_type="provide_aid",
        cameo_code="070",
        sender=None,
        sender_name=None,
        recipient=None,
        recipient_name=None,
        event_date=day,
        date_precision=None,
        aid_type=None,
        response=None,
        certainty="stated",
        evidence=evidence,
        source_url=None,
        confidence=confidence,
        date_added=added,
        evidence_all=sentences,
    )
    assert load_events(dump_events([event])) == [event]
