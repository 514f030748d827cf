"""Loading: schema, cases, bulk inserts, and the atomic swap of the database file."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import replace
from datetime import date
from io import BytesIO
from pathlib import Path

import duckdb
import pytest

from etl.build import build_database
from etl.cache import cache_path_for
from etl.load import init_db, insert_rows, load_all, new_database, read_cases, temp_path_for
from etl.models import Event, Reject, cameo_code, stable_hash

EN_1 = "Russian President Vladimir Putin on Saturday offered North Korea humanitarian aid after the floods."
EN_2 = "South Korea on 1 August 2024 offered flood relief supplies to North Korea through the Red Cross."


def event(n: int, day: date | None) -> Event:
    """A minimal valid event number n."""
    return Event(
        event_id=stable_hash("test", n),
        article_id=None,
        event_type="offer_aid",
        cameo_code=cameo_code("offer_aid", "humanitarian"),
        sender="RUS",
        sender_name="Russia",
        recipient="PRK",
        recipient_name="North Korea",
        event_date=day,
        date_precision="day" if day else None,
        aid_type="humanitarian",
        response=None,
        certainty="stated",
        evidence=f"sentence {n}",
        source_url=None,
        source="annotation",
    )


def count(path: Path, table: str) -> int:
    """Rows in a table of a database file, read in a fresh read-only connection."""
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_schema_applies_twice_without_error() -> None:
    con = duckdb.connect()
    init_db(con)
    init_db(con)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"articles", "events", "rejects", "etl_runs", "cases", "offers", "dyads", "case_events"} <= tables
    assert {"incidents", "incident_events", "incident_outcomes", "offer_incidents"} <= tables


def test_cases_toml_loads_every_case_with_dates() -> None:
    cases, rejects = read_cases((Path(__file__).parent / "fixtures" / "cases.toml").open("rb"), "cases.toml")
    assert rejects == []
    assert [c.id for c in cases] == ["prk-chn-2020", "rus-prk-2024"]
    assert cases[1].onset == date(2024, 7, 27) and cases[1].focus_sender == "RUS"


@pytest.mark.parametrize(
    ("toml", "reason"),
    [
        (b"[[case]\nid = 1", "cases file is not valid TOML"),
        (b'[[case]]\nid = "a"\n', "case is missing title, crisis"),
        (
            b'[[case]]\nid="a"\ntitle="t"\ncrisis="c"\nonset="2024-07-27"\nwindow_start=2024-06-01\n'
            b'window_end=2024-09-30\nfocus_sender="RUS"\nfocus_recipient="PRK"\n',
            "case onset must be TOML dates",
        ),
        (
            b'[[case]]\nid="a"\ntitle="t"\ncrisis="c"\nonset=2024-07-27\nwindow_start=2024-10-01\n'
            b'window_end=2024-09-30\nfocus_sender="RUS"\nfocus_recipient="PRK"\n',
            "case window_start is after window_end",
        ),
    ],
)
def test_bad_case_is_rejected_with_reason(toml: bytes, reason: str) -> None:
    cases, [reject] = read_cases(BytesIO(toml), "cases.toml")
    assert cases == []
    assert reject.reason.startswith(reason)


def test_events_are_stored_in_date_order_with_undated_last() -> None:
    con = duckdb.connect()
    init_db(con)
    events = [event(1, date(2024, 8, 3)), event(2, None), event(3, date(2020, 2, 1))]
    load_all(con, [], events, [Reject("x", "y")], [])
    rows = con.execute("SELECT evidence, event_date FROM events").fetchall()
    assert rows == [("sentence 3", date(2020, 2, 1)), ("sentence 1", date(2024, 8, 3)), ("sentence 2", None)]
    assert con.execute("SELECT * FROM rejects").fetchall() == [("x", "y", "")]


def test_every_evidence_sentence_and_the_mention_count_are_stored() -> None:
    con = duckdb.connect()
    init_db(con)
    merged = replace(event(1, date(2024, 8, 3)), evidence_all=("first line", "second line"), mentions=2)
    load_all(con, [], [merged, event(2, None)], [], [])
    rows = con.execute("SELECT evidence_all, mentions FROM events ORDER BY event_date NULLS LAST").fetchall()
    assert rows == [(["first line", "second line"], 2), ([], 1)]


def test_bulk_insert_takes_many_rows() -> None:
    con = duckdb.connect()
    init_db(con)
    rows = [event(n, date(2024, 1, 1 + n % 28)) for n in range(20_000)]
    insert_rows(con, "events", rows, [f for f in Event.__dataclass_fields__])
    assert con.execute("SELECT count(DISTINCT event_id) FROM events").fetchone()[0] == 20_000


def test_new_database_replaces_the_file_only_on_success(db_path: Path) -> None:
    with new_database(db_path) as con:
        load_all(con, [], [event(1, None)], [], [])
    assert count(db_path, "events") == 1
    with pytest.raises(RuntimeError), new_database(db_path) as con:
        load_all(con, [], [event(1, None), event(2, None)], [], [])
        raise RuntimeError("disk full")
    assert count(db_path, "events") == 1
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_temp_files_are_hidden_unique_and_gitignored(db_path: Path) -> None:
    first, second = temp_path_for(db_path), temp_path_for(db_path)
    assert first != second and first.parent == db_path.parent
    assert first.name.startswith(".events.duckdb.tmp-")


def write(folder: Path, name: str, text: str) -> None:
    """Write one UTF-8 text file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_open_reader_keeps_working_while_build_replaces_the_file(db_path: Path, tmp_path: Path) -> None:
    write(tmp_path / "in", "one.txt", EN_1)
    build_database(db_path, [tmp_path / "in"], cases_path=None)
    reader = duckdb.connect(str(db_path), read_only=True)
    before = reader.execute("SELECT count(*) FROM articles").fetchone()[0]

    write(tmp_path / "in", "two.txt", EN_2)
    build_database(db_path, [tmp_path / "in"], cases_path=None)

    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == before == 1
    fresh = subprocess.run(
        [sys.executable, "-c", f"import duckdb; print(duckdb.connect({str(db_path)!r}, read_only=True)"
         ".execute('SELECT count(*) FROM articles').fetchone()[0])"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert fresh.stdout.strip() == "2"
    reader.close()
    assert count(db_path, "articles") == 2


def test_build_that_fails_midway_leaves_old_file_intact(db_path: Path, tmp_path: Path) -> None:
    write(tmp_path / "in", "one.txt", EN_1)
    build_database(db_path, [tmp_path / "in"], cases_path=None)
    old = db_path.read_bytes()
    write(tmp_path / "in", "two.txt", EN_2)

    def interrupt(done: int, total: int, label: str) -> None:
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C after the first file

    with pytest.raises(KeyboardInterrupt):
        build_database(db_path, [tmp_path / "in"], cases_path=None, progress=interrupt)
    assert db_path.read_bytes() == old
    assert count(db_path, "articles") == 1
    beside = [db_path.name, cache_path_for(db_path).name, "in"]  # the extraction cache stays
    assert sorted(p.name for p in db_path.parent.iterdir()) == sorted(beside)


def test_two_builds_at_once_both_finish_and_leave_one_valid_file(db_path: Path, tmp_path: Path) -> None:
    write(tmp_path / "in", "one.txt", EN_1)
    errors: list[BaseException] = []

    def build() -> None:
        try:
            build_database(db_path, [tmp_path / "in"], cases_path=None)
        except BaseException as err:  # collected for the assertion below
            errors.append(err)

    threads = [threading.Thread(target=build) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert count(db_path, "articles") == 1
    beside = [db_path.name, cache_path_for(db_path).name, "in"]  # the extraction cache stays
    assert sorted(p.name for p in db_path.parent.iterdir()) == sorted(beside)
