"""`python -m etl`: argument parsing, a progress bar and a summary around the library calls in etl.build."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

import duckdb

import etl
from etl.build import BuildSummary, build_database, parse_inputs
from etl.evaluate import GoldError, evaluate, format_report, report_dict
from etl.extract import extract_explained
from etl.extract.explain import format_explained
from etl.fetch import Fetched, Fetcher, Politeness, fetch_urls
from etl.gdelt import DEFAULT_CODES, Filters, ImportSummary, check_codes, export_parquet, import_gdelt
from etl.models import Event, Reject
from etl.settings import Settings, load_settings
from etl.watch import Cycle, WatchConfig, WatchError, inputs_with, parse_interval, read_feeds, watch

HANDFUL = 5  # more files than this get a progress bar even when stderr is not a terminal
EXIT_OK, EXIT_REJECTS, EXIT_USAGE = 0, 1, 2

MAIN_HELP = """Turn news reports about states offering aid into CAMEO-coded events in DuckDB.

Example:
    python -m etl build
    python -m etl parse data/articles/ > events.jsonl
    python -m etl evaluate gold.json my-articles/
    python -m etl import-gdelt 20240206.export.CSV.zip
    python -m etl fetch https://example.org/news/flood-aid.html
    python -m etl watch --once
"""
BUILD_HELP = """Build the events database from articles (.txt .md .html .jsonl) and annotations (.csv).

Folders are read recursively. The new database is written beside the target under a temporary
name and swapped in atomically, so a running dashboard never sees a half-built file.
Exit status: 0 built, 1 built with rejects under --strict (or the build failed), 2 bad arguments.

Example:
    python -m etl build --db data/events.duckdb data/articles/ data/annotations.csv
"""
IMPORT_GDELT_HELP = """Import GDELT Events export files (1.0 or 2.0; .CSV/.tsv, zipped or not, or Parquet).

Keeps the aid-related CAMEO codes (default: 018 023 033 057 07 0863 103 122), one event per
GLOBALEVENTID, so importing a file twice changes nothing. The kept rows of each file are saved in
the store beside the database (data/gdelt/ for data/events.duckdb), which every build reads again;
the database is then swapped in atomically. Malformed rows go to `rejects` with their line number.

Example:
    python -m etl import-gdelt ~/Downloads/20240206.export.CSV.zip --since 2024-01-01
"""
EXPORT_PARQUET_HELP = """Write the events table as Parquet files partitioned by year (DIR/year=2024/...).

Example:
    python -m etl export-parquet exports/events
"""
PARSE_HELP = """Print the events found in the inputs as JSON Lines; touch no database.

Each line has the columns of the events table (dates as ISO strings); rejects go to stderr.

Example:
    python -m etl parse data/articles/2020-02-01-yonhap-kim-letter-xi.md
"""
EVALUATE_HELP = """Run the extractor on the inputs and score it against hand-coded gold events.

GOLD is a JSON file {"articles": {ARTICLE_ID: [[type, sender, recipient|null, date|null, required], ...]}}
scored against INPUT files or folders (JSON Lines ids are the article ids), or a JSON Lines file whose
records carry "id", "text" and "gold": then the records are the input too and INPUT may be left out.
Prints precision, recall, F1 and date accuracy overall, by language and by event type.

Example:
    python -m etl evaluate gold.json articles.jsonl --errors
    python -m etl evaluate sentences-with-gold.jsonl --json
