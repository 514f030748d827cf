"""English display names for actor codes: CLDR country names (via Babel); IGOs keep a well-known acronym."""

from __future__ import annotations

import functools
from collections.abc import Iterable

import pycountry
from babel import Locale

# Organisations whose code is not the acronym readers know (UN, EU, WHO, NATO... show as themselves).
ORGANISATION_NAMES = {
    "WB": "World Bank",
    "ADB": "Asian Development Bank",
    "AU": "African Union",
    "OIC": "Organisation of Islamic Cooperation",
    "GCC": "Gulf Cooperation Council",
}


@functools.cache
def _cldr_names() -> dict[str, str]:
    """Alpha-3 code -> CLDR English short name ('PRK' -> 'North Korea')."""
    territories = Locale("en").territories
    return {c.alpha_3: territories[c.alpha_2] for c in pycountry.countries if c.alpha_2 in territories}


def display_name(code: str) -> str:
    """The name the dashboard shows for an actor code; other organisation codes show as themselves."""
    return ORGANISATION_NAMES.get(code) or _cldr_names().get(code, code)


def actor_rows(codes: Iterable[str | None]) -> list[tuple[str, str]]:
    """(code, display name) for each distinct non-empty code, sorted by code."""
    return [(code, display_name(code)) for code in sorted({c for c in codes if c})]
