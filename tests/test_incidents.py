"""One event per act per article (merge_mentions), and incidents grouping reports across articles."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import duckdb

from etl.incidents import merge_mentions
from etl.load import init_db, load_all
from etl.models import Article, Event, stable_hash


def mention(
    event_type: str = "offer_aid",
    sender: str | None = "KOR",
    recipient: str | None = "JPN",
    when: date | None = date(2024, 1, 3),
    evidence: str = "Seoul offered Tokyo relief.",
    article_id: str = "a1",
    confidence: float = 0.5,
) -> Event:
    """One extracted mention of an act."""
    return Event(
        event_id=f"{article_id}-{event_type}-{sender}-{recipient}-{when}-{evidence}",
        article_id=article_id,
        event_type=event_type,
        cameo_code="033",
        sender=sender,
        sender_name=None,
        recipient=recipient,
        recipient_name=None,
        event_date=when,
        date_precision="day" if when else None,
        aid_type=None,
        response=None,
        certainty="stated",
        evidence=evidence,
        source_url=None,
        confidence=confidence,
    )


# ---------------------------------------------------------------- one event per act per article


def test_repeated_mentions_of_one_act_become_one_event_with_every_sentence() -> None:
    first = mention(evidence="Seoul offered Tokyo relief.", confidence=0.4)
    again = mention(evidence="The offer from Seoul was repeated in a letter.", confidence=0.9)
    (merged,) = merge_mentions([first, again])
    assert merged.event_id == first.event_id
    assert merged.evidence == first.evidence
    assert merged.evidence_all == (first.evidence, again.evidence)
    assert merged.mentions == 2
    assert merged.confidence == 0.9


def test_a_sentence_repeated_verbatim_is_kept_once() -> None:
    (merged,) = merge_mentions([mention(), mention()])
    assert merged.evidence_all == ("Seoul offered Tokyo relief.",)
    assert merged.mentions == 2


def test_different_acts_stay_apart() -> None:
    events = [
        mention(),
        mention(event_type="provide_aid"),
        mention(recipient="TWN"),
        mention(when=date(2024, 2, 1)),
        mention(article_id="a2"),
    ]
    merged = merge_mentions(events)
    assert len(merged) == 5
    assert all(e.mentions == 1 for e in merged)
    assert [e.event_id for e in merged] == [e.event_id for e in events]


def test_an_undated_mention_joins_the_one_dated_act_of_its_dyad() -> None:
    undated = mention(when=None, evidence="Seoul stands by its offer.")
    dated = mention(evidence="On Wednesday Seoul offered Tokyo relief.")
    (merged,) = merge_mentions([undated, dated])
    assert merged.event_date == date(2024, 1, 3)
    assert merged.event_id == dated.event_id
    assert merged.evidence_all == (undated.evidence, dated.evidence)


def test_an_undated_mention_stays_apart_when_two_dated_acts_could_claim_it() -> None:
    events = [mention(when=None), mention(when=date(2024, 1, 3)), mention(when=date(2024, 1, 20))]
    assert len(merge_mentions(events)) == 3


def test_merged_events_keep_the_order_of_their_first_mention() -> None:
    a = mention(event_type="express_sympathy", evidence="Seoul sent condolences.")
    b = mention(evidence="Seoul offered relief.")
    merged = merge_mentions([a, b, a])
    assert [e.event_type for e in merged] == ["express_sympathy", "offer_aid"]


def test_no_events_merge_to_none() -> None:
    assert merge_mentions([]) == []


# ---------------------------------------------------------------- incidents across articles (derive.sql)

D = date(2020, 2, 1)


def article(article_id: str, outlet: str, published: date) -> Article:
    """An article row (the text is not read by the incident grouping)."""
    return Article(id=article_id, text="-", content_hash=article_id, outlet=outlet, published=published)


def report(article_id: str | None, when: date | None, **fields: object) -> Event:
    """One article's (or a feed row's) event for the PRK -> CHN offer unless fields say otherwise."""
    base = mention(
        sender="PRK", recipient="CHN", when=when, article_id=article_id or "-", evidence=f"in {article_id}"
    )
    return replace(
        base, event_id=stable_hash(article_id, when, *fields.items()), article_id=article_id, **fields
    )


def incidents_of(articles: list[Article], events: list[Event]) -> duckdb.DuckDBPyConnection:
    """An in-memory database loaded and derived exactly as a build does."""
    con = duckdb.connect()
    init_db(con)
    load_all(con, articles, events, [], [])
    return con


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    """All rows of a query."""
    return con.execute(sql).fetchall()


ARTICLES = [
    article("wire-1", "Yonhap", D),
    article("wire-2", "Yonhap", D + timedelta(days=1)),
    article("paper-1", "Okezone", D + timedelta(days=1)),
]


def test_reports_of_one_act_in_several_articles_are_one_incident() -> None:
    events = [report("wire-1", D), report("wire-2", D), report("paper-1", D + timedelta(days=1))]
    con = incidents_of(ARTICLES, events)
    got = rows(
        con,
        "SELECT event_type, sender, recipient, event_date, last_date, n_events, n_reports, n_outlets, "
        "first_report, last_report, sources FROM incidents",
    )
    assert got == [
        ("offer_aid", "PRK", "CHN", D, D + timedelta(days=1), 3, 3, 2, D, D + timedelta(days=1), "article")
    ]
    assert rows(con, "SELECT count(DISTINCT incident_id), count(*) FROM incident_events") == [(1, 3)]


def test_reports_chain_within_a_day_and_a_longer_gap_starts_a_new_incident() -> None:
    days = [D, D + timedelta(days=1), D + timedelta(days=2), D + timedelta(days=4)]
    events = [report(f"a{i}", day) for i, day in enumerate(days)]
    con = incidents_of([], events)
    assert rows(con, "SELECT event_date, n_events FROM incidents ORDER BY event_date") == [
        (D, 3),
        (D + timedelta(days=4), 1),
    ]


def test_another_type_or_recipient_is_another_incident() -> None:
    events = [report("a1", D), report("a2", D, event_type="provide_aid"), report("a3", D, recipient="KOR")]
    assert rows(incidents_of([], events), "SELECT count(*) FROM incidents") == [(3,)]


def test_undated_events_and_events_without_sender_stand_alone() -> None:
    events = [
        report("a1", None),
        report("a2", None),
        report("a3", D, sender=None),
        report("a4", D, sender=None),
    ]
    con = incidents_of([], events)
    assert rows(con, "SELECT count(*), sum(n_events) FROM incidents") == [(4, 4)]


def test_gdelt_mentions_and_sources_add_to_the_report_counts() -> None:
    ours = [report("wire-1", D), report("paper-1", D)]
    feed = report(None, D, source="gdelt", num_mentions=12, num_sources=5, evidence=None)
    con = incidents_of(ARTICLES, [*ours, feed])
    got = rows(con, "SELECT n_events, n_reports, n_outlets, sources, lead_event_id FROM incidents")
    assert got == [(3, 2 + 12, 2 + 5, "article, gdelt", ours[0].event_id)]


def test_an_article_reporting_two_days_of_one_act_counts_as_one_report() -> None:
    events = [report("wire-1", D), report("wire-1", D + timedelta(days=1))]
    con = incidents_of(ARTICLES, events)
    assert rows(con, "SELECT n_events, n_reports, n_outlets FROM incidents") == [(2, 1, 1)]


def test_incident_ids_are_stable_and_every_event_is_linked_once() -> None:
    events = [
        report("wire-1", D),
        report("paper-1", D),
        report("a9", None),
        report("a8", D, event_type="meet"),
    ]
    first = incidents_of(ARTICLES, events)
    again = incidents_of(ARTICLES, list(reversed(events)))
    sql = "SELECT incident_id, event_id FROM incident_events ORDER BY event_id"
    assert rows(first, sql) == rows(again, sql)
    assert rows(first, "SELECT count(*), count(DISTINCT event_id) FROM incident_events") == [(4, 4)]
    assert rows(first, "SELECT count(*) FROM event_details WHERE incident_id IS NULL") == [(0,)]


def test_the_dyads_view_counts_each_act_once() -> None:
    events = [report("wire-1", D), report("paper-1", D), report("wire-2", D, event_type="provide_aid")]
    con = incidents_of(ARTICLES, events)
    got = rows(con, "SELECT incidents, events, offers, provisions FROM dyads WHERE sender = 'PRK'")
    assert got == [(2, 3, 1, 1)]
