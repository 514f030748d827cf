"""One change, one script run: the URL sync must not make the app run twice (a user sees a second run
as a dropdown that closes). Runs are counted from the server's own messages over the websocket."""

from __future__ import annotations

from e2e_helpers import nav_link, open_view, pick_option, wait_for_view
from playwright.sync_api import Page, WebSocket
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

SETTLE_MS = 2_000  # the window in which a second run would start; it bounds a check for absence


class RunCounter:
    """Counts script runs the server reports finished to this page (ForwardMsg.script_finished)."""

    def __init__(self, page: Page) -> None:
        self.finished = 0
        page.on("websocket", self._watch)

    def _watch(self, ws: WebSocket) -> None:
        """Listen to every frame the server sends on this page's websocket."""
        ws.on("framereceived", self._frame)

    def _frame(self, payload: bytes | str) -> None:
        """Count one run per script_finished message (a rerun that interrupts a run counts too)."""
        if isinstance(payload, bytes):
            msg = ForwardMsg.FromString(payload)
            if msg.WhichOneof("type") == "script_finished":
                self.finished += 1


def assert_no_further_run(page: Page, runs: RunCounter, expected: int) -> None:
    """No run beyond `expected` starts within SETTLE_MS (a bounded check that something does not happen)."""
    page.wait_for_timeout(SETTLE_MS)
    assert runs.finished == expected, f"{runs.finished} script runs, expected {expected}"


def test_each_filter_change_runs_the_script_once(page, app_url):
    runs = RunCounter(page)
    open_view(page, app_url + "/timeline")
    assert_no_further_run(page, runs, 1)
    pick_option(page, "Senders", "North Korea")
    assert_no_further_run(page, runs, 2)
    pick_option(page, "Event types", "Offer of aid")
    assert_no_further_run(page, runs, 3)
    nav_link(page, "Event explorer").click()
    wait_for_view(page, link=["/events?"])
    assert_no_further_run(page, runs, 4)
