"""The extraction cache: each article's events kept by article content and extractor version, beside the db.

A rebuild re-extracts only the articles the cache has not seen with the current extractor. The version
is a hash of the extractor's own code (etl.extract and every etl module it imports, found by reading
their imports), its rule and alias files, and the versions of the libraries it calls, so editing a
rule or a module invalidates the cache by itself. Entries of other versions are dropped on save.
The cache is a small DuckDB file; when another process holds it, the build simply runs without it.
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from functools import cache
from importlib import metadata
from pathlib import Path

import duckdb

from etl.models import Article, Event, stable_hash

ETL_DIR = Path(__file__).resolve().parent
ENTRY_MODULE = "etl.extract"
DATA_FILES = ("aliases.toml", "rules/*.toml")  # read by the extractor, relative to etl/
LIBRARIES = ("simplemma", "PySastrawi", "dateparser", "babel", "pycountry")
SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (
    key      VARCHAR PRIMARY KEY,  -- the article's fields and the extractor version, hashed
    version  VARCHAR NOT NULL,
    events   VARCHAR NOT NULL       -- JSON list of events, dates and tuples tagged
);
"""

Extract = Callable[[Article], list[Event]]


def cache_path_for(db_path: Path) -> Path:
    """The extraction cache of a database: `events.extract-cache.duckdb` beside `events.duckdb`."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}.extract-cache.duckdb")


def module_file(name: str) -> Path | None:
    """The source file of an etl module or package by dotted name; None outside etl."""
    parts = name.split(".")
    if parts[0] != "etl":
        return None
    base = ETL_DIR.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_modules(path: Path, package: str) -> Iterator[str]:
    """Dotted names of the modules a source file imports (absolute and relative), and their parents."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parents = package.split(".")
                base = ".".join([*parents[: len(parents) - node.level + 1], base])
            yield base.strip(".")
            yield from (f"{base}.{alias.name}".strip(".") for alias in node.names)


def extractor_files() -> list[Path]:
    """Every etl source file the extractor imports, directly or not, and the data files it reads."""
    seen: dict[str, Path] = {}
    todo = [ENTRY_MODULE]
    while todo:
        name = todo.pop()
        path = module_file(name)
        if path is None or name in seen:
            continue
        seen[name] = path
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        todo.extend(imported_modules(path, package))
    data = [p for pattern in DATA_FILES for p in ETL_DIR.glob(pattern)]
    return sorted(set(seen.values()) | set(data))


def library_version(name: str) -> str:
    """An installed library's version, or "absent"."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


@cache
def extractor_version() -> str:
    """A hash of the extractor's code, rule files and library versions: changes when any of them does."""
    digest = hashlib.sha256()
    for path in extractor_files():
        digest.update(str(path.relative_to(ETL_DIR)).encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        digest.update(f"{name}={library_version(name)}\0".encode())
    return digest.hexdigest()[:16]


def article_key(article: Article, version: str) -> str:
    """The cache key: every field of the article the extractor may read (not its path), and the version."""
    values = {f.name: getattr(article, f.name) for f in fields(article) if f.name != "path"}
    return stable_hash(json.dumps(values, default=str, sort_keys=True), version, length=32)


def encode(value: object) -> object:
    """A field value as JSON, with dates, datetimes and tuples tagged so they come back as they were."""
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, tuple | list):
        items = [encode(v) for v in value]
        return {"$tuple": items} if isinstance(value, tuple) else items
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def untag(obj: dict) -> object:
    """The inverse of encode for one JSON object (json.loads' object_hook): tagged values come back."""
    if len(obj) == 1:
        (tag, inner), *_ = obj.items()
        if tag == "$datetime":
            return datetime.fromisoformat(inner)
        if tag == "$date":
            return date.fromisoformat(inner)
        if tag == "$tuple":
            return tuple(inner)
    return obj


def dump_events(events: list[Event]) -> str:
    """Events as a JSON string."""
    return json.dumps([{f.name: encode(getattr(e, f.name)) for f in fields(e)} for e in events])


def load_events(text: str) -> list[Event]:
    """Events back from dump_events."""
    return [Event(**row) for row in json.loads(text, object_hook=untag)]


@dataclass
class ExtractionCache:
    """Cached events by article key for one extractor version; new entries are written by save()."""

    path: Path | None
    version: str
    stored: dict[str, str] = field(default_factory=dict)
    fresh: dict[str, str] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    @classmethod
    def open(cls, path: Path) -> ExtractionCache:
        """Load the entries of the current version from `path`; a busy or broken file means no cache."""
        cache = cls(Path(path), extractor_version())
        try:
            with duckdb.connect(str(path)) as con:
                con.execute(SCHEMA)
                rows = con.execute(
                    "SELECT key, events FROM extractions WHERE version = ?", [cache.version]
                ).fetchall()
        except duckdb.Error:
            cache.path = None  # another build holds it, or it is damaged: extract everything
            return cache
        cache.stored = dict(rows)
        return cache

    def events(self, article: Article, extract: Extract) -> list[Event]:
        """The article's events from the cache, or from `extract` (then kept for save())."""
        key = article_key(article, self.version)
        text = self.stored.get(key) or self.fresh.get(key)
        if text is not None:
            try:
                events = load_events(text)
            except (TypeError, ValueError, KeyError):
                events = None  # written by an incompatible version of this module: extract again
            if events is not None:
                self.hits += 1
                return events
        events = extract(article)
        self.misses += 1
        if self.path is not None:
            with suppress(TypeError):  # a field the cache cannot store: extracted again next time
                self.fresh[key] = dump_events(events)
        return events

    def save(self) -> None:
        """Write the new entries and drop those of other extractor versions; a busy file is left alone."""
        if self.path is None:
            return
        try:
            with duckdb.connect(str(self.path)) as con:
                con.execute(SCHEMA)
                con.execute("DELETE FROM extractions WHERE version <> ?", [self.version])
                if self.fresh:
                    con.execute(
                        "INSERT OR REPLACE INTO extractions SELECT unnest($keys), $version, unnest($events)",
                        {
                            "keys": list(self.fresh),
                            "version": self.version,
                            "events": list(self.fresh.values()),
                        },
                    )
        except duckdb.Error:
            return
        self.stored.update(self.fresh)
        self.fresh.clear()


def disabled_cache() -> ExtractionCache:
    """A cache that stores nothing: every article is extracted."""
    return ExtractionCache(None, "")
