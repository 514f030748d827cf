"""Run one file's heavy step within a time budget: in-process under a deadline, or in a killable worker.

Short articles are extracted in-process under `budget.limit`, which the extractor checks once per
sentence. Long articles (over ISOLATE_CHARS) and large HTML pages go to a worker process
(`python -m etl.isolate`) that is started once, reused, and killed when a task overruns its budget,
so even a single runaway call in C code (a regex, an HTML parser) cannot stall the build. Works from
any thread (the dashboard builds from a Streamlit script thread).
"""

from __future__ import annotations

import atexit
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from etl.extract import budget, extract_events
from etl.extract.budget import BudgetExceeded
from etl.models import Article, Event

BUDGET_SECONDS = 5.0  # one report's extraction (or one page's reading); slower ones are rejected
ISOLATE_CHARS = 20_000  # longer articles (about 4x a long news report) run in the worker
STARTUP_SECONDS = 120.0  # the worker imports the extractor once; a loaded machine may take a while
_READY = "ready"
T = TypeVar("T")


class WorkerCrashed(RuntimeError):
    """The worker process died without an answer (killed by the system, out of memory, a crash)."""


class Worker:
    """A `python -m etl.isolate` child: send it (function, args, seconds), read its reply within a timeout."""

    def __init__(self) -> None:
        """Start the child and wait until it has imported the extractor."""
        package_root = str(Path(__file__).resolve().parent.parent)
        env = os.environ | {"PYTHONPATH": os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")])}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "etl.isolate"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        self.replies: queue.Queue[tuple[str, object]] = queue.Queue()
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()
        if self._reply(STARTUP_SECONDS) != (_READY, None):
            self.stop()
            raise WorkerCrashed("the worker process did not start")

    def _read(self, stream: BinaryIO) -> None:
        """Reader thread: queue each reply from the child; ("crashed", None) when its output ends."""
        try:
            while True:
                self.replies.put(pickle.load(stream))
        except (EOFError, OSError, pickle.UnpicklingError):
            self.replies.put(("crashed", None))

    def _reply(self, seconds: float) -> tuple[str, object] | None:
        """The next reply, or None if none came within `seconds`."""
        try:
            return self.replies.get(timeout=seconds)
        except queue.Empty:
            return None

    def run(self, func: Callable[..., object], args: tuple, seconds: float) -> tuple[str, object] | None:
        """Send one task; its reply, or None when it overran `seconds` (the caller then stops us)."""
        assert self.process.stdin is not None
        pickle.dump((func, args, seconds), self.process.stdin)
        self.process.stdin.flush()
        return self._reply(seconds)

    def stop(self) -> None:
        """Kill the child and reap it."""
        self.process.kill()
        self.process.wait()


class _Shared:
    """The one worker this process uses (started on first use, replaced after a kill or crash)."""

    worker: Worker | None = None
    lock = threading.Lock()


def _ask_worker(func: Callable[..., object], args: tuple, seconds: float) -> tuple[str, object]:
    """One task through the shared worker; ("budget", msg) if it overran, ("crashed", code) if it died."""
    with _Shared.lock:
        worker = _Shared.worker = _Shared.worker or Worker()
        try:
            reply = worker.run(func, args, seconds)
        except OSError:  # the child is gone: its stdin pipe is broken
            reply = ("crashed", None)
        if reply is not None and reply[0] != "crashed":
            return reply
        worker.stop()
        _Shared.worker = None
        if reply is None:
            return "budget", str(over_budget(seconds))
        return "crashed", worker.process.returncode


@atexit.register
def _stop_shared() -> None:
    """Stop the shared worker when this process exits."""
    if _Shared.worker is not None:
        _Shared.worker.stop()


def over_budget(seconds: float) -> BudgetExceeded:
    """The error for a task that did not finish within `seconds`."""
    return BudgetExceeded(f"took longer than the {seconds:g} s budget for one report")


def run_in_worker(func: Callable[..., T], args: tuple, seconds: float) -> T:
    """`func(*args)` in the worker process; BudgetExceeded after `seconds`, WorkerCrashed if it died."""
    status, payload = _ask_worker(func, args, seconds)
    if status == "ok":
        return payload  # type: ignore[return-value]
    if status == "budget":
        raise BudgetExceeded(payload)
    if status == "crashed":
        raise WorkerCrashed(f"the worker process died (exit code {payload})")
    raise RuntimeError(payload)


def run_within_budget(func: Callable[..., T], args: tuple, seconds: float, *, isolate: bool) -> T:
    """`func(*args)` within `seconds`: in the worker if `isolate`, else here under a cooperative deadline."""
    if isolate:
        return run_in_worker(func, args, seconds)
    with budget.limit(seconds):
        return func(*args)


def extract_within_budget(article: Article, seconds: float = BUDGET_SECONDS) -> list[Event]:
    """An article's events within `seconds`, or BudgetExceeded; long articles run in the worker process."""
    return run_within_budget(extract_events, (article,), seconds, isolate=len(article.text) > ISOLATE_CHARS)


def _answer(func: Callable[..., object], args: tuple, seconds: float) -> tuple[str, object]:
    """The worker's reply to one task: ("ok", result), ("budget", message) or ("error", repr)."""
    try:
        with budget.limit(seconds):
            return "ok", func(*args)
    except BudgetExceeded as err:
        return "budget", str(err)
    except Exception as err:  # reported to the parent, which rejects this input alone
        return "error", repr(err)


def serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """Worker loop: answer each pickled (function, args, seconds) task until the parent closes the pipe."""
    pickle.dump((_READY, None), replies)
    replies.flush()
    while True:
        try:
            func, args, seconds = pickle.load(requests)
        except EOFError:
            return
        pickle.dump(_answer(func, args, seconds), replies)
        replies.flush()


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which then stops us
    import etl.read  # noqa: F401  the HTML reader's imports (trafilatura, lxml) load before "ready", off the clock

    channel = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print in a task must not corrupt the reply stream
    serve(sys.stdin.buffer, channel)
