"""The extraction stage: sentences and short articles in, coded aid events out (both languages)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract import extract_events
from etl.models import Article, Event, cameo_code, stable_hash

SUNDAY = date(2024, 8, 4)
Expected = tuple[str, str, str | None, date | None, str | None, str, str | None]


def article(
    text: str, published: date | None = SUNDAY, language: str = "id", title: str | None = None
) -> Article:
    """A test article with a content hash of its text."""
    return Article(
        id="t-1", text=text, content_hash=stable_hash(text), url="https://example.test/a", title=title,
        published=published, language=language,
    )  # fmt: skip


def coded(events: list[Event]) -> list[Expected]:
    """The parts of each event a table states; an agreement's two signers in alphabetical order."""
    rows = []
    for e in events:
        sender, recipient = e.sender, e.recipient
        if e.event_type == "sign_agreement" and sender and recipient:
            sender, recipient = sorted((sender, recipient))
        rows.append(
            (e.event_type, sender, recipient, e.event_date, e.date_precision, e.certainty, e.response)
        )
    return rows


# (text, language, published, expected events: type, sender, recipient, date, precision, certainty, response)
CASES = [
    pytest.param(
        "Presiden Tiongkok Xi Jinping menawarkan bantuan medis kepada Korea Utara pada hari Selasa.",
        "id",
        date(2022, 5, 13),
        [("offer_aid", "CHN", "PRK", date(2022, 5, 10), "day", "stated", None)],
        id="id-offer-active",
    ),
    pytest.param(
        "Bantuan pangan untuk Suriah ditawarkan oleh pemerintah Yunani pada hari Rabu.",
        "id",
        date(2023, 2, 10),
        [("offer_aid", "GRC", "SYR", date(2023, 2, 8), "day", "stated", None)],
        id="id-offer-passive",
    ),
    pytest.param(
        "Tawaran bantuan dari Jepang kepada Turki diumumkan kemarin.",
        "id",
        date(2023, 2, 10),
        [("offer_aid", "JPN", "TUR", date(2023, 2, 9), "day", "stated", None)],
        id="id-offer-nominal",
    ),
    pytest.param(
        "UNICEF menyatakan siap membantu Korea Utara menghadapi banjir pada hari Jumat.",
        "id",
        SUNDAY,
        [("offer_aid", "UNICEF", "PRK", date(2024, 8, 2), "day", "stated", None)],
        id="id-offer-willingness-igo",
    ),
    pytest.param(
        "Indonesia mengirimkan tim medis ke Turki pada 10 Februari 2023.",
        "id",
        date(2023, 2, 19),
        [("provide_aid", "IDN", "TUR", date(2023, 2, 10), "day", "stated", None)],
        id="id-provide",
    ),
    pytest.param(
        "Pemerintah Suriah meminta bantuan kepada Rusia pada hari Senin.",
        "id",
        date(2023, 2, 8),
        [("request_aid", "SYR", "RUS", date(2023, 2, 6), "day", "stated", None)],
        id="id-request",
    ),
    pytest.param(
        "Korea Utara menerima bantuan vaksin dari Tiongkok pada bulan Mei.",
        "id",
        date(2022, 6, 1),
        [("accept_aid", "PRK", "CHN", date(2022, 5, 1), "month", "stated", None)],
        id="id-accept-month",
    ),
    pytest.param(
        "Damaskus menolak bantuan Israel pada hari Senin.",
        "id",
        date(2023, 2, 7),
        [("decline_aid", "SYR", "ISR", date(2023, 2, 6), "day", "stated", "refused")],
        id="id-decline-refused",
    ),
    pytest.param(
        "Presiden Indonesia menyampaikan belasungkawa kepada rakyat Turki pada hari Selasa.",
        "id",
        date(2023, 2, 8),
        [("express_sympathy", "IDN", "TUR", date(2023, 2, 7), "day", "stated", None)],
        id="id-sympathy",
    ),
    pytest.param(
        "Erdogan berterima kasih kepada Indonesia atas bantuan tersebut pada hari Rabu.",
        "id",
        date(2023, 2, 19),
        [("express_gratitude", "TUR", "IDN", date(2023, 2, 15), "day", "stated", None)],
        id="id-gratitude",
    ),
    pytest.param(
        "Rusia dan Korea Utara menandatangani perjanjian kerja sama pada bulan Juni.",
        "id",
        SUNDAY,
        [("sign_agreement", "PRK", "RUS", date(2024, 6, 1), "month", "stated", None)],
        id="id-sign-month",
    ),
    pytest.param(
        "Menteri Luar Negeri Rusia mengunjungi Pyongyang pada hari Kamis.",
        "id",
        SUNDAY,
        [("meet", "RUS", "PRK", date(2024, 8, 1), "day", "stated", None)],
        id="id-meet",
    ),
    pytest.param(
        "Jepang tidak menawarkan bantuan kepada Korea Utara pada hari Kamis.",
        "id",
        SUNDAY,
        [],
        id="id-negation",
    ),
    pytest.param(
        "Iran diduga memasok senjata kepada Rusia.",
        "id",
        SUNDAY,
        [("provide_aid", "IRN", "RUS", None, None, "alleged", None)],
        id="id-alleged-undated",
    ),
    pytest.param(
        "Tiongkok siap membantu Korea Utara, menurut KCNA pada hari Senin.",
        "id",
        SUNDAY,
        [("offer_aid", "CHN", "PRK", date(2024, 7, 29), "day", "reported", None)],
        id="id-reported-speech",
    ),
    pytest.param(
        "Kim Jong Un pada hari Jumat mengisyaratkan akan menolak bantuan Korea Selatan.",
        "id",
        SUNDAY,
        [("decline_aid", "PRK", "KOR", date(2024, 8, 2), "day", "hinted", "refused")],
        id="id-hinted-refusal",
    ),
    pytest.param(
        "Korea Utara berterima kasih kepada Rusia pada hari Minggu, namun akan meminta bantuan nanti "
        "jika diperlukan.",
        "id",
        SUNDAY,
        [
            ("express_gratitude", "PRK", "RUS", SUNDAY, "day", "stated", None),
            ("decline_aid", "PRK", "RUS", SUNDAY, "day", "stated", "deferred"),
        ],
        id="id-gratitude-then-deferral",
    ),
    pytest.param(
        "Rusia menawarkan bantuan banjir kepada Korea Utara pada hari Sabtu.\n"
        "Kim Jong Un berterima kasih atas tawaran tersebut, tetapi pemulihan akan dilakukan secara swadaya.",
        "id",
        SUNDAY,
        [
            ("offer_aid", "RUS", "PRK", date(2024, 8, 3), "day", "stated", None),
            ("express_gratitude", "PRK", "RUS", SUNDAY, "day", "stated", None),
            ("decline_aid", "PRK", "RUS", SUNDAY, "day", "stated", "refused"),
        ],
        id="id-self-reliance-refusal-answers-earlier-offer",
    ),
    pytest.param(
        "Japan offered emergency relief to the Philippines on Tuesday.",
        "en",
        SUNDAY,
        [("offer_aid", "JPN", "PHL", date(2024, 7, 30), "day", "stated", None)],
        id="en-offer-active",
    ),
    pytest.param(
        "North Korea was offered flood aid by Russia on Saturday.",
        "en",
        SUNDAY,
        [("offer_aid", "RUS", "PRK", date(2024, 8, 3), "day", "stated", None)],
        id="en-offer-passive",
    ),
    pytest.param(
        "Greece sent rescue teams to Turkey on Tuesday.",
        "en",
        date(2023, 2, 10),
        [("provide_aid", "GRC", "TUR", date(2023, 2, 7), "day", "stated", None)],
        id="en-provide",
    ),
    pytest.param(
        "The Russian embassy in Pyongyang delivered food aid to North Korean officials on Friday.",
        "en",
        SUNDAY,
        [("provide_aid", "RUS", "PRK", date(2024, 8, 2), "day", "stated", None)],
        id="en-provide-embassy-demonym",
    ),
    pytest.param(
        "Syria asked the United Nations for urgent aid on Monday.",
        "en",
        date(2023, 2, 8),
        [("request_aid", "SYR", "UN", date(2023, 2, 6), "day", "stated", None)],
        id="en-request",
    ),
    pytest.param(
        "Pyongyang sent planes to collect Chinese medical supplies on Monday.",
        "en",
        date(2022, 5, 18),
        [("accept_aid", "PRK", "CHN", date(2022, 5, 16), "day", "stated", None)],
        id="en-accept-collect",
    ),
    pytest.param(
        "Damascus rejected the Israeli offer on Monday.",
        "en",
        date(2023, 2, 7),
        [("decline_aid", "SYR", "ISR", date(2023, 2, 6), "day", "stated", "refused")],
        id="en-decline",
    ),
    pytest.param(
        "The Chinese government expressed condolences to Syria on Tuesday.",
        "en",
        date(2023, 2, 8),
        [("express_sympathy", "CHN", "SYR", date(2023, 2, 7), "day", "stated", None)],
        id="en-sympathy",
    ),
    pytest.param(
        "Putin and Kim Jong Un signed a defence pact in June.",
        "en",
        SUNDAY,
        [("sign_agreement", "PRK", "RUS", date(2024, 6, 1), "month", "stated", None)],
        id="en-sign",
    ),
    pytest.param(
        "Japan did not offer aid to North Korea on Monday.",
        "en",
        SUNDAY,
        [],
        id="en-negation",
    ),
    pytest.param(
        "Iran is alleged to have supplied drones to Russia in exchange for military aid.",
        "en",
        SUNDAY,
        [
            ("provide_aid", "IRN", "RUS", None, None, "alleged", None),
            ("provide_aid", "RUS", "IRN", None, None, "alleged", None),
        ],
        id="en-aid-in-exchange-both-ways",
    ),
    pytest.param(
        "In a message on Saturday, Xi Jinping expressed sympathy to Turkey and offered rescue teams.",
        "en",
        SUNDAY,
        [
            ("express_sympathy", "CHN", "TUR", date(2024, 8, 3), "day", "stated", None),
            ("offer_aid", "CHN", "TUR", date(2024, 8, 3), "day", "stated", None),
        ],
        id="en-two-events-one-sentence",
    ),
    pytest.param(
        "North Korean leader Kim Jong Un got a message from Vladimir Putin on Saturday.\n"
        "Kim thanked Putin but said he would ask for help if needed.",
        "en",
        SUNDAY,
        [
            ("express_gratitude", "PRK", "RUS", SUNDAY, "day", "stated", None),
            ("decline_aid", "PRK", "RUS", SUNDAY, "day", "stated", "deferred"),
        ],
        id="en-thanks-but-would-ask-later",
    ),
    pytest.param(
        "Russia offered North Korea flood aid on Saturday. It also expressed deep sympathy.",
        "en",
        SUNDAY,
        [
            ("offer_aid", "RUS", "PRK", date(2024, 8, 3), "day", "stated", None),
            ("express_sympathy", "RUS", "PRK", date(2024, 8, 3), "day", "stated", None),
        ],
        id="en-pronoun-carries-actors-and-day",
    ),
    pytest.param(
        "South Korea offered medicine to North Korea on Friday. The North later rejected the offer.",
        "en",
        SUNDAY,
        [
            ("offer_aid", "KOR", "PRK", date(2024, 8, 2), "day", "stated", None),
            ("decline_aid", "PRK", "KOR", SUNDAY, "day", "stated", "refused"),
        ],
        id="en-the-north-refuses-earlier-offer",
    ),
    pytest.param(
        "Dalam pesan pada hari Sabtu, Xi Jinping menyampaikan simpati kepada Korea Utara, "
        "KCNA melaporkan pada hari Minggu.",
        "id",
        date(2024, 8, 5),
        [("express_sympathy", "CHN", "PRK", date(2024, 8, 3), "day", "reported", None)],
        id="id-action-day-beats-report",
    ),
    pytest.param(
        "Tiongkok menawarkan bantuan kepada Korea Utara.\nDemikian dilaporkan KCNA pada Minggu (4/8/2024).",
        "id",
        date(2024, 8, 6),
        [("offer_aid", "CHN", "PRK", SUNDAY, "day", "reported", None)],
        id="id-report-line-dates-event",
    ),
    pytest.param(
        "KCNA melaporkan bahwa Tiongkok mengirim bantuan pangan ke Korea Utara pada hari Jumat.",
        "id",
        SUNDAY,
        [("provide_aid", "CHN", "PRK", date(2024, 8, 2), "day", "reported", None)],
        id="id-agency-is-not-actor",
    ),
]


