"""Shared fixtures: a small real DuckDB built from the test articles, a fresh db path, an Article factory."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.build import build_database
from etl.models import Article, stable_hash
from etl.read import normalize_space

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_ARTICLES = FIXTURES / "articles"
FIXTURE_CASES = FIXTURES / "cases.toml"
FIXTURE_ANNOTATIONS = FIXTURES / "annotations.csv"
APP = str(Path(__file__).resolve().parents[1] / "app.py")
# "12 events match", "1 event matches", "1,234 events match"; in Bahasa Indonesia "1.234 peristiwa cocok".
MATCH = re.compile(r"(\d[\d,.]*) (?:events? match(?:es)?|peristiwa cocok)")


def matched(at: AppTest) -> int:
    """N from the page's 'N events match' line (either language)."""
    hits = [MATCH.search(m.value) for m in at.markdown]
    found = [int(re.sub(r"[,.]", "", m.group(1))) for m in hits if m]
    assert found, "no 'N events match' line on the page"
    return found[0]


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real events database built with build_database from tests/fixtures (read it, don't write it)."""
    path = tmp_path_factory.mktemp("fixture_db") / "events.duckdb"
    build_database(path, [FIXTURE_ARTICLES, FIXTURE_ANNOTATIONS], cases_path=FIXTURE_CASES)
    return path


def page_opener(monkeypatch: pytest.MonkeyPatch, db: Path) -> Callable[..., AppTest]:
    """A function that opens a page of the app on `db` with query parameters, like following a link."""
    monkeypatch.setenv("AID_DB", str(db))

    def _open(page: str, **params: str | list[str]) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.switch_page(page)
        at.query_params.update(params)
        return at.run()

    return _open


@pytest.fixture
def open_page(monkeypatch: pytest.MonkeyPatch, fixture_db: Path) -> Callable[..., AppTest]:
    """Open a page of the app on the fixture database with the given query parameters."""
    return page_opener(monkeypatch, fixture_db)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test may build its own database (does not exist yet)."""
    return tmp_path / "events.duckdb"


def build_article(text: str = "", **fields: object) -> Article:
    """An Article with a computed content hash; id defaults to the hash, text to a short English report."""
    text = text or "Russian President Vladimir Putin on Saturday offered North Korea humanitarian aid."
    content_hash = stable_hash(normalize_space(text))
    values: dict = {"id": content_hash, "language": "en"} | fields
    return Article(text=text, content_hash=content_hash, **values)


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """The Article factory: make_article(text, id=..., published=date(...), language=...)."""
    return build_article
