"""Readers: every input format, front matter, ids, language, dates, and every kind of bad input."""

from __future__ import annotations

import json
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.models import Article, Reject
from etl.read import (
    detect_language,
    list_inputs,
    read_article_file,
    read_html,
    read_jsonl,
    read_path,
    read_text,
    split_front_matter,
)

EN = "South Korea on 1 August 2024 offered to send flood relief supplies to North Korea via the Red Cross."
ID = "Presiden Rusia Vladimir Putin menawarkan bantuan kemanusiaan kepada Korea Utara untuk mengatasi banjir."
HTML = """<html><head><title>Seoul offers aid | Test Daily</title>
<meta property="og:site_name" content="Test Daily">
<meta property="article:published_time" content="2024-08-01T08:00:00+00:00">
<link rel="canonical" href="https://test.example/seoul-offers-aid"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Seoul offers aid</h1>
<p>South Korea offered on Thursday to send flood relief supplies to North Korea through the Red Cross.</p>
<p>The unification ministry said the offer stands and that it expressed condolences to the victims.</p>
</article><footer>Copyright Test Daily</footer></body></html>"""


def text_file(body: str, **meta: str) -> BytesIO:
    """A .txt/.md file object with optional front matter."""
    head = "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n" if meta else ""
    return BytesIO((head + body).encode("utf-8"))


def jsonl_file(*rows: object, tail: str = "") -> BytesIO:
    """A .jsonl file object, one row per line, with raw text appended."""
    return BytesIO(("".join(json.dumps(r) + "\n" for r in rows) + tail).encode("utf-8"))


def test_plain_text_gets_hash_id_detected_language_and_date_from_text() -> None:
    article = read_text(BytesIO(EN.encode()), "a.txt")
    assert isinstance(article, Article)
    assert article.id == article.content_hash and len(article.id) == 16
    assert article.language == "en"
    assert article.published == date(2024, 8, 1)
    assert article.path == "a.txt" and article.summary is False


def test_markdown_front_matter_sets_every_field() -> None:
    fp = text_file(
        ID,
        id="fx-1",
        title='"Putin: bantuan banjir"',
        url="'https://test.example/x'",
        outlet="Kabar Uji",
        published="2024-08-04",
        language="id",
        summary="true",
    )
    article = read_text(fp, "a.md")
    assert isinstance(article, Article)
    assert (article.id, article.title, article.url, article.outlet) == (
        "fx-1",
        "Putin: bantuan banjir",
        "https://test.example/x",
        "Kabar Uji",
    )
    assert (article.published, article.language, article.summary) == (date(2024, 8, 4), "id", True)
    assert article.text == ID


def test_front_matter_allows_blank_values_comments_and_unknown_keys() -> None:
    meta, body = split_front_matter("---\n# a comment\nurl:\ntags: aid\n---\nBody text")
    assert meta == {"url": "", "tags": "aid"}
    assert body == "Body text"


def test_text_without_front_matter_is_all_body() -> None:
    assert split_front_matter("Just text: with a colon") == ({}, "Just text: with a colon")


def test_same_text_with_different_whitespace_gets_same_id() -> None:
    one = read_text(BytesIO(EN.encode()), "a.txt")
    two = read_text(BytesIO(("  " + EN.replace(" ", "\n  ") + "\n\n").encode()), "b.txt")
    other = read_text(BytesIO((EN + " More.").encode()), "c.txt")
    assert isinstance(one, Article) and isinstance(two, Article) and isinstance(other, Article)
    assert one.id == two.id
    assert one.id != other.id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (EN, "en"),
        (ID, "id"),
        ("Kerajaan Malaysia akan menghantar bantuan kemanusiaan kepada mangsa banjir di negara jiran.", "id"),
        ("", None),
    ],
)
def test_language_is_detected_and_mapped_to_id_or_en(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def test_language_detection_is_repeatable() -> None:
    assert {detect_language(ID) for _ in range(5)} == {"id"}


def test_front_matter_published_wins_over_dates_in_text() -> None:
    article = read_text(text_file(EN, published="2024-08-02"), "a.md")
    assert isinstance(article, Article) and article.published == date(2024, 8, 2)


def test_no_published_and_no_date_in_text_leaves_published_empty() -> None:
    body = (
        "Presiden Korea Selatan pada hari Senin kembali menawarkan vaksin kepada Korea Utara, kata pejabat."
    )
    article = read_text(BytesIO(body.encode()), "a.txt")
    assert isinstance(article, Article) and article.published is None


def test_html_main_text_and_metadata_are_extracted() -> None:
    article = read_html(BytesIO(HTML.encode()), "page.html")
    assert isinstance(article, Article)
    assert "flood relief supplies" in article.text
    assert "Copyright" not in article.text and "Home" not in article.text
    assert article.outlet == "Test Daily"
    assert article.url == "https://test.example/seoul-offers-aid"
    assert article.published == date(2024, 8, 1)
    assert article.language == "en"


def test_jsonl_reads_each_line_with_its_own_id() -> None:
    fp = jsonl_file(
        {"id": "j1", "text": EN, "published": "2024-08-01", "outlet": "X", "language": "en"},
        {"text": ID, "url": "https://test.example/2"},
    )
    first, second = read_jsonl(fp, "f.jsonl")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.id, first.published, first.outlet, first.path) == ("j1", date(2024, 8, 1), "X", "f.jsonl")
    assert second.id == second.content_hash and second.language == "id"


