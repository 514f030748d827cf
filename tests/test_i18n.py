"""The two interface languages: complete, consistent catalogues and Babel formats."""

from __future__ import annotations

import re
import string
from datetime import date, datetime

import pytest

from dashboard.i18n import EN, LANGS, Texts, catalogue, texts

# Words that read the same in both languages by nature: names, acronyms, loanwords.
SAME_IN_BOTH = {"GDELT", "CAMEO", "UNICEF", "UNHCR", "ASEAN", "NATO", "Filter", "CSV", "Excel", "PNG", "HTML"}


def same_by_nature(text: str) -> bool:
    """True for a string of names, acronyms, placeholders, numbers and punctuation only."""
    words = re.findall(r"[^\W\d_]+", re.sub(r"\{\w*\}", " ", text))
    return all(word in SAME_IN_BOTH for word in words)


def placeholders(text: str) -> set[str]:
    """The {names} a string expects."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def forms(entry: object) -> list[str]:
    """The strings of an entry: itself, or each plural form."""
    return list(entry.values()) if isinstance(entry, dict) else [str(entry)]


def test_every_english_string_has_an_indonesian_translation_and_no_stray_key():
    assert set(catalogue("en")) == set(catalogue("id"))


@pytest.mark.parametrize("key", sorted(catalogue("en")))
def test_translation_expects_the_same_placeholders(key):
    english = set().union(*(placeholders(s) for s in forms(catalogue("en")[key])))
    for text in forms(catalogue("id")[key]):
        assert placeholders(text) == english, f"{key}: {text!r}"


def test_indonesian_strings_differ_from_the_english_ones_except_names_and_codes():
    same = [
        key
        for key, value in catalogue("en").items()
        if forms(value)[-1] == forms(catalogue("id")[key])[-1] and not same_by_nature(forms(value)[-1])
    ]
    assert same == []


def test_english_plurals_have_both_forms_and_indonesian_needs_only_other():
    for key, value in catalogue("en").items():
        if isinstance(value, dict):
            assert set(value) == {"one", "other"}, key
            assert "other" in catalogue("id")[key], key


def test_counts_pick_the_plural_form_and_format_the_number_for_the_language():
    assert EN("common.count.match", n=1) == "1 event matches"
    assert EN("common.count.match", n=1234) == "1,234 events match"
    assert Texts("id")("common.count.match", n=1234) == "1.234 peristiwa cocok"


def test_dates_and_numbers_follow_the_language():
    indonesian = Texts("id")
    assert EN.date(date(2024, 8, 4)) == "4 Aug 2024"
    assert indonesian.date(date(2024, 8, 4)) == "4 Agu 2024"
    assert indonesian.datetime(datetime(2024, 8, 4, 13, 5)) == "4 Agu 2024, 13.05"
    assert indonesian.number(12345.5, 1) == "12.345,5" and EN.number(12345.5, 1) == "12,345.5"
    assert EN.date(None) == "" and EN.number(float("nan")) == ""
    assert indonesian.month_names()[7] == "Agu" and len(indonesian.day_names()) == 7


def test_codes_get_labels_in_the_language_and_unknown_codes_stay_as_they_are():
    indonesian = Texts("id")
    assert indonesian.label("event_type", "offer_aid") == "Tawaran bantuan"
    assert indonesian.label("outcome", "no response yet") == "belum ada tanggapan"
    assert indonesian.labels("event_type", "offer_aid, meet") == "Tawaran bantuan, Pertemuan atau kunjungan"
    assert indonesian.label("event_type", "new_type") == "new_type"
    assert indonesian.label("aid_type", None) == ""


def test_actor_names_come_from_cldr_in_the_language_and_organisations_from_the_catalogue():
    names = {"PRK": "North Korea", "CHN": "China", "WB": "World Bank", "XKX": "Kosovo", "ZZZ": "Somewhere"}
    indonesian = Texts("id").actor_names(names)
    assert indonesian["PRK"] == "Korea Utara" and indonesian["CHN"] == "Tiongkok"
    assert indonesian["WB"] == "Bank Dunia"
    assert indonesian["ZZZ"] == "Somewhere"  # unknown to CLDR and the catalogue: the database's name
    assert EN.actor_names(names)["PRK"] == "North Korea"


def test_a_missing_key_is_an_error_not_a_silent_blank():
    with pytest.raises(KeyError):
        EN("common.no_such_key")


def test_unknown_language_falls_back_to_english_only_where_asked():
    assert texts("fr") == EN and texts(None) == EN and texts("id").lang == "id"
    with pytest.raises(ValueError, match="unknown language"):
        Texts("fr")
    assert set(LANGS) == {"en", "id"}
