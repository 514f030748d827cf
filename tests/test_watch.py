"""Watching feeds: a cycle loads the events, the next fetches nothing, new items add theirs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from etl.build import parse_inputs
from etl.cli import main
from etl.fetch import Fetcher, Politeness
from etl.watch import (
    DEFAULT_KEYWORDS,
    Cycle,
    Feed,
    WatchConfig,
    WatchError,
    load_state,
    parse_interval,
    read_feeds,
    run_cycle,
    watch,
)
from tests.localsite import Page, Site, report_page, rss_feed, serve_site

FAST = Politeness(delay=0, timeout=0.3, retries=0, backoff=0, max_bytes=200_000)
NEW_ZEALAND = "/world/new-zealand-fiji-cyclone.html"
FAILING = (
    "/missing",
    "/broken",
    "/slow",
    "/relief.pdf",
    "/huge",
    "/loop-a",
    "/empty",
    "/private/aid-memo.html",
)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to 127.0.0.1 go straight there, whatever proxy the machine has."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def site() -> Iterator[Site]:
    """The local news site, for one test."""
    with serve_site() as running:
        yield running


def feeds_file(folder: Path, site: Site, *paths: str) -> Path:
    """A feeds.toml listing the site's feeds at these paths."""
    tables = [f'[[feeds]]\nname = "{p}"\nurl = "{site.base}{p}"\n' for p in paths]
    path = folder / "feeds.toml"
    path.write_text("\n".join(tables), encoding="utf-8")
    return path


@pytest.fixture
def config(site: Site, tmp_path: Path) -> WatchConfig:
    """Watch the RSS, Atom and malformed feeds; articles under tmp/articles, the db in tmp."""
    feeds = feeds_file(tmp_path, site, "/feeds/world.rss", "/feeds/dunia.atom", "/feeds/broken.xml")
    articles = tmp_path / "articles"
    return WatchConfig(feeds, tmp_path / "events.duckdb", articles / "fetched", (articles,))


