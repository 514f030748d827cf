"""The Case comparison and Event explorer pages in AppTest, in English and Bahasa Indonesia: nothing of
the page's area left in English, case texts in the language, offers and aid provided apart, statuses with
the day of the answer."""

from __future__ import annotations

import csv
import json
import re
import string
from collections.abc import Iterable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.i18n import catalogue
from etl.annotations import COLUMNS
from etl.build import build_database
from tests.conftest import FIXTURE_ARTICLES, FIXTURE_CASES, matched, page_opener

MIN_FRAGMENT = 10  # shorter pieces of an English template are only caught as a whole text
# Dataframe columns holding data rather than interface words (evidence, outlets, links, ids).
DATA_COLUMNS = {"evidence", "outlet", "source_url", "event_id", "article_title", "_index"}
SAME_IN_BOTH = {"GDELT", "CAMEO", "UNICEF", "UNHCR", "ASEAN", "NATO", "Filter", "CSV", "Excel", "HTML"}


def _forms(entry: object) -> list[str]:
    """The strings of a catalogue entry: itself, or each plural form."""
    return [str(v) for v in entry.values()] if isinstance(entry, dict) else [str(entry)]


def english_fragments(areas: Iterable[str]) -> set[str]:
    """The literal pieces (between placeholders) of every English string of these catalogue files whose
    Indonesian translation differs; names and acronyms that read the same in both are left out."""
    en, id_ = catalogue("en"), catalogue("id")
    pieces = set()
    for key, entry in en.items():
        if key.split(".")[0] not in areas or _forms(entry)[-1] == _forms(id_[key])[-1]:
            continue
        for form in _forms(entry):
            for literal, *_ in string.Formatter().parse(form):
                piece = literal.replace("**", "").strip(" .,;:()*-")
                if piece and not set(piece.replace("/", " ").split()) <= SAME_IN_BOTH:
                    pieces.add(piece)
    return pieces


def _dataframe_texts(frame_element) -> list[str]:
    """Column labels and the interface words inside a data grid (not its data columns)."""
    config = json.loads(frame_element.proto.columns or "{}")
    texts = [c.get("label", "") for c in config.values()] + [c.get("help", "") for c in config.values()]
    frame = frame_element.value
    for column in frame.columns:
        if column not in DATA_COLUMNS and frame[column].dtype == object:
            texts += [v for v in frame[column] if isinstance(v, str)]
    return texts


def shown_texts(at: AppTest) -> list[str]:
    """Every interface text of a page: headings, text, captions, boxes, metrics, widgets, download
    buttons, table headers and grid labels (evidence and other data are left out, and so are codes)."""
    texts = [
        e.value for kind in ("title", "header", "subheader", "markdown", "caption") for e in at.get(kind)
    ]
    texts += [e.value for kind in ("info", "warning", "success", "error") for e in at.get(kind)]
    texts += [t for m in at.metric for t in (m.proto.label, m.proto.body, m.proto.help)]
    for widget in [*at.selectbox, *at.text_input, *at.multiselect]:
        texts += [widget.label, widget.proto.help, getattr(widget.proto, "placeholder", "")]
        texts += [str(o) for o in getattr(widget, "options", [])]
    texts += [t for b in at.get("download_button") for t in (b.proto.label, b.proto.help)]
    texts += [link.proto.label for kind in ("link_button", "page_link") for link in at.get(kind)]
    for table in at.table:
        texts += [str(x) for x in (*table.value.columns, *table.value.index)]
    for grid in at.dataframe:
        texts += _dataframe_texts(grid)
    # `code` spans show codes as files and links take them (`conditional`), not English words
    return [re.sub(r"`[^`]*`", "", t.replace("\\", "").replace("**", "")) for t in texts if t]


def english_left(at: AppTest, areas: Iterable[str]) -> list[str]:
    """English pieces of these catalogue files that the page shows."""
    texts = shown_texts(at)
    return sorted(
        piece
        for piece in english_fragments(areas)
        if any(t == piece for t in texts) or (len(piece) >= MIN_FRAGMENT and any(piece in t for t in texts))
    )


def note_column(line: str) -> str:
    """The note of a ready-made annotations line."""
    return next(csv.reader([line]))[COLUMNS.index("note")]


# ---------------------------------------------------------------- case comparison


def test_compare_page_in_indonesian_leaves_no_english_and_names_the_cases_in_indonesian(open_page):
    at = open_page("pages/compare.py", lang="id")
    assert not at.exception, [e.value for e in at.exception]
    assert english_left(at, ("compare", "common", "labels")) == []
    titles = ["Korea Utara → Tiongkok, virus korona 2020", "Rusia → Korea Utara, banjir 2024"]
    assert at.selectbox(key="a").options == titles and at.selectbox(key="b").options == titles
    headings = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert [h.removeprefix("### ").replace("\\", "") for h in headings[:2]] == titles
    assert "Banjir di Sinuiju dan Kabupaten Uiju" in "\n".join(c.value for c in at.caption)
    assert list(at.table[0].value.columns) == titles


