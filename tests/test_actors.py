"""Actor resolution: CLDR/pycountry names, aliases, leaders, parties, organs, IGOs; agencies only report."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.actors import (
    ATTRIBUTE,
    CURRENCY,
    DEMONYM,
    NAMED,
    NON_ACTOR_KINDS,
    ORIGIN,
    REPORTER,
    article_codes,
    find_mentions,
    is_actor,
    resolve,
)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Korea Utara", "PRK"),  # CLDR Indonesian
        ("Korea Selatan", "KOR"),
        ("Tiongkok", "CHN"),
        ("Rusia", "RUS"),
        ("Yunani", "GRC"),
        ("Suriah", "SYR"),
        ("North Korea", "PRK"),  # CLDR English
        ("Democratic People's Republic of Korea", "PRK"),  # pycountry official name
        ("Türkiye", "TUR"),
        ("Republic of Türkiye", "TUR"),
        ("Korut", "PRK"),  # aliases
        ("Korsel", "KOR"),
        ("Pyongyang", "PRK"),
        ("Seoul", "KOR"),
        ("Moskow", "RUS"),
        ("Kremlin", "RUS"),
        ("Damaskus", "SYR"),
        ("Athena", "GRC"),
        ("Kim Jong Un", "PRK"),
        ("Xi Jinping", "CHN"),
        ("Zhao Lijian", "CHN"),
        ("Yoon Suk Yeol", "KOR"),
        ("Erdogan", "TUR"),
        ("Assad", "SYR"),
        ("Netanyahu", "ISR"),
        ("Partai Pekerja Korea", "PRK"),
        ("Workers' Party of Korea", "PRK"),
        ("Partai Komunis China", "CHN"),
        ("CPC", "CHN"),
        ("Korean Red Cross", "KOR"),
        ("Unification Ministry", "KOR"),
        ("UNICEF", "UNICEF"),
        ("Perserikatan Bangsa-Bangsa", "UN"),
        ("World Health Organization", "WHO"),
        ("Uni Eropa", "EU"),
    ],
)
def test_name_resolves_to_its_state_or_organisation(name: str, code: str) -> None:
    assert resolve(name) == code


@pytest.mark.parametrize(
    "name", ["KCNA", "Yonhap", "TASS", "Xinhua", "AP", "Reuters", "AFP", "NK News", "Korea"]
)
def test_news_agencies_and_ambiguous_names_resolve_to_no_actor(name: str) -> None:
    assert resolve(name) is None


def _codes(sentence: str, known: frozenset[str] = frozenset()) -> list[str]:
    return [m.code for m in find_mentions(sentence, known)]


@pytest.mark.parametrize(
    ("sentence", "codes"),
    [
        ("Pemimpin Korea Utara bertemu Presiden Rusia.", ["PRK", "RUS"]),
        ("The Russian embassy handed over Chinese medical supplies.", ["RUS", "CHN"]),
        ("Korea Utara, bukan Korea, yang disebut.", ["PRK"]),  # "Korea" alone is ambiguous
        ("Menurut kantor berita Korea Selatan Yonhap, Seoul diam.", [REPORTER, REPORTER, "KOR"]),
        ("Kantor Berita Pusat Korea resmi Korea Utara memuatnya.", [REPORTER, REPORTER]),
        ("North Korea's state media said Moscow would help.", [REPORTER, "RUS"]),
        ("Kantor berita pemerintah Rusia Tass menulisnya.", [REPORTER, REPORTER]),
    ],
)
def test_mentions_resolve_longest_names_and_agency_descriptions(sentence: str, codes: list[str]) -> None:
    assert _codes(sentence) == codes


def test_surname_and_the_north_count_only_after_the_state_is_named() -> None:
    sentence = "Kim said the North would manage."
    assert _codes(sentence) == []
    assert _codes(sentence, article_codes("Kim Jong Un leads North Korea.")) == ["PRK", "PRK"]


def test_article_codes_ignore_reporters() -> None:
    assert article_codes("KCNA and Yonhap said Seoul offered help to Pyongyang.") == {"KOR", "PRK"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Tokyo promised vaccines to N. Korea last week.", [("JPN", "capital"), ("PRK", "state")]),
        ("Relief from N.Korea never came.", [("PRK", "state")]),
        ("S. Korea flew tents to the coast.", [("KOR", "state")]),
        ("The U.S. and the U.K. sent engineers.", [("USA", "state"), ("GBR", "state")]),
        ("Aid from the U.S.A. and the US arrived.", [("USA", "state"), ("USA", "state")]),
        ("AS dan UK berjanji membantu.", [("USA", "state"), ("GBR", "state")]),
        ("The UAE and UEA are one state.", [("ARE", "state"), ("ARE", "state")]),
        ("RRC, RRT dan Tiongkok menyebut satu negara.", [("CHN", "state")] * 3),
        (
            "Korut menolak, Korsel menunggu, RI menawarkan tenda.",
            [("PRK", "state"), ("KOR", "state"), ("IDN", "state")],
        ),
    ],
)
def test_abbreviations_resolve_to_their_state(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.code, m.kind) for m in find_mentions(sentence)] == expected


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Negeri Sakura", "JPN"),
        ("negeri Sakura", "JPN"),
        ("Negeri Tirai Bambu", "CHN"),
        ("Negeri Ginseng", "KOR"),
        ("Negeri Paman Sam", "USA"),
        ("Negeri Jiran", "MYS"),
        ("Negeri Kanguru", "AUS"),
        ("Negeri Singa", "SGP"),
        ("Negeri Atap Dunia", "NPL"),
        ("the Hashemite kingdom", "JOR"),
    ],
)
def test_epithets_name_their_state(name: str, code: str) -> None:
    assert [(m.code, m.kind) for m in find_mentions(f"Kemarin {name} mengirim tenda.")] == [(code, "epithet")]


@pytest.mark.parametrize(
    ("sentence", "known", "expected"),
    [
        ("The kingdom thanked its neighbours.", {"MAR", "FRA"}, ["MAR"]),
        ("The kingdom thanked its neighbours.", {"JOR", "ESP", "GBR"}, ["JOR"]),  # primary kingdom wins
        ("The kingdom thanked its neighbours.", {"GBR", "FRA"}, ["GBR"]),  # only secondary kingdom
        ("The kingdom thanked its neighbours.", {"THA", "SAU"}, []),  # two candidates: left out
        ("The kingdom thanked its neighbours.", {"FRA"}, []),
        ("Aid reached the island nation on Sunday.", {"FJI", "AUS", "NZL"}, ["FJI"]),
        ("Aid reached the island nation on Sunday.", {"JPN", "USA"}, ["JPN"]),
        ("Teams flew to the Himalayan nation.", {"NPL", "IND", "CHN"}, ["NPL"]),
        ("The junta declined the offer.", {"MMR", "CHN"}, ["MMR"]),
        ("Bantuan diterima kerajaan itu.", {"SAU", "IDN"}, ["SAU"]),
    ],
)
def test_class_names_resolve_only_to_the_one_such_state_named(
    sentence: str, known: set[str], expected: list[str]
) -> None:
    assert _codes(sentence, frozenset(known)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kemlu siap mengirim bantuan logistik.", ["IDN"]),
        ("Kementerian Luar Negeri memantau warga di sana.", ["IDN"]),
        ("Kementerian Luar Negeri Jepang memantau warga di sana.", ["JPN"]),  # the state after it decides
        ("Menlu Retno Marsudi menelepon Menlu Turki.", ["IDN", "TUR"]),
        ("Basarnas, BNPB dan TNI memberangkatkan tim.", ["IDN", "IDN", "IDN"]),
        ("Pemerintah Indonesia menyiapkan pesawat.", ["IDN"]),
    ],
)
def test_indonesian_state_bodies_act_for_indonesia(sentence: str, expected: list[str]) -> None:
    assert _codes(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "code", "kind"),
    [
        ("The White House promised help.", "USA", "capital"),
        ("Washington pledged funds.", "USA", "capital"),
        ("Beijing shipped masks.", "CHN", "capital"),
        ("Moscow denied the report.", "RUS", "capital"),
        ("Seoul answered quickly.", "KOR", "capital"),
        ("Pyongyang stayed silent.", "PRK", "capital"),
        ("The Kremlin offered condolences.", "RUS", "capital"),
        ("Downing Street announced a grant.", "GBR", "capital"),
        ("The Élysée confirmed the call.", "FRA", "capital"),
        ("Talks took place in Beijing.", "CHN", "place"),
        ("Pertemuan digelar di Tokyo.", "JPN", "place"),
    ],
)
def test_capitals_stand_for_their_state_unless_they_are_the_place(
    sentence: str, code: str, kind: str
) -> None:
    assert [(m.code, m.kind) for m in find_mentions(sentence)] == [(code, kind)]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Swiss doctors landed at dawn.", DEMONYM),
        ("A Qatari team reached the town.", DEMONYM),
        ("Japanese rescuers pulled a child out.", DEMONYM),
        ("The Chinese government sent tents.", DEMONYM),
        ("A Mexican army convoy crossed the river.", DEMONYM),
        ("Officials welcomed a German offer of pumps.", DEMONYM),
        ("The Iranian Red Crescent set up kitchens.", DEMONYM),
        ("The Japanese Prime Minister called.", DEMONYM),
        ("Two Chinese tourists were hurt.", ATTRIBUTE),
        ("Prices of Vietnamese rice rose.", ATTRIBUTE),
        ("The fund holds 5 million Japanese yen.", CURRENCY),
    ],
)
def test_demonyms_are_actors_only_when_they_head_a_state_people_or_team_noun(
    sentence: str, kind: str
) -> None:
    assert [m.kind for m in find_mentions(sentence)] == [kind]


def test_demonym_joined_by_and_shares_the_head_noun() -> None:
    mentions = find_mentions("The Japanese and South Korean teams arrived.")
    assert [(m.code, m.kind) for m in mentions] == [("JPN", DEMONYM), ("KOR", DEMONYM)]


def test_made_forms_with_a_hyphen_are_not_names() -> None:
    assert find_mentions("The Chinese-made pumps and U.S.-built trucks arrived.") == []


@pytest.mark.parametrize(
    ("sentence", "code", "kind"),
    [
        ("Jepang memberi bantuan senilai 5 juta dolar AS.", "USA", CURRENCY),
        ("Dana 2 juta dolar Amerika Serikat disiapkan.", "USA", CURRENCY),
        ("Hibahnya 50 juta yen Jepang.", "JPN", CURRENCY),
        ("Nilainya 3 miliar won Korea Selatan.", "KOR", CURRENCY),
        ("Sumbangan 10.000 dolar Singapura tiba.", "SGP", CURRENCY),
        ("The grant is worth US$3 million.", "USA", CURRENCY),
        ("They raised 20,000 Australian dollars.", "AUS", CURRENCY),
        ("It paid 4 million US dollars.", "USA", CURRENCY),
        ("Gudang menyimpan beras asal Vietnam.", "VNM", ORIGIN),
        ("Pompa buatan Jerman dipasang.", "DEU", ORIGIN),
        ("The pumps were made in Italy.", "ITA", ORIGIN),
        ("Perusahaan asal Kanada itu membuka pabrik.", "CAN", ORIGIN),
        ("PT Sumber Makmur Indonesia memberi ambulans.", "IDN", NAMED),
        ("Timnas Indonesia menang tipis.", "IDN", NAMED),
        ("A storm crossed the Gulf of Mexico.", "MEX", NAMED),
        ("Kapal berlayar di Laut China Selatan.", "CHN", NAMED),
        ("Bank Indonesia menahan suku bunga.", "IDN", NAMED),
        ("Singapore Airlines flew the doctors.", "SGP", NAMED),
    ],
)
def test_amounts_origins_and_other_names_are_not_actors(sentence: str, code: str, kind: str) -> None:
    (mention,) = [m for m in find_mentions(sentence) if m.code == code]
    assert mention.kind == kind and kind in NON_ACTOR_KINDS and not is_actor(mention)


def test_sender_beside_a_currency_keeps_its_role() -> None:
    mentions = find_mentions("Australia memberi 5 juta dolar AS kepada Tonga.")
    assert [(m.code, is_actor(m)) for m in mentions] == [("AUS", True), ("USA", False), ("TON", True)]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("UN", "UN"),
        ("U.N.", "UN"),
        ("PBB", "UN"),
        ("United Nations", "UN"),
        ("UNICEF", "UNICEF"),
        ("WHO", "WHO"),
        ("WFP", "WFP"),
        ("UNHCR", "UNHCR"),
        ("IFRC", "IFRC"),
        ("Federasi Internasional Palang Merah", "IFRC"),
        ("ICRC", "ICRC"),
        ("Komite Internasional Palang Merah", "ICRC"),
        ("ASEAN", "ASEAN"),
        ("AHA Centre", "ASEAN"),
        ("NATO", "NATO"),
        ("IMF", "IMF"),
        ("World Bank", "WB"),
        ("Bank Dunia", "WB"),
        ("European Union", "EU"),
        ("Uni Eropa", "EU"),
        ("European Commission", "EU"),
        ("Komisi Eropa", "EU"),
        ("Singapore Red Cross", "SGP"),
        ("Palang Merah Indonesia", "IDN"),
        ("PMI", "IDN"),
        ("Turkish Red Crescent", "TUR"),
        ("Bulan Sabit Merah Mesir", "EGY"),
    ],
)
def test_organisations_and_national_red_cross_societies(name: str, code: str) -> None:
    assert [m.code for m in find_mentions(f"Kemarin {name} menyalurkan selimut.") if is_actor(m)] == [code]


def test_article_codes_skip_currencies_places_and_class_names() -> None:
    text = "Fiji thanked the island nation's friends. It received 5 juta dolar AS. Talks were in Canberra."
    assert article_codes(text) == {"FJI"}


def test_find_mentions_is_bounded_on_a_long_sentence() -> None:
    sentence = "Japanese " * 20_000 + "doctors arrived."
    assert len(find_mentions(sentence)) == 20_000


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Red Cross volunteers handed out water.", [("IFRC", "generic")]),
        ("The Singapore Red Cross pledged funds.", [("SGP", "state")]),
        ("Iran's Red Crescent flew tents in.", [("IRN", "state")]),
        ("The Iranian Red Crescent flew tents in.", [("IRN", "demonym")]),
        ("The Red Cross Society of China sent blankets.", [("CHN", "state")]),
        ("Palang Merah Internasional menyalurkan air bersih.", [("ICRC", "igo")]),
    ],
)
def test_a_bare_red_cross_is_the_movement_but_a_named_one_is_its_state(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.code, m.kind) for m in find_mentions(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "code", "kind"),
    [
        ("Paket bantuan tiba di Tanah Air kemarin.", "IDN", "epithet"),
        ("The Jewish state offered a field hospital.", "ISR", "epithet"),
        ("The Islamic Republic sent tents.", "IRN", "epithet"),
        ("Paman Sam mengirim kapal.", "USA", "epithet"),
        ("Dokumennya ditulis dalam bahasa Inggris.", "GBR", NAMED),
        ("Air India carried the cargo.", "IND", NAMED),
        ("Yayasan Cinta Indonesia membagikan sembako.", "IDN", NAMED),
        ("The UN Security Council met.", "UN", "igo"),
        ("Bosnia received the convoy.", "BIH", "state"),
    ],
)
def test_more_epithets_organisations_and_names_that_are_not_states(
    sentence: str, code: str, kind: str
) -> None:
    assert [(m.code, m.kind) for m in find_mentions(sentence)] == [(code, kind)]


def test_names_match_whatever_the_spacing_and_never_inside_a_hyphenated_word() -> None:
    assert _codes("N.Korea and N. Korea and S.Korea") == ["PRK", "PRK", "KOR"]
    assert _codes("Pro-China groups and anti_Japan posts") == []


def test_two_home_bodies_in_a_row_are_both_kept() -> None:
    assert _codes("Kemlu Kemenkes") == ["IDN", "IDN"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kuwait $12 million and Oman $3 million were pledged.", [("KWT", "state"), ("OMN", "state")]),
        ("The grant of US$12 million arrived.", [("USA", CURRENCY)]),
        ("South Korea's Foreign Ministry will give $5 million.", [("KOR", "state")]),
        ("Indonesian Hercules C-130 aircraft landed.", [("IDN", DEMONYM)]),
        ("Bangladeshi peacekeeping troops arrived.", [("BGD", DEMONYM)]),
        ("The Moroccan kingdom declined.", [("MAR", DEMONYM)]),
        ("A Turkish Airlines plane landed.", [("TUR", NAMED)]),
        ("Chinese New Year celebrations were cancelled.", [("CHN", ATTRIBUTE)]),
        ("Pemprov DKI Jakarta membantu warga Jakarta Timur.", [("IDN", NAMED), ("IDN", NAMED)]),
        ("KRI Soeharso berlayar membawa dokter.", [("IDN", "state")]),
    ],
)
def test_amount_after_a_donor_and_demonym_phrases(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.code, m.kind) for m in find_mentions(sentence)] == expected


_NAMES = ["Japan", "N. Korea", "U.S.", "dolar AS", "Swiss", "doctors", "the kingdom", "Kemlu", "Red Cross"]
_GLUE = [
    " ",
    ",",
    "-",
    "asal",
    "in",
    "Beijing",
    "PT",
    "Tbk",
    "'s",
    "$",
    "AS",
    "Negeri Sakura",
    "yen",
    "and",
    ".",
]
_PIECES = st.sampled_from([*_NAMES, *_GLUE, "Korean"])


@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=30).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_mentions_are_ordered_disjoint_spans_of_the_sentence(sentence: str) -> None:
    mentions = find_mentions(sentence, frozenset({"MAR", "JPN"}))
    assert all(sentence[m.start : m.end] == m.name for m in mentions)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_the_capital_of_an_indonesian_embassy_is_its_place() -> None:
    mentions = find_mentions("Staf KBRI Tokyo bersiaga di bandara.")
    assert [(m.code, m.kind) for m in mentions] == [("IDN", "state"), ("JPN", "place")]
