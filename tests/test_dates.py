"""Dates: explicit dates, weekdays, months and relative days resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from etl.dates import find_absolute_date, find_dates

SUNDAY = date(2024, 8, 4)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Rabu, 5 Februari 2020, di Jakarta", "id", date(2020, 2, 5)),
        ("dikutip pada Jumat (7/2/2020) malam", "id", date(2020, 2, 7)),
        ("on March 3, 2021 the talks", "en", date(2021, 3, 3)),
        ("published 2023-02-07 at noon", "en", date(2023, 2, 7)),
        ("12 Agustus 2024", "id", date(2024, 8, 12)),
        ("on Thursday", "en", None),
        ("pada bulan Juni", "id", None),
        ("", "id", None),
    ],
)
def test_find_absolute_date_returns_first_explicit_date(
    text: str, language: str, expected: date | None
) -> None:
    assert find_absolute_date(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "value", "precision"),
    [
        ("pada hari Sabtu", "id", date(2024, 8, 3), "day"),
        ("pada hari Minggu", "id", date(2024, 8, 4), "day"),
        ("on Thursday", "en", date(2024, 8, 1), "day"),
        ("Senin lalu", "id", date(2024, 7, 29), "day"),
        ("pada bulan Juni", "id", date(2024, 6, 1), "month"),
        ("in June", "en", date(2024, 6, 1), "month"),
        ("in November", "en", date(2023, 11, 1), "month"),  # after publication: the year before
        ("since June 2023", "en", date(2023, 6, 1), "month"),
        ("on August 2", "en", date(2024, 8, 2), "day"),
        ("pada 30 Juli", "id", date(2024, 7, 30), "day"),
        ("kemarin", "id", date(2024, 8, 3), "day"),
        ("yesterday", "en", date(2024, 8, 3), "day"),
        ("hari ini", "id", date(2024, 8, 4), "day"),
        ("Jumat, 2 Agustus 2024", "id", date(2024, 8, 2), "day"),  # the weekday defers to the date
    ],
)
def test_relative_dates_resolve_against_publication_date(
    text: str, language: str, value: date, precision: str
) -> None:
    found = find_dates(text, language, SUNDAY)
    assert [(d.value, d.precision) for d in found] == [(value, precision)]


def test_lower_case_minggu_is_a_week_not_sunday() -> None:
    assert find_dates("dua minggu setelah banjir", "id", SUNDAY) == []


def test_relative_dates_need_a_publication_date() -> None:
    assert find_dates("pada hari Sabtu", "id", None) == []
