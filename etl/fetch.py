"""Fetch news pages politely and save each one's main text as a Markdown article the build reads.

Politeness: a clear user agent, a delay between two requests to the same host (or the host's
robots.txt Crawl-delay, if longer), timeouts, a few retries with doubling back-off on server errors
and timeouts only, and robots.txt obeyed. Every failure (HTTP error, timeout, not HTML, too large,
redirect loop, no main text, disallowed) becomes a reason on that URL alone. The main text, title,
site name and publication date (htmldate, through trafilatura) come from etl.read.html_main_text.
"""

from __future__ import annotations

import http.client
import os
import re
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

import etl
from etl.extract.budget import BudgetExceeded
from etl.isolate import BUDGET_SECONDS, WorkerCrashed, run_within_budget
from etl.models import stable_hash
from etl.read import (
    ISOLATE_HTML_CHARS,
    MAX_HTML_BYTES,
    MIN_HTML_WORDS,
    ReadError,
    decode_text,
    detect_language,
    html_main_text,
    is_future,
    megabytes,
)

USER_AGENT = (
    f"AidDiplomacyMonitor/{etl.__version__} (news monitor; reads public pages once, obeys robots.txt)"
)
HTML_TYPES = ("text/html", "application/xhtml+xml")
RETRY_STATUS = 500  # this status and above are retried; client errors are not
ROBOTS_UNREACHABLE = 500  # robots.txt answering 5xx: the whole site is off limits for now (RFC 9309)
SLUG_CHARS = 60

Done = Callable[["Fetched"], None]


