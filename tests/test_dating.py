"""Which date mention belongs to an act (etl/extract/dating.py), in sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from etl.extract import extract_events
from etl.models import Article, stable_hash

MONDAY = date(2024, 3, 18)


def dates_of(text: str, language: str) -> dict[tuple[str, str | None], date | None]:
    """The date of each (type, sender) event of a one-paragraph article published on MONDAY."""
    art = Article(id="t", text=text, content_hash=stable_hash(text), language=language, published=MONDAY)
    return {(e.event_type, e.sender): e.event_date for e in extract_events(art)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Chile sent tents to Peru on Saturday, while Bolivia pledged doctors to Peru.", "en"),
        ("Chile mengirim tenda ke Peru pada Sabtu, sedangkan Bolivia menjanjikan dokter untuk Peru.", "id"),
    ],
)
def test_a_date_across_a_contrast_is_not_the_other_acts(text: str, language: str) -> None:
    dated = dates_of(text, language)
    assert dated[("provide_aid", "CHL")] == date(2024, 3, 16)
    assert dated[("offer_aid", "BOL")] == MONDAY  # undated itself: the day's news


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Chile pledged help for Peru last weekend. On 14 March Chile offered tents to Peru.", "en"),
        (
            "Peru thanked many countries, Chile among them, for their offers. "
            "On 14 March Chile offered tents to Peru.",
            "en",
        ),
        (
            "Chile menyatakan siap membantu Peru akhir pekan lalu. "
            "Kamis (14/3), Chile menawarkan tenda kepada Peru.",
            "id",
        ),
    ],
)
def test_an_act_told_twice_keeps_its_most_exact_date(text: str, language: str) -> None:
    assert dates_of(text, language)[("offer_aid", "CHL")] == date(2024, 3, 14)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "On 12 March Chile pledged tents to Peru. "
            "Peru thanked Chile for the offer when it was announced.",
            "en",
        ),
        (
            "Chile menjanjikan pada 12 Maret tenda untuk Peru. "
            "Peru berterima kasih kepada Chile atas tawaran itu saat diumumkan.",
            "id",
        ),
    ],
)
def test_thanks_when_it_was_announced_take_the_announcement_day(text: str, language: str) -> None:
    assert dates_of(text, language)[("express_gratitude", "PER")] == date(2024, 3, 12)


def test_a_gift_thanked_when_announced_is_not_dated_by_the_announcement() -> None:
    text = (
        "On 12 March Chile pledged tents to Peru. The storm had flooded the coast. Rescuers kept searching. "
        "Peru thanked Chile for the donation when it was announced."
    )
    dated = dates_of(text, "en")
    assert dated[("express_gratitude", "PER")] == date(2024, 3, 12)
    assert dated[("provide_aid", "CHL")] != date(2024, 3, 12)
