"""Each offer's outcome: the recipient's reply, substantive answers before thanks, within 60 days."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from etl.load import init_db, load_all
from etl.models import Event, cameo_code, stable_hash

OFFER_DAY = date(2024, 8, 3)
NONE = "no response yet"


def event(kind: str, sender: str, recipient: str, day: date | None, article: str = "a1", **extra) -> Event:
    """A minimal event of `kind` between two actors."""
    return Event(
        event_id=stable_hash(kind, sender, recipient, day, article),
        article_id=article,
        event_type=kind,
        cameo_code=cameo_code(kind),
        sender=sender,
        sender_name=sender,
        recipient=recipient,
        recipient_name=recipient,
        event_date=day,
        date_precision="day" if day else None,
        aid_type=None,
        response=extra.get("response"),
        certainty="stated",
        evidence=f"{sender} {kind} {recipient}",
        source_url=None,
    )


def outcome_of(events: list[Event]) -> str:
    """Load the events into an in-memory database and return the first offer's outcome."""
    con = duckdb.connect()
    init_db(con)
    load_all(con, [], events, [], [])
    return con.execute("SELECT outcome FROM offers ORDER BY event_date LIMIT 1").fetchone()[0]


@pytest.mark.parametrize(
    ("replies", "expected"),
    [
        ([], NONE),
        ([event("express_gratitude", "PRK", "RUS", date(2024, 8, 4), "a2")], "thanked"),
        (
            [
                event("express_gratitude", "PRK", "RUS", date(2024, 8, 4), "a2"),
                event("decline_aid", "PRK", "RUS", date(2024, 8, 9), "a3", response="deferred"),
            ],
            "deferred",
        ),
        ([event("accept_aid", "PRK", "RUS", date(2024, 8, 20), "a2")], "accepted"),
        ([event("decline_aid", "PRK", "RUS", date(2024, 12, 1), "a2", response="refused")], NONE),
        ([event("decline_aid", "PRK", "RUS", date(2024, 7, 1), "a2", response="refused")], NONE),
        ([event("decline_aid", "RUS", "PRK", date(2024, 8, 5), "a2", response="refused")], NONE),
        ([event("decline_aid", "PRK", "RUS", None, "a1", response="refused")], "refused"),
    ],
    ids=[
        "silence",
        "thanks",
        "deferral-outranks-earlier-thanks",
        "acceptance-within-60-days",
        "reply-after-60-days-ignored",
        "reply-before-offer-ignored",
        "reply-in-wrong-direction-ignored",
        "undated-reply-in-same-article",
    ],
)
def test_offer_outcome_is_the_recipients_strongest_reply(replies, expected):
    offer = event("offer_aid", "RUS", "PRK", OFFER_DAY)
    assert outcome_of([offer, *replies]) == expected


def test_an_offer_incident_takes_the_strongest_answer_any_of_its_reports_got():
    first = event("offer_aid", "RUS", "PRK", OFFER_DAY, "a1")
    second = event("offer_aid", "RUS", "PRK", OFFER_DAY, "a2")
    thanks = event("express_gratitude", "PRK", "RUS", date(2024, 8, 4), "a3")
    deferral = event("decline_aid", "PRK", "RUS", None, "a2", response="deferred")  # only in the 2nd report
    con = duckdb.connect()
    init_db(con)
    load_all(con, [], [first, second, thanks, deferral], [], [])
    per_report = dict(con.execute("SELECT article_id, outcome FROM offers").fetchall())
    assert per_report == {"a1": "thanked", "a2": "deferred"}
    assert con.execute("SELECT n_events, outcome FROM offer_incidents").fetchall() == [(2, "deferred")]


def test_an_offer_incident_without_any_reply_has_no_response_yet():
    con = duckdb.connect()
    init_db(con)
    load_all(con, [], [event("offer_aid", "KOR", "PRK", OFFER_DAY)], [], [])
    assert con.execute("SELECT outcome, reply_id FROM offer_incidents").fetchall() == [(NONE, None)]
