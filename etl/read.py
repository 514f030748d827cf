"""Read input files into Articles, or Rejects with a reason a person understands (the only ETL I/O)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from langdetect import DetectorFactory, LangDetectException, detect

from etl.dates import find_absolute_date
from etl.models import Article, Reject, stable_hash

DetectorFactory.seed = 0  # langdetect is random unless seeded
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
ANNOTATION_SUFFIXES = (".csv",)
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
MIN_TEXT_CHARS = 60  # shorter than a sentence or two: a stub, not a report
LANGUAGE_MAP = {"id": "id", "ms": "id", "tl": "id", "en": "en"}  # Malay, Tagalog: close to Indonesian
FRONT_MATTER_KEYS = ("id", "title", "url", "outlet", "published", "language", "summary")
JSONL_KEYS = ("id", "url", "title", "outlet", "published", "language")
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0", ""}


class ReadError(ValueError):
    """An input that cannot be loaded; `reason` is for people, `detail` for debugging."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class InputFile:
    """A file to read, and whether the user named it (unknown kinds are rejected only then)."""

    path: Path
    named: bool


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8 text, or raise ReadError for empty, binary or mis-encoded input."""
    if not data.strip():
        raise ReadError("empty file")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ReadError("binary file, not text", f"NUL byte at offset {nul}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad = data[err.start]
        raise ReadError(f"not UTF-8 text (byte 0x{bad:02x} at offset {err.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return " ".join(text.split())


def detect_language(text: str) -> str | None:
    """Return "id" or "en" (or another ISO 639-1 code) for the text; None when undecidable."""
    try:
        code = detect(text)
    except LangDetectException:
        return None
    return LANGUAGE_MAP.get(code, code)


def parse_date(value: str, what: str) -> date | None:
    """Parse a YYYY-MM-DD value; blank is None, anything else raises ReadError."""
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ReadError(f"{what}: published {value!r} is not a YYYY-MM-DD date")


def _unquote(value: str) -> str:
    """Strip one pair of matching quotes around a front-matter value."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a leading `---` block of `key: value` lines from the body; raise ReadError if malformed."""
    lines = text.lstrip("\n").split("\n")
    if lines[0].strip() != "---":
        return {}, text
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
    if end is None:
        raise ReadError("front matter not closed (no closing '---' line)")
    meta: dict[str, str] = {}
    for lineno, line in enumerate(lines[1:end], 2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip():
            raise ReadError(f"front matter line {lineno} is not 'key: value'", line[:80])
        meta[key.strip().lower()] = _unquote(value)
    return meta, "\n".join(lines[end + 1 :])


def parse_flag(value: str, what: str) -> bool:
    """Parse a true/false value; anything else raises ReadError."""
    lowered = value.strip().lower()
    if lowered in _TRUE | _FALSE:
        return lowered in _TRUE
    raise ReadError(f"{what}: summary {value!r} is not true or false")


def check_language(value: str | None, what: str) -> str | None:
    """Return a given language code (id or en), None when blank; raise ReadError otherwise."""
    if value is None or not str(value).strip():
        return None
    code = str(value).strip().lower()
    if code not in ("id", "en"):
        raise ReadError(f"{what}: language {value!r} is not 'id' or 'en'")
    return code


def build_article(text: str, meta: dict, path: str | None, *, summary: bool = False) -> Article:
    """Make an Article from text and metadata: hash id, detect language, fall back on a date in the text."""
    text = text.strip()
    if len(normalize_space(text)) < MIN_TEXT_CHARS:
        raise ReadError(
            f"text too short ({len(normalize_space(text))} characters; at least {MIN_TEXT_CHARS})"
        )
    content_hash = stable_hash(normalize_space(text))
    language = meta.get("language") or detect_language(text)
    published = meta.get("published") or find_absolute_date(text, language)
    return Article(
        id=str(meta.get("id") or "").strip() or content_hash,
        text=text,
        content_hash=content_hash,
        url=meta.get("url") or None,
        title=meta.get("title") or None,
        outlet=meta.get("outlet") or None,
        published=published,
        language=language,
        path=path,
        summary=summary,
    )


def _article_or_reject(name: str, make: Callable[[], Article]) -> Article | Reject:
    """Call make(); turn a ReadError into a Reject for `name`."""
    try:
        return make()
    except ReadError as err:
        return Reject(name, err.reason, err.detail)


def _text_article(data: bytes, name: str) -> Article:
    """Build an Article from a plain-text or Markdown file with optional front matter."""
    meta, body = split_front_matter(decode_text(data))
    what = "front matter"
    clean = {k: v for k, v in meta.items() if k in FRONT_MATTER_KEYS and k not in ("published", "summary")}
    clean["language"] = check_language(meta.get("language"), what)
    clean["published"] = parse_date(meta.get("published", ""), what)
    summary = parse_flag(meta.get("summary", ""), what)
    return build_article(body, clean, name, summary=summary)


def read_text(fp: BinaryIO, name: str) -> Article | Reject:
    """Read a .txt or .md article (optionally headed by `---` front matter)."""
    return _article_or_reject(name, lambda: _text_article(fp.read(), name))


def _html_article(data: bytes, name: str) -> Article:
    """Build an Article from an HTML page's main text and metadata, via trafilatura."""
    import trafilatura  # slow to import; only HTML inputs need it

    html = decode_text(data)
    extracted = trafilatura.bare_extraction(html, with_metadata=True)
    doc = extracted.as_dict() if extracted is not None else {}
    found = len(normalize_space(doc.get("text") or ""))
    if found < MIN_TEXT_CHARS:
        raise ReadError("HTML page has no extractable main text", f"{found} characters found")
    published = None
    if doc.get("date"):
        try:
            published = date.fromisoformat(str(doc["date"])[:10])
        except ValueError:
            published = None
    meta = {"title": doc.get("title"), "url": doc.get("url"), "outlet": doc.get("sitename")}
    return build_article(doc["text"], meta | {"published": published}, name)


def read_html(fp: BinaryIO, name: str) -> Article | Reject:
    """Read an .html/.htm page: main text and metadata (title, url, date, site name as outlet)."""
    return _article_or_reject(name, lambda: _html_article(fp.read(), name))


def _json_article(line: bytes, path: str, is_last: bool) -> Article:
    """Build an Article from one JSON Lines line."""
    text = decode_text(line)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        if is_last and not line.endswith(b"\n"):
            raise ReadError("truncated JSON line (the file ends mid-object)", str(err)) from None
        raise ReadError(f"malformed JSON ({err.msg} at column {err.colno})", text.strip()[:80]) from None
    if not isinstance(obj, dict):
        raise ReadError(f"JSON line is a {type(obj).__name__}, not an object")
    if not isinstance(obj.get("text"), str) or not obj["text"].strip():
        raise ReadError("JSON line has no 'text'")
    bad = [k for k in JSONL_KEYS if obj.get(k) is not None and not isinstance(obj[k], str | int)]
    if bad:
        raise ReadError(f"JSON line has non-text value for {', '.join(bad)}")
    meta = {k: str(obj[k]) for k in JSONL_KEYS if obj.get(k) is not None}
    meta["language"] = check_language(meta.get("language"), "JSON line")
    meta["published"] = parse_date(meta.get("published", ""), "JSON line")
    return build_article(obj["text"], meta, path)


def read_jsonl(fp: BinaryIO, name: str) -> Iterator[Article | Reject]:
    """Read a .jsonl file, one article per line; a bad line is rejected alone as "name:lineno"."""
    lines = fp.read().splitlines(keepends=True)
    if not any(line.strip() for line in lines):
        yield Reject(name, "empty file")
        return
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        is_last = lineno == len(lines)
        yield _article_or_reject(where, lambda ln=line, last=is_last: _json_article(ln, name, last))


def read_article_file(fp: BinaryIO, name: str, suffix: str) -> list[Article | Reject]:
    """Read one article file of a known kind (by suffix) from a binary file object."""
    suffix = suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return [read_text(fp, name)]
    if suffix in HTML_SUFFIXES:
        return [read_html(fp, name)]
    if suffix in JSONL_SUFFIXES:
        return list(read_jsonl(fp, name))
    return [
        Reject(name, f"unknown file type {suffix or '(none)'!r}", "expected .txt .md .html .htm .jsonl .csv")
    ]


def read_path(path: Path) -> list[Article | Reject]:
    """Open and read one article file; an unreadable file is a Reject."""
    try:
        with path.open("rb") as fp:
            return read_article_file(fp, str(path), path.suffix)
    except OSError as err:
        return [Reject(str(path), f"cannot read file ({err.strerror or err})")]


def list_inputs(inputs: Iterable[Path]) -> tuple[list[InputFile], list[Reject]]:
    """Expand named files and folders (recursively, sorted) into input files; missing paths are Rejects."""
    files: list[InputFile] = []
    rejects: list[Reject] = []
    for path in inputs:
        if path.is_dir():
            known = ARTICLE_SUFFIXES
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in known)
            files.extend(InputFile(p, named=False) for p in found)
        elif path.is_file():
            files.append(InputFile(path, named=True))
        else:
            rejects.append(Reject(str(path), "no such file or folder"))
    return files, rejects


def is_annotations(path: Path) -> bool:
    """True for an annotations file (a .csv named as input)."""
    return path.suffix.lower() in ANNOTATION_SUFFIXES