class FetchError(Exception):
    """A URL that could not be fetched or saved; `reason` is for people."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Politeness:
    """How the fetcher behaves towards sites; tests set delay and back-off to 0 and short timeouts."""

    user_agent: str = USER_AGENT
    delay: float = 2.0  # seconds between two requests to one host
    timeout: float = 20.0  # seconds to connect, and between two reads
    retries: int = 2  # extra attempts after a server error or a timeout
    backoff: float = 2.0  # seconds before the first retry, doubled each time
    max_bytes: int = MAX_HTML_BYTES


@dataclass(frozen=True)
class Response:
    """One HTTP answer: final URL, status, headers and body (empty for 304)."""

    url: str
    status: int
    headers: Message
    body: bytes


@dataclass(frozen=True)
class Fetched:
    """The outcome for one URL: the article file written, or the reason it was not."""

    url: str
    path: Path | None = None
    title: str | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        """True when the page was saved."""
        return self.path is not None


def http_reason(status: int) -> str:
    """A failed status as people read it: "HTTP 404 (not found)"."""
    known = {404: "not found", 410: "gone", 403: "forbidden", 401: "needs a login", 429: "too many requests"}
    if status >= RETRY_STATUS:
        return f"HTTP {status} (server error)"
    return f"HTTP {status}" + (f" ({known[status]})" if status in known else "")


def is_timeout(err: BaseException) -> bool:
    """True for a timeout, raised directly or wrapped in a URLError."""
    inner = getattr(err, "reason", err)
    return isinstance(err, TimeoutError) or isinstance(inner, TimeoutError)


@dataclass
class Fetcher:
    """An HTTP client that waits between requests to one host, retries, and honours robots.txt."""

    politeness: Politeness = field(default_factory=Politeness)
    sleep: Callable[[float], None] = time.sleep
    last_request: dict[str, float] = field(default_factory=dict)
    robots: dict[str, urllib.robotparser.RobotFileParser | str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """One opener for every request (system proxies, redirects followed, loops detected)."""
        self.opener = urllib.request.build_opener()

    def wait_turn(self, host: str, delay: float) -> None:
        """Sleep until `delay` seconds have passed since the last request to `host`."""
        last = self.last_request.get(host)
        if last is not None and delay > 0:
            remaining = last + delay - time.monotonic()
            if remaining > 0:
                self.sleep(remaining)
        self.last_request[host] = time.monotonic()

    def request(self, url: str, headers: Mapping[str, str], delay: float) -> Response:
        """One GET after the host's delay; HTTP errors and redirect loops raise, 304 returns."""
        self.wait_turn(urlsplit(url).netloc, delay)
        req = urllib.request.Request(url, headers={"User-Agent": self.politeness.user_agent, **headers})
        try:
            with self.opener.open(req, timeout=self.politeness.timeout) as answer:
                return Response(answer.url, answer.status, answer.headers, self.read_body(answer))
        except urllib.error.HTTPError as err:
            if err.code == 304:
                return Response(url, 304, err.headers, b"")
            if 300 <= err.code < 400:
                raise FetchError("redirect loop (or too many redirects)") from None
            raise FetchError(http_reason(err.code)) from None
        except http.client.HTTPException as err:
            raise FetchError(f"connection broken ({type(err).__name__})") from None
        except (urllib.error.URLError, OSError) as err:
            if is_timeout(err):
                raise FetchError(f"timed out after {self.politeness.timeout:g} s") from None
            detail = getattr(err, "reason", err)
            raise FetchError(f"cannot connect ({detail})") from None

    def read_body(self, answer: object) -> bytes:
        """The body; FetchError when over the limit (by Content-Length, or by reading one byte more)."""
        limit = self.politeness.max_bytes
        length = answer.headers.get("Content-Length", "")  # type: ignore[attr-defined]
        if length.isdigit() and int(length) > limit:
            raise FetchError(f"too large: {megabytes(int(length))}, over the {megabytes(limit)} limit")
        body = answer.read(limit + 1)  # type: ignore[attr-defined]
        if len(body) > limit:
            raise FetchError(f"too large: over the {megabytes(limit)} limit")
        return body

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        """GET with robots.txt, the per-host delay and retries (server errors and timeouts only)."""
        delay = self.check_robots(url)
        attempt = 0
        while True:
            try:
                return self.request(url, headers or {}, delay)
            except FetchError as err:
                transient = err.reason.startswith(("timed out", "HTTP 5"))
                if not transient or attempt >= self.politeness.retries:
                    raise
            self.sleep(self.politeness.backoff * 2**attempt)
            attempt += 1

    def check_robots(self, url: str) -> float:
        """The delay to keep for this URL's host; FetchError if its robots.txt disallows the URL."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            self.robots[origin] = self.read_robots(origin)
        rules = self.robots[origin]
        if isinstance(rules, str):
            raise FetchError(rules)
        if not rules.can_fetch(self.politeness.user_agent, url):
            raise FetchError("disallowed by the site's robots.txt")
        crawl_delay = rules.crawl_delay(self.politeness.user_agent)
        return max(self.politeness.delay, float(crawl_delay or 0))

    def read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | str:
        """The site's robots.txt rules; a missing file allows everything, an unreachable one nothing."""
        rules = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        try:
            answer = self.request(f"{origin}/robots.txt", {}, self.politeness.delay)
        except FetchError as err:
            if err.reason.startswith("HTTP 4"):
                rules.parse([])
                return rules
            return f"robots.txt unreachable ({err.reason}); the site is skipped for now"
        rules.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        return rules


def page_text(response: Response) -> str:
    """The page as text, if it is HTML; FetchError otherwise."""
    kind = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
    head = response.body[:512].lstrip().lower()
    if kind not in HTML_TYPES and not (not kind and head.startswith((b"<!doctype html", b"<html"))):
        raise FetchError(f"not an HTML page ({kind or 'unknown type'})")
    charset = response.headers.get_content_charset()
    if charset:
        try:
            return response.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong charset label: guess from the bytes instead
    try:
        return decode_text(response.body)
    except ReadError as err:
        raise FetchError(f"unreadable page: {err.reason}") from None


