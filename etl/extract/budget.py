"""A per-article time budget: the build sets a deadline, the extractor checks it once per sentence."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


class BudgetExceeded(TimeoutError):
    """Extraction of one article ran past its time budget; the build rejects that article alone."""


@dataclass(frozen=True)
class Deadline:
    """A point in time (monotonic clock) after which `check()` raises BudgetExceeded."""

    seconds: float
    ends: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        """A deadline `seconds` from now."""
        return cls(seconds, time.monotonic() + seconds)

    def check(self) -> None:
        """Raise BudgetExceeded if the deadline has passed."""
        if time.monotonic() > self.ends:
            raise BudgetExceeded(f"took longer than the {self.seconds:g} s budget for one report")


_CURRENT: ContextVar[Deadline | None] = ContextVar("extraction_deadline", default=None)


@contextmanager
def limit(seconds: float) -> Iterator[Deadline]:
    """Make a deadline `seconds` from now the current one for this thread (or task) while inside."""
    deadline = Deadline.after(seconds)
    token = _CURRENT.set(deadline)
    try:
        yield deadline
    finally:
        _CURRENT.reset(token)


def check() -> None:
    """Raise BudgetExceeded if the current deadline (set by `limit`) has passed; no deadline, no-op."""
    deadline = _CURRENT.get()
    if deadline is not None:
        deadline.check()