def test_jsonl_bad_line_is_rejected_alone_with_its_line_number() -> None:
    fp = BytesIO(
        (
            json.dumps({"id": "a", "text": EN})
            + "\n{not json}\n\n"
            + json.dumps({"id": "b", "text": ID})
            + "\n"
        ).encode()
    )
    results = list(read_jsonl(fp, "f.jsonl"))
    assert [r.id for r in results if isinstance(r, Article)] == ["a", "b"]
    [reject] = [r for r in results if isinstance(r, Reject)]
    assert reject.input == "f.jsonl:2"
    assert reject.reason.startswith("malformed JSON")


def test_jsonl_cut_mid_object_is_rejected_as_truncated() -> None:
    fp = jsonl_file({"id": "a", "text": EN}, tail='{"id": "b", "text": "Presiden Rusia')
    good, cut = read_jsonl(fp, "f.jsonl")
    assert isinstance(good, Article)
    assert isinstance(cut, Reject) and cut.input == "f.jsonl:2"
    assert "truncated" in cut.reason


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ([1, 2], "JSON line is a list, not an object"),
        ({"id": "x"}, "JSON line has no 'text' field"),
        ({"id": "x", "text": ["a", "list"]}, "'text' is a list, expected a string"),
        ({"id": "x", "text": 12}, "'text' is a number, expected a string"),
        ({"id": "x", "text": " \n "}, "'text' is empty"),
        ({"text": EN, "summary": "yes"}, "'summary' is a string, expected true or false"),
        (
            {"id": "x", "text": EN, "published": "1 Aug 2024"},
            "JSON line: published '1 Aug 2024' is not a YYYY-MM-DD date",
        ),
        ({"id": "x", "text": EN, "language": "de"}, "JSON line: language 'de' is not 'id' or 'en'"),
        ({"id": {"a": 1}, "text": EN}, "'id' is an object, expected a string"),
        ({"id": "x", "text": EN, "outlet": True}, "'outlet' is true or false, expected a string"),
    ],
)
def test_jsonl_malformed_line_has_readable_reason(row: object, reason: str) -> None:
    [reject] = read_jsonl(jsonl_file(row), "f.jsonl")
    assert reject == Reject("f.jsonl:1", reason, reject.detail)


BAD_TEXT_FILES = [
    (b"", "empty file"),
    (b"  \n\t\n", "empty file (only whitespace)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
    ("Café offered".encode() + b" aid \xe9 to Chile", "mixed encodings: mostly UTF-8, but byte 0xe9"),
    (bytes(range(128, 256)) * 3, "not text in UTF-8 or any known encoding"),
    (b"\xff\xfe" + b"\x00\xd8", "UTF-16 text with a broken character at offset 2"),
    (
        b"---\ntitle: x\nPutin offered North Korea humanitarian aid after floods hit the north.",
        "front matter not closed",
    ),
    (b"---\npublished: 4 Aug 2024\n---\n" + EN.encode(), "front matter: published '4 Aug 2024' is not"),
    (
        b"---\npublished: 2024-02-30\n---\n" + EN.encode(),
        "front matter: published '2024-02-30' is not a real date",
    ),
    (
        b"---\npublished: 2999-01-01\n---\n" + EN.encode(),
        "front matter: published 2999-01-01 is in the future",
    ),
    (b"---\ntitle: x\n---\n\n  \n", "no text after the front matter"),
    (b"---\njust words\n---\n" + EN.encode(), "front matter line 2 is not 'key: value'"),
    (b"---\nsummary: maybe\n---\n" + EN.encode(), "front matter: summary 'maybe' is not true or false"),
    (b"---\nlanguage: english\n---\n" + EN.encode(), "front matter: language 'english' is not"),
]


@pytest.mark.parametrize(("data", "reason"), BAD_TEXT_FILES)
def test_bad_text_file_is_rejected_with_readable_reason(data: bytes, reason: str) -> None:
    reject = read_text(BytesIO(data), "bad.txt")
    assert isinstance(reject, Reject)
    assert reject.input == "bad.txt"
    assert reject.reason.startswith(reason)


def test_one_sentence_wire_brief_is_a_valid_report() -> None:
    article = read_text(BytesIO(b"Russia offered aid to North Korea on Saturday."), "brief.txt")
    assert isinstance(article, Article) and article.text.endswith("Saturday.")


@pytest.mark.parametrize(
    "data",
    [
        EN.encode("utf-16"),  # what Windows Notepad saves as "Unicode"
        b"\xfe\xff" + EN.encode("utf-16-be"),
        b"\xef\xbb\xbf" + EN.encode(),
        EN.encode("utf-32"),
    ],
    ids=["utf-16-le", "utf-16-be", "utf-8-bom", "utf-32"],
)
def test_text_with_a_byte_order_mark_is_decoded(data: bytes) -> None:
    article = read_text(BytesIO(data), "bom.txt")
    assert isinstance(article, Article) and article.text == EN


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Pemerintah mengirim bantuan ke Türkiye setelah gempa, kata menteri luar negeri.", "latin-1"),
        ("The minister said \u201cwe will help\u201d after the quake \u2013 officials said.", "cp1252"),
        ("Россия предложила гуманитарную помощь Северной Корее после наводнения.", "cp1251"),
    ],
)
def test_legacy_encoding_is_decoded_when_clear(text: str, codec: str) -> None:
    article = read_text(BytesIO(text.encode(codec)), "old.txt")
    assert isinstance(article, Article) and article.text == text


