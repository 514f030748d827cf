"""Fetching pages from a local site: articles the build reads, each failure with its reason, politeness."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.build import parse_inputs
from etl.cli import main
from etl.fetch import USER_AGENT, Fetcher, Politeness, article_name, fetch_page, fetch_urls
from etl.read import split_front_matter
from tests.localsite import Page, Site, report_page, serve_site

FAST = Politeness(delay=0, timeout=0.3, retries=1, backoff=0, max_bytes=200_000)
SINGAPORE = "/world/singapore-flood-relief.html"
JAPAN = "/dunia/jepang-bantu-filipina.html"


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


@pytest.mark.parametrize(
    ("path", "title", "outlet", "published", "language", "dyad"),
    [
        (
            SINGAPORE,
            "Singapore offers flood relief to Malaysia",
            "Harbour Post",
            "2025-01-07",
            "en",
            "SGP-MYS",
        ),
        (
            JAPAN,
            "Jepang tawarkan bantuan gempa untuk Filipina",
            "Kabar Nusantara",
            "2025-02-12",
            "id",
            "JPN-PHL",
        ),
    ],
)
def test_a_report_page_becomes_an_article_the_build_reads(
    site: Site, tmp_path: Path, path: str, title: str, outlet: str, published: str, language: str, dyad: str
) -> None:
    result = fetch_page(site.base + path, tmp_path, Fetcher(FAST))
    assert result.ok and result.path is not None and result.path.parent == tmp_path
    meta, body = split_front_matter(result.path.read_text(encoding="utf-8"))
    assert meta["title"] == title and meta["outlet"] == outlet
    assert meta["published"] == published and meta["language"] == language
    assert meta["url"] == site.base + path
    assert "Copyright" not in body and "Home" not in body  # page chrome is left out
    parsed = parse_inputs([tmp_path])
    assert not parsed.rejects
    assert {(f"{e.sender}-{e.recipient}", e.source_url) for e in parsed.events} == {(dyad, site.base + path)}


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 (not found)"),
        ("/broken", "HTTP 500 (server error)"),
        ("/slow", "timed out after 0.3 s"),
        ("/relief.pdf", "not an HTML page (application/pdf)"),
        ("/huge", "too large"),
        ("/loop-a", "redirect loop"),
        ("/empty", "no main text on the page"),
        ("/private/aid-memo.html", "disallowed by the site's robots.txt"),
    ],
)
def test_a_failing_page_is_reported_with_its_reason(
    site: Site, tmp_path: Path, path: str, reason: str
) -> None:
    result = fetch_page(site.base + path, tmp_path, Fetcher(FAST))
    assert not result.ok and result.reason is not None and result.reason.startswith(reason)
    assert not list(tmp_path.iterdir())


def test_a_url_that_is_not_http_is_refused_without_a_request(tmp_path: Path) -> None:
    assert fetch_page("ftp://127.0.0.1/aid.html", tmp_path, Fetcher(FAST)).reason == "not an http(s) URL"


def test_a_failing_url_never_stops_the_others(site: Site, tmp_path: Path) -> None:
    urls = [site.base + p for p in ("/missing", SINGAPORE, "/loop-a", "/broken", JAPAN, "/empty")]
    results = fetch_urls(urls, tmp_path, Fetcher(FAST))
    assert [r.url for r in results] == urls
    assert [r.ok for r in results] == [False, True, False, False, True, False]
    assert len(list(tmp_path.glob("*.md"))) == 2


def test_server_errors_and_timeouts_are_retried_but_client_errors_are_not(site: Site, tmp_path: Path) -> None:
    fetch_urls([site.base + p for p in ("/broken", "/slow", "/missing")], tmp_path, Fetcher(FAST))
    assert len(site.requested("/broken")) == 1 + FAST.retries
    assert len(site.requested("/slow")) == 1 + FAST.retries
    assert len(site.requested("/missing")) == 1


def test_fetching_a_url_again_replaces_its_article(site: Site, tmp_path: Path) -> None:
    url = site.base + SINGAPORE
    first = fetch_page(url, tmp_path, Fetcher(FAST))
    site.routes[SINGAPORE] = report_page("/world/new-zealand-fiji-cyclone.html")  # the page was rewritten
    second = fetch_page(url, tmp_path, Fetcher(FAST))
    assert first.path == second.path and [p.name for p in tmp_path.iterdir()] == [first.path.name]
    assert "Fiji" in second.path.read_text(encoding="utf-8")


def test_requests_to_one_host_wait_for_the_delay_and_the_robots_crawl_delay(
    site: Site, tmp_path: Path
) -> None:
    waits: list[float] = []
    fetcher = Fetcher(Politeness(delay=5.0, timeout=1.0, retries=0), sleep=waits.append)
    fetch_urls([site.base + SINGAPORE, site.base + JAPAN], tmp_path, fetcher)
    assert len(waits) == 2 and all(0 < w <= 5.0 for w in waits)  # after robots.txt, then between pages
    site.routes["/robots.txt"] = Page(b"User-agent: *\nCrawl-delay: 30\n", content_type="text/plain")
    slower = Fetcher(Politeness(delay=1.0, timeout=1.0, retries=0), sleep=waits.append)
    fetch_urls([site.base + SINGAPORE, site.base + JAPAN], tmp_path, slower)
    assert 1.0 < waits[-1] <= 30.0  # the site's Crawl-delay, not our 1 s


def test_every_request_names_the_monitor_in_its_user_agent(site: Site, tmp_path: Path) -> None:
    fetch_urls([site.base + SINGAPORE, site.base + "/missing"], tmp_path, Fetcher(FAST))
    assert site.agents == {USER_AGENT} and "AidDiplomacyMonitor" in USER_AGENT


def test_a_site_whose_robots_txt_fails_is_skipped(site: Site, tmp_path: Path) -> None:
    site.routes["/robots.txt"] = Page(b"down", status=503)
    result = fetch_page(site.base + SINGAPORE, tmp_path, Fetcher(FAST))
    assert result.reason is not None and result.reason.startswith("robots.txt unreachable (HTTP 503")
    assert SINGAPORE not in site.requested()


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.example.org/world/2025/flood-aid.html", "example.org-flood-aid-"),
        ("https://example.org/", "example.org-index-"),
        ("http://127.0.0.1:8080/berita/Bantuan_Banjir", "127.0.0.1_8080-bantuan-banjir-"),
    ],
)
def test_an_article_is_named_from_its_url(url: str, name: str) -> None:
    assert article_name(url).startswith(name) and article_name(url).endswith(".md")
    assert article_name(url) == article_name(url) != article_name(url + "?page=2")


def test_the_fetch_command_saves_pages_and_reports_failures(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = [site.base + SINGAPORE, site.base + "/missing"]
    status = main(["fetch", *urls, "--to", str(tmp_path), "--delay", "0", "--timeout", "1"])
    out = capsys.readouterr().out
    assert status == 1
    assert f"saved  {urls[0]} -> {tmp_path}" in out
    assert f"failed {urls[1]}: HTTP 404 (not found)" in out
    assert "Fetched 1 of 2 pages" in out
