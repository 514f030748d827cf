"""Dates: explicit dates, weekdays, periods and relative days found in a sentence and resolved against
the publication date (a Wednesday, 7 August 2024, unless a test says otherwise)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.dates import DateMention, find_absolute_date, find_dates
from etl.models import DATE_PRECISIONS

WEDNESDAY = date(2024, 8, 7)


def resolved(text: str, language: str, published: date | None = WEDNESDAY) -> list[tuple]:
    """(text, value, precision) of every mention found in a sentence."""
    return [(d.text, d.value, d.precision) for d in find_dates(text, language, published)]


def only(text: str, language: str, published: date | None = WEDNESDAY) -> DateMention:
    """The single mention of a sentence."""
    [mention] = find_dates(text, language, published)
    return mention


@pytest.mark.parametrize(
    ("sentence", "language", "phrase", "value"),
    [
        ("Bantuan itu tiba di pelabuhan kemarin.", "id", "kemarin", date(2024, 8, 6)),
        ("The convoy reached the border yesterday.", "en", "yesterday", date(2024, 8, 6)),
        ("Menlu akan bertolak hari ini.", "id", "hari ini", date(2024, 8, 7)),
        ("The minister flies out today.", "en", "today", date(2024, 8, 7)),
        ("The envoy will speak tonight.", "en", "tonight", date(2024, 8, 7)),
        ("Officials met this morning in the capital.", "en", "this morning", date(2024, 8, 7)),
        ("Tim SAR diberangkatkan tadi malam.", "id", "tadi malam", date(2024, 8, 6)),
        ("Kapal itu merapat dini hari tadi.", "id", "dini hari tadi", date(2024, 8, 7)),
        ("Kapal itu dijadwalkan berlayar lusa.", "id", "lusa", date(2024, 8, 9)),
        ("Pesawat kargo mendarat kemarin lusa.", "id", "kemarin lusa", date(2024, 8, 5)),
        ("Relief flights resume tomorrow.", "en", "tomorrow", date(2024, 8, 8)),
        ("The pledge was made two days ago.", "en", "two days ago", date(2024, 8, 5)),
        ("Janji itu disampaikan dua hari lalu.", "id", "dua hari lalu", date(2024, 8, 5)),
        ("Paket obat dikirim tiga hari yang lalu.", "id", "tiga hari yang lalu", date(2024, 8, 4)),
        ("The team had landed 10 days ago.", "en", "10 days ago", date(2024, 7, 28)),
    ],
)
def test_relative_day_counts_from_the_publication_date(
    sentence: str, language: str, phrase: str, value: date
) -> None:
    assert resolved(sentence, language) == [(phrase, value, "day")]


@pytest.mark.parametrize(
    ("sentence", "language", "phrase", "value"),
    [
        ("Bantuan diserahkan pada hari Sabtu di Dili.", "id", "Sabtu", date(2024, 8, 3)),
        ("Seoul pledged the loan on Tuesday.", "en", "Tuesday", date(2024, 8, 6)),
        ("The offer came on Wednesday.", "en", "Wednesday", date(2024, 8, 7)),  # the day itself
        ("Duta besar itu menelepon Senin lalu.", "id", "Senin lalu", date(2024, 8, 5)),
        ("Canada made the offer last Tuesday.", "en", "last Tuesday", date(2024, 8, 6)),
        ("They spoke last Wednesday.", "en", "last Wednesday", date(2024, 7, 31)),  # a week back
        ("Menteri itu bertemu pada hari Minggu.", "id", "Minggu", date(2024, 8, 4)),
        ("Presiden menerima telepon pada Minggu lalu.", "id", "Minggu lalu", date(2024, 8, 4)),
        ("Delegasi tiba Kamis pekan lalu.", "id", "Kamis pekan lalu", date(2024, 8, 1)),
        ("Jum'at itu hujan turun.", "id", "Jum'at", date(2024, 8, 2)),
        ("Saturday's flood cut the road.", "en", "Saturday", date(2024, 8, 3)),
    ],
)
def test_weekday_is_the_latest_such_day_on_or_before_publication(
    sentence: str, language: str, phrase: str, value: date
) -> None:
    assert resolved(sentence, language) == [(phrase, value, "day")]


@pytest.mark.parametrize(
    ("sentence", "language", "phrase", "value"),
    [
        ("Kapal rumah sakit berangkat Selasa depan.", "id", "Selasa depan", date(2024, 8, 13)),
        ("Talks resume next Tuesday in Geneva.", "en", "next Tuesday", date(2024, 8, 13)),
        ("Konvoi itu akan tiba di perbatasan Jumat malam.", "id", "Jumat", date(2024, 8, 9)),
        ("The second plane will land on Friday.", "en", "Friday", date(2024, 8, 9)),
        ("Kapal dijadwalkan sandar di Beirut Rabu sore.", "id", "Rabu", date(2024, 8, 7)),
        (
            "Pesawat yang dijadwalkan transit di Dili, Timor Leste, tiba Kamis.",
            "id",
            "Kamis",
            date(2024, 8, 8),
        ),
        ("The hospital ship sails this coming Monday.", "en", "this coming Monday", date(2024, 8, 12)),
    ],
)
def test_planned_weekday_resolves_forward_and_is_marked_future(
    sentence: str, language: str, phrase: str, value: date
) -> None:
    mention = only(sentence, language)
    assert (mention.text, mention.value) == (phrase, value)
    assert mention.future == (value > WEDNESDAY)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Tokyo said it will send tents, officials announced on Monday.", "en"),
        ("Manila, which will host the talks, sent tents on Monday.", "en"),
        ("Jepang, yang akan menjadi tuan rumah, mengirim tenda Senin.", "id"),
        ("Indonesia akan mengirim tenda, kata Menlu pada Senin.", "id"),
    ],
)
def test_future_cue_in_a_closed_aside_or_before_reporting_keeps_the_weekday_past(
    sentence: str, language: str
) -> None:
    mention = only(sentence, language)
    assert (mention.value, mention.future) == (date(2024, 8, 5), False)


@pytest.mark.parametrize(
    ("sentence", "language", "phrase", "value"),
    [
        ("Presiden melepas bantuan pada Senin (5/8) pagi.", "id", "Senin (5/8)", date(2024, 8, 5)),
        ("Ia berbicara di Jakarta, Selasa (6/8/2024).", "id", "Selasa (6/8/2024)", date(2024, 8, 6)),
        ("Rabu, 13 September 2023, tenda tiba.", "id", "Rabu, 13 September 2023", date(2023, 9, 13)),
        ("Tim berangkat Selasa pagi, 6 Agustus 2024.", "id", "Selasa pagi, 6 Agustus 2024", date(2024, 8, 6)),
        ("Aid arrived on Monday, Aug. 5, by sea.", "en", "Monday, Aug. 5", date(2024, 8, 5)),
    ],
)
def test_weekday_joins_the_explicit_date_that_follows_it(
    sentence: str, language: str, phrase: str, value: date
) -> None:
    assert resolved(sentence, language) == [(phrase, value, "day")]


@pytest.mark.parametrize(
    ("sentence", "language", "value"),
    [
        ("Surat itu dikirim (11/9/2023) ke Rabat.", "id", date(2023, 9, 11)),
        ("Bantuan tahap dua dikirim (4/8).", "id", date(2024, 8, 4)),
        ("Kapal sandar (9/8) jika cuaca baik.", "id", date(2024, 8, 9)),  # two days ahead: this year
        ("Janji itu dibuat (25/12).", "id", date(2023, 12, 25)),  # months ahead: last year
        ("Dokumen diteken (4/8/23) di Bangkok.", "id", date(2023, 8, 4)),
        ("The memo is dated 11/9/2023.", "en", date(2023, 11, 9)),  # English: month first
        ("The memo is dated 25/9/2023.", "en", date(2023, 9, 25)),  # 25 cannot be a month
        ("Nota itu bertanggal 9/25/2023.", "id", date(2023, 9, 25)),  # 25 cannot be a month
        ("Nota itu bertanggal 11-9-2023.", "id", date(2023, 9, 11)),
        ("The log entry reads 2023-09-11 at the top.", "en", date(2023, 9, 11)),
    ],
)
def test_numeric_dates_are_day_first_except_in_english(sentence: str, language: str, value: date) -> None:
    assert only(sentence, language).value == value


def test_bare_day_and_month_in_parentheses_are_not_read_in_english() -> None:
    assert find_dates("Four of eight (4/8) trucks got through.", "en", WEDNESDAY) == []


@pytest.mark.parametrize(
    ("sentence", "language", "phrase", "value"),
    [
        ("The first flight left on Aug. 3 from Darwin.", "en", "Aug. 3", date(2024, 8, 3)),
        ("Funds were released Sept. 12, 2023, in Rome.", "en", "Sept. 12, 2023", date(2023, 9, 12)),
        ("Pesawat itu mendarat 3 Agustus di Kupang.", "id", "3 Agustus", date(2024, 8, 3)),
        ("Perjanjian diteken 3 Agustus 2023 di Hanoi.", "id", "3 Agustus 2023", date(2023, 8, 3)),
        ("The accord was signed on August 3, 2023.", "en", "August 3, 2023", date(2023, 8, 3)),
        ("Medics arrived Aug 3rd in the north.", "en", "Aug 3rd", date(2024, 8, 3)),
        ("KTT digelar 13-14 Juli di Vientiane.", "id", "13-14 Juli", date(2024, 7, 13)),
        ("Rescuers worked on 2 August 2024 without rest.", "en", "2 August 2024", date(2024, 8, 2)),
        ("The 1st of August saw the first airdrop.", "en", "1st of August", date(2024, 8, 1)),
        ("Bantuan dikirim pada 30 Desember.", "id", "30 Desember", date(2023, 12, 30)),
        ("SEOUL, AUG 6 (Yonhap) - Korea sent tents.", "en", "AUG 6", date(2024, 8, 6)),
        ("Tenda dikirim 28 September lalu.", "id", "28 September lalu", date(2023, 9, 28)),
        ("KTT digelar 5 Agustus mendatang.", "id", "5 Agustus mendatang", date(2025, 8, 5)),
    ],
)
def test_day_and_month_names_in_both_languages(
    sentence: str, language: str, phrase: str, value: date
) -> None:
    assert resolved(sentence, language) == [(phrase, value, "day")]


@pytest.mark.parametrize(
    ("sentence", "language", "phrase", "value", "precision"),
    [
        ("Pledges arrived earlier this month.", "en", "earlier this month", date(2024, 8, 1), "month"),
        ("Tawaran itu datang awal bulan ini.", "id", "awal bulan ini", date(2024, 8, 1), "month"),
        ("Dana itu cair bulan lalu.", "id", "bulan lalu", date(2024, 7, 1), "month"),
        ("The loan was agreed last month.", "en", "last month", date(2024, 7, 1), "month"),
        ("Bantuan dikirim pekan lalu.", "id", "pekan lalu", date(2024, 7, 29), "week"),
        ("Kapal itu berangkat minggu lalu.", "id", "minggu lalu", date(2024, 7, 29), "week"),
        ("Minggu lalu Jepang mengirim tim.", "id", "Minggu lalu", date(2024, 7, 29), "week"),
        ("The offer was made last week.", "en", "last week", date(2024, 7, 29), "week"),
        ("Talks continue next week.", "en", "next week", date(2024, 8, 12), "week"),
        ("Mereka bertemu akhir pekan lalu.", "id", "akhir pekan lalu", date(2024, 8, 3), "day"),
        ("Rescuers arrived over the weekend.", "en", "over the weekend", date(2024, 8, 3), "day"),
        ("Hibah itu dijanjikan dua tahun silam.", "id", "dua tahun silam", date(2022, 1, 1), "year"),
        ("Gempa terjadi pada Juni silam.", "id", "pada Juni silam", date(2024, 6, 1), "month"),
        ("The quake struck in June.", "en", "in June", date(2024, 6, 1), "month"),
        ("Aid was sent in November.", "en", "in November", date(2023, 11, 1), "month"),
        ("Bantuan dijanjikan pada September lalu.", "id", "pada September lalu", date(2023, 9, 1), "month"),
        ("Bantuan dijanjikan pada bulan Juli.", "id", "pada bulan Juli", date(2024, 7, 1), "month"),
        ("Dana itu disalurkan September 2023.", "id", "September 2023", date(2023, 9, 1), "month"),
        ("Floods came in late July.", "en", "late July", date(2024, 7, 1), "month"),
        ("Tim medis berangkat awal Oktober.", "id", "awal Oktober", date(2024, 10, 1), "month"),
        ("Subsidi berlaku hingga Desember.", "id", "hingga Desember", date(2024, 12, 1), "month"),
        ("Troops were sent mid-July.", "en", "mid-July", date(2024, 7, 1), "month"),
        ("Riots broke out last March.", "en", "last March", date(2024, 3, 1), "month"),
        ("The deal lapsed last August.", "en", "last August", date(2023, 8, 1), "month"),
        ("Elections are due next March.", "en", "next March", date(2025, 3, 1), "month"),
        ("The first grant came in 2005.", "en", "in 2005", date(2005, 1, 1), "year"),
        ("Hibah pertama diberikan pada tahun 2005.", "id", "tahun 2005", date(2005, 1, 1), "year"),
        ("After the 2011 tsunami, aid flowed in.", "en", "the 2011", date(2011, 1, 1), "year"),
        ("Bantuan saat banjir besar 2010 dikenang.", "id", "banjir besar 2010", date(2010, 1, 1), "year"),
        ("Kerja sama dimulai tahun lalu.", "id", "tahun lalu", date(2023, 1, 1), "year"),
        ("The pact was renewed three weeks ago.", "en", "three weeks ago", date(2024, 7, 15), "week"),
        ("Pinjaman itu disetujui sebulan lalu.", "id", "sebulan lalu", date(2024, 7, 1), "month"),
        ("Jakarta marked New Year's Day quietly.", "en", "New Year's Day", date(2024, 1, 1), "day"),
    ],
)
def test_periods_resolve_to_their_first_day_with_their_precision(
    sentence: str, language: str, phrase: str, value: date, precision: str
) -> None:
    assert resolved(sentence, language) == [(phrase, value, precision)]


def test_every_precision_is_one_the_events_table_accepts() -> None:
    text = "kemarin, pekan lalu, bulan lalu, tahun lalu, in 2005, Aug. 3"
    assert {d.precision for d in find_dates(text, "id", WEDNESDAY)} == set(DATE_PRECISIONS)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Rapat dimulai pukul 10.00 WIB di gedung itu.", "id"),
        ("The briefing began at 10:30 local time.", "en"),
        ("Indonesia menang 2-0 atas lawannya.", "id"),
        ("A magnitude 7.6 quake hit the coast.", "en"),
        ("Gempa bermagnitudo 7,6 mengguncang pantai.", "id"),
        ("COVID-19 vaccines were shipped by sea.", "en"),
        ("Kantor itu berada di Pasar Minggu, Jakarta Selatan.", "id"),
        ("Shoppers crowded stores on Black Friday.", "en"),
        ("Umat Kristen merayakan Jumat Agung.", "id"),
        ("The Sunday Times reported the figures.", "en"),
        ("Dua minggu setelah banjir, warga kembali.", "id"),
        ("Rescuers may need more help.", "en"),
        ("Pemerintah menyiapkan 4/8 anggaran untuk itu.", "id"),
        ("The 9/11 attacks changed aid policy.", "en"),
        ("A week earlier the border had closed.", "en"),
        ("Sebanyak 2.600 orang tewas dan 1.000 Agustinus selamat.", "id"),
    ],
)
def test_times_scores_magnitudes_and_names_are_not_dates(sentence: str, language: str) -> None:
    assert find_dates(sentence, language, WEDNESDAY) == []


def test_relative_forms_resolve_to_nothing_without_a_publication_date() -> None:
    text = "Kemarin, Senin (5/8), pekan lalu dan pada 3 Agustus, tetapi juga 11/9/2023 dan September 2023."
    assert resolved(text, "id", None) == [
        ("11/9/2023", date(2023, 9, 11), "day"),
        ("September 2023", date(2023, 9, 1), "month"),
    ]


def test_mentions_say_how_they_were_read() -> None:
    first, second = find_dates("Senin lalu dan 3 Agustus 2023", "id", WEDNESDAY)
    assert (first.rule, first.relative, first.future) == ("weekday", True, False)
    assert (second.rule, second.relative, second.future) == ("day_month", False, False)


@pytest.mark.parametrize(
    ("sentence", "language", "phrase", "offset"),
    [
        ("Dua hari sebelumnya, Korea menawarkan tenda.", "id", "Dua hari sebelumnya", -2),
        ("The first flight had left the previous day.", "en", "the previous day", -1),
        ("In Seoul the same day, officials pledged rice.", "en", "the same day", 0),
        ("Malam harinya, presiden menyampaikan duka.", "id", "Malam harinya", 0),
        ("Rapat koordinasi digelar malam itu juga.", "id", "malam itu", 0),
        ("Keesokan harinya tim kedua berangkat.", "id", "Keesokan harinya", 1),
        ("Two days later the second team flew in.", "en", "Two days later", 2),
        ("Tiga hari kemudian, kapal itu sandar.", "id", "Tiga hari kemudian", 3),
        ("Korea offered tents two days ago.", "en", "two days ago", None),
        ("Korea offered tents earlier today.", "en", "earlier today", None),
    ],
)
def test_days_counted_from_the_story_carry_their_offset(
    sentence: str, language: str, phrase: str, offset: int | None
) -> None:
    anchor = date(2024, 7, 20)
    [mention] = find_dates(sentence, language, WEDNESDAY, anchor=anchor)
    assert (mention.text, mention.offset, mention.narrative) == (phrase, offset, offset is not None)
    assert not mention.future
    if offset is not None:
        assert mention.value == anchor + timedelta(days=offset)


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        ("Dua hari sebelumnya, Korea menawarkan tenda.", "id", [date(2024, 8, 5)]),  # from publication
        ("In Seoul the same day, officials pledged rice.", "en", []),  # needs the story's day
        ("Keesokan harinya tim kedua berangkat.", "id", []),
    ],
)
def test_without_an_anchor_only_counted_story_days_fall_back_to_publication(
    sentence: str, language: str, expected: list[date]
) -> None:
    assert [d.value for d in find_dates(sentence, language, WEDNESDAY)] == expected


def test_days_counted_from_the_story_count_from_the_anchor_when_given() -> None:
    text = "Dua hari sebelumnya Korea memberi tenda, pada hari yang sama Jepang menelepon; pekan lalu juga."
    mentions = find_dates(text, "id", WEDNESDAY, anchor=date(2024, 7, 20))
    assert [(d.text, d.value) for d in mentions] == [
        ("Dua hari sebelumnya", date(2024, 7, 18)),
        ("hari yang sama", date(2024, 7, 20)),
        ("pekan lalu", date(2024, 7, 29)),  # not a count from the story: still from publication
    ]


def test_mentions_come_in_text_order_with_their_spans() -> None:
    text = "Yesterday Japan pledged tents; on Monday it had offered rescuers, and last week it sent food."
    mentions = find_dates(text, "en", WEDNESDAY)
    assert [d.text for d in mentions] == ["Yesterday", "Monday", "last week"]
    assert all(text[d.start : d.end] == d.text for d in mentions)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Rabu, 5 Februari 2020, di Jakarta", "id", date(2020, 2, 5)),
        ("dikutip pada Jumat (7/2/2020) malam", "id", date(2020, 2, 7)),
        ("on March 3, 2021 the talks", "en", date(2021, 3, 3)),
        ("published 2023-02-07 at noon", "en", date(2023, 2, 7)),
        ("12 Agustus 2024", "id", date(2024, 8, 12)),
        ("on Thursday", "en", None),
        ("pada bulan Juni 2020", "id", None),
        ("", "id", None),
    ],
)
def test_find_absolute_date_returns_the_first_full_date(
    text: str, language: str, expected: date | None
) -> None:
    assert find_absolute_date(text, language) == expected


def test_a_long_line_without_dates_yields_nothing() -> None:
    line = "bantuan kata-kata 12 3 Agustusan in in pada Pasar Minggu (12/14) " * 20_000
    assert find_dates(line, "id", WEDNESDAY) == []


_TOKENS = (
    "Senin",
    "Minggu",
    "minggu",
    "lalu",
    "kemarin",
    "lusa",
    "pekan",
    "bulan",
    "tahun",
    "ini",
    "depan",
    "mendatang",
    "last",
    "next",
    "this",
    "coming",
    "Tuesday",
    "Friday's",
    "Aug.",
    "Sept",
    "3",
    "13",
    "14",
    "2023",
    "1999",
    "(4/8)",
    "(11/9/2023)",
    "11/9/2023",
    "-",
    "–",
    ",",
    ".",
    "(",
    ")",
    "in",
    "pada",
    "awal",
    "akhir",
    "mid-",
    "late",
    "hari",
    "yang",
    "ago",
    "days",
    "two",
    "dua",
    "sebelumnya",
    "earlier",
    "NEW",
    "YEAR'S",
    "DAY",
    "Natal",
    "Jum'at",
    "SEPT.",
    "31",
    "29",
    "Februari",
    "2/29/2023",
    "2023-02-30",
    "the",
    "2011",
    "banjir",
    "akan",
    "will",
    "said",
    "September",
    "Juli",
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_TOKENS), max_size=15).map(" ".join),
    st.sampled_from(["id", "en", None]),
    st.sampled_from([WEDNESDAY, date(2024, 2, 29), date(2023, 1, 1), None]),
)
def test_any_text_gives_ordered_non_overlapping_mentions(
    text: str, language: str | None, published: date | None
) -> None:
    mentions = find_dates(text, language, published)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))
    assert all(d.precision in DATE_PRECISIONS and text[d.start : d.end] == d.text for d in mentions)
