"""Downloads: PNG toolbar config, Excel bytes, the self-contained comparison report, review lines."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from test_charts import drawn_strings, english_phrases

from dashboard import charts, export, queries, report, review
from dashboard.filters import Filters, describe
from dashboard.i18n import EN, Texts
from etl.annotations import COLUMNS, read_annotations

PAIR = ("prk-chn-2020", "rus-prk-2024")
ID = Texts("id")
SCRIPT = "<script>alert('from a report')</script>"


@pytest.fixture
def con(fixture_db: Path):
    """A read-only cursor on the fixture database."""
    with duckdb.connect(str(fixture_db), read_only=True) as c:
        yield c


def test_chart_config_saves_a_slide_sized_png_named_after_the_view():
    f = Filters(start=date(2024, 1, 1), senders=("RUS",), types=("offer_aid",))
    options = export.chart_config("Timeline of offers", f)["toImageButtonOptions"]
    assert (options["format"], options["width"], options["height"], options["scale"]) == (
        "png",
        1920,
        1080,
        1,
    )
    assert options["filename"] == "aid-monitor_timeline-of-offers_from-rus_offer-of-aid_2024-01-01-to-latest"


def test_png_file_name_says_what_it_shows_in_the_language_as_ascii():
    f = Filters(start=date(2024, 1, 1), senders=("RUS",), types=("offer_aid",), aids=("medical",))
    name = export.chart_config("Linimasa tawaran per pengirim", f, ID)["toImageButtonOptions"]["filename"]
    assert name == (
        "aid-monitor_linimasa-tawaran-per-pengirim_dari-rus_tawaran-bantuan_bantuan-medis_2024-01-01-sd-terbaru"
    )
    assert name.isascii()
    many = Filters(recipients=tuple(f"C{i:02d}" for i in range(9)))
    assert export.file_name("Arus", many, ID) == "aid-monitor_arus_ke-9-penerima"


def test_chart_config_draws_plotlys_own_texts_in_the_language():
    config = export.chart_config("x", None, ID)
    assert config["locale"] == "id"
    locale = config["locales"]["id"]
    fmt = locale["format"]
    assert fmt["shortMonths"][7] == "Agu" and fmt["months"][0] == "Januari"
    assert fmt["days"][0] == "Minggu" and len(fmt["shortDays"]) == 7  # Sunday first, as d3 expects
    assert (fmt["decimal"], fmt["thousands"]) == (",", ".")
    assert fmt["dayMonth"] == "%-d %b" and fmt["month"] == "%b %Y"  # "4 Agu", "Agu 2024"
    assert locale["dictionary"]["Download plot as a PNG"] == "Unduh grafik sebagai PNG"
    english = export.chart_config("x", None)["locales"]["en"]
    assert english["dictionary"]["Download plot as a PNG"] == "Download plot as a PNG"
    assert english["format"]["shortMonths"][7] == "Aug"


def test_file_name_is_ascii_and_bounded_even_for_many_codes():
    f = Filters(senders=tuple(f"C{i:02d}" for i in range(40)), recipients=("PRK",))
    name = export.file_name("Sender → recipient flows", f)
    assert name == "aid-monitor_sender-recipient-flows_from-40-senders_to-prk"
    assert len(export.file_name("x" * 500)) <= 120


def test_excel_bytes_open_with_openpyxl_and_keep_formula_text_as_text(con):
    frame = queries.events_export(con, Filters())
    frame.loc[0, "evidence"] = '=HYPERLINK("http://example.invalid")\x07'
    book = openpyxl.load_workbook(io.BytesIO(export.excel_bytes(frame)))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(frame.columns)
    assert len(rows) == len(frame) + 1 == 14
    evidence = sheet.cell(row=2, column=list(frame.columns).index("evidence") + 1)
    assert evidence.data_type == "s" and evidence.value == '=HYPERLINK("http://example.invalid")'


def _view(con, events: pd.DataFrame, sources: pd.DataFrame, tx: Texts = EN, **extra) -> report.CompareView:
    """A comparison view of the two fixture cases, as the page builds it, in one language."""
    f = Filters()
    cases = queries.cases(con, tx.lang)
    titles = {c: t for c, t in zip(cases["id"], cases["title"], strict=True) if c in PAIR}
    names = tx.actor_names(queries.country_names(con))
    roles = queries.roles(con, PAIR, f)
    return report.CompareView(
        titles=titles,
        filters=describe(f, names, tx),
        data_as_of=queries.data_as_of(con),
        metrics={c: queries.case_metrics(con, c, f) for c in PAIR},
        events=events,
        roles=roles,
        flips=charts.pivot_actors(roles, PAIR),
        points=pd.DataFrame({"": ["Crisis"], "A": ["flood <b>bold</b>"]}),
        sources=sources,
        colors=charts.color_map(names),
        names=names,
        tx=tx,
        **extra,
    )


def notes(fig) -> str:
    """The notes above a chart as one line (the chart wraps them over lines)."""
    title = fig.layout.title
    return f"{title.text} {title.subtitle.text or ''}".replace("<br>", " ")


def visible_text(page: str) -> str:
    """The report's words outside its scripts and tags (what a reader sees besides the charts)."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<script.*?</script>", " ", page))