"""


def add_evaluate_parser(commands: argparse._SubParsersAction) -> None:
    """The `evaluate` command's arguments."""
    evaluate_cmd = commands.add_parser(
        "evaluate",
        help="score the extractor against gold events",
        description=EVALUATE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    evaluate_cmd.add_argument("gold", type=Path, metavar="GOLD", help="gold file (.json or .jsonl records)")
    evaluate_cmd.add_argument(
        "inputs", nargs="*", type=Path, metavar="INPUT", help="files or folders to read"
    )
    evaluate_cmd.add_argument("--errors", action="store_true", help="list every miss and extra with evidence")
    evaluate_cmd.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    evaluate_cmd.add_argument("--quiet", action="store_true", help="no progress bar")


def make_parser() -> argparse.ArgumentParser:
    """The argument parser for `python -m etl` and its commands."""
    settings = load_settings()
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(prog="python -m etl", description=MAIN_HELP, formatter_class=raw)
    parser.add_argument("--version", action="version", version=f"%(prog)s {etl.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = commands.add_parser(
        "build", help="build the events database", description=BUILD_HELP, formatter_class=raw
    )
    build.add_argument(
        "inputs",
        nargs="*",
        type=Path,
        metavar="INPUT",
        help="files or folders (default: data/articles/ data/annotations.csv)",
    )
    build.add_argument(
        "--db",
        type=Path,
        default=settings.db_path,
        help="database to (re)build (default: $AID_DB or data/events.duckdb)",
    )
    build.add_argument(
        "--cases", type=Path, default=settings.cases_path, help="reference cases (default: data/cases.toml)"
    )
    build.add_argument("--strict", action="store_true", help="exit 1 if any input was rejected")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.set_defaults(defaults=[settings.articles_dir, settings.annotations_path])
    parse = commands.add_parser(
        "parse", help="print events as JSON Lines", description=PARSE_HELP, formatter_class=raw
    )
    parse.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="files or folders to read")
    parse.add_argument("--strict", action="store_true", help="exit 1 if any input was rejected")
    parse.add_argument("--quiet", action="store_true", help="no progress bar")
    parse.add_argument(
        "--explain", action="store_true", help="print each event's trigger, role spans, date, hedge and rule"
    )
    add_evaluate_parser(commands)
    add_gdelt_parsers(commands, settings.db_path)
    add_feed_parsers(commands, settings)
    return parser


def add_gdelt_parsers(commands: argparse._SubParsersAction, db_path: Path) -> None:
    """The import-gdelt and export-parquet commands."""
    raw = argparse.RawDescriptionHelpFormatter
    gdelt = commands.add_parser(
        "import-gdelt", help="import GDELT event files", description=IMPORT_GDELT_HELP, formatter_class=raw
    )
    gdelt.add_argument(
        "inputs", nargs="+", type=Path, metavar="FILE_OR_FOLDER", help="export files or folders"
    )
    gdelt.add_argument("--db", type=Path, default=db_path, help="database to update (default: $AID_DB)")
    gdelt.add_argument("--since", type=date.fromisoformat, help="keep events on or after this date (SQLDATE)")
    gdelt.add_argument(
        "--until", type=date.fromisoformat, help="keep events on or before this date (SQLDATE)"
    )
    gdelt.add_argument("--codes", nargs="+", default=list(DEFAULT_CODES), help="CAMEO code prefixes to keep")
    gdelt.add_argument("--strict", action="store_true", help="exit 1 if any row or file was rejected")
    gdelt.add_argument("--quiet", action="store_true", help="no progress bar")
    export = commands.add_parser(
        "export-parquet", help="write events as Parquet", description=EXPORT_PARQUET_HELP, formatter_class=raw
    )
    export.add_argument("dir", type=Path, metavar="DIR", help="folder to write year=YYYY/ partitions into")
    export.add_argument("--db", type=Path, default=db_path, help="database to read (default: $AID_DB)")
    export.set_defaults(quiet=True)


