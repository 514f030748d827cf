"""Properties of the pipeline on generated input: never raises, well-formed events, round trips, same ids."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict, replace
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.build import Collector
from etl.load import ARTICLE_COLUMNS, EVENT_COLUMNS, init_db, load_all
from etl.models import (
    AID_TYPES,
    CERTAINTIES,
    DATE_PRECISIONS,
    EVENT_TYPES,
    RESPONSES,
    SOURCES,
    Article,
    Event,
    stable_hash,
)
from etl.read import normalize_space, read_article_file

ROOT = Path(__file__).resolve().parent.parent
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VOCABULARY = (
    # actors, epithets and organisations in both languages
    "Norway Bangladesh Japan Nepal Chile Peru N. Korea U.S. Korea Utara Negeri Sakura AS RI UNHCR WFP "
    "the kingdom Swiss doctors Qatari team Tiongkok Rusia "
    # triggers, nouns, connectors, hedges, negations and dates
    "offered pledged sent delivered donated thanked refused requested denied offering may if asked "
    "menawarkan mengirimkan menyumbangkan menolak berterima kasih bantuan aid relief grant tents to for "
    "kepada untuk ke dari by oleh and dan yesterday kemarin on Monday Senin lalu (4/6) 3 June 2024 "
    "$5 million juta dolar AS beras asal Vietnam , . ? ! ; : ( ) \" ' - —"
)
WORDS = tuple(VOCABULARY.split())
report_text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)
any_text = st.one_of(st.text(max_size=400), report_text)
line = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40)
meta_value = line.map(str.strip).filter(lambda v: v and not (v[0] == v[-1] and v[0] in "\"'"))
body_chars = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), whitelist_characters="\n\t")
past_day = st.dates(min_value=date(1990, 1, 1), max_value=date.today())


def events_of(text: str, suffix: str = ".txt") -> tuple[list[Article], list[Event]]:
    """Read `text` as a file and run the build's collector on it: the articles and events it keeps."""
    collector = Collector()
    for result in read_article_file(BytesIO(text.encode("utf-8", "surrogatepass")), "gen" + suffix, suffix):
        if isinstance(result, Article):
            collector.add_article(result)
    parsed = collector.finish(1)
    assert not [r for r in parsed.rejects if "budget" in r.reason]  # finished within its time budget
    return list(parsed.articles), list(parsed.events)


@FAST
@given(text=any_text, suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_any_text_parses_without_raising_into_well_formed_events(text: str, suffix: str) -> None:
    articles, events = events_of(text, suffix)
    ids = {a.id for a in articles}
    body = {a.id: normalize_space(a.text) for a in articles}
    for event in events:
        assert event.event_type in EVENT_TYPES
        assert event.article_id in ids
        assert event.evidence and normalize_space(event.evidence) in body[event.article_id]
        assert event.certainty in CERTAINTIES


@FAST
@given(text=report_text, published=past_day)
def test_extraction_gives_the_same_events_twice(text: str, published: date) -> None:
    head = f"---\npublished: {published}\n---\n"
    first, second = events_of(head + text, ".md")[1], events_of(head + text, ".md")[1]
    assert first == second


article_fields = st.fixed_dictionaries(
    {
        "id": line.map(str.strip).filter(bool),
        "title": meta_value,
        "url": meta_value,
        "outlet": meta_value,
        "published": past_day,
        "language": st.sampled_from(["id", "en"]),
        "summary": st.booleans(),
        "text": st.text(body_chars, min_size=1, max_size=300).map(str.strip).filter(bool),
    }
)


def expected_article(record: dict, path: str) -> Article:
    """The Article a reader should make from a record of fields."""
    return Article(content_hash=stable_hash(normalize_space(record["text"])), path=path, **record)


@FAST
@given(record=article_fields)
def test_json_lines_round_trip_every_article_field(record: dict) -> None:
    data = json.dumps(record | {"published": record["published"].isoformat()}) + "\n"
    [article] = read_article_file(BytesIO(data.encode()), "r.jsonl", ".jsonl")
    assert article == expected_article(record, "r.jsonl")


@FAST
@given(record=article_fields.filter(lambda r: "\r" not in r["text"] and not r["text"].startswith("---")))
def test_front_matter_round_trips_every_article_field(record: dict) -> None:
    head = "".join(
        f"{k}: {str(v).lower() if k == 'summary' else v}\n" for k, v in record.items() if k != "text"
    )
    data = f"---\n{head}---\n{record['text']}\n"
    [article] = read_article_file(BytesIO(data.encode()), "r.md", ".md")
    assert article == expected_article(record, "r.md")


optional_text = st.none() | st.text(max_size=80)
events_strategy = st.builds(
    Event,
    event_id=st.text("0123456789abcdef", min_size=16, max_size=16),
    article_id=optional_text,
    event_type=st.sampled_from(sorted(EVENT_TYPES)),
    cameo_code=st.text("0123456789", min_size=2, max_size=4),
    sender=st.none() | st.sampled_from(["NOR", "BGD", "JPN", "UNHCR"]),
    sender_name=optional_text,
    recipient=st.none() | st.sampled_from(["NPL", "PER", "CHL", "WFP"]),
    recipient_name=optional_text,
    event_date=st.none() | past_day,
    date_precision=st.none() | st.sampled_from(DATE_PRECISIONS),
    aid_type=st.none() | st.sampled_from(AID_TYPES),
    response=st.none() | st.sampled_from(RESPONSES),
    certainty=st.sampled_from(CERTAINTIES),
    evidence=optional_text,
    source_url=optional_text,
    source=st.sampled_from(SOURCES),
    confidence=st.floats(0, 1),
    needs_review=st.booleans(),
    num_mentions=st.none() | st.integers(0, 10**6),
    num_sources=st.none() | st.integers(0, 10**6),
    num_articles=st.none() | st.integers(0, 10**6),
    goldstein_scale=st.none() | st.floats(-10, 10),
    avg_tone=st.none() | st.floats(-100, 100),
    date_added=st.none() | st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1)),
    evidence_all=st.lists(st.text(max_size=60), max_size=3).map(tuple),
    mentions=st.integers(1, 50),
)