def main_text(html: str) -> dict[str, str | None]:
    """The page's main text and metadata within the time budget (large pages in the worker process)."""
    try:
        return run_within_budget(
            html_main_text, (html,), BUDGET_SECONDS, isolate=len(html) > ISOLATE_HTML_CHARS
        )
    except (BudgetExceeded, WorkerCrashed) as err:
        raise FetchError(f"reading the page failed: {err}") from None


def published_date(value: str | None) -> str:
    """The page's publication date as YYYY-MM-DD, or "" when unknown, unreadable or in the future."""
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return ""
    return "" if is_future(day) else day.isoformat()


def article_name(url: str) -> str:
    """The file name of a URL's article: host, a slug of its path, and a hash, so a re-fetch replaces it."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.").replace(":", "_")
    last = [p for p in parts.path.split("/") if p][-1:] or ["index"]
    slug = re.sub(r"[^a-z0-9]+", "-", last[0].lower().rsplit(".", 1)[0]).strip("-")[:SLUG_CHARS]
    return f"{host}-{slug or 'page'}-{stable_hash(url, length=10)}.md"


def one_line(value: object) -> str:
    """A front-matter value on one line, in double quotes (which the reader strips)."""
    return '"' + " ".join(str(value).split()) + '"'


def article_markdown(url: str, doc: Mapping[str, str | None], language: str | None) -> str:
    """The article file: front matter the reader knows (and when it was fetched), then the main text."""
    text = (doc.get("text") or "").strip()
    lines = [
        "---",
        f"id: web-{stable_hash(url)}",
        f"url: {url}",
        f"title: {one_line(doc.get('title') or '')}",
        f"outlet: {one_line(doc.get('sitename') or urlsplit(url).netloc.removeprefix('www.'))}",
        f"published: {published_date(doc.get('date'))}",
        f"language: {language or ''}",
        f"fetched: {datetime.now(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "---",
        text,
        "",
    ]
    return "\n".join(lines)


def write_atomically(path: Path, text: str) -> None:
    """Write a file under a temporary name, then rename it over the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def save_page(url: str, response: Response, folder: Path, language: str | None = None) -> Fetched:
    """Extract a fetched page's article and write it into folder; FetchError if it has no main text."""
    doc = main_text(page_text(response))
    text = doc.get("text") or ""
    if len(text.split()) < MIN_HTML_WORDS:
        raise FetchError("no main text on the page (menus, scripts or an empty page)")
    detected = detect_language(text)
    language = language or (detected if detected in ("id", "en") else None)
    path = folder / article_name(url)
    write_atomically(path, article_markdown(url, doc, language))
    return Fetched(url, path, title=doc.get("title"))


def fetch_page(url: str, folder: Path, fetcher: Fetcher, language: str | None = None) -> Fetched:
    """Fetch one URL and save its article; any failure is returned as a reason, never raised."""
    if urlsplit(url).scheme not in ("http", "https"):
        return Fetched(url, reason="not an http(s) URL")
    try:
        return save_page(
            url, fetcher.get(url, {"Accept": "text/html,application/xhtml+xml"}), folder, language
        )
    except FetchError as err:
        return Fetched(url, reason=err.reason)
    except OSError as err:
        return Fetched(url, reason=f"cannot write the article ({err.strerror or err})")
    except Exception as err:  # a library bug on one page must not stop the others
        return Fetched(url, reason=f"failed unexpectedly ({err!r})")


def fetch_urls(
    urls: Iterable[str], folder: Path, fetcher: Fetcher | None = None, done: Done | None = None
) -> list[Fetched]:
    """Fetch every URL into folder (duplicates once), calling done() after each; returns every outcome."""
    fetcher = fetcher or Fetcher()
    results = []
    for url in dict.fromkeys(u.strip() for u in urls if u.strip()):
        result = fetch_page(url, folder, fetcher)
        results.append(result)
        if done is not None:
            done(result)
    return results