class ProgressBar:
    """Progress callback: a tqdm bar on stderr, drawn on a terminal or for more than a handful of files."""

    def __init__(self, enabled: bool, stream: TextIO) -> None:
        """Nothing is drawn until the first call, which tells the total."""
        self.enabled = enabled
        self.stream = stream
        self.bar = None

    def __call__(self, done: int, total: int, label: str) -> None:
        """Advance the bar to `done` of `total`."""
        if not self.enabled:
            return
        if self.bar is None:
            if not (self.stream.isatty() or total > HANDFUL):
                self.enabled = False
                return
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="file", file=self.stream, leave=False)
        self.bar.set_postfix_str(label[:40], refresh=False)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        """Remove the bar."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None
            self.enabled = False


def format_rejects(rejects: Sequence[Reject]) -> list[str]:
    """One line per reject: input, reason and detail."""
    return [
        f"  {r.input}: {r.reason}" + (f" ({' '.join(r.detail.split())[:100]})" if r.detail else "")
        for r in rejects
    ]


def format_summary(summary: BuildSummary) -> str:
    """The end-of-build summary a person reads."""
    types = ", ".join(f"{n} {t}" for t, n in summary.events_by_type) or "none"
    lines = [
        f"Read {summary.inputs} files: {summary.articles} articles, {summary.events} events, "
        f"{summary.annotations} annotations applied, {len(summary.rejects)} rejected",
        f"Events by type: {types}",
    ]
    if summary.gdelt_events:
        lines.append(f"GDELT events carried over from the store: {summary.gdelt_events}")
    if summary.cached:
        extracted = summary.articles - summary.cached
        lines.append(
            f"Extracted {extracted} new or changed articles; {summary.cached} unchanged came from the cache"
        )
    if summary.rejects:
        lines += ["Rejected:", *format_rejects(summary.rejects)]
    lines.append(f"Wrote {summary.db_path} in {summary.seconds:.1f} s")
    return "\n".join(lines)


def event_json(event: Event) -> str:
    """One event as a JSON object with ISO dates."""
    row = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(event).items()}
    return json.dumps(row, ensure_ascii=False)


def run_build(args: argparse.Namespace, progress: ProgressBar) -> int:
    """The `build` command."""
    summary = build_database(args.db, args.inputs or args.defaults, cases_path=args.cases, progress=progress)
    progress.close()
    print(format_summary(summary))
    return EXIT_REJECTS if args.strict and summary.rejects else EXIT_OK


def run_parse(args: argparse.Namespace, progress: ProgressBar) -> int:
    """The `parse` command."""
    parsed = parse_inputs(args.inputs, progress)
    progress.close()
    if args.explain:
        for article in parsed.articles:
            print(*(format_explained(x) + "\n" for x in extract_explained(article)), sep="\n", end="")
    else:
        for event in parsed.events:
            print(event_json(event))
    if parsed.rejects:
        print("\n".join(["Rejected:", *format_rejects(parsed.rejects)]), file=sys.stderr)
    return EXIT_REJECTS if args.strict and parsed.rejects else EXIT_OK


def run_evaluate(args: argparse.Namespace, progress: ProgressBar) -> int:
    """The `evaluate` command."""
    try:
        report = evaluate(args.gold, args.inputs, progress)
    except GoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    progress.close()
    if args.json:
        print(json.dumps(report_dict(report, errors=args.errors), ensure_ascii=False))
    else:
        print(format_report(report, errors=args.errors))
    return EXIT_OK


def format_import(summary: ImportSummary) -> str:
    """The end-of-import summary a person reads."""
    types = ", ".join(f"{n} {t}" for t, n in summary.kept_by_type) or "none"
    lines = [
        f"Read {summary.files} GDELT file{'' if summary.files == 1 else 's'}: "
        f"{summary.kept} aid rows kept ({types}), {len(summary.rejects)} rejected",
        f"Store {summary.store_dir}: {summary.gdelt_events} GDELT events in the database",
    ]
    if summary.rejects:
        lines += ["Rejected:", *format_rejects(summary.rejects[:20])]
        if len(summary.rejects) > 20:
            lines.append(f"  ... and {len(summary.rejects) - 20} more, in the rejects table")
    lines.append(f"Wrote {summary.db_path} in {summary.seconds:.1f} s")
    return "\n".join(lines)


def run_import_gdelt(args: argparse.Namespace, progress: ProgressBar) -> int:
    """The `import-gdelt` command."""
    try:
        filters = Filters(codes=check_codes(args.codes), since=args.since, until=args.until)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    summary = import_gdelt(args.db, args.inputs, filters=filters, progress=progress)
    progress.close()
    print(format_import(summary))
    return EXIT_REJECTS if args.strict and summary.rejects else EXIT_OK


def run_export_parquet(args: argparse.Namespace, progress: ProgressBar) -> int:
    """The `export-parquet` command."""
    if not args.db.exists():
        print(f"error: no database at {args.db}; run python -m etl build first", file=sys.stderr)
        return EXIT_REJECTS
    count = export_parquet(args.db, args.dir)
    print(f"Wrote {count} events to {args.dir} as Parquet, one folder per year")
    return EXIT_OK


FETCH_HELP = """Download news pages and save each one's main text as an article the build reads.

Each page becomes one Markdown file with front matter (title, outlet, publication date, language,
URL), named from its URL so that fetching it again replaces it. Polite: a clear user agent, a delay
between requests to one host, timeouts, retries on server errors, robots.txt obeyed. A page that
fails (404, 5xx, timeout, not HTML, too large, redirect loop, no main text) is reported with its
reason and the others go on. Exit status: 0 all saved, 1 some failed. Run `build` afterwards.

Example:
    python -m etl fetch https://example.org/news/flood-aid.html --to data/articles/fetched/
"""
WATCH_HELP = """Poll RSS/Atom feeds, fetch new aid-related items, and rebuild the database.

The feeds are listed in a TOML file (see data/feeds.toml). Items whose title or summary mention an
aid word (English or Indonesian; set per feed) are fetched once into --to and the database is
rebuilt and swapped in atomically; only new articles are extracted. The state beside the database
(events.watch-state.json) remembers the items seen and each feed's ETag, so a restart fetches
nothing twice. One log line per cycle. Exit status with --once: 0 clean, 1 some feed or page failed.