@settings(FAST, max_examples=20)
@given(
    records=st.lists(article_fields, max_size=4, unique_by=lambda r: r["id"]),
    events=st.lists(events_strategy, max_size=5, unique_by=lambda e: e.event_id),
)
def test_database_load_round_trips_every_article_and_event_field(
    records: list[dict], events: list[Event]
) -> None:
    articles = [expected_article(r, f"in/{i}.md") for i, r in enumerate(records)]
    with duckdb.connect() as con:
        init_db(con)
        load_all(con, articles, events, [], [])
        got_events = [
            Event(**dict(zip(EVENT_COLUMNS, row, strict=True)))
            for row in con.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events").fetchall()
        ]
        got_articles = con.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles").fetchall()
    assert sorted((tidy(e) for e in got_events), key=lambda e: e.event_id) == sorted(
        (tidy(e) for e in events), key=lambda e: e.event_id
    )
    assert sorted(got_articles) == sorted(tuple(asdict(a)[c] for c in ARTICLE_COLUMNS) for a in articles)


def tidy(event: Event) -> Event:
    """An event as stored: lists read back as tuples."""
    return replace(event, evidence_all=tuple(event.evidence_all or ()))


def start_parse(inputs: list[Path], hash_seed: str) -> subprocess.Popen[str]:
    """Start `python -m etl parse` in a fresh interpreter with the given hash seed."""
    env = os.environ | {"PYTHONHASHSEED": hash_seed}
    command = [sys.executable, "-m", "etl", "parse", "--quiet", *map(str, inputs)]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env
    )


def event_ids(run: subprocess.Popen[str]) -> list[str]:
    """The event ids a parse run printed, in order."""
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    return [json.loads(line)["event_id"] for line in out.splitlines()]


def test_two_builds_in_separate_processes_give_identical_event_ids(tmp_path: Path) -> None:
    texts = [
        "Norway on Monday, 3 June 2024, pledged emergency shelter kits to flood survivors in Bangladesh.",
        "Pemerintah Jepang pada Selasa (4/6/2024) mengirimkan bantuan tenda kepada korban banjir di Nepal.",
        "Chile offered aid to Peru on Friday, and Peru thanked Chile for the offer the next day.",
    ]
    for i, text in enumerate(texts):
        (tmp_path / f"{i}.txt").write_text(text)
    inputs = [ROOT / "tests" / "fixtures" / "articles", tmp_path]
    first, second = start_parse(inputs, "1"), start_parse(inputs, "2")  # different set and dict orders
    ids = event_ids(first)
    assert ids and ids == event_ids(second)