def db_events(db: Path) -> set[tuple[str, str, str, str]]:
    """(type, sender, recipient, source_url) of every event in the database."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT event_type, sender, recipient, source_url FROM events").fetchall()
    return set(rows)


def test_one_cycle_turns_the_feeds_into_events(site: Site, config: WatchConfig) -> None:
    cycle = run_cycle(config, Fetcher(FAST))
    assert db_events(config.db_path) == {
        ("offer_aid", "SGP", "MYS", f"{site.base}/world/singapore-flood-relief.html"),
        ("offer_aid", "JPN", "PHL", f"{site.base}/dunia/jepang-bantu-filipina.html"),
    }
    assert (cycle.feeds, cycle.fetched, cycle.new_items, cycle.built) == (3, 2, 2 + len(FAILING), True)
    assert cycle.events_added == cycle.events == 2
    assert "/sport/final.html" not in site.requested()  # no aid word in its title or summary


def test_each_failing_page_and_the_malformed_feed_are_reported_and_the_rest_load(
    site: Site, config: WatchConfig
) -> None:
    cycle = run_cycle(config, Fetcher(FAST))
    assert cycle.fetched == 2
    assert len(cycle.errors) == len(FAILING) + 1
    assert any("/feeds/broken.xml" in e and "not a readable RSS or Atom feed" in e for e in cycle.errors)
    for path in FAILING:
        assert any(e.startswith(f"{site.base}{path}: ") for e in cycle.errors), path


def test_a_second_cycle_fetches_nothing_and_the_feeds_answer_304(site: Site, config: WatchConfig) -> None:
    run_cycle(config, Fetcher(FAST))
    before = len(site.log)
    cycle = run_cycle(config, Fetcher(FAST))  # a new fetcher: a restarted watcher
    second = site.log[before:]
    assert (cycle.fetched, cycle.new_items, cycle.unchanged, cycle.built) == (0, 0, 2, False)
    assert ("/feeds/world.rss", 304) in second and ("/feeds/dunia.atom", 304) in second
    assert {path for path, _ in second} <= {
        "/robots.txt",
        "/feeds/world.rss",
        "/feeds/dunia.atom",
        "/feeds/broken.xml",
    }


def test_a_new_feed_item_adds_exactly_its_events(site: Site, config: WatchConfig, tmp_path: Path) -> None:
    run_cycle(config, Fetcher(FAST))
    before = db_events(config.db_path)
    site.routes[NEW_ZEALAND] = report_page(NEW_ZEALAND)
    site.routes["/feeds/world.rss"] = rss_feed(
        site.base,
        [
            ("Singapore offers flood relief to Malaysia", "/world/singapore-flood-relief.html"),
            ("New Zealand sends cyclone aid to Fiji", NEW_ZEALAND),
        ],
    )
    cycle = run_cycle(config, Fetcher(FAST))
    assert (cycle.fetched, cycle.new_items, cycle.unchanged) == (1, 1, 1)
    added = db_events(config.db_path) - before
    alone = parse_inputs(list(config.articles_dir.glob("*new-zealand*"))).events
    assert added == {(e.event_type, e.sender, e.recipient, e.source_url) for e in alone}
    assert added and all(sender == "NZL" for _, sender, _, _ in added)
    assert cycle.events_added == len(added)
    assert len(site.requested(NEW_ZEALAND)) == 1 and len(site.requested("/world/singapore")) == 1


def test_the_state_file_keeps_what_was_seen_across_a_restart(site: Site, config: WatchConfig) -> None:
    run_cycle(config, Fetcher(FAST))
    state = load_state(config.state_path)
    assert state.feeds[f"{site.base}/feeds/world.rss"]["etag"]
    assert state.seen[f"{site.base}/world/singapore-flood-relief.html"].endswith(" fetched")
    assert state.seen[f"{site.base}/missing"].endswith(" HTTP 404 (not found)")
    config.db_path.unlink()  # even without its database, a restarted watcher refetches nothing
    cycle = run_cycle(config, Fetcher(FAST))
    assert cycle.fetched == 0 and cycle.built and cycle.events == 2


def test_watch_loops_until_interrupted(config: WatchConfig) -> None:
    lines: list[Cycle] = []
    waits: list[float] = []

    def stop_after_two(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        watch(config, 900.0, lines.append, Fetcher(FAST), sleep=stop_after_two)
    assert [c.fetched for c in lines] == [2, 0]
    assert all(0 < w <= 900.0 for w in waits)


def test_the_watch_command_runs_one_cycle_and_logs_one_line(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = feeds_file(tmp_path, site, "/feeds/dunia.atom")
    args = ["watch", "--once", "--feeds", str(feeds), "--db", str(tmp_path / "w.duckdb")]
    args += ["--to", str(tmp_path / "fetched"), "--delay", "0", "--timeout", "1"]
    assert main(args) == 0
    first = capsys.readouterr().out.strip().splitlines()
    assert len(first) == 1
    assert "watch: 1 feeds polled (0 unchanged), 1 new items, 1 articles fetched, " in first[0]
    assert main(args) == 0
    second = capsys.readouterr().out.strip().splitlines()
    assert second[0].endswith(
        "1 feeds polled (1 unchanged), 0 new items, 0 articles fetched, no rebuild, 0 errors"
    )


def test_the_watch_command_with_no_feeds_listed_polls_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped = Path(__file__).resolve().parents[1] / "data" / "feeds.toml"
    assert read_feeds(shipped) == []  # the example ships commented out
    assert main(["watch", "--once", "--feeds", str(shipped), "--db", str(tmp_path / "w.duckdb")]) == 0
    assert "No feeds listed" in capsys.readouterr().out
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("Singapore offers flood relief", True),
        ("Aid convoy crosses the border", True),
        ("Jepang kirim bantuan ke Filipina", True),
        ("Ucapan belasungkawa dari Seoul", True),
        ("The minister said nothing new", False),  # 'said' does not start with 'aid'
        ("Football: the league final ends in a draw", False),
        ("Harga beras naik lagi", False),
    ],
)
def test_default_keywords_find_aid_items_in_either_language(text: str, matches: bool) -> None:
    assert Feed("f", "http://127.0.0.1/f").matches(text) is matches


def test_feeds_file_keywords_replace_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(
        'keywords = ["gempa"]\n[[feeds]]\nurl = "http://127.0.0.1/a"\n'
        '[[feeds]]\nurl = "http://127.0.0.1/b"\nlanguage = "id"\nkeywords = []\n',
        encoding="utf-8",
    )
    first, second = read_feeds(path)
    assert first.keywords == ("gempa",) and first.name == "http://127.0.0.1/a"
    assert second.language == "id" and second.matches("anything at all")
    assert "aid" in DEFAULT_KEYWORDS and "bantu" in DEFAULT_KEYWORDS


@pytest.mark.parametrize(
    "text",
    [
        "[[feeds]]\nname = 'no url'\n",
        "[[feeds]]\nurl = 'ftp://127.0.0.1/feed'\n",
        "[[feeds]]\nurl = 'http://127.0.0.1/feed'\nlanguage = 'fr'\n",
        "[[feeds]]\nurl = 'http://127.0.0.1/feed'\nkeywords = 'aid'\n",
        "[[feeds]\nurl = ",
    ],
)
def test_a_bad_feeds_file_is_a_usage_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WatchError):
        read_feeds(path)
    assert main(["watch", "--once", "--feeds", str(path), "--db", str(tmp_path / "w.duckdb")]) == 2


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("1h", 3600), ("90s", 90), ("45", 45)])
def test_intervals_read_as_seconds(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["0m", "-5m", "soon", "15 minutes"])
def test_a_bad_interval_is_refused(text: str) -> None:
    with pytest.raises(WatchError):
        parse_interval(text)


def test_a_feed_that_is_down_is_reported_and_the_others_are_polled(site: Site, config: WatchConfig) -> None:
    site.routes["/feeds/dunia.atom"] = Page(b"maintenance", status=503)
    cycle = run_cycle(config, Fetcher(FAST))
    assert cycle.fetched == 1
    assert any("/feeds/dunia.atom" in e and "HTTP 503" in e for e in cycle.errors)


def test_a_failed_rebuild_is_reported_and_done_at_the_next_cycle(site: Site, config: WatchConfig) -> None:
    config.db_path.mkdir()  # a folder where the database should be: the build cannot write it
    cycle = run_cycle(config, Fetcher(FAST))
    assert cycle.fetched == 2 and not cycle.built
    assert any(e.startswith("build failed, retried next cycle") for e in cycle.errors)
    assert load_state(config.state_path).pending
    config.db_path.rmdir()
    again = run_cycle(config, Fetcher(FAST))
    assert again.fetched == 0 and again.built and again.events == 2
    assert not load_state(config.state_path).pending


def test_a_feeds_file_broken_while_watching_is_reported_by_the_cycle(config: WatchConfig) -> None:
    config.feeds_path.write_text("[[feeds]\n", encoding="utf-8")
    cycle = run_cycle(config, Fetcher(FAST))
    assert cycle.feeds == 0 and len(cycle.errors) == 1 and "not valid TOML" in cycle.errors[0]
