"""The bundled demo corpus in data/articles: complete metadata, both languages, and the key events."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl.build import build_database

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
REQUIRED_KEYS = ("id", "title", "url", "outlet", "published", "language", "summary")
MIN_FILES = 20
MIN_PER_LANGUAGE = 8
MIN_EVENTS = 30
MIN_SENDERS = 6


def corpus_files() -> list[Path]:
    return sorted(p for p in ARTICLES.iterdir() if p.suffix == ".md")


def front_matter(path: Path) -> tuple[dict[str, str], str]:
    """Return the `key: value` lines of the leading `---` block, and the body after it."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "---", f"{path.name}: does not start with front matter"
    end = lines.index("---", 1)
    meta = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(":")
        assert sep, f"{path.name}: front matter line {line!r} is not 'key: value'"
        meta[key.strip()] = value.strip()
    return meta, "\n".join(lines[end + 1 :])


def all_front_matter() -> dict[str, dict[str, str]]:
    return {p.name: front_matter(p)[0] for p in corpus_files()}


def test_corpus_is_big_enough_and_bilingual():
    metas = all_front_matter()
    assert len(metas) >= MIN_FILES
    languages = Counter(m.get("language") for m in metas.values())
    assert languages["id"] >= MIN_PER_LANGUAGE, languages
    assert languages["en"] >= MIN_PER_LANGUAGE, languages


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_front_matter_is_complete(path: Path):
    meta, body = front_matter(path)
    assert set(REQUIRED_KEYS) <= set(meta), f"missing {set(REQUIRED_KEYS) - set(meta)}"
    assert meta["id"] and meta["title"] and meta["outlet"]
    published = date.fromisoformat(meta["published"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["published"])
    assert path.name.startswith(published.isoformat() + "-"), "file name starts with the publication date"
    assert meta["language"] in ("id", "en")
    assert meta["summary"] == "true"
    assert meta["url"] == "" or re.match(r"https?://\S+$", meta["url"])
    assert len(body.strip()) >= 60


def test_ids_are_unique():
    ids = Counter(m["id"] for m in all_front_matter().values())
    assert not [i for i, n in ids.items() if n > 1]


# --- what the ETL extracts from the corpus -----------------------------------------------------------


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> list[dict]:
    """The article events of a database built from the corpus alone, as dicts."""
    db = tmp_path_factory.mktemp("corpus") / "events.duckdb"
    summary = build_database(db, [ARTICLES], cases_path=None)
    assert not summary.rejects, summary.rejects
    with duckdb.connect(str(db), read_only=True) as con:
        cur = con.execute(
            "SELECT event_type, sender, recipient, event_date, date_precision, response, certainty "
            "FROM events WHERE source = 'article'"
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _find(events, event_type, sender, recipient, **where) -> list[dict]:
    found = [
        e
        for e in events
        if e["event_type"] == event_type and e["sender"] == sender and e["recipient"] == recipient
    ]
    for key, want in where.items():
        found = [e for e in found if (want(e[key]) if callable(want) else e[key] == want)]
    return found


def test_corpus_yields_enough_events_from_enough_senders(events):
    assert len(events) >= MIN_EVENTS
    senders = {e["sender"] for e in events if e["sender"]}
    assert len(senders) >= MIN_SENDERS, senders


def test_case_a_north_korea_offers_china_help_in_february_2020(events):
    in_feb_2020 = lambda d: d is not None and (d.year, d.month) == (2020, 2)  # noqa: E731
    assert _find(events, "offer_aid", "PRK", "CHN", event_date=in_feb_2020)


def test_case_b_russia_offers_flood_aid_on_2024_08_03(events):
    assert _find(events, "offer_aid", "RUS", "PRK", event_date=date(2024, 8, 3))


def test_case_b_north_korea_thanks_russia_and_defers_on_2024_08_04(events):
    assert _find(events, "express_gratitude", "PRK", "RUS", event_date=date(2024, 8, 4))
    assert _find(events, "decline_aid", "PRK", "RUS", event_date=date(2024, 8, 4), response="deferred")
