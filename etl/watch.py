"""Watch RSS/Atom feeds: fetch the new aid-related items, rebuild the database, remember what was seen.

One cycle: read the feeds file, poll each feed (conditionally, with its last ETag and Last-Modified),
keep the items whose title or summary mentions an aid word, fetch the ones never seen before into the
articles folder, and rebuild with etl.build.build_database (which swaps the database atomically and
re-extracts only the new articles, thanks to the extraction cache). The state file beside the
database (`events.watch-state.json`) keeps the feeds' validators and every item URL already tried,
so a restart fetches nothing twice; a failed page is reported once and not retried by the watcher.
"""

from __future__ import annotations

import json
import os
import re
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin

import duckdb
import feedparser

from etl.build import build_database
from etl.fetch import Fetched, Fetcher, FetchError, fetch_page

# Words that mark an item as worth fetching, matched at the start of a word, case-insensitively.
DEFAULT_KEYWORDS = (
    # English
    "aid",
    "relief",
    "humanitarian",
    "assistance",
    "donat",
    "donor",
    "grant",
    "condolence",
    "sympathy",
    "rescue",
    "emergency supplies",
    # Indonesian
    "bantu",
    "membantu",
    "kemanusiaan",
    "hibah",
    "donasi",
    "sumbang",
    "menyumbang",
    "belasungkawa",
    "simpati",
    "pertolongan",
    "relawan",
)
INTERVAL_UNITS = {"s": 1, "m": 60, "h": 3600}


class WatchError(ValueError):
    """A feeds file or option the watcher cannot use; the message says what to change."""


@dataclass(frozen=True)
class Feed:
    """One feed to poll: its name, URL, language of its articles (or None to detect) and keywords."""

    name: str
    url: str
    language: str | None = None
    keywords: tuple[str, ...] = DEFAULT_KEYWORDS

    def matches(self, text: str) -> bool:
        """True when the text mentions one of the feed's keywords (every item, if it has none)."""
        if not self.keywords:
            return True
        pattern = r"\b(?:" + "|".join(re.escape(k) for k in self.keywords) + ")"
        return re.search(pattern, text, re.IGNORECASE) is not None


@dataclass(frozen=True)
class Item:
    """A feed item worth fetching."""

    url: str
    feed: Feed


@dataclass(frozen=True)
class WatchConfig:
    """Where the watcher reads feeds, writes articles and builds the database."""

    feeds_path: Path
    db_path: Path
    articles_dir: Path  # fetched articles are written here
    inputs: tuple[Path, ...]  # what every build reads (articles_dir among them, or inside one)
    cases_path: Path | None = None

    @property
    def state_path(self) -> Path:
        """The state file beside the database."""
        return state_path_for(self.db_path)


@dataclass
class State:
    """What the watcher remembers between cycles: feed validators and every item URL tried."""

    feeds: dict[str, dict[str, str]] = field(default_factory=dict)
    seen: dict[str, str] = field(default_factory=dict)  # item URL -> when, and "fetched" or why not
    pending: bool = False  # articles were fetched but the rebuild failed: build at the next cycle


@dataclass
class Cycle:
    """What one cycle did, for its log line."""

    feeds: int = 0
    unchanged: int = 0
    new_items: int = 0
    fetched: int = 0
    events_added: int = 0
    events: int = 0
    built: bool = False
    errors: list[str] = field(default_factory=list)

    def line(self, when: datetime) -> str:
        """The one log line of this cycle."""
        build = f"{self.events_added:+d} events ({self.events} in all)" if self.built else "no rebuild"
        return (
            f"{when:%Y-%m-%d %H:%M:%S} watch: {self.feeds} feeds polled ({self.unchanged} unchanged), "
            f"{self.new_items} new items, {self.fetched} articles fetched, {build}, "
            f"{len(self.errors)} errors"
        )


def state_path_for(db_path: Path) -> Path:
    """The watcher's state file of a database: `events.watch-state.json` beside `events.duckdb`."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}.watch-state.json")


def inputs_with(folder: Path, inputs: Sequence[Path]) -> list[Path]:
    """The build inputs, plus the articles folder unless it lies inside one of them."""
    inside = any(Path(folder).resolve().is_relative_to(Path(p).resolve()) for p in inputs)
    return list(inputs) if inside else [*inputs, Path(folder)]


def parse_interval(text: str) -> float:
    """Seconds in "15m", "1h", "90s" or "90"; WatchError for anything else or for zero."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text.lower())
    if not found or float(found[1]) <= 0:
        raise WatchError(f"--every {text!r}: expected a duration such as 90s, 15m or 1h")
    return float(found[1]) * INTERVAL_UNITS[found[2] or "s"]


def feed_from_table(table: dict, defaults: tuple[str, ...], where: str) -> Feed:
    """One [[feeds]] table as a Feed; WatchError when it lacks a URL or has a bad field."""
    url = table.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise WatchError(f"{where}: 'url' must be an http(s) address")
    language = table.get("language")
    if language not in (None, "id", "en"):
        raise WatchError(f"{where}: language {language!r} is not 'id' or 'en'")
    keywords = table.get("keywords", defaults)
    if not isinstance(keywords, list | tuple) or not all(isinstance(k, str) for k in keywords):
        raise WatchError(f"{where}: 'keywords' must be a list of words")
    return Feed(str(table.get("name") or url), url, language, tuple(keywords))


