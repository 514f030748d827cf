"""Boilerplate removal and sentence splitting for Indonesian and English article text."""

from __future__ import annotations

import pytest

from etl.text import split_sentences, strip_boilerplate

TITLE = "Jepang Kirim Bantuan Gempa ke Filipina"


@pytest.mark.parametrize(
    "line",
    [
        "BACA JUGA: Harga Beras Naik Lagi di Pasar Induk",
        "Baca Juga  Timnas Menang Tipis atas Vietnam",
        "Silakan baca konten menarik lainnya dari Contoh.co di Google News",
        "Berita Sebelumnya",
        "Berita Selanjutnya",
        "Read also: Markets rally after rate decision",
        "Related: Storm season starts early this year",
        "Advertisement",
        "Share",
        "Bagikan",
        "Tweet",
        "(*)",
        "Menteri Luar Negeri Jepang tiba di Manila. (Kantor Berita Kyodo/Pool Foto via AP)",
        "Relief boxes are unloaded at the port. (Photo: Reuters)",
        TITLE,
        f"{TITLE} - Contoh.co",
    ],
)
def test_boilerplate_line_is_dropped(line: str) -> None:
    body = "Jepang mengirimkan tenda dan selimut ke Filipina pada hari Selasa."
    assert strip_boilerplate(f"{line}\n\n{body}", TITLE) == body


def test_report_lines_are_kept_and_end_mark_removed() -> None:
    text = "Jepang mengirimkan tenda ke Filipina.\nManila berterima kasih atas bantuan itu. (*)"
    assert (
        strip_boilerplate(text, TITLE)
        == "Jepang mengirimkan tenda ke Filipina.\nManila berterima kasih atas bantuan itu."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MANILA - Jepang mengirim tenda.", "Jepang mengirim tenda."),
        ("Contoh.co - Jepang mengirim tenda.", "Jepang mengirim tenda."),
        ("TOKYO, Contoh.com - Japan sent tents.", "Japan sent tents."),
        ("Japan - the donor - sent tents.", "Japan - the donor - sent tents."),
    ],
)
def test_dateline_is_dropped_but_a_dash_in_a_sentence_is_not(text: str, expected: str) -> None:
    assert strip_boilerplate(text, None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan sent tents. Manila thanked Tokyo.", ["Japan sent tents.", "Manila thanked Tokyo."]),
        ("Dr. Sato arrived. He met the minister.", ["Dr. Sato arrived.", "He met the minister."]),
        ("The U.S. Navy helped. Aid arrived.", ["The U.S. Navy helped.", "Aid arrived."]),
        ('"Kami siap membantu." Kata dia.', ['"Kami siap membantu."', "Kata dia."]),
        ("Jumlahnya 12.000 orang. Bantuan tiba.", ["Jumlahnya 12.000 orang.", "Bantuan tiba."]),
        ("Line one\nLine two", ["Line one", "Line two"]),
        ("", []),
    ],
)
def test_split_sentences_respects_abbreviations_quotes_and_lines(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "en") == expected
