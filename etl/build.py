"""The build: read inputs, extract events, apply annotations, and load a new database in one call."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import etl
from etl.annotations import Annotation, apply_annotations, read_annotations_file
from etl.cache import ExtractionCache, cache_path_for, disabled_cache
from etl.changes import record_changes
from etl.extract.budget import BudgetExceeded
from etl.gdelt import load_store, name_new_actors, store_dir_for
from etl.incidents import merge_mentions
from etl.isolate import BUDGET_SECONDS, extract_within_budget
from etl.load import Case, Run, insert_run, load_all, new_database, read_cases
from etl.models import Article, Event, Reject
from etl.read import InputFile, is_annotations, list_inputs, read_path

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class BuildSummary:
    """What a build did: counts, every reject with its reason, where it wrote, how long it took."""

    inputs: int
    articles: int
    events: int
    rejects: tuple[Reject, ...]
    annotations: int
    db_path: Path | None
    seconds: float
    events_by_type: tuple[tuple[str, int], ...] = field(default=())
    gdelt_events: int = 0  # carried over from the GDELT store beside the database
    cached: int = 0  # articles whose events came from the extraction cache (not re-extracted)


@dataclass(frozen=True)
class Parsed:
    """Everything read and extracted from the inputs, before loading."""

    inputs: int
    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    rejects: tuple[Reject, ...]
    annotations: int


class Collector:
    """Accumulates articles, events and rejects, loading each article once (by id and by content)."""

    def __init__(self, budget: float = BUDGET_SECONDS, cache: ExtractionCache | None = None) -> None:
        """Start empty; `budget` is the seconds one article's extraction may take."""
        self.budget = budget
        self.cache = cache or disabled_cache()
        self.articles: dict[str, Article] = {}
        self.by_content: dict[str, str] = {}
        self.events: dict[str, Event] = {}
        self.rejects: list[Reject] = []
        self.annotations: list[Annotation] = []

    def duplicate_of(self, article: Article) -> Reject | None:
        """A Reject noting the article repeats one already loaded, or None if it is new."""
        where = article.path or article.id
        if article.content_hash in self.by_content:
            first_id = self.by_content[article.content_hash]
            return Reject(where, f"duplicate article: same text as {first_id!r}, loaded once")
        if article.id in self.articles:
            first = self.articles[article.id].path
            return Reject(where, f"duplicate article id {article.id!r}: loaded once, from {first}")
        return None

    def add_article(self, article: Article) -> None:
        """Load a new article and its events; note a duplicate instead."""
        duplicate = self.duplicate_of(article)
        if duplicate is not None:
            self.rejects.append(duplicate)
            return
        where = article.path or article.id
        try:
            events = self.cache.events(article, lambda a: extract_within_budget(a, self.budget))
        except BudgetExceeded as err:  # one hostile article must not stall the build
            self.rejects.append(Reject(where, f"extraction {err}; split it or look for unusual text"))
            return
        except Exception as err:  # one article's extraction bug must not stop the build
            self.rejects.append(Reject(where, "extraction failed", f"{err!r}"))
            return
        self.articles[article.id] = article
        self.by_content[article.content_hash] = article.id
        for event in merge_mentions(events):
            self.events.setdefault(event.event_id, event)

    def add_file(self, item: InputFile) -> None:
        """Read one input file: an annotations CSV, or articles of any known kind."""
        if is_annotations(item.path):
            self.add_annotations(item.path)
            return
        for result in read_path(item.path):
            if isinstance(result, Reject):
                self.rejects.append(result)
            else:
                self.add_article(result)

    def add_annotations(self, path: Path) -> None:
        """Read an annotations CSV; its bad rows become rejects."""
        notes, rejects = read_annotations_file(path)
        self.annotations.extend(notes)
        self.rejects.extend(rejects)

    def finish(self, inputs: int) -> Parsed:
        """Apply annotations and freeze the result."""
        events, rejects = apply_annotations(self.events.values(), self.annotations)
        return Parsed(
            inputs=inputs,
            articles=tuple(self.articles.values()),
            events=tuple(events),
            rejects=tuple(self.rejects + rejects),
            annotations=len(self.annotations) - len(rejects),
        )


def parse_inputs(
    inputs: Sequence[Path],
    progress: Progress | None = None,
    budget: float = BUDGET_SECONDS,
    cache: ExtractionCache | None = None,
) -> Parsed:
    """Read every input (files or folders), extract events (or take them from `cache`), apply annotations."""
    files, missing = list_inputs(inputs)
    collector = Collector(budget, cache)
    collector.rejects.extend(missing)
    for done, item in enumerate(files, 1):
        collector.add_file(item)
        if progress is not None:
            progress(done, len(files), item.path.name)
    return collector.finish(len(files))


def read_cases_file(cases_path: Path | None) -> tuple[list[Case], list[Reject]]:
    """Read the cases file if one is given; a missing file is a Reject."""
    if cases_path is None:
        return [], []
    try:
        with cases_path.open("rb") as fp:
            return read_cases(fp, str(cases_path))
    except OSError as err:
        return [], [Reject(str(cases_path), f"cannot read cases file ({err.strerror or err})")]


def count_by_type(events: Sequence[Event]) -> tuple[tuple[str, int], ...]:
    """Event counts per type, most frequent first."""
    counts = Counter(e.event_type for e in events)
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def build_database(
    db_path: Path,
    inputs: Sequence[Path],
    *,
    cases_path: Path | None,
    progress: Progress | None = None,
    budget: float = BUDGET_SECONDS,
    use_cache: bool = True,
) -> BuildSummary:
    """Build a new events database from the inputs and atomically replace db_path with it."""
    clock = time.perf_counter()
    started = datetime.now()
    cache = ExtractionCache.open(cache_path_for(db_path)) if use_cache else disabled_cache()
    with new_database(Path(db_path)) as con:
        parsed = parse_inputs(inputs, progress, budget, cache)
        cache.save()
        cases, case_rejects = read_cases_file(cases_path)
        gdelt_events, gdelt_rejects = load_store(con, store_dir_for(db_path))  # rows import-gdelt kept
        rejects = parsed.rejects + tuple(case_rejects) + tuple(gdelt_rejects)
        load_all(con, parsed.articles, parsed.events, rejects, cases)
        name_new_actors(con)
        record_changes(con, Path(db_path))  # what this build adds to the one it replaces
        run = Run(
            started=started,
            finished=datetime.now(),
            inputs=parsed.inputs,
            articles=len(parsed.articles),
            events=len(parsed.events),
            rejects=len(rejects),
            annotations=parsed.annotations,
            version=etl.__version__,
        )
        insert_run(con, run)
    return BuildSummary(
        inputs=parsed.inputs,
        articles=len(parsed.articles),
        events=len(parsed.events),
        rejects=rejects,
        annotations=parsed.annotations,
        db_path=Path(db_path),
        seconds=round(time.perf_counter() - clock, 3),
        events_by_type=count_by_type(parsed.events),
        gdelt_events=gdelt_events,
        cached=cache.hits,
    )
