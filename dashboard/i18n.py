"""The interface in English and Bahasa Indonesia: string catalogues (a folder per language), Babel formats.

Every string the dashboard shows lives in `dashboard/locales/<lang>/*.toml`, one file per area (common,
overview, charts…); a key is the file's name and the path inside it: `t("overview.title")`. A value may
carry `{placeholders}`; an entry with `one`/`other` forms is chosen by Babel's plural rule for the count
`n`. Dates and numbers are formatted for the language with Babel, actor names come from CLDR (Babel) in
the language, so no page formats a date or a number by hand.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pycountry
from babel import Locale
from babel.dates import format_date, format_datetime, get_day_names, get_month_names
from babel.numbers import format_decimal, format_percent

LANGS: dict[str, str] = {"en": "English", "id": "Bahasa Indonesia"}
DEFAULT_LANG = "en"
LOCALES = Path(__file__).resolve().parent / "locales"
DATE_FORMAT = "d MMM y"  # 4 Aug 2024 / 4 Agu 2024
DATETIME_FORMAT = {"en": "d MMM y, HH:mm", "id": "d MMM y, HH.mm"}


def _flatten(prefix: str, table: Mapping[str, Any], out: dict[str, Any]) -> None:
    """Dotted keys for a nested TOML table; a table of plural forms stays one entry."""
    for key, value in table.items():
        name = f"{prefix}.{key}"
        if isinstance(value, dict) and not set(value) <= {"one", "other"}:
            _flatten(name, value, out)
        else:
            out[name] = value


@functools.cache
def catalogue(lang: str) -> dict[str, Any]:
    """Every string of one language by dotted key (`file.section.key`), read once from its TOML files."""
    folder = LOCALES / lang
    if lang not in LANGS or not folder.is_dir():
        raise ValueError(f"no catalogue for language {lang!r}; known: {', '.join(LANGS)}")
    out: dict[str, Any] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as fp:
            _flatten(path.stem, tomllib.load(fp), out)
    return out


@functools.cache
def _territories(lang: str) -> dict[str, str]:
    """Alpha-3 code -> CLDR short country name in the language ('PRK' -> 'Korea Utara')."""
    territories = Locale.parse(lang).territories
    return {c.alpha_3: territories[c.alpha_2] for c in pycountry.countries if c.alpha_2 in territories}


@functools.cache
def _locale(lang: str) -> Locale:
    """Babel's locale of a language, parsed once."""
    return Locale.parse(lang)


# Charts format the same few dates and counts thousands of times (hover texts): format each once.
@functools.lru_cache(maxsize=8192)
def _format_date(day: date, fmt: str, lang: str) -> str:
    """A date in the language's words."""
    return format_date(day, fmt, locale=_locale(lang))


@functools.lru_cache(maxsize=8192)
def _format_number(value: float, pattern: str, lang: str) -> str:
    """A number with the language's separators."""
    return format_decimal(value, format=pattern, locale=_locale(lang))


def _missing(value: Any) -> bool:
    """True for None and pandas' missing markers."""
    return value is None or (not isinstance(value, str | list | tuple | dict) and bool(pd.isna(value)))


@dataclass(frozen=True)
class Texts:
    """The strings and formats of one language; hashable, so it can travel into cached functions."""

    lang: str = DEFAULT_LANG

    def __post_init__(self) -> None:
        """Refuse an unknown language early (a link's junk is validated before it gets here)."""
        if self.lang not in LANGS:
            raise ValueError(f"unknown language {self.lang!r}; known: {', '.join(LANGS)}")

    def _entry(self, key: str) -> Any:
        """The catalogue entry for `key`; English when this language lacks it; KeyError when both do."""
        found = catalogue(self.lang).get(key)
        if found is None:
            found = catalogue(DEFAULT_LANG)[key]
        return found

    def __call__(self, key: str, /, n: int | None = None, **values: Any) -> str:
        """The string for `key` with `{placeholders}` filled; `n` picks the plural form and fills {n}."""
        entry = self._entry(key)
        if isinstance(entry, dict):
            form = _locale(self.lang).plural_form(abs(n or 0)) if n is not None else "other"
            entry = entry.get(form, entry["other"])
        if n is not None:
            values = {"n": self.number(n), **values}
        return str(entry).format(**values) if values else str(entry)

    def has(self, key: str) -> bool:
        """True when the catalogue (this language or English) has `key`."""
        return key in catalogue(self.lang) or key in catalogue(DEFAULT_LANG)

    def label(self, kind: str, code: Any) -> str:
        """The readable label of a code (`event_type`, `aid_type`, `outcome`…); the code itself if unknown.
        A code with spaces ('no response yet') is looked up with underscores (`no_response_yet`)."""
        if _missing(code) or code == "":
            return ""
        key = f"labels.{kind}.{str(code).replace(' ', '_')}"
        return self(key) if self.has(key) else str(code)

    def labels(self, kind: str, codes: str | None, sep: str = ",") -> str:
        """Labels of a separated list of codes ('offer_aid, meet'), joined by commas; '' when empty."""
        if _missing(codes) or not codes:
            return ""
        return ", ".join(self.label(kind, c.strip()) for c in str(codes).split(sep) if c.strip())

    def date(self, value: Any, fmt: str = DATE_FORMAT) -> str:
        """A date in the language ('4 Aug 2024', '4 Agu 2024'); '' when missing."""
        if _missing(value):
            return ""
        day = value.date() if isinstance(value, datetime | pd.Timestamp) else value
        return _format_date(day, fmt, self.lang) if isinstance(day, date) else str(value)

    def datetime(self, value: Any) -> str:
        """A date and time in the language ('4 Aug 2024, 13:05', '4 Agu 2024, 13.05')."""
        if _missing(value):
            return ""
        moment = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
        return format_datetime(moment, DATETIME_FORMAT[self.lang], locale=self.lang)

    def number(self, value: Any, digits: int = 0) -> str:
        """A number with the language's separators ('12,345' / '12.345'); '' when missing."""
        if _missing(value):
            return ""
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return _format_number(value, pattern, self.lang)

    def percent(self, value: float) -> str:
        """A share as a percentage in the language ('45%')."""
        return format_percent(value, locale=self.lang)

    def actor_names(self, names: Mapping[str, str]) -> dict[str, str]:
        """Display names of actor codes in this language: CLDR for countries, the catalogue for
        organisations, the database's name otherwise."""
        countries = _territories(self.lang)
        out = {}
        for code, name in names.items():
            key = f"labels.organisation.{code}"
            out[code] = countries.get(code) or (self(key) if self.has(key) else name)
        return out

    def month_names(self, width: str = "abbreviated") -> list[str]:
        """The twelve month names in the language (January first)."""
        names = get_month_names(width, locale=self.lang)
        return [names[m] for m in range(1, 13)]

    def day_names(self, width: str = "wide") -> list[str]:
        """The seven day names in the language, Sunday first (as Plotly and d3 expect)."""
        names = get_day_names(width, locale=self.lang)
        return [names[(d + 6) % 7] for d in range(7)]


EN = Texts(DEFAULT_LANG)


def texts(lang: str | None) -> Texts:
    """The Texts of a language code, English for anything unknown."""
    return Texts(lang) if lang in LANGS else EN