@pytest.mark.parametrize(("text", "language", "published", "expected"), CASES)
def test_sentence_yields_expected_events(
    text: str, language: str, published: date, expected: list[Expected]
) -> None:
    assert coded(extract_events(article(text, published, language))) == expected


def test_offer_in_a_stripped_related_headline_yields_no_event() -> None:
    text = (
        "Banjir besar melanda Korea Utara pada hari Sabtu.\n"
        "BACA JUGA: Korea Selatan Tawarkan Bantuan untuk Korea Utara\n"
        "Warga mengungsi ke sekolah."
    )
    assert extract_events(article(text)) == []


def test_offer_in_a_report_sentence_yields_an_event() -> None:
    text = "Banjir besar melanda Korea Utara.\nSeoul menawarkan bantuan kepada Korea Utara pada hari Kamis."
    assert coded(extract_events(article(text))) == [
        ("offer_aid", "KOR", "PRK", date(2024, 8, 1), "day", "stated", None)
    ]


def test_undated_event_is_kept_for_review() -> None:
    (event,) = extract_events(article("Tiongkok menawarkan bantuan kepada Korea Utara."))
    assert (event.event_date, event.date_precision, event.needs_review) == (None, None, True)


def test_undated_event_in_days_news_takes_publication_day() -> None:
    text = "Banjir melanda kota itu pada hari Minggu.\nTiongkok menawarkan bantuan kepada Korea Utara."
    (event,) = extract_events(article(text))
    assert (event.event_date, event.date_precision, event.needs_review) == (SUNDAY, "day", False)


