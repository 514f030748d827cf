"""Reference cases in two languages: the cases.toml loader (Indonesian texts, rejects) and the queries that
return a case's texts in the interface language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path

import duckdb
import pytest

from dashboard import queries
from dashboard.filters import Filters
from etl.load import init_db, load_all, read_cases

DATA_CASES = Path(__file__).resolve().parents[1] / "data" / "cases.toml"
CASE = """
[[case]]
id = "rus-prk-2024"
title = "Russia → North Korea, floods 2024"
crisis = "Floods in Sinuiju"
onset = 2024-07-27
window_start = 2024-06-01
window_end = 2024-09-30
focus_sender = "RUS"
focus_recipient = "PRK"
"""


def read(extra: str = "", case: str = CASE) -> tuple[list, list]:
    """read_cases on one [[case]] with extra lines appended to it."""
    return read_cases(BytesIO((case + extra).encode("utf-8")), "cases.toml")


def test_indonesian_texts_are_read_beside_the_english_ones() -> None:
    extra = 'title_id = "Rusia → Korea Utara, banjir 2024"\ncrisis_id = "Banjir di Sinuiju"\n'
    extra += 'onset_source_id = "KCNA melalui Reuters"\ncontext_id = "Korea Utara sebagai penerima."\n'
    [case], rejects = read(extra)
    assert rejects == []
    assert case.title == "Russia → North Korea, floods 2024"
    assert (case.title_id, case.crisis_id) == ("Rusia → Korea Utara, banjir 2024", "Banjir di Sinuiju")
    assert (case.onset_source_id, case.context_id) == (
        "KCNA melalui Reuters",
        "Korea Utara sebagai penerima.",
    )


def test_a_missing_or_blank_translation_is_none_so_the_english_text_is_shown() -> None:
    [case], rejects = read('title_id = "  "\n')
    assert rejects == [] and case.title_id is None and case.crisis_id is None


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ("title_id = 2024\n", 'case title_id must be text in quotes ("..."), not a number'),
        ("context_id = 2024-07-27\n", 'case context_id must be text in quotes ("..."), not a date'),
        ('crisis_id = ["Banjir"]\n', 'case crisis_id must be text in quotes ("..."), not a list'),
        ("onset_source_id = true\n", 'case onset_source_id must be text in quotes ("..."), not true/false'),
        ('titel_id = "Rusia"\n', "case has unknown key titel_id (known: id, title, crisis"),
    ],
)
def test_a_wrong_type_or_a_misspelt_key_rejects_the_case_with_a_readable_reason(
    extra: str, reason: str
) -> None:
    cases, [reject] = read(extra)
    assert cases == []
    assert reject.input == "cases.toml:case 1" and reject.reason.startswith(reason)


def test_a_blank_english_title_is_rejected() -> None:
    cases, [reject] = read(case=CASE.replace('title = "Russia → North Korea, floods 2024"', 'title = " "'))
    assert cases == [] and reject.reason == "case title is empty"


def test_the_bundled_cases_have_every_text_in_bahasa_indonesia() -> None:
    with DATA_CASES.open("rb") as fp:
        cases, rejects = read_cases(fp, "data/cases.toml")
    assert rejects == [] and len(cases) >= 2
    for case in cases:
        assert case.title_id and case.crisis_id and case.onset_source_id and case.context_id, case.id


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory database with two cases: one translated, one with only its title translated."""
    connection = duckdb.connect()
    init_db(connection)
    translated = CASE + 'title_id = "Rusia → Korea Utara, banjir 2024"\ncrisis_id = "Banjir di Sinuiju"\n'
    half = CASE.replace("rus-prk-2024", "half-2024").replace("2024-07-27", "2024-07-28")
    half += 'context = "Only in English."\ntitle_id = "Setengah"\n'
    cases, rejects = read_cases(BytesIO((translated + half).encode("utf-8")), "cases.toml")
    assert rejects == []
    load_all(connection, [], [], [], cases)
    yield connection
    connection.close()


def test_cases_come_in_the_asked_language_under_the_usual_column_names(con) -> None:
    english = queries.cases(con)
    indonesian = queries.cases(con, "id")
    assert list(english.columns) == list(indonesian.columns) and "title_id" not in indonesian.columns
    assert list(english["title"]) == [
        "Russia → North Korea, floods 2024",
        "Russia → North Korea, floods 2024",
    ]
    assert list(indonesian["title"]) == ["Rusia → Korea Utara, banjir 2024", "Setengah"]
    assert list(indonesian["id"]) == ["rus-prk-2024", "half-2024"]  # oldest onset first, as in English


def test_an_untranslated_text_falls_back_to_english(con) -> None:
    half = queries.case_row(con, "half-2024", "id")
    assert half["title"] == "Setengah"
    assert (half["crisis"], half["context"]) == ("Floods in Sinuiju", "Only in English.")


def test_case_row_and_case_points_follow_the_language(con) -> None:
    assert queries.case_row(con, "rus-prk-2024")["crisis"] == "Floods in Sinuiju"
    assert queries.case_row(con, "rus-prk-2024", "id")["crisis"] == "Banjir di Sinuiju"
    assert queries.case_row(con, "no-such-case", "id") is None
    points = queries.case_points(con, "rus-prk-2024", Filters(), "id")
    assert (points["title"], points["crisis"]) == ("Rusia → Korea Utara, banjir 2024", "Banjir di Sinuiju")
    assert points["focus_offers"] == []  # no events loaded: no offer, and no error


def test_a_language_outside_the_whitelist_is_refused(con) -> None:
    with pytest.raises(ValueError):
        queries.cases(con, "id; DROP TABLE cases")


@pytest.fixture(scope="module")
def fixture_con(fixture_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only cursor on the fixture database."""
    connection = duckdb.connect(str(fixture_db), read_only=True)
    yield connection.cursor()
    connection.close()


def test_case_points_list_the_focus_offer_with_its_status_and_the_day_of_the_answer(fixture_con) -> None:
    points = queries.case_points(fixture_con, "rus-prk-2024", Filters(), "id")
    assert points["focus_offers"] == [
        {"event_date": date(2024, 8, 3), "outcome": "deferred", "reply_date": date(2024, 8, 4)}
    ]
    assert points["crisis"] == "Banjir di Sinuiju dan Kabupaten Uiju"
    unanswered = queries.case_points(fixture_con, "prk-chn-2020", Filters())["focus_offers"]
    assert [(o["outcome"], o["reply_date"]) for o in unanswered] == [("no response yet", None)]
