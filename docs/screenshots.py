"""Take the README's screenshots: the real app on the bundled data, in headless Chromium.

Example:
    python docs/screenshots.py            # writes docs/screenshots/*.png
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
DESKTOP = {"width": 1440, "height": 2300}  # tall, so a full page fits
PROJECTOR = {"width": 1280, "height": 720}  # a presented page, as the room sees it
VIEWS = {
    "overview": ("/", DESKTOP),
    "timeline": ("/timeline", DESKTOP),
    "flows": ("/flows", DESKTOP),
    "compare": ("/compare", DESKTOP),
    "events": ("/events?sender=PRK", DESKTOP),
    "review": ("/review", DESKTOP),
    "about": ("/about", DESKTOP),
    "overview-id": ("/?lang=id", DESKTOP),
    "compare-id": ("/compare?lang=id", DESKTOP),
    "present": ("/timeline?sender=RUS&sender=KOR&present=1", PROJECTOR),
}
RUN_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    """A free localhost port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, timeout: float = 60) -> None:
    """Poll the server's health endpoint until it answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("streamlit did not start")


def main() -> int:
    """Serve the app on a fresh build of the bundled data and save one screenshot per page."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("needs Chromium: apt-get install chromium", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        env = {**os.environ, "AID_DB": str(Path(tmp) / "events.duckdb")}
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1"]  # fmt: skip
        quiet = subprocess.DEVNULL
        server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=quiet, stderr=quiet)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page()
                for name, (path, viewport) in VIEWS.items():
                    page.set_viewport_size(viewport)
                    page.goto(base + path)
                    page.wait_for_selector(RUN_DONE, timeout=120_000)
                    page.wait_for_timeout(1500)
                    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
                    print(f"saved docs/screenshots/{name}.png")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