Example:
    python -m etl watch --once
    python -m etl watch --feeds data/feeds.toml --every 15m
"""


def add_feed_parsers(commands: argparse._SubParsersAction, settings: Settings) -> None:
    """The fetch and watch commands."""
    raw = argparse.RawDescriptionHelpFormatter
    fetched_dir = settings.articles_dir / "fetched"
    fetch = commands.add_parser(
        "fetch", help="download news pages", description=FETCH_HELP, formatter_class=raw
    )
    fetch.add_argument("urls", nargs="+", metavar="URL", help="pages to download")
    watch_cmd = commands.add_parser(
        "watch", help="poll feeds and rebuild", description=WATCH_HELP, formatter_class=raw
    )
    watch_cmd.add_argument(
        "--feeds",
        type=Path,
        default=settings.articles_dir.parent / "feeds.toml",
        help="feeds file (default: data/feeds.toml)",
    )
    watch_cmd.add_argument(
        "--db", type=Path, default=settings.db_path, help="database to rebuild (default: $AID_DB)"
    )
    watch_cmd.add_argument("--every", default="15m", help="time between cycles: 90s, 15m, 1h (default: 15m)")
    watch_cmd.add_argument("--once", action="store_true", help="run one cycle and exit (for cron or a timer)")
    watch_cmd.set_defaults(
        inputs=[settings.articles_dir, settings.annotations_path], cases=settings.cases_path
    )
    for cmd in (fetch, watch_cmd):
        cmd.add_argument(
            "--to",
            type=Path,
            default=fetched_dir,
            help="folder for the articles (default: data/articles/fetched/)",
        )
        cmd.add_argument(
            "--delay", type=float, default=Politeness.delay, help="seconds between requests to one host"
        )
        cmd.add_argument(
            "--timeout", type=float, default=Politeness.timeout, help="seconds before giving up on a host"
        )
        cmd.set_defaults(quiet=True)


def print_fetched(result: Fetched) -> None:
    """One line per URL: where its article was saved, or why it was not."""
    if result.ok:
        print(f"saved  {result.url} -> {result.path}", flush=True)
    else:
        print(f"failed {result.url}: {result.reason}", flush=True)


def run_fetch(args: argparse.Namespace, progress: ProgressBar) -> int:
    """The `fetch` command."""
    fetcher = Fetcher(Politeness(delay=args.delay, timeout=args.timeout))
    results = fetch_urls(args.urls, args.to, fetcher, print_fetched)
    saved = sum(r.ok for r in results)
    print(f"Fetched {saved} of {len(results)} pages into {args.to}; run `python -m etl build` to load them")
    return EXIT_OK if saved == len(results) else EXIT_REJECTS


def log_cycle(cycle: Cycle) -> None:
    """Print a cycle's line, and its errors on stderr."""
    print(cycle.line(datetime.now()), flush=True)
    for error in cycle.errors:
        print(f"  error: {error}", file=sys.stderr, flush=True)


def run_watch(args: argparse.Namespace, progress: ProgressBar) -> int:
    """The `watch` command."""
    try:
        every = None if args.once else parse_interval(args.every)
        if not read_feeds(args.feeds):
            print(f"No feeds listed in {args.feeds}; add a [[feeds]] table (see the examples in it)")
            return EXIT_OK
    except WatchError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    inputs = inputs_with(args.to, args.inputs)
    config = WatchConfig(args.feeds, args.db, args.to, tuple(inputs), args.cases)
    fetcher = Fetcher(Politeness(delay=args.delay, timeout=args.timeout))
    try:
        cycle = watch(config, every, log_cycle, fetcher)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return EXIT_OK
    return EXIT_REJECTS if cycle.errors else EXIT_OK


COMMANDS = {
    "build": run_build,
    "parse": run_parse,
    "evaluate": run_evaluate,
    "import-gdelt": run_import_gdelt,
    "export-parquet": run_export_parquet,
    "fetch": run_fetch,
    "watch": run_watch,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; return the exit status (0 ok, 1 rejects under --strict or a failed build, 2 usage)."""
    args = make_parser().parse_args(argv)
    progress = ProgressBar(enabled=not args.quiet, stream=sys.stderr)
    command = COMMANDS[args.command]
    try:
        return command(args, progress)
    except (OSError, duckdb.Error) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_REJECTS
    finally:
        progress.close()