def test_report_is_self_contained_with_the_charts_data_and_every_source_link(con):
    events = queries.case_timeline(con, PAIR, Filters())
    sources = queries.case_sources(con, PAIR, Filters())
    page = report.compare_html(_view(con, events, sources))
    assert '<script src="http' not in page and "<script src='http" not in page
    assert page.count("Plotly.newPlot") == len(report.figures(_view(con, events, sources)))
    assert "plotly.js v" in page  # the library itself is inline
    for url in sources["source_url"].dropna():
        assert f'href="{url}"' in page
    assert events["event_id"].size > 0 and str(int(events["day_offset"].iloc[0])) in page
    assert "Data as of" in page and "no filters" in page


def test_report_escapes_markup_from_evidence_and_tables(con):
    events = queries.case_timeline(con, PAIR, Filters())
    sources = queries.case_sources(con, PAIR, Filters())
    events.loc[0, "evidence"] = SCRIPT
    sources.loc[0, "evidence"] = SCRIPT
    sources.loc[1, "source_url"] = "javascript:alert(1)"
    page = report.compare_html(_view(con, events, sources))
    assert SCRIPT not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;" in page and 'href="javascript:' not in page and "no http(s) link" in page


def _parse(lines: list[str]):
    """Read lines as data/annotations.csv would be read by the build."""
    text = ",".join(COLUMNS) + "\n" + "\n".join(lines) + "\n"
    return read_annotations(io.StringIO(text, newline=""), "annotations.csv")


def test_every_review_line_parses_as_an_annotation_of_its_event(con):
    rows = review.records(queries.review_queue(con, Filters()))
    assert rows and any(r["event_date"] is None for r in rows)
    lines = [(r, line) for r in rows for line in review.annotation_lines(r)]
    assert all(line.text for _, line in lines)
    notes, rejects = _parse([line.text for _, line in lines])
    assert not rejects and len(notes) == len(lines)
    for (row, line), note in zip(lines, notes, strict=True):
        assert note.event_id == row["event_id"]
        assert note.action == ("suppress" if line.action == "suppress" else "add")
        if line.action == "confirm":
            assert note.event.event_type == row["event_type"] and note.event.sender == row["sender"]


def test_review_line_keeps_commas_quotes_and_line_breaks_of_the_evidence_in_one_field():
    row = {
        "event_id": "abc123",
        "event_type": "offer_aid",
        "sender": "KOR",
        "recipient": "PRK",
        "event_date": date(2024, 8, 1),
        "date_precision": "day",
        "certainty": "alleged",
        "evidence": 'Seoul, it was said, "offered"\nrice to the North.',
    }
    confirm = review.annotation_lines(row)[0]
    notes, rejects = _parse([confirm.text])
    assert not rejects and notes[0].event.evidence == row["evidence"]
    assert next(csv.reader(io.StringIO(confirm.text)))[0] == "add"


def test_event_without_a_sender_gets_only_a_suppress_line_and_says_why():
    lines = review.annotation_lines({"event_id": "x1", "event_type": "offer_aid", "certainty": "hinted"})
    by_action = {line.action: line for line in lines}
    assert by_action["suppress"].text and by_action["confirm"].text is None
    assert "sender is required" in by_action["confirm"].problem


def test_reasons_name_why_an_event_is_queued():
    row = {"event_date": None, "certainty": "alleged", "confidence": 0.4}
    assert review.reasons(row) == ["undated", "certainty: alleged", "confidence 0.40"]


def test_report_labels_a_gdelt_row_as_a_machine_coded_record(con):
    events = queries.case_timeline(con, PAIR, Filters())
    sources = queries.case_sources(con, PAIR, Filters())
    sources.loc[0, "source"] = "gdelt"
    page = report.compare_html(_view(con, events, sources))
    assert "GDELT record, coded by machine" in page


def test_report_in_indonesian_is_written_in_indonesian_with_its_dates_and_the_chart_note(con):
    events = queries.case_timeline(con, PAIR, Filters())
    sources = queries.case_sources(con, PAIR, Filters()).assign(evidence="—")  # the reports' own words
    view = _view(con, events, sources, ID, note="Filter: tanpa filter · Data per 4 Agu 2024")
    page = report.compare_html(view)
    assert '<html lang="id">' in page and "Perbandingan kasus:" in page
    text = visible_text(page)
    assert "Agu 2024" in text and "Filter yang dipakai:" in text and "tanpa filter" in text
    english = english_phrases(("report.", "labels.event_type", "common.evidence"))
    assert not {phrase for phrase in english if phrase in text}
    drawn = [s for _, fig in report.figures(view) for s in drawn_strings(fig)]
    assert not {phrase for phrase in english_phrases(("charts.",)) for s in drawn if phrase in s}
    assert all("Data per 4 Agu 2024" in notes(fig) for _, fig in report.figures(view))
    assert '"locale": "id"' in page and "Agu" in page  # Plotly draws its date ticks in Indonesian


def test_report_prints_the_filters_and_data_date_on_its_charts_when_the_page_gives_no_note(con):
    events = queries.case_timeline(con, PAIR, Filters())
    view = _view(con, events, queries.case_sources(con, PAIR, Filters()))
    note = report.chart_note(view)
    assert note.startswith("Filters: no filters · Data as of ")
    assert all(note in notes(fig) for _, fig in report.figures(view))
