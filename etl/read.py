"""Read input files into Articles, or Rejects with a reason a person understands (the only ETL I/O)."""

from __future__ import annotations

import codecs
import errno
import json
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio
from langdetect import DetectorFactory, LangDetectException, detect

from etl.dates import find_absolute_date
from etl.extract.budget import BudgetExceeded
from etl.isolate import BUDGET_SECONDS, WorkerCrashed, run_within_budget
from etl.models import Article, Reject, stable_hash

DetectorFactory.seed = 0  # langdetect is random unless seeded
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
ANNOTATION_SUFFIXES = (".csv",)
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
MAX_REPORT_BYTES = 2_000_000  # one report; a longer file is a collection or a dump, to be split
MAX_HTML_BYTES = 5_000_000  # a page carries markup, scripts and styles around its report
ISOLATE_HTML_CHARS = 200_000  # bigger pages are parsed in the worker process, killed when late
MAX_JSON_LINE_BYTES = 3 * MAX_REPORT_BYTES  # room for JSON escapes (\u00e9) around a 2 MB text
SAMPLE_CHARS = 20_000  # language and fallback date come from the start of a report: bounded work
MIN_HTML_WORDS = 5  # fewer words of main text is page chrome ("Home", "Enable JavaScript"), not a report
MAX_LEGACY_SHARE = 0.1  # non-ASCII letters in an English or Indonesian Windows-1252 text stay under this
BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
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


def megabytes(size: int) -> str:
    """A byte count as people read it: "12.4 MB"."""
    return f"{size / 1_000_000:.1f} MB"


def too_large(size: int, limit: int, what: str = "one report") -> ReadError:
    """The reject for an input over its size limit, saying what to do about it."""
    return ReadError(
        f"{megabytes(size)}: longer than the {limit / 1_000_000:g} MB limit for {what}; split it"
    )


def read_limited(fp: BinaryIO, limit: int, what: str = "one report") -> bytes:
    """Read at most `limit` bytes; a longer input raises ReadError without being read whole."""
    data = fp.read(limit + 1)
    if len(data) <= limit:
        return data
    try:
        size = fp.seek(0, os.SEEK_END)
    except (OSError, ValueError):
        size = len(data)
    raise too_large(size, limit, what)


def _decode_with_bom(data: bytes) -> str | None:
    """Decode text that starts with a byte-order mark (UTF-8, UTF-16, UTF-32); None when there is none."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                at = err.start + len(bom)
                raise ReadError(f"{name} text with a broken character at offset {at}") from None
    return None


def _western_reading(data: bytes) -> str | None:
    """The Windows-1252 (Latin-1) reading when it is plausible English or Indonesian text, else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    odd = [c for c in text if ord(c) > 127]
    letters = sum(c.isalpha() for c in text) or 1
    if len(odd) > MAX_LEGACY_SHARE * letters:
        return None  # mostly accented letters: another script read as Latin-1 ("Ðîññèÿ")
    if any(unicodedata.category(c)[0] not in "LPN" and c not in "€°±×÷©®™§¶" for c in odd):
        return None
    return text if mess_ratio(text) < 0.1 else None


def _decode_legacy(data: bytes, err: UnicodeDecodeError) -> str:
    """Decode non-UTF-8 text whose encoding is clear (Windows-1252, or what charset-normalizer is sure of)."""
    where = f"byte 0x{data[err.start]:02x} at offset {err.start}"
    mixed = data.decode("utf-8", errors="replace").replace("\ufffd", "")
    if any(ord(c) > 127 for c in mixed):
        raise ReadError(f"mixed encodings: mostly UTF-8, but {where} is not; save it as UTF-8")
    western = _western_reading(data)
    if western is not None:
        return western
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise ReadError(f"not text in UTF-8 or any known encoding ({where})")
    if best.chaos < 0.1 and (len(matches) == 1 or best.coherence >= 0.5):
        return str(best)
    raise ReadError(
        f"not UTF-8 text: perhaps {best.encoding}, but no encoding fits confidently ({where}); "
        "save it as UTF-8"
    )