def test_report_over_the_size_limit_is_rejected_without_reading_it_whole() -> None:
    reject = read_text(BytesIO(b"word " * 2_480_000), "huge.txt")
    assert reject == Reject("huge.txt", "12.4 MB: longer than the 2 MB limit for one report; split it")


def test_overlong_json_line_is_rejected_alone() -> None:
    fp = jsonl_file({"text": "x " * 3_100_000}, {"id": "b", "text": ID})
    cut, good = read_jsonl(fp, "f.jsonl")
    assert cut == Reject("f.jsonl:1", "6.2 MB: longer than the 6 MB limit for one JSON line; split it")
    assert isinstance(good, Article) and good.id == "b"


def test_utf16_json_lines_are_read() -> None:
    data = (json.dumps({"id": "u", "text": ID}) + "\n").encode("utf-16")
    [article] = read_jsonl(BytesIO(data), "f.jsonl")
    assert isinstance(article, Article) and article.id == "u"


def test_jsonl_summary_flag_is_read() -> None:
    [article] = read_jsonl(jsonl_file({"text": EN, "summary": True}), "f.jsonl")
    assert isinstance(article, Article) and article.summary is True


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><body><p>Too short.</p></body></html>",
        "<html><head><script>alert(1)</script></head><body><noscript>Enable JS</noscript></body></html>",
    ],
)
def test_html_without_main_text_is_rejected(html: str) -> None:
    reject = read_html(BytesIO(html.encode()), "page.html")
    assert isinstance(reject, Reject)
    assert reject.reason == "HTML page has no article text (scripts, menus or an empty page)"


def test_named_file_of_unknown_type_is_rejected() -> None:
    [reject] = read_article_file(BytesIO(EN.encode()), "notes.docx", ".docx")
    assert isinstance(reject, Reject) and reject.reason == "unknown file type '.docx'"


def test_folders_are_read_recursively_and_skip_other_extensions(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(EN)
    (tmp_path / "sub" / "b.MD").write_text(ID)
    (tmp_path / "sub" / "deeper" / "c.jsonl").write_text(json.dumps({"text": EN}) + "\n")
    (tmp_path / "sub" / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "sub" / "notes.csv").write_text("a,b\n")
    files, rejects = list_inputs([tmp_path, tmp_path / "missing.txt"])
    assert [f.path.relative_to(tmp_path).as_posix() for f in files] == [
        "a.txt",
        "sub/b.MD",
        "sub/deeper/c.jsonl",
    ]
    assert not any(f.named for f in files)
    assert rejects == [Reject(str(tmp_path / "missing.txt"), "no such file or folder")]


def test_symlink_loops_and_broken_links_are_rejected_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(EN)
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    files, rejects = list_inputs([tmp_path])
    assert [f.path for f in files] == [tmp_path / "sub" / "a.txt"]
    assert {Path(r.input).name: r.reason.split(" (")[0] for r in rejects} == {
        "up": f"folder link loops back to {tmp_path.resolve()}; skipped",
        "self.txt": "symbolic link loop",
        "gone.md": "broken symbolic link",
    }


def test_read_path_reports_unreadable_file(tmp_path: Path) -> None:
    [reject] = read_path(tmp_path)  # a folder cannot be opened as a file
    assert isinstance(reject, Reject) and reject.reason.startswith("cannot read file")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_readers_never_raise_on_arbitrary_bytes(data: bytes, suffix: str) -> None:
    results = read_article_file(BytesIO(data), "fuzz" + suffix, suffix)
    assert results
    assert all(isinstance(r, Article | Reject) for r in results)


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(min_size=1, max_size=300), meta=st.dictionaries(st.sampled_from(["id", "title"]), st.text())
)
def test_text_reader_never_raises_on_arbitrary_text_with_front_matter(
    text: str, meta: dict[str, str]
) -> None:
    head = "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n"
    result = read_text(BytesIO((head + text).encode("utf-8", "surrogatepass")), "fuzz.md")
    assert isinstance(result, Article | Reject)
