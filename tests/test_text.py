"""Boilerplate removal and sentence splitting for Indonesian and English article text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.text import MAX_SENTENCE, split_sentences, strip_boilerplate

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kapal itu tiba di Medan. (abc/xyz)", "Kapal itu tiba di Medan."),
        ("Kapal itu tiba di Medan.\n(Contoh/ABC)", "Kapal itu tiba di Medan."),
        ("Kapal itu tiba Senin (4/8)", "Kapal itu tiba Senin (4/8)"),
    ],
)
def test_editor_initials_closing_a_report_are_dropped(text: str, expected: str) -> None:
    assert strip_boilerplate(text, None) == expected


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Manila offered to fly doctors to N. Korea on Monday. No reply came.",
            ["Manila offered to fly doctors to N. Korea on Monday.", "No reply came."],
        ),
        ("Relief for S. Korea left port. It docked.", ["Relief for S. Korea left port.", "It docked."]),
        ("The U.K. and the U.N. met. They agreed.", ["The U.K. and the U.N. met.", "They agreed."]),
        ("Funds came from the U.S. The ship sailed.", ["Funds came from the U.S.", "The ship sailed."]),
        ("The U.S. Agency paid.", ["The U.S. Agency paid."]),
        ("Teams left on Jan. 4 and returned.", ["Teams left on Jan. 4 and returned."]),
        ("It was signed on Aug. 12. Work began.", ["It was signed on Aug. 12.", "Work began."]),
        (
            "Flights resumed in Sept. The airport reopened.",
            ["Flights resumed in Sept.", "The airport reopened."],
        ),
        ("Sept. 9 was quiet.", ["Sept. 9 was quiet."]),
        ("Gen. Lim and Mr. Ong met Dr. Tan.", ["Gen. Lim and Mr. Ong met Dr. Tan."]),
        ("Flight No. 7 landed. It was late.", ["Flight No. 7 landed.", "It was late."]),
        ("He said no. The talks ended.", ["He said no.", "The talks ended."]),
        ("They met on St. Mark Square.", ["They met on St. Mark Square."]),
        ("President John F. Kennedy spoke.", ["President John F. Kennedy spoke."]),
        ("Nilainya US$2.5 juta. Dana cair.", ["Nilainya US$2.5 juta.", "Dana cair."]),
        ("Harganya Rp 1.000 per kilo. Stok aman.", ["Harganya Rp 1.000 per kilo.", "Stok aman."]),
        (
            "Tim tiba di Bandara Soekarno-Hatta, Jumat (4/8). Mereka disambut menteri.",
            ["Tim tiba di Bandara Soekarno-Hatta, Jumat (4/8).", "Mereka disambut menteri."],
        ),
        (
            "Bantuan dilepas Senin (11/9/2023) pagi. Pesawat lepas landas.",
            ["Bantuan dilepas Senin (11/9/2023) pagi.", "Pesawat lepas landas."],
        ),
        ("Ia tinggal di Jl. Merdeka No. 3 Bandung.", ["Ia tinggal di Jl. Merdeka No. 3 Bandung."]),
        ("Why now? Nobody knew! Aid came.", ["Why now?", "Nobody knew!", "Aid came."]),
    ],
)
def test_abbreviations_initials_amounts_and_dates_stay_inside_a_sentence(
    text: str, expected: list[str]
) -> None:
    assert split_sentences(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jakarta (ANTARA) - Pemerintah mengirim tenda.", "Pemerintah mengirim tenda."),
        ("SURABAYA (ANTARA) - Kapal bersandar.", "Kapal bersandar."),
        ("Palu, Sulawesi Tengah (ANTARA) - Relawan tiba.", "Relawan tiba."),
        ("AMMAN, Oct 3 (Reuters) - Jordan sent planes.", "Jordan sent planes."),
        ("LIMA, Feb. 2 - Peru asked for help.", "Peru asked for help."),
        ("OSLO/STOCKHOLM, Mar 5 - Both pledged funds.", "Both pledged funds."),
        ("Japan (the donor) - sent tents.", "Japan (the donor) - sent tents."),
        ("CONTOH.CO.ID, MEDAN -- Kapal tiba.", "Kapal tiba."),
        ("contohberita.com, MEDAN - Kapal tiba.", "Kapal tiba."),
        ("DARWIN, Australia, Feb 3 - Planes left.", "Planes left."),
        ("Medan, Contoh TV - Kapal tiba.", "Kapal tiba."),
        ("Bogor - Presiden meninjau gudang.", "Presiden meninjau gudang."),
        (
            "Prime Minister Ana Lopes - a former nurse - flew in.",
            "Prime Minister Ana Lopes - a former nurse - flew in.",
        ),
        ("Ana Lopes - Dili's mayor - flew in.", "Ana Lopes - Dili's mayor - flew in."),
    ],
)
def test_agency_and_dated_datelines_are_dropped(text: str, expected: str) -> None:
    assert strip_boilerplate(text, None) == expected


@pytest.mark.parametrize(
    "text",
    [
        "bantuan " * 130_000,  # about 1 MB with no punctuation at all
        "." * 1_000_000,
        "A. " * 300_000,
        "x" * 1_000_000,
    ],
)
def test_a_megabyte_line_splits_into_bounded_sentences(text: str) -> None:
    sentences = split_sentences(text, "id")
    assert sentences and all(len(s) <= MAX_SENTENCE for s in sentences)
    assert sum(len(s) for s in sentences) >= len(text.strip()) - len(sentences) * 2


_TEXT_PIECES = st.sampled_from(["a", "B", " ", ".", "?", "!", '"', "'", ")", "(", "\n", "-", ","])
_ABBREVIATED = st.sampled_from(["U.S.", "Dr.", "Jan.", "(4/8)", "Rp 1.000", "N. Korea", "No. 5"])


@given(st.lists(st.one_of(_TEXT_PIECES, _ABBREVIATED), max_size=80).map("".join))
@settings(max_examples=300, deadline=None)
def test_splitting_keeps_every_word_in_order(text: str) -> None:
    sentences = split_sentences(text, "en")
    assert "".join("".join(s.split()) for s in sentences) == "".join(text.split())
    assert all(s == s.strip() and s for s in sentences)
