"""Hostile inputs: every bad file is loaded or rejected with a reason, and never stops the rest of a build."""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from etl.build import build_database, parse_inputs
from etl.extract import budget
from etl.extract.budget import BudgetExceeded, Deadline
from etl.isolate import ISOLATE_CHARS, extract_within_budget
from etl.models import Article, Reject, stable_hash
from etl.read import ISOLATE_HTML_CHARS, normalize_space

EN = "Norway on Monday, 3 June 2024, pledged emergency shelter kits to flood survivors in Bangladesh."
ID = "Pemerintah Jepang pada Selasa (4/6/2024) mengirimkan bantuan tenda kepada korban banjir di Bangladesh."
BRIEF = "Chile offered aid to Peru on Friday."  # a one-sentence wire brief is a valid report
TURKIYE = "Pemerintah Malaysia mengirim bantuan medis ke Türkiye setelah gempa, kata menteri luar negeri."
FUTURE = (date.today() + timedelta(days=5 * 365)).isoformat()
SCRIPT_PAGE = (
    b"<html><head><script>document.write('<p>Chile offered aid</p>')</script></head>"
    b"<body><script src='app.js'></script><noscript>Enable JavaScript</noscript><div id='root'></div>"
    b"</body></html>"
)


def long_line(size: int) -> str:
    """One line of `size` characters with no sentence end: repeated actor names and aid triggers."""
    unit = "Norway offered aid to Bangladesh and Japan pledged relief to Nepal while "
    return (unit * (size // len(unit) + 1))[:size]


def jsonl(*rows: object) -> bytes:
    """JSON Lines bytes, one row per line."""
    return "".join(json.dumps(r) + "\n" for r in rows).encode()


GOOD_FILES: dict[str, bytes] = {
    "good.txt": EN.encode(),
    "good.md": b"---\nid: good-md\nlanguage: id\npublished: 2024-06-04\n---\n" + ID.encode(),
    "brief.txt": BRIEF.encode(),
    "utf16.txt": EN.replace("Norway", "Sweden").encode("utf-16"),  # Notepad's "Unicode"
    "utf8-bom.md": b"\xef\xbb\xbf" + ID.replace("Jepang", "Korea Selatan").encode(),
    "latin1.txt": TURKIYE.encode("latin-1"),
}
BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "blank.md": (b"  \n\t \n", "empty file (only whitespace)"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file, not text"),
    "huge.txt": (b"", "50.0 MB: longer than the 2 MB limit for one report; split it"),  # written below
    "scripts.html": (SCRIPT_PAGE, "HTML page has no article text (scripts, menus or an empty page)"),
    "bad-date.md": (
        b"---\npublished: 2024-02-30\n---\n" + EN.encode(),
        "front matter: published '2024-02-30' is not a real date",
    ),
    "bad-language.md": (
        b"---\nlanguage: klingon\n---\n" + EN.encode(),
        "front matter: language 'klingon' is not 'id' or 'en'",
    ),
    "future.md": (
        f"---\npublished: {FUTURE}\n---\n{EN}".encode(),
        f"front matter: published {FUTURE} is in the future; check the date",
    ),
}
RECORDS = jsonl(
    {"id": "rec-1", "text": ID.replace("Jepang", "Australia"), "published": "2024-06-05"},
    {"id": "rec-2", "title": "no text at all"},
    {"id": "rec-3", "text": ["a", "list", "of", "words"]},
    {"id": "rec-4", "text": EN, "published": 20240603},
    {"id": ["rec", 5], "text": EN.replace("Norway", "Finland")},
    {"id": "rec-1", "text": EN.replace("Norway", "Denmark")},
    {"id": "rec-7", "text": EN.replace("Norway", "Iceland"), "published": f"{FUTURE}"},
)
RECORD_REASONS = {
    "records.jsonl:2": "JSON line has no 'text' field",
    "records.jsonl:3": "'text' is a list, expected a string",
    "records.jsonl:4": "JSON line: published '20240603' is not a YYYY-MM-DD date",
    "records.jsonl:5": "'id' is a list, expected a string",
    "records.jsonl:7": f"JSON line: published {FUTURE} is in the future; check the date",
}


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of good files beside every kind of bad one, a 50 MB file and a link looping back."""
    folder = tmp_path_factory.mktemp("hostile")
    for name, data in GOOD_FILES.items():
        (folder / name).write_bytes(data)
    for name, (data, _) in BAD_FILES.items():
        (folder / name).write_bytes(data)
    with (folder / "huge.txt").open("wb") as fp:
        for _ in range(50):
            fp.write(long_line(1_000_000).encode())
    (folder / "records.jsonl").write_bytes(RECORDS)
    (folder / "nested").mkdir()
    (folder / "nested" / "back-up").symlink_to(folder)
    (folder / "self-link.txt").symlink_to(folder / "self-link.txt")
    return folder


@pytest.fixture(scope="module")
def hostile_build(hostile_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The hostile folder built into a real database."""
    db = tmp_path_factory.mktemp("hostile_db") / "events.duckdb"
    return db, build_database(db, [hostile_folder], cases_path=None)


def by_name(rejects: list[tuple[str, str]], folder: Path) -> dict[str, str]:
    """Reject reasons keyed by the input's path relative to the folder (with any ":line")."""
    return {str(Path(k).relative_to(folder)) if k.startswith(str(folder)) else k: v for k, v in rejects}


def db_rows(db: Path, sql: str) -> list[tuple]:
    """Rows of a query on a read-only connection."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_rejected_with_a_reason_a_person_understands(
    name: str, hostile_folder: Path, hostile_build: tuple[Path, object]
) -> None:
    db, _ = hostile_build
    reasons = by_name(db_rows(db, "SELECT input, reason FROM rejects"), hostile_folder)
    assert reasons[name] == BAD_FILES[name][1]


def test_every_good_file_beside_them_loads(hostile_folder: Path, hostile_build: tuple[Path, object]) -> None:
    db, _ = hostile_build
    paths = {Path(p).name for (p,) in db_rows(db, "SELECT path FROM articles")}
    assert paths == set(GOOD_FILES) | {"records.jsonl"}
    texts = {p: t for p, t in db_rows(db, "SELECT path, content_hash FROM articles")}
    latin1 = texts[str(hostile_folder / "latin1.txt")]
    assert latin1 == stable_hash(normalize_space(TURKIYE))  # decoded as Latin-1, not mangled


def test_json_lines_reasons_name_the_line_and_the_problem(
    hostile_folder: Path, hostile_build: tuple[Path, object]
) -> None:
    db, _ = hostile_build
    reasons = by_name(db_rows(db, "SELECT input, reason FROM rejects"), hostile_folder)
    assert {k: v for k, v in reasons.items() if k in RECORD_REASONS} == RECORD_REASONS
    assert reasons["records.jsonl"].startswith("duplicate article id 'rec-1': loaded once, from")
    assert db_rows(db, "SELECT id FROM articles WHERE path LIKE '%records.jsonl'") == [("rec-1",)]


def test_links_looping_back_are_rejected_not_followed_forever(
    hostile_folder: Path, hostile_build: tuple[Path, object]
) -> None:
    db, _ = hostile_build
    reasons = by_name(db_rows(db, "SELECT input, reason FROM rejects"), hostile_folder)
    assert reasons["nested/back-up"] == f"folder link loops back to {hostile_folder.resolve()}; skipped"
    assert reasons["self-link.txt"] == "symbolic link loop (the link points back to itself)"


def test_summary_counts_every_input_load_and_reject(hostile_build: tuple[Path, object]) -> None:
    db, summary = hostile_build
    expected_rejects = len(BAD_FILES) + len(RECORD_REASONS) + 1 + 2  # + duplicate id + two links
    assert len(summary.rejects) == expected_rejects == len(db_rows(db, "SELECT * FROM rejects"))
    assert summary.articles == len(GOOD_FILES) + 1 == len(db_rows(db, "SELECT * FROM articles"))
    [(inputs, articles, rejects)] = db_rows(db, "SELECT inputs, articles, rejects FROM etl_runs")
    assert (articles, rejects) == (summary.articles, expected_rejects)
    assert inputs == len(GOOD_FILES) + len(BAD_FILES) + 1


def test_a_megabyte_on_one_line_is_loaded_or_rejected_within_its_budget(tmp_path: Path) -> None:
    (tmp_path / "one-line.txt").write_text(long_line(1_000_000))
    (tmp_path / "good.txt").write_text(EN)
    parsed = parse_inputs([tmp_path], budget=2.0)
    assert [Path(a.path).name for a in parsed.articles if a.path.endswith("good.txt")] == ["good.txt"]
    rejected = {Path(r.input).name: r.reason for r in parsed.rejects}
    loaded = {Path(a.path).name for a in parsed.articles}
    assert ("one-line.txt" in loaded) != ("one-line.txt" in rejected)
    if "one-line.txt" in rejected:
        assert rejected["one-line.txt"].startswith("extraction took longer than the 2 s budget")


def test_article_over_its_budget_is_rejected_and_the_build_goes_on(tmp_path: Path, db_path: Path) -> None:
    # The long report needs about 1.5 CPU s, the good one about 1 ms: a 0.3 s budget parts them even on
    # a loaded machine (a budget of 1 ms once rejected the good report too).
    (tmp_path / "long.txt").write_text(" ".join([EN] * (5 * ISOLATE_CHARS // len(EN))))
    (tmp_path / "good.md").write_bytes(GOOD_FILES["good.md"])
    summary = build_database(db_path, [tmp_path], cases_path=None, budget=0.3)
    [reject] = summary.rejects
    assert reject == Reject(
        str(tmp_path / "long.txt"),
        "extraction took longer than the 0.3 s budget for one report; split it or look for unusual text",
    )
    assert db_rows(db_path, "SELECT id FROM articles") == [("good-md",)]


def test_worker_is_reused_after_a_kill(make_article: object) -> None:
    text = " ".join([ID] * (ISOLATE_CHARS // len(ID) + 5))
    article: Article = make_article(text, language="id")  # type: ignore[operator]
    with pytest.raises(BudgetExceeded):
        extract_within_budget(article, 0.001)
    assert extract_within_budget(article, 60.0) == extract_within_budget(article, 60.0)


def test_deadline_raises_once_passed_and_only_where_it_was_set() -> None:
    Deadline.after(60).check()
    with pytest.raises(BudgetExceeded, match="longer than the 0 s budget"):
        Deadline.after(0).check()
    seen: list[str] = []

    def other_thread() -> None:
        budget.check()  # a deadline set in another thread does not apply here
        seen.append("ok")

    with budget.limit(0):
        with pytest.raises(BudgetExceeded):
            budget.check()
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
    budget.check()  # the deadline ended with its block
    assert seen == ["ok"]


ANNOTATION_HEADER = "action,event_id,article_id,event_type,sender,recipient,event_date,note\n"


def test_annotations_saved_by_a_spreadsheet_as_utf16_are_applied(tmp_path: Path, db_path: Path) -> None:
    notes = tmp_path / "notes.csv"
    row = "add,,,offer_aid,NOR,NPL,2024-06,Catatan analis: bantuan tenda\n"
    notes.write_bytes((ANNOTATION_HEADER + row).encode("utf-16"))
    summary = build_database(db_path, [notes], cases_path=None)
    assert (summary.events, summary.rejects) == (1, ())
    assert db_rows(db_path, "SELECT sender, recipient FROM events") == [("NOR", "NPL")]


def test_binary_annotations_file_is_one_reject_with_a_reason(tmp_path: Path, db_path: Path) -> None:
    notes = tmp_path / "notes.csv"
    notes.write_bytes(b"PK\x03\x04\x00\x00 a spreadsheet saved as .xlsx")
    [reject] = build_database(db_path, [notes], cases_path=None).rejects
    assert (reject.input, reject.reason) == (str(notes), "annotations file: binary file, not text")


def test_a_large_html_page_is_read_in_the_worker(tmp_path: Path) -> None:
    filler = "<p class='note'><span>Roads</span> <em>to</em> <b>the</b> <i>coast</i> stayed shut.</p>\n"
    body = f"<article><p>{EN}</p>\n{filler * 2500}</article>"
    page = f"<html><head><title>Relief</title></head><body>{body}</body></html>"
    assert len(page) > ISOLATE_HTML_CHARS
    (tmp_path / "big-page.html").write_text(page)
    [article] = parse_inputs([tmp_path]).articles
    assert article.title == "Relief" and article.text.startswith(EN)
