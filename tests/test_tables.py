"""Display tables: labels for codes, review flags, summary marks and only http(s) links."""

from datetime import date

import pandas as pd

from dashboard.i18n import Texts
from dashboard.tables import dyads_table, explorer_table, new_incidents_table, offers_table, other_mentions

NAMES = {"RUS": "Russia", "PRK": "North Korea"}


def explorer_rows() -> pd.DataFrame:
    """Two explorer rows: one dated from a report, one undated from our summary with a bad link."""
    return pd.DataFrame(
        {
            "event_type": ["offer_aid", "decline_aid"],
            "sender": ["RUS", "PRK"],
            "recipient": ["PRK", None],
            "aid_type": ["humanitarian", None],
            "event_date": [date(2024, 8, 3), None],
            "needs_review": [False, True],
            "is_summary": [False, True],
            "source_url": ["https://example.org/a", "javascript:alert(1)"],
            "n_outlets": [2, 1],
        }
    )


def test_explorer_table_labels_codes_flags_undated_and_drops_unsafe_links():
    table = explorer_table(explorer_rows(), NAMES)
    assert list(table["sender"]) == ["Russia (RUS)", "North Korea (PRK)"]
    assert list(table["recipient"]) == ["North Korea (PRK)", ""]
    assert list(table["event_type"]) == ["Offer of aid", "Refusal or deferral"]
    assert list(table["flag"]) == ["", "⚠ undated"]
    assert list(table["evidence_kind"]) == ["report sentence", "our summary"]
    assert table["source_url"][0] == "https://example.org/a"
    assert pd.isna(table["source_url"][1])
    assert list(table["reported_by"]) == ["reported by 2 sources", "reported by 1 source"]


def test_offers_table_marks_our_summaries_and_unknown_recipients():
    offers = pd.DataFrame(
        {
            "sender": ["RUS"],
            "recipient": [None],
            "aid_type": ["disaster_relief"],
            "evidence": ["Putin offered help."],
            "is_summary": [True],
            "n_outlets": [3],
            "outcome": ["no response yet"],
        }
    )
    table = offers_table(offers, NAMES)
    assert table.loc[0, "reported_by"] == "reported by 3 sources"
    assert table.loc[0, "evidence"] == "[our summary] Putin offered help."
    assert table.loc[0, "recipient"] == "?"
    assert table.loc[0, "aid_type"] == "Disaster relief"


def test_offers_table_accepts_an_offer_without_evidence_text():
    offers = pd.DataFrame(
        {
            "sender": ["RUS", "CHN"],
            "recipient": ["PRK", "PRK"],
            "aid_type": ["medical", "financial"],
            "evidence": ["Moscow pledged field hospitals.", float("nan")],  # a feed row has no sentence
            "is_summary": [False, False],
            "n_outlets": [1, 4],
            "outcome": ["thanked", "no response yet"],
        }
    )
    table = offers_table(offers, NAMES)
    assert list(table["evidence"]) == ["Moscow pledged field hospitals.", ""]


def test_offers_table_states_each_offers_status_with_the_day_of_the_answer_in_either_language():
    offers = pd.DataFrame(
        {
            "sender": ["RUS", "KOR"],
            "recipient": ["PRK", "PRK"],
            "aid_type": ["disaster_relief", "humanitarian"],
            "evidence": ["Putin offered help.", "Seoul offered relief."],
            "is_summary": [False, False],
            "n_outlets": [1, 2],
            "outcome": ["deferred", "no response yet"],
            "reply_date": [date(2024, 8, 4), None],
        }
    )
    assert list(offers_table(offers, NAMES)["outcome"]) == ["deferred on 4 Aug 2024", "not answered yet"]
    indonesian = offers_table(offers, NAMES, Texts("id"))
    assert list(indonesian["outcome"]) == ["ditunda pada 4 Agu 2024", "belum ada tanggapan"]
    assert list(indonesian["reported_by"]) == ["dilaporkan oleh 1 sumber", "dilaporkan oleh 2 sumber"]


def test_dyads_table_states_offer_outcomes_in_words_most_frequent_first():
    outcomes = [[{"outcome": "accepted", "n": 2}, {"outcome": "no response yet", "n": 1}]]
    frame = pd.DataFrame({"sender": ["RUS"], "recipient": ["PRK"], "offer_outcomes": outcomes})
    assert dyads_table(frame, NAMES).loc[0, "offer_outcomes"] == "accepted 2, not answered yet 1"
    assert (
        dyads_table(frame, NAMES, Texts("id")).loc[0, "offer_outcomes"] == "diterima 2, belum ada tanggapan 1"
    )


def test_dyads_table_labels_both_sides():
    table = dyads_table(pd.DataFrame({"sender": ["RUS"], "recipient": ["PRK"], "events": [3]}), NAMES)
    row = table.loc[0, ["sender", "recipient", "events"]].tolist()
    assert row == ["Russia (RUS)", "North Korea (PRK)", 3]


def test_other_mentions_are_the_report_sentences_besides_the_evidence():
    detail = {
        "evidence": "Tokyo offered tents.",
        "evidence_all": ["Tokyo offered tents.", "The offer stands."],
    }
    assert other_mentions(detail) == ["The offer stands."]
    assert other_mentions({"evidence": "x", "evidence_all": None}) == []


def test_explorer_rows_state_an_offers_answer_with_its_day_and_a_replys_own_response():
    rows = explorer_rows().assign(
        outcome=["deferred", None],
        reply_date=[date(2024, 8, 4), None],
        response=[None, "refused"],
    )
    assert list(explorer_table(rows, NAMES)["status"]) == ["deferred on 4 Aug 2024", "refused"]
    assert list(explorer_table(rows, NAMES, Texts("id"))["status"]) == ["ditunda pada 4 Agu 2024", "ditolak"]
    unanswered = rows.assign(outcome=[None, None])
    assert explorer_table(unanswered, NAMES)["status"][0] == "not answered yet"


def test_new_incidents_name_countries_types_and_dates_in_the_language():
    rows = pd.DataFrame(
        {
            "event_date": [date(2024, 8, 4)],
            "event_type": ["offer_aid"],
            "sender": ["RUS"],
            "recipient": [None],
        }
    )
    table = new_incidents_table(rows, {"RUS": "Rusia"}, Texts("id"))
    assert table.loc[0, ["event_date", "event_type", "sender", "recipient"]].tolist() == [
        "4 Agu 2024",
        "Tawaran bantuan",
        "Rusia (RUS)",
        "?",
    ]
