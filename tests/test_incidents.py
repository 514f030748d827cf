"""One event per act per article (merge_mentions), and incidents grouping reports across articles."""

from __future__ import annotations

from datetime import date

from etl.incidents import merge_mentions
from etl.models import Event


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
