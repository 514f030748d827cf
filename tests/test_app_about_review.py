"""The methodology and review-queue pages in AppTest on the fixture database."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from etl.annotations import COLUMNS, read_annotations
from etl.models import EVENT_TYPES
from tests.test_app_compare_events import english_left, note_column


def _text(at: AppTest) -> str:
    """Every markdown, caption and table text of the page."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value.to_string() for t in at.table]
    return "\n".join(parts).replace("\\", "").replace("**", "")


def test_about_page_states_the_data_date_the_cameo_codes_and_how_to_report_errors(open_page):
    at = open_page("pages/about.py")
    assert not at.exception, [e.value for e in at.exception]
    text = _text(at)
    assert "Data as of" in text and "13 events" in text
    for code, cameo in EVENT_TYPES.items():
        assert code in text and cameo in text
    assert "0863" in text and "CC BY-SA" in text and "GDELT" in text
    assert any(c.value == ",".join(COLUMNS) for c in at.code)


def test_review_queue_lists_the_undated_and_hedged_events_with_lines_that_parse(open_page):
    at = open_page("pages/review.py")
    assert not at.exception, [e.value for e in at.exception]
    text = _text(at)
    assert "5 events match" in text
    assert "undated" in text and "certainty: reported" in text
    lines = [c.value for c in at.code if not c.value.startswith("/")]  # the share box's link starts with /
    assert len(lines) == 15  # confirm, correct and suppress for each of the five events
    csv_text = ",".join(COLUMNS) + "\n" + "\n".join(lines) + "\n"
    notes, rejects = read_annotations(io.StringIO(csv_text, newline=""), "annotations.csv")
    assert not rejects and {n.action for n in notes} == {"add", "suppress"}


def test_about_page_in_indonesian_leaves_no_english_and_translates_the_cameo_table(open_page):
    at = open_page("pages/about.py", lang="id")
    assert not at.exception, [e.value for e in at.exception]
    assert english_left(at, ("about", "common", "labels")) == []
    table = at.table[0].value
    assert list(table.columns) == ["Jenis peristiwa", "Kode", "Akar CAMEO", "CAMEO untuk bantuan kemanusiaan"]
    assert "Tawaran bantuan" in set(table["Jenis peristiwa"]) and set(EVENT_TYPES) == set(table["Kode"])
    text = _text(at)
    assert "Data per" in text and "13 peristiwa" in text and "Kemanusiaan (`humanitarian`)" in text


def test_review_queue_in_indonesian_says_why_and_writes_notes_in_indonesian_on_lines_that_parse(open_page):
    at = open_page("pages/review.py", lang="id")
    assert not at.exception, [e.value for e in at.exception]
    assert english_left(at, ("review", "common", "labels")) == []
    text = _text(at)
    assert "Alasan: tanpa tanggal" in text and "kepastian: dilaporkan" in text
    lines = [c.value for c in at.code if not c.value.startswith("/")]
    assert {note_column(line) for line in lines} >= {
        "dikonfirmasi analis sesuai pengodean",
        "dihapus analis: bukan tindakan bantuan",
    }
    csv_text = ",".join(COLUMNS) + "\n" + "\n".join(lines) + "\n"
    notes, rejects = read_annotations(io.StringIO(csv_text, newline=""), "annotations.csv")
    assert not rejects and len(notes) == len(lines) == 15


def test_review_queue_follows_the_sidebar_filters_from_the_link(open_page):
    at = open_page("pages/review.py", sender="RUS")
    assert not at.exception
    assert "1 event matches" in _text(at)


def test_review_queue_with_nothing_to_review_says_so(open_page):
    at = open_page("pages/review.py", sender="CHN")
    assert not at.exception
    assert any("Nothing to review" in s.value for s in at.success)


@pytest.mark.parametrize("page", ["pages/about.py", "pages/review.py"])
def test_junk_link_renders_with_a_warning_naming_it(open_page, page):
    at = open_page(page, sender="';DROP TABLE events;--", type="bogus")
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "DROP TABLE" in warning and "bogus" in warning


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], object]]:
    """The data callables of the download buttons drawn, by file name (registered as usual as well)."""
    seen: dict[str, Callable[[], object]] = {}
    register = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        seen[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return seen


@pytest.mark.parametrize("page", ["pages/timeline.py", "pages/flows.py", "pages/compare.py"])
def test_every_chart_saves_a_slide_sized_png_named_after_it(open_page, page):
    at = open_page(page, sender=["PRK", "RUS"])
    charts = at.get("plotly_chart")
    assert charts
    for chart in charts:
        options = json.loads(chart.proto.config)["toImageButtonOptions"]
        assert (options["format"], options["width"], options["height"]) == ("png", 1920, 1080)
        assert options["filename"].startswith("aid-monitor_") and "from-prk-rus" in options["filename"]


def test_compare_page_downloads_its_view_as_a_self_contained_html_report(open_page, downloads):
    at = open_page("pages/compare.py")
    assert not at.exception
    name = next(n for n in downloads if n.endswith(".html"))
    page = downloads[name]()
    assert "Point by point" in page and "Plotly.newPlot" in page and '<script src="http' not in page
    assert "https://fixtures.example/" in page


@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("en", "aid-monitor_case-comparison-report-prk-chn-2020-vs-rus-prk-2024.html"),
        ("id", "aid-monitor_laporan-perbandingan-kasus-prk-chn-2020-dan-rus-prk-2024.html"),
    ],
)
def test_compare_report_file_name_says_what_it_holds_in_the_language(open_page, downloads, lang, name):
    at = open_page("pages/compare.py", lang=lang)
    assert not at.exception
    assert name in downloads


def test_events_csv_stays_machine_readable_on_the_indonesian_page(open_page, downloads):
    open_page("pages/events.py", sender="RUS", lang="id")
    rows = list(csv.DictReader(io.StringIO(downloads["aid-events.csv"]().decode("utf-8"))))
    assert len(rows) == 3 and {r["sender"] for r in rows} == {"RUS"}
    assert {r["event_type"] for r in rows} <= set(EVENT_TYPES)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["event_date"]) for r in rows if r["event_date"])


def test_events_page_downloads_the_filtered_rows_as_excel(open_page, downloads):
    at = open_page("pages/events.py", sender="RUS")
    assert not at.exception
    book = openpyxl.load_workbook(io.BytesIO(downloads["aid-events.xlsx"]()))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) - 1 == 3 and {r[rows[0].index("sender")] for r in rows[1:]} == {"RUS"}
