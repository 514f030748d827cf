"""Data tests on the fixture database: unique ids, required columns, accepted values, relationships."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.models import AID_TYPES, CERTAINTIES, DATE_PRECISIONS, EVENT_TYPES, RESPONSES, SOURCES


def query(path: Path, sql: str) -> list[tuple]:
    """Rows of a query on the database file."""
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_fixture_database_has_events(fixture_db: Path) -> None:
    assert query(fixture_db, "SELECT count(*) FROM events")[0][0] > 0


@pytest.mark.parametrize(("table", "key"), [("events", "event_id"), ("articles", "id"), ("cases", "id")])
def test_ids_are_unique(fixture_db: Path, table: str, key: str) -> None:
    assert query(fixture_db, f"SELECT {key}, count(*) FROM {table} GROUP BY 1 HAVING count(*) > 1") == []


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("events", "event_id"),
        ("events", "event_type"),
        ("events", "cameo_code"),
        ("events", "sender"),
        ("events", "certainty"),
        ("events", "source"),
        ("articles", "content_hash"),
        ("articles", "path"),
        ("articles", "language"),
    ],
)
def test_required_columns_are_not_null(fixture_db: Path, table: str, column: str) -> None:
    assert query(fixture_db, f"SELECT count(*) FROM {table} WHERE {column} IS NULL")[0][0] == 0


@pytest.mark.parametrize(
    ("column", "accepted"),
    [
        ("event_type", tuple(EVENT_TYPES)),
        ("aid_type", AID_TYPES),
        ("response", RESPONSES),
        ("certainty", CERTAINTIES),
        ("date_precision", DATE_PRECISIONS),
        ("source", SOURCES),
    ],
)
def test_columns_hold_accepted_values(fixture_db: Path, column: str, accepted: tuple[str, ...]) -> None:
    values = {
        r[0] for r in query(fixture_db, f"SELECT DISTINCT {column} FROM events WHERE {column} IS NOT NULL")
    }
    assert values <= set(accepted)


def test_cameo_codes_start_with_the_root_code_of_their_type(fixture_db: Path) -> None:
    for event_type, code in query(fixture_db, "SELECT DISTINCT event_type, cameo_code FROM events"):
        assert code.startswith(EVENT_TYPES[event_type][:3])


def test_every_article_event_links_to_a_loaded_article(fixture_db: Path) -> None:
    orphans = query(
        fixture_db,
        "SELECT e.event_id FROM events e LEFT JOIN articles a ON a.id = e.article_id "
        "WHERE e.source = 'article' AND a.id IS NULL",
    )
    assert orphans == []


def test_dated_events_have_a_precision_and_undated_ones_need_review(fixture_db: Path) -> None:
    assert (
        query(
            fixture_db, "SELECT count(*) FROM events WHERE event_date IS NOT NULL AND date_precision IS NULL"
        )[0][0]
        == 0
    )
    assert (
        query(fixture_db, "SELECT count(*) FROM events WHERE event_date IS NULL AND NOT needs_review")[0][0]
        == 0
    )


def test_confidence_is_a_probability(fixture_db: Path) -> None:
    assert query(fixture_db, "SELECT count(*) FROM events WHERE confidence < 0 OR confidence > 1")[0][0] == 0


def test_incident_ids_are_unique_and_every_event_is_in_exactly_one(fixture_db: Path) -> None:
    assert query(fixture_db, "SELECT incident_id FROM incidents GROUP BY 1 HAVING count(*) > 1") == []
    assert query(fixture_db, "SELECT event_id FROM incident_events GROUP BY 1 HAVING count(*) > 1") == []
    unlinked = query(
        fixture_db,
        "SELECT count(*) FROM events e LEFT JOIN incident_events l USING (event_id) WHERE l.event_id IS NULL",
    )
    assert unlinked == [(0,)]


def test_incidents_count_their_linked_events(fixture_db: Path) -> None:
    mismatched = query(
        fixture_db,
        "SELECT i.incident_id FROM incidents i JOIN incident_events l USING (incident_id) "
        "GROUP BY i.incident_id, i.n_events HAVING count(*) <> i.n_events",
    )
    assert mismatched == []
    assert query(fixture_db, "SELECT count(*) FROM incidents WHERE n_reports < 1 OR n_outlets < 1") == [(0,)]