def test_event_record_carries_codes_evidence_and_source() -> None:
    (event,) = extract_events(article("Indonesia mengirimkan bantuan dana ke Turki pada hari Jumat."))
    assert event.cameo_code == cameo_code("provide_aid", "financial") == "071"
    assert (event.aid_type, event.source, event.source_url, event.article_id) == (
        "financial", "article", "https://example.test/a", "t-1"
    )  # fmt: skip
    assert event.evidence == "Indonesia mengirimkan bantuan dana ke Turki pada hari Jumat."
    assert event.sender_name == "Indonesia" and event.recipient_name == "Turki"


@pytest.mark.parametrize(
    ("text", "aid_type"),
    [
        ("Japan offered humanitarian aid to Syria on Monday.", "humanitarian"),
        ("Japan offered vaccines to Syria on Monday.", "medical"),
        ("Japan offered funds to Syria on Monday.", "financial"),
        ("Japan offered earthquake relief to Syria on Monday.", "disaster_relief"),
        ("Japan offered military aid to Syria on Monday.", "military"),
        ("Japan offered help to Syria on Monday.", "unspecified"),
    ],
)
def test_aid_type_is_classified_from_the_text(text: str, aid_type: str) -> None:
    (event,) = extract_events(article(text, language="en"))
    assert event.aid_type == aid_type


