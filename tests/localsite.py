"""A small news site on 127.0.0.1 for the fetch and watch tests: pages in both languages, feeds, failures.

Every answer is a route in `Site.routes` (path -> Page) that a test may change between two requests;
feeds answer 304 to a matching If-None-Match. `Site.log` records each request's path and status.
Nothing here reaches beyond localhost. All report texts were written for these tests.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HTML_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}T08:00:00+07:00">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
{paragraphs}
</article>
<footer>Copyright {site}. All rights reserved.</footer>
</body></html>
"""

REPORTS = {
    "/world/singapore-flood-relief.html": (
        "en",
        "Singapore offers flood relief to Malaysia",
        "2025-01-07",
        [
            "Singapore on Tuesday offered Malaysia 500,000 dollars in flood relief after heavy rain "
            "forced thousands of families in Kelantan from their homes, the foreign ministry said.",
            "The money is meant for food, clean water and temporary shelters in the worst hit "
            "districts, a ministry spokesperson told reporters at a briefing in the city.",
        ],
    ),
    "/dunia/jepang-bantu-filipina.html": (
        "id",
        "Jepang tawarkan bantuan gempa untuk Filipina",
        "2025-02-12",
        [
            "Pemerintah Jepang pada Rabu menawarkan bantuan darurat senilai dua juta dolar kepada "
            "Filipina setelah gempa bumi merusak ratusan rumah di Mindanao.",
            "Bantuan itu berupa tenda, obat-obatan dan air bersih, kata juru bicara kementerian luar "
            "negeri Jepang kepada wartawan di Tokyo.",
        ],
    ),
    "/world/new-zealand-fiji-cyclone.html": (
        "en",
        "New Zealand sends cyclone aid to Fiji",
        "2025-03-20",
        [
            "New Zealand on Thursday sent Fiji emergency supplies, including tents and water tanks, "
            "after a cyclone destroyed crops and homes across the northern islands.",
            "The aid left on an air force flight from Auckland, the government in Wellington said in "
            "a statement on Thursday evening.",
        ],
    ),
}


@dataclass
class Page:
    """One answer: status, body and headers; `pause` seconds of silence first (for timeouts)."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    pause: float = 0.0
    etag: bool = False  # answer 304 when If-None-Match carries this body's tag


def report_page(path: str) -> Page:
    """The HTML page of one of REPORTS."""
    lang, title, published, paragraphs = REPORTS[path]
    body = HTML_PAGE.format(
        lang=lang,
        title=title,
        site="Harbour Post" if lang == "en" else "Kabar Nusantara",
        published=published,
        paragraphs="\n".join(f"<p>{p}</p>" for p in paragraphs),
    )
    return Page(body.encode("utf-8"))


def rss_feed(base: str, items: list[tuple[str, str]]) -> Page:
    """An RSS 2.0 feed of (title, path) items."""
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><description>{title}</description></item>"
        for title, path in items
    )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbour Post</title>'
        f"<link>{base}/</link><description>World news</description>{entries}</channel></rss>"
    )
    return Page(xml.encode("utf-8"), content_type="application/rss+xml", etag=True)


def atom_feed(base: str, items: list[tuple[str, str]]) -> Page:
    """An Atom feed of (title, path) items."""
    entries = "".join(
        f'<entry><title>{title}</title><link href="{base}{path}"/><id>{base}{path}</id>'
        f"<updated>2025-02-12T08:00:00Z</updated><summary>{title}</summary></entry>"
        for title, path in items
    )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Kabar Nusantara</title><id>{base}/</id><updated>2025-02-12T08:00:00Z</updated>"
        f"{entries}</feed>"
    )
    return Page(xml.encode("utf-8"), content_type="application/atom+xml", etag=True)


@dataclass
class Site:
    """The routes the server answers, a log of (path, status) per request, the user agents seen."""

    base: str = ""
    routes: dict[str, Page] = field(default_factory=dict)
    log: list[tuple[str, int]] = field(default_factory=list)
    agents: set[str] = field(default_factory=set)

    def requested(self, prefix: str = "/") -> list[str]:
        """Paths requested so far that start with prefix."""
        return [path for path, _ in self.log if path.startswith(prefix)]


class Handler(BaseHTTPRequestHandler):
    """Answers from the Site attached to the server."""

    def do_GET(self) -> None:
        """Serve the route, 304 for a matching ETag, 404 for an unknown path."""
        site: Site = self.server.site  # type: ignore[attr-defined]
        page = site.routes.get(self.path, Page(b"<html><body>Not here</body></html>", status=404))
        site.agents.add(self.headers.get("User-Agent", ""))
        tag = '"' + hashlib.sha256(page.body).hexdigest()[:12] + '"'
        unchanged = page.etag and self.headers.get("If-None-Match") == tag
        site.log.append((self.path, 304 if unchanged else page.status))  # logged on arrival
        time.sleep(page.pause)
        if unchanged:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        if page.etag:
            self.send_header("ETag", tag)
        for name, value in page.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(page.body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the Site keeps its own log."""


class Server(ThreadingHTTPServer):
    """A threading server whose dropped connections (a client that stopped reading) are not printed."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore a client that hung up."""


def standard_routes(base: str) -> dict[str, Page]:
    """The reports, two feeds, a malformed one, robots.txt, and one page per kind of failure."""
    routes = {path: report_page(path) for path in REPORTS if "new-zealand" not in path}
    routes["/robots.txt"] = Page(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    routes["/loop-a"] = Page(status=302, headers={"Location": "/loop-b"})
    routes["/loop-b"] = Page(status=302, headers={"Location": "/loop-a"})
    routes["/broken"] = Page(b"oops", status=500)
    routes["/slow"] = Page(b"<html><body>late</body></html>", pause=1.0)
    routes["/relief.pdf"] = Page(b"%PDF-1.4 relief figures", content_type="application/pdf")
    routes["/huge"] = Page(b"<html><body>" + b"<p>aid words</p>" * 20_000 + b"</body></html>")
    routes["/empty"] = Page(b"<html><body><nav>Home</nav><script>var x=1;</script></body></html>")
    routes["/private/aid-memo.html"] = report_page("/world/singapore-flood-relief.html")
    routes["/feeds/world.rss"] = rss_feed(
        base,
        [
            ("Singapore offers flood relief to Malaysia", "/world/singapore-flood-relief.html"),
            ("Football: the league final ends in a draw", "/sport/final.html"),
            ("Aid convoy report withdrawn", "/missing"),
            ("Relief agency server trouble", "/broken"),
            ("Humanitarian update, slow", "/slow"),
            ("Relief figures as a PDF", "/relief.pdf"),
            ("Aid archive, huge page", "/huge"),
            ("Aid story that redirects forever", "/loop-a"),
            ("Aid page with no text", "/empty"),
            ("Private aid memo", "/private/aid-memo.html"),
        ],
    )
    routes["/feeds/dunia.atom"] = atom_feed(
        base, [("Jepang tawarkan bantuan gempa untuk Filipina", "/dunia/jepang-bantu-filipina.html")]
    )
    routes["/feeds/broken.xml"] = Page(
        b'<?xml version="1.0"?><rss><channel><title>Bantuan & <unclosed', content_type="text/xml"
    )
    return routes


@contextmanager
def serve_site() -> Iterator[Site]:
    """Run the site on 127.0.0.1 on a free port for the length of the block."""
    server = Server(("127.0.0.1", 0), Handler)
    site = Site(base=f"http://127.0.0.1:{server.server_address[1]}")
    site.routes = standard_routes(site.base)
    server.site = site  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