def read_feeds(path: Path) -> list[Feed]:
    """The feeds listed in a TOML file ([[feeds]] tables; an optional top-level keywords list)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise WatchError(f"cannot read the feeds file {path} ({err.strerror or err})") from None
    except tomllib.TOMLDecodeError as err:
        raise WatchError(f"{path}: not valid TOML ({err})") from None
    defaults = data.get("keywords", DEFAULT_KEYWORDS)
    tables = data.get("feeds", [])
    if not isinstance(tables, list):
        raise WatchError(f"{path}: feeds must be [[feeds]] tables")
    return [feed_from_table(t, tuple(defaults), f"{path}: feed {n}") for n, t in enumerate(tables, 1)]


def load_state(path: Path) -> State:
    """The saved state, or an empty one when there is none yet (or it cannot be read)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        feeds, seen = dict(data.get("feeds", {})), dict(data.get("seen", {}))
        return State(feeds=feeds, seen=seen, pending=bool(data.get("pending", False)))
    except (OSError, ValueError, AttributeError):
        return State()


def save_state(path: Path, state: State) -> None:
    """Write the state atomically (temporary file, then rename)."""
    tmp = Path(path).with_name(f".{Path(path).name}.tmp")
    data = {"feeds": state.feeds, "seen": state.seen, "pending": state.pending}
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def conditional_headers(validators: dict[str, str]) -> dict[str, str]:
    """If-None-Match and If-Modified-Since from a feed's last ETag and Last-Modified."""
    headers = {}
    if validators.get("etag"):
        headers["If-None-Match"] = validators["etag"]
    if validators.get("modified"):
        headers["If-Modified-Since"] = validators["modified"]
    return headers


def poll_feed(feed: Feed, state: State, fetcher: Fetcher) -> list[Item] | None:
    """The matching items of a feed (None when it answered 304); FetchError when unreadable."""
    response = fetcher.get(feed.url, conditional_headers(state.feeds.get(feed.url, {})))
    if response.status == 304:
        return None
    parsed = feedparser.parse(response.body, response_headers={"content-location": response.url})
    if parsed.bozo and not parsed.entries:
        raise FetchError(f"not a readable RSS or Atom feed ({parsed.get('bozo_exception')})")
    validators = {"etag": response.headers.get("ETag"), "modified": response.headers.get("Last-Modified")}
    state.feeds[feed.url] = {k: v for k, v in validators.items() if v}
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        words = f"{entry.get('title', '')} {entry.get('summary', '')}"
        if link and feed.matches(words):
            items.append(Item(urljoin(response.url, link), feed))
    return items


def previous_events(db_path: Path) -> int:
    """The events counted by the database's last build, 0 when there is no database yet."""
    if not Path(db_path).exists():
        return 0
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            row = con.execute("SELECT events FROM etl_runs ORDER BY finished DESC LIMIT 1").fetchone()
    except duckdb.Error:
        return 0
    return int(row[0]) if row else 0


def new_items(feeds: Sequence[Feed], state: State, fetcher: Fetcher, cycle: Cycle) -> list[Item]:
    """Poll every feed; the matching items not seen before, each once. Feed failures go to cycle.errors."""
    found: dict[str, Item] = {}
    for feed in feeds:
        cycle.feeds += 1
        try:
            items = poll_feed(feed, state, fetcher)
        except FetchError as err:
            cycle.errors.append(f"feed {feed.name} ({feed.url}): {err.reason}")
            continue
        if items is None:
            cycle.unchanged += 1
            continue
        for item in items:
            if item.url not in state.seen:
                found.setdefault(item.url, item)
    return list(found.values())


def fetch_items(
    items: Sequence[Item], config: WatchConfig, fetcher: Fetcher, cycle: Cycle, state: State
) -> None:
    """Fetch the new items into the articles folder and mark them seen; failures go to cycle.errors."""
    for item in items:
        result: Fetched = fetch_page(item.url, config.articles_dir, fetcher, item.feed.language)
        if result.ok:
            cycle.fetched += 1
        else:
            cycle.errors.append(f"{item.url}: {result.reason}")
        when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        state.seen[item.url] = f"{when} {'fetched' if result.ok else result.reason}"


def run_cycle(config: WatchConfig, fetcher: Fetcher | None = None) -> Cycle:
    """Poll, fetch the new items, save the state, and rebuild when an article came in (or no db exists)."""
    fetcher = fetcher or Fetcher()
    cycle = Cycle()
    try:
        feeds = read_feeds(config.feeds_path)  # read every cycle: edits apply without a restart
    except WatchError as err:
        cycle.errors.append(str(err))
        return cycle
    state = load_state(config.state_path)
    items = new_items(feeds, state, fetcher, cycle)
    cycle.new_items = len(items)
    fetch_items(items, config, fetcher, cycle, state)
    state.pending = state.pending or cycle.fetched > 0 or not config.db_path.exists()
    config.db_path.parent.mkdir(parents=True, exist_ok=True)
    save_state(config.state_path, state)
    if state.pending:
        rebuild(config, cycle)
        state.pending = not cycle.built
        save_state(config.state_path, state)
    return cycle


def rebuild(config: WatchConfig, cycle: Cycle) -> None:
    """Rebuild the database and note the event counts; a failed build is an error of the cycle."""
    before = previous_events(config.db_path)
    try:
        summary = build_database(config.db_path, config.inputs, cases_path=config.cases_path)
    except (OSError, duckdb.Error) as err:
        cycle.errors.append(f"build failed, retried next cycle: {err}")
        return
    cycle.built, cycle.events = True, summary.events
    cycle.events_added = summary.events - before


def watch(
    config: WatchConfig,
    every: float | None,
    log: Callable[[Cycle], None],
    fetcher: Fetcher | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Cycle:
    """Run one cycle (every=None) or one every `every` seconds until interrupted; returns the last."""
    fetcher = fetcher or Fetcher()
    while True:
        started = time.monotonic()
        cycle = run_cycle(config, fetcher)
        log(cycle)
        if every is None:
            return cycle
        sleep(max(0.0, every - (time.monotonic() - started)))