def test_the_english_page_trips_the_check_that_the_indonesian_one_passes(open_page):
    english = english_left(open_page("pages/compare.py"), ("compare", "common", "labels"))
    assert "Aligned timeline: days since the crisis onset" in english and "Aid provided" in english


def cards(at: AppTest) -> tuple[dict[str, str], dict[str, str]]:
    """Case A's and case B's metric cards, label -> value. The cards are drawn a row at a time across both
    cases (so they line up): A's two, then B's two, for each row."""
    metrics = [(m.label, m.value) for m in at.metric]
    rows = [metrics[i : i + 4] for i in range(0, len(metrics), 4)]
    return dict(p for r in rows for p in r[:2]), dict(p for r in rows for p in r[2:])


@pytest.mark.parametrize(
    ("lang", "labels", "first_offer"),
    [
        ("en", ("Offers", "Aid provided", "First offer", "Responses"), "day 5"),
        ("id", ("Tawaran", "Bantuan diberikan", "Tawaran pertama", "Tanggapan"), "hari ke-5"),
    ],
)
def test_compare_cards_show_offers_and_aid_provided_apart(open_page, lang, labels, first_offer):
    at = open_page("pages/compare.py", lang=lang)
    case_a, case_b = cards(at)
    assert list(case_a) == list(case_b) == list(labels)
    assert (case_b[labels[0]], case_b[labels[1]]) == ("2", "0")  # two offers, none reported delivered
    assert case_b[labels[2]] == first_offer
    assert all(m.proto.help for m in at.metric)


def test_aid_provided_in_a_case_window_is_counted_on_its_card_not_as_an_offer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    notes = tmp_path / "annotations.csv"
    row = "add,,,provide_aid,PRK,CHN,2020-02-10,day,medical,,stated,North Korea sent masks to China.,,test"
    notes.write_text(",".join(COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    db = tmp_path / "events.duckdb"
    build_database(db, [FIXTURE_ARTICLES, notes], cases_path=FIXTURE_CASES)
    case_a, _ = cards(page_opener(monkeypatch, db)("pages/compare.py", lang="id"))
    assert (case_a["Tawaran"], case_a["Bantuan diberikan"]) == ("1", "1")


@pytest.mark.parametrize(
    ("lang", "row", "status"),
    [
        ("en", "Status of the offer", "offer of 3 Aug 2024: deferred on 4 Aug 2024"),
        ("id", "Status tawaran", "tawaran 3 Agu 2024: ditunda pada 4 Agu 2024"),
    ],
)
def test_point_by_point_gives_the_offer_status_with_the_day_of_the_answer(open_page, lang, row, status):
    table = open_page("pages/compare.py", lang=lang).table[0].value
    assert table.loc[row].iloc[1] == status  # case B: Russia's offer, deferred the next day
    assert table.loc[row].iloc[0].endswith(("not answered yet", "belum ada tanggapan"))


def test_role_reversal_is_said_in_the_language(open_page):
    at = open_page("pages/compare.py", lang="id")
    said = [m.value.replace("\\", "") for m in at.markdown if "adalah" in m.value]
    assert said and said[0].startswith("**Korea Utara (PRK)** adalah pemberi dalam “Korea Utara → Tiongkok")


# ---------------------------------------------------------------- event explorer


def test_events_page_in_indonesian_leaves_no_english_of_its_area(open_page):
    at = open_page("pages/events.py", lang="id")
    assert not at.exception, [e.value for e in at.exception]
    assert english_left(at, ("events", "common", "labels", "tables")) == []
    assert at.selectbox(key="sort").options[:2] == ["Terbaru dahulu", "Terlama dahulu"]
    assert matched(at) > 0


def test_events_flagged_list_labels_codes_but_keeps_the_event_id(open_page):
    at = open_page("pages/events.py", lang="id")
    flagged = at.dataframe[-1].value
    assert set(flagged["date_precision"]) <= {"tidak terselesaikan", "hari", "minggu", "bulan", "tahun"}
    assert flagged["event_id"].str.fullmatch(r"[0-9a-f]+").all()
    assert "Ditandai untuk ditinjau" in at.subheader[-1].value


def test_events_download_buttons_say_the_files_stay_machine_readable(open_page):
    at = open_page("pages/events.py", sender="RUS", lang="id")
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [
        "Unduh 3 peristiwa ini sebagai CSV",
        "Unduh 3 peristiwa ini sebagai Excel",
    ]
    assert all("YYYY-MM-DD" in b.proto.help and "offer_aid" in b.proto.help for b in buttons)
