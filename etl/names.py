"""English display names for actor codes: CLDR country names (via Babel); IGOs keep their acronym."""

from __future__ import annotations

import functools
from collections.abc import Iterable

import pycountry
from babel import Locale


@functools.cache
def _cldr_names() -> dict[str, str]:
    """Alpha-3 code -> CLDR English short name ('PRK' -> 'North Korea')."""
    territories = Locale("en").territories
    return {c.alpha_3: territories[c.alpha_2] for c in pycountry.countries if c.alpha_2 in territories}


def display_name(code: str) -> str:
    """The name the dashboard shows for an actor code; unknown codes (IGOs) show as themselves."""
    return _cldr_names().get(code, code)


def actor_rows(codes: Iterable[str | None]) -> list[tuple[str, str]]:
    """(code, display name) for each distinct non-empty code, sorted by code."""
    return [(code, display_name(code)) for code in sorted({c for c in codes if c})]
