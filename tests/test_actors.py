"""Actor resolution: CLDR/pycountry names, aliases, leaders, parties, organs, IGOs; agencies only report."""

from __future__ import annotations

import pytest

from etl.actors import REPORTER, article_codes, find_mentions, resolve


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