def decode_text(data: bytes) -> str:
    """Decode bytes to text (BOM, UTF-8, or a clear legacy encoding), or raise ReadError saying why not."""
    text = _decode_with_bom(data)
    if text is None:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise ReadError("binary file, not text", f"NUL byte at offset {nul}")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            text = _decode_legacy(data, err)
    if "\x00" in text:
        raise ReadError("binary file, not text", f"NUL character at offset {text.index(chr(0))}")
    if not text.strip():
        raise ReadError("empty file (only whitespace)" if text else "empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return " ".join(text.split())


def detect_language(text: str) -> str | None:
    """Return "id" or "en" (or another ISO 639-1 code) for the text; None when undecidable."""
    try:
        code = detect(text[:SAMPLE_CHARS])
    except LangDetectException:
        return None
    return LANGUAGE_MAP.get(code, code)


def parse_date(value: str, what: str, today: date | None = None) -> date | None:
    """Parse a YYYY-MM-DD publication date; blank is None; impossible or future dates raise ReadError."""
    value = value.strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ReadError(f"{what}: published {value!r} is not a YYYY-MM-DD date")
    try:
        published = date.fromisoformat(value)
    except ValueError:
        raise ReadError(f"{what}: published {value!r} is not a real date") from None
    if is_future(published, today):
        raise ReadError(f"{what}: published {value} is in the future; check the date")
    return published


def is_future(day: date, today: date | None = None) -> bool:
    """True for a date after tomorrow (one day of slack for time zones ahead of ours)."""
    return day > (today or date.today()) + timedelta(days=1)


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


def text_date(text: str, language: str | None) -> date | None:
    """The first absolute date near the start of the text, unless it lies in the future."""
    found = find_absolute_date(text[:SAMPLE_CHARS], language)
    return None if found is None or is_future(found) else found


def build_article(text: str, meta: dict, path: str | None, *, summary: bool = False) -> Article:
    """Make an Article from text and metadata: hash id, detect language, fall back on a date in the text."""
    text = text.strip()
    if not text:
        raise ReadError("no text, only whitespace")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as err:
        raise ReadError(f"text has an invalid character (a lone surrogate) at offset {err.start}") from None
    if size > MAX_REPORT_BYTES:
        raise too_large(size, MAX_REPORT_BYTES)
    content_hash = stable_hash(normalize_space(text))
    language = meta.get("language") or detect_language(text)
    published = meta.get("published") or text_date(text, language)
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
    if meta and not body.strip():
        raise ReadError("no text after the front matter")
    what = "front matter"
    clean = {k: v for k, v in meta.items() if k in FRONT_MATTER_KEYS and k not in ("published", "summary")}
    clean["language"] = check_language(meta.get("language"), what)
    clean["published"] = parse_date(meta.get("published", ""), what)
    summary = parse_flag(meta.get("summary", ""), what)
    return build_article(body, clean, name, summary=summary)


def read_text(fp: BinaryIO, name: str) -> Article | Reject:
    """Read a .txt or .md article (optionally headed by `---` front matter)."""
    return _article_or_reject(name, lambda: _text_article(read_limited(fp, MAX_REPORT_BYTES), name))


def _html_date(value: object) -> date | None:
    """The page's publication date from trafilatura's metadata, unless unreadable or in the future."""
    try:
        published = date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return None if is_future(published) else published


def html_main_text(html: str) -> dict[str, str | None]:
    """A page's main text and metadata (text, title, url, sitename, date), found by trafilatura."""
    import trafilatura  # slow to import; only HTML inputs need it

    extracted = trafilatura.bare_extraction(html, with_metadata=True)
    doc = extracted.as_dict() if extracted is not None else {}
    return {key: doc.get(key) for key in ("text", "title", "url", "sitename", "date")}


def _read_page(html: str) -> dict[str, str | None]:
    """html_main_text within the time budget; a large page is parsed in the worker process."""
    try:
        return run_within_budget(
            html_main_text, (html,), BUDGET_SECONDS, isolate=len(html) > ISOLATE_HTML_CHARS
        )
    except BudgetExceeded as err:
        raise ReadError(f"reading the HTML page {err}; save its article as text") from None
    except WorkerCrashed as err:
        raise ReadError("reading the HTML page crashed its worker process", str(err)) from None


def _html_article(data: bytes, name: str) -> Article:
    """Build an Article from an HTML page's main text and metadata, via trafilatura."""
    doc = _read_page(decode_text(data))
    text = doc.get("text") or ""
    if len(text.split()) < MIN_HTML_WORDS:
        found = f"found only {normalize_space(text)[:60]!r}" if text.strip() else "found no text"
        raise ReadError("HTML page has no article text (scripts, menus or an empty page)", found)
    published = _html_date(doc["date"]) if doc.get("date") else None
    meta = {"title": doc.get("title"), "url": doc.get("url"), "outlet": doc.get("sitename")}
    return build_article(text, meta | {"published": published}, name)


def read_html(fp: BinaryIO, name: str) -> Article | Reject:
    """Read an .html/.htm page: main text and metadata (title, url, date, site name as outlet)."""
    page = "one HTML page"
    return _article_or_reject(name, lambda: _html_article(read_limited(fp, MAX_HTML_BYTES, page), name))


def json_type(value: object) -> str:
    """How a JSON value's type reads in a reason: "a list", "a number", "true or false", "null"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return {list: "a list", dict: "an object"}.get(type(value), "a string")


def _json_object(line: bytes) -> dict:
    """Parse one JSON Lines line into an object, or raise ReadError saying what is wrong with it."""
    text = decode_text(line)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        if not line.endswith(b"\n"):
            raise ReadError("truncated JSON line (the file ends mid-object)", str(err)) from None
        raise ReadError(f"malformed JSON ({err.msg} at column {err.colno})", text.strip()[:80]) from None
    if not isinstance(obj, dict):
        raise ReadError(f"JSON line is {json_type(obj)}, not an object")
    return obj


def _json_meta(obj: dict) -> dict:
    """The metadata fields of a JSON Lines record as strings; a field of the wrong type raises ReadError."""
    meta = {}
    for key in JSONL_KEYS:
        value = obj.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ReadError(f"'{key}' is {json_type(value)}, expected a string")
        meta[key] = str(value)
    meta["language"] = check_language(meta.get("language"), "JSON line")
    meta["published"] = parse_date(meta.get("published", ""), "JSON line")
    return meta


def _json_article(line: bytes, path: str) -> Article:
    """Build an Article from one JSON Lines line."""
    obj = _json_object(line)
    if "text" not in obj:
        raise ReadError("JSON line has no 'text' field")
    text = obj["text"]
    if not isinstance(text, str):
        raise ReadError(f"'text' is {json_type(text)}, expected a string")
    if not text.strip():
        raise ReadError("'text' is empty")
    summary = obj.get("summary", False)
    if not isinstance(summary, bool):
        raise ReadError(f"'summary' is {json_type(summary)}, expected true or false")
    return build_article(text, _json_meta(obj), path, summary=summary)


def _utf8_lines(fp: BinaryIO) -> BinaryIO:
    """The file itself, or for UTF-16/32 (by its byte-order mark) a UTF-8 copy, so lines split on b"\n"."""
    head = fp.read(4)
    fp.seek(0)
    if not any(head.startswith(bom) for bom, _, name in BOMS if name != "UTF-8"):
        return fp
    return BytesIO(decode_text(fp.read()).encode("utf-8"))


def json_lines(fp: BinaryIO) -> Iterator[tuple[bytes | None, int]]:
    """Each line and its size in bytes, reading at most one line's limit; an overlong line is None."""
    while line := fp.readline(MAX_JSON_LINE_BYTES + 1):
        size = len(line)
        if size > MAX_JSON_LINE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fp.readline(1 << 20)
                size += len(line)
            yield None, size
        else:
            yield line, size


def read_jsonl(fp: BinaryIO, name: str) -> Iterator[Article | Reject]:
    """Read a .jsonl file, one article per line; a bad line is rejected alone as "name:lineno"."""
    try:
        lines = json_lines(_utf8_lines(fp))
    except ReadError as err:
        yield Reject(name, err.reason, err.detail)
        return
    seen = False
    for lineno, (line, size) in enumerate(lines, 1):
        where = f"{name}:{lineno}"
        if line is None:
            seen = True
            yield Reject(where, too_large(size, MAX_JSON_LINE_BYTES, "one JSON line").reason)
        elif line.strip():
            seen = True
            yield _article_or_reject(where, lambda ln=line: _json_article(ln, name))
    if not seen:
        yield Reject(name, "empty file")


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
    """Open and read one article file; an unreadable file is a Reject, and so is a reader bug on it."""
    try:
        with path.open("rb") as fp:
            return read_article_file(fp, str(path), path.suffix)
    except OSError as err:
        return [Reject(str(path), f"cannot read file ({err.strerror or err})")]
    except Exception as err:  # one file that trips a library bug must not stop the build
        return [Reject(str(path), "reading failed (a bug in the reader; please report it)", repr(err))]


def _link_problem(path: Path) -> str:
    """Why a path that is neither file nor folder cannot be read: a broken or looping link, or nothing."""
    if not path.is_symlink():
        return "no such file or folder"
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return "symbolic link loop (the link points back to itself)"
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop (the link points back to itself)"
        return f"broken symbolic link (points to {os.readlink(path)!r}, which does not exist)"
    return "not a regular file or folder"


def _folder_problem(folder: Path, seen: set[Path]) -> str:
    """Why a sub-folder is skipped (a link back to a folder above it, or to one already read); else ""."""
    target = folder.resolve()
    if target in folder.parent.resolve().parents or target == folder.parent.resolve():
        return f"folder link loops back to {target}; skipped"
    if target in seen:
        return f"folder already read (the link points to {target}); skipped"
    seen.add(target)
    return ""


def walk_folder(folder: Path) -> tuple[list[InputFile], list[Reject]]:
    """Article files under a folder (following links, sorted); linked loops and broken links are Rejects."""
    files: list[InputFile] = []
    rejects: list[Reject] = []
    seen = {folder.resolve()}
    for root, dirs, names in os.walk(folder, followlinks=True):
        here = Path(root)
        for name in sorted(dirs, key=lambda n: ((here / n).is_symlink(), n)):  # real folders first
            problem = _folder_problem(here / name, seen)
            if problem:
                dirs.remove(name)
                rejects.append(Reject(str(here / name), problem))
        for name in names:
            path = here / name
            if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES:
                files.append(InputFile(path, named=False))
            elif not path.exists():  # a link to nowhere, or to itself
                rejects.append(Reject(str(path), _link_problem(path)))
    files.sort(key=lambda f: f.path)
    rejects.sort(key=lambda r: r.input)
    return files, rejects


def list_inputs(inputs: Iterable[Path]) -> tuple[list[InputFile], list[Reject]]:
    """Expand named files and folders (recursively, sorted) into input files; missing paths are Rejects."""
    files: list[InputFile] = []
    rejects: list[Reject] = []
    for path in inputs:
        if path.is_dir():
            found, bad = walk_folder(path)
            files.extend(found)
            rejects.extend(bad)
        elif path.is_file():
            files.append(InputFile(path, named=True))
        else:
            rejects.append(Reject(str(path), _link_problem(path)))
    return files, rejects


def is_annotations(path: Path) -> bool:
    """True for an annotations file (a .csv named as input)."""
    return path.suffix.lower() in ANNOTATION_SUFFIXES
