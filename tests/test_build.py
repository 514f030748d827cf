"""The build: all formats in one database, re-runs, duplicates, bad inputs, annotations, fixture corpus."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl.build import build_database, parse_inputs
from etl.models import Article

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = FIXTURES / "articles"
CASES = FIXTURES / "cases.toml"
HEADER = (
    "action,event_id,article_id,event_type,sender,recipient,event_date,date_precision,aid_type,"
    "response,certainty,evidence,source_url,note\n"
)
GOOD = "Russian President Vladimir Putin on Saturday, 3 August 2024, offered North Korea humanitarian aid."
BAD_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "binary.txt": b"PK\x03\x04\x00\x00binary zip bytes",
    "latin1.txt": "Le président a offert".encode() + " une aide à la Corée du Nord.".encode("latin-1"),
    "truncated.jsonl": b'{"id": "t1", "text": "'
    + GOOD.replace("Saturday,", "Saturday").encode()
    + b'"}\n{"id": "t2", "text": "Presiden Ru',
    "malformed.jsonl": b'{"id": "m1", "text": "'
    + GOOD.replace("3 August", "4 August").encode()
    + b'"}\n{oops}\n',
    "bad_front_matter.md": b"---\ntitle: Unclosed\n" + GOOD.encode(),
    "bad_date.md": b"---\npublished: last Saturday\n---\n" + GOOD.encode(),
    "no_text.html": b"<html><head><title>Nothing here</title></head><body><nav>Home</nav></body></html>",
}


def rows(path: Path, sql: str) -> list[tuple]:
    """Run a query on a database file in a read-only connection."""
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def scalar(path: Path, sql: str) -> object:
    """The single value of a query."""
    return rows(path, sql)[0][0]


def test_fixture_db_has_articles_from_every_format(fixture_db: Path) -> None:
    paths = [r[0] for r in rows(fixture_db, "SELECT path FROM articles")]
    assert {Path(p).suffix for p in paths} == {".md", ".txt", ".html", ".jsonl"}
    assert {r[0] for r in rows(fixture_db, "SELECT language FROM articles")} == {"en", "id"}
    assert scalar(fixture_db, "SELECT count(*) FROM articles") == 7
    assert scalar(fixture_db, "SELECT count(*) FROM rejects") == 0
    assert scalar(fixture_db, "SELECT count(*) FROM cases") == 2


def test_fixture_db_records_the_run(fixture_db: Path) -> None:
    [(inputs, articles, events, rejects, annotations, version)] = rows(
        fixture_db, "SELECT inputs, articles, events, rejects, annotations, version FROM etl_runs"
    )
    assert (inputs, articles, rejects, annotations, version) == (6, 7, 0, 1, "0.1.0")
    assert events == scalar(fixture_db, "SELECT count(*) FROM events")


def test_rebuilding_same_inputs_gives_same_ids_and_counts(tmp_path: Path) -> None:
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    inputs = [ARTICLES, FIXTURES / "annotations.csv"]
    one = build_database(first, inputs, cases_path=CASES)
    two = build_database(second, inputs, cases_path=CASES)
    assert (one.articles, one.events, one.rejects) == (two.articles, two.events, two.rejects)
    sql = "SELECT event_id FROM events ORDER BY event_id"
    assert rows(first, sql) == rows(second, sql)
    assert rows(first, "SELECT id FROM articles ORDER BY id") == rows(
        second, "SELECT id FROM articles ORDER BY id"
    )
    again = build_database(first, inputs, cases_path=CASES)
    assert again.events == one.events and rows(first, sql) == rows(second, sql)


def test_bad_files_are_rejected_with_reasons_and_good_ones_still_load(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in BAD_FILES.items():
        (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    summary = build_database(db_path, [folder], cases_path=None)
    reasons = dict(rows(db_path, "SELECT input, reason FROM rejects"))
    name = {
        Path(k.split(":")[0]).name + (":" + k.split(":")[1] if ":" in k else ""): v
        for k, v in reasons.items()
    }
    assert name["empty.txt"] == "empty file"
    assert name["binary.txt"] == "binary file, not text"
    assert name["latin1.txt"].startswith("mixed encodings: mostly UTF-8, but byte 0xe0 at offset")
    assert name["truncated.jsonl:2"] == "truncated JSON line (the file ends mid-object)"
    assert name["malformed.jsonl:2"].startswith("malformed JSON")
    assert name["bad_front_matter.md"] == "front matter not closed (no closing '---' line)"
    assert name["bad_date.md"].startswith("front matter: published 'last Saturday' is not a YYYY-MM-DD date")
    assert name["no_text.html"] == "HTML page has no article text (scripts, menus or an empty page)"
    assert len(summary.rejects) == len(reasons) == 8
    assert sorted(r[0] for r in rows(db_path, "SELECT id FROM articles")) == sorted(
        ["t1", "m1", summary_id(folder / "good.txt")]
    )


def summary_id(path: Path) -> str:
    """The id the build gives a text file without front matter."""
    [article] = parse_inputs([path]).articles
    return article.id


def test_same_article_twice_is_loaded_once_and_noted(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.md").write_text("\n" + GOOD.replace(" ", "  ") + "\n")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "dup", "text": GOOD + " More."})
        + "\n"
        + json.dumps({"id": "dup", "text": "x" * 90})
        + "\n"
    )
    summary = build_database(db_path, [tmp_path], cases_path=None)
    assert summary.articles == 2
    by_file = {Path(r.input.split(":")[0]).name: r.reason for r in summary.rejects}
    assert by_file["b.md"].startswith("duplicate article: same text as")
    assert by_file["c.jsonl"].startswith("duplicate article id 'dup': loaded once, from")


def test_missing_input_and_missing_cases_file_are_rejects(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    summary = build_database(
        db_path, [tmp_path / "a.txt", tmp_path / "nope"], cases_path=tmp_path / "none.toml"
    )
    assert summary.articles == 1
    assert sorted(r.reason for r in summary.rejects) == [
        "cannot read cases file (No such file or directory)",
        "no such file or folder",
    ]


def test_parse_inputs_touches_no_database(tmp_path: Path) -> None:
    parsed = parse_inputs([ARTICLES])
    assert len(parsed.articles) == 7
    assert list(tmp_path.iterdir()) == []


def test_annotation_adds_an_event_with_source_annotation(fixture_db: Path) -> None:
    [(event_type, sender, recipient, event_date, aid_type, cameo)] = rows(
        fixture_db,
        "SELECT event_type, sender, recipient, event_date, aid_type, cameo_code FROM events "
        "WHERE source = 'annotation'",
    )
    assert (event_type, sender, recipient, event_date, aid_type, cameo) == (
        "accept_aid",
        "PRK",
        "CHN",
        date(2022, 5, 16),
        "medical",
        "0863",
    )


def test_annotation_suppresses_an_extracted_event_by_id(
    tmp_path: Path, db_path: Path, fixture_db: Path
) -> None:
    victim = scalar(fixture_db, "SELECT min(event_id) FROM events WHERE source = 'article'")
    before = scalar(fixture_db, "SELECT count(*) FROM events")
    notes = tmp_path / "notes.csv"
    notes.write_text(HEADER + f"suppress,{victim},,,,,,,,,,,,wrong sender\n")
    summary = build_database(db_path, [ARTICLES, FIXTURES / "annotations.csv", notes], cases_path=None)
    assert summary.events == before - 1
    assert scalar(db_path, f"SELECT count(*) FROM events WHERE event_id = '{victim}'") == 0
    assert summary.annotations == 2


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("add,,,give_aid,RUS,PRK,2024-08-03,,,,,,,", "annotation: unknown event_type 'give_aid'"),
        ("add,,,offer_aid,Russia,PRK,2024-08-03,,,,,,,", "annotation: sender 'Russia' is not an actor code"),
        (
            "add,,,offer_aid,RUS,PRK,3 Aug 2024,,,,,,,",
            "annotation: event_date '3 Aug 2024' is not YYYY-MM-DD",
        ),
        (
            "add,,,offer_aid,RUS,PRK,2024-02-30,,,,,,,",
            "annotation: event_date '2024-02-30' is not a real date",
        ),
        ("add,,,offer_aid,RUS,PRK,2024-08,,food,,,,,", "annotation: unknown aid_type 'food'"),
        ("suppress,,,,,,,,,,,,,", "annotation: event_id is required to suppress an event"),
        ("delete,abc,,,,,,,,,,,,", "annotation: unknown action 'delete' (expected add or suppress)"),
        ("suppress,0000000000000000,,,,,,,,,,,,", "annotation: suppress matched no event '0000000000000000'"),
    ],
)
def test_bad_annotation_row_is_rejected_with_its_row_number(
    tmp_path: Path, db_path: Path, row: str, reason: str
) -> None:
    notes = tmp_path / "notes.csv"
    good = "add,,,offer_aid,RUS,PRK,2024-08,,humanitarian,,reported,,,"
    notes.write_text(HEADER + good + "\n" + row + "\n")
    summary = build_database(db_path, [notes], cases_path=None)
    [reject] = summary.rejects
    assert reject.input == f"{notes}:row 3"
    assert reject.reason.startswith(reason)
    [(precision, event_date)] = rows(db_path, "SELECT date_precision, event_date FROM events")
    assert (precision, event_date) == ("month", date(2024, 8, 1))


def test_annotations_file_without_required_columns_is_one_reject(tmp_path: Path, db_path: Path) -> None:
    notes = tmp_path / "notes.csv"
    notes.write_text("what,ever\n1,2\n")
    [reject] = build_database(db_path, [notes], cases_path=None).rejects
    assert reject.reason == "annotations file has no action or event_id column"


def test_shipped_annotations_file_has_the_documented_header() -> None:
    shipped = Path(__file__).resolve().parents[1] / "data" / "annotations.csv"
    assert shipped.read_text(encoding="utf-8").splitlines()[0] + "\n" == HEADER


def test_progress_is_reported_per_input_file(tmp_path: Path, db_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    build_database(db_path, [ARTICLES], cases_path=None, progress=lambda d, t, n: calls.append((d, t, n)))
    assert [c[:2] for c in calls] == [(n, 5) for n in range(1, 6)]


# The dashboard's tests rely on these events in the fixture database (once extraction finds them).
EXPECTED = [
    ("offer_aid", "PRK", "CHN", "2020-02-01", "2020-02-10"),
    ("express_sympathy", "PRK", "CHN", "2020-02-01", "2020-02-10"),
    ("offer_aid", "RUS", "PRK", "2024-08-01", "2024-08-10"),
    ("express_gratitude", "PRK", "RUS", "2024-08-01", "2024-08-10"),
    ("decline_aid", "PRK", "RUS", "2024-08-01", "2024-08-10"),
    ("sign_agreement", None, None, "2024-06-01", "2024-06-30"),
    ("offer_aid", "KOR", "PRK", "2024-01-01", "2024-12-31"),
    ("offer_aid", "CHN", "PRK", "2022-01-01", "2022-12-31"),
]


@pytest.mark.parametrize(("event_type", "sender", "recipient", "start", "end"), EXPECTED)
def test_fixture_corpus_yields_the_events_the_dashboard_tests_need(
    fixture_db: Path, event_type: str, sender: str | None, recipient: str | None, start: str, end: str
) -> None:
    found = rows(
        fixture_db,
        f"SELECT sender, recipient FROM events WHERE event_type = '{event_type}' "
        f"AND event_date BETWEEN DATE '{start}' AND DATE '{end}'",
    )
    if sender is None:  # an agreement counts in either direction
        assert {frozenset(r) for r in found} & {frozenset(("RUS", "PRK"))}
    else:
        assert (sender, recipient) in found


def test_fixture_corpus_has_an_undated_event_and_a_refusal(fixture_db: Path) -> None:
    assert scalar(fixture_db, "SELECT count(*) FROM events WHERE event_date IS NULL AND needs_review") >= 1
    assert (
        scalar(
            fixture_db,
            "SELECT count(*) FROM events WHERE event_type = 'decline_aid' AND response = 'refused'",
        )
        >= 1
    )


def test_make_article_builds_an_article(make_article: Callable[..., Article]) -> None:
    article = make_article("Some text about aid offered.", id="x1", published=date(2024, 8, 4))
    assert (article.id, article.published, article.language) == ("x1", date(2024, 8, 4), "en")
    assert len(article.content_hash) == 16


def test_bundled_data_holds_one_north_korea_to_china_offer_incident_in_2020(db_path: Path) -> None:
    data = Path(__file__).resolve().parents[1] / "data"
    build_database(db_path, [data / "articles", data / "annotations.csv"], cases_path=data / "cases.toml")
    offers = rows(
        db_path,
        "SELECT n_reports, n_outlets FROM incidents WHERE event_type = 'offer_aid' "
        "AND sender = 'PRK' AND recipient = 'CHN' AND year(event_date) = 2020",
    )
    reports = scalar(
        db_path,
        "SELECT count(*) FROM events WHERE event_type = 'offer_aid' AND sender = 'PRK' "
        "AND recipient = 'CHN' AND year(event_date) = 2020",
    )
    assert len(offers) == 1
    assert offers[0][0] == reports > 1  # one act, reported by several articles