def test_confidence_is_lower_for_an_inferred_actor() -> None:
    text = "Russia offered North Korea flood aid on Saturday. It also expressed deep sympathy."
    offer, sympathy = extract_events(article(text, language="en"))
    assert 0.0 <= sympathy.confidence < offer.confidence <= 1.0


def test_rerun_gives_the_same_event_ids() -> None:
    text = "Tiongkok menawarkan bantuan kepada Korea Utara pada hari Jumat. Korea Utara berterima kasih."
    first = [e.event_id for e in extract_events(article(text))]
    assert first == [e.event_id for e in extract_events(article(text))]
    assert len(set(first)) == len(first) == 2


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(max_size=400),
    language=st.sampled_from(["id", "en", None, "xx"]),
    published=st.one_of(st.none(), st.dates()),
)
def test_extract_events_never_raises(text: str, language: str | None, published: date | None) -> None:
    events = extract_events(article(text, published, language or "id"))
    assert all(isinstance(e, Event) for e in events)


@settings(max_examples=100, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(
            [
                "Korea Utara",
                "Rusia",
                "menawarkan",
                "bantuan",
                "kepada",
                "pada hari Sabtu",
                "thanked",
                "KCNA",
                "(*)",
                "Kim",
                "tidak",
                "offered",
                "by",
                "1/2/2020",
                ".",
                "\n",
                "BACA JUGA:",
                "the North",
                "rejected",
                "June",
            ]
        ),
        max_size=40,
    ),
    published=st.one_of(st.none(), st.dates()),
)
def test_extract_events_never_raises_on_report_like_text(words: list[str], published: date | None) -> None:
    for event in extract_events(article(" ".join(words), published)):
        assert event.event_id and event.certainty in ("stated", "reported", "alleged", "hinted")
        assert 0.0 <= event.confidence <= 1.0
