"""Browser fixtures: a real `streamlit run app.py` on a free localhost port and Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

pytest.register_assert_rewrite("e2e_helpers")  # its assertions show the difference when they fail

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Many viewers at once: hidden tabs must not be throttled or they stall.
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
ENABLE_HINT = "browser tests need Chromium: `apt-get install chromium` (Debian) to enable them"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e as a browser test."""
    for item in items:
        if "/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def find_chromium() -> str | None:
    """Return the system Chromium binary, if any."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The Chromium binary; skipped where absent, but a failure in CI (CI=true)."""
    path = find_chromium()
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but no chromium binary was found: .ci/run should have installed it")
        pytest.skip(ENABLE_HINT)
    return path


def free_port() -> int:
    """Ask the OS for a free localhost port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(base_url: str, proc: subprocess.Popen, log: Path, timeout: float = 60.0) -> None:
    """Poll /_stcore/health until the server answers ok, or fail with its log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"streamlit did not become healthy within {timeout:.0f}s")


@contextlib.contextmanager
def running_app(
    browser, db: Path, log: Path, extra_args: Sequence[str] = (), path: str = ""
) -> Iterator[str]:
    """Run `streamlit run app.py` on a free localhost port against `db` (with `extra_args`, e.g. a
    baseUrlPath), let one viewer load it, yield its base URL (ending in `path`) and stop it afterwards.

    The first session a server process sees runs twice: a `pages/` folder starts Streamlit in its
    old pages-directory mode, which app.py leaves with one rerun (dashboard.ui.leave_pages_directory_mode).
    Loading one view first keeps that once-per-process rerun out of the tests, which count runs."""
    port = free_port()
    env = {**os.environ, "AID_DB": str(db), "PYTHONUNBUFFERED": "1"}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *extra_args,
    ]
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}{path}"
    try:
        wait_healthy(base_url, proc, log)
        warm_up(browser, base_url)
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def app_url(browser, fixture_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app on a free localhost port against the fixture database."""
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with running_app(browser, fixture_db, log) as base_url:
        yield base_url


SUB_PATH = "aid"


@pytest.fixture(scope="session")
def subpath_url(browser, fixture_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second server of the app under a sub-path, as behind a reverse proxy: its base URL ends in /aid."""
    log = tmp_path_factory.mktemp("server_subpath") / "streamlit.log"
    args = ("--server.baseUrlPath", SUB_PATH)
    with running_app(browser, fixture_db, log, args, path=f"/{SUB_PATH}") as base_url:
        yield base_url


def warm_up(browser, base_url: str) -> None:
    """Load one view in a throwaway browser context and wait for it to be drawn."""
    from e2e_helpers import open_view

    context = browser.new_context()
    try:
        open_view(context.new_page(), base_url + "/timeline")
    finally:
        context.close()


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    """One headless Chromium for the session, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_url: str):
    """A fresh browser context and page per test (no shared cookies or storage)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


@pytest.fixture
def clipboard_page(browser):
    """A fresh browser context whose pages may read and write the clipboard (for copy buttons), and its
    page; it does not start a server, so it serves the app and the app under a sub-path alike."""
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, permissions=["clipboard-read", "clipboard-write"]
    )
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()
