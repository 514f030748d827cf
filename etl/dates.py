"""Find dates in a sentence and resolve them against a publication date (Bahasa Indonesia and English)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import dateparser

_MONTHS_ID = "Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
_MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTHS_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Agu|Agt|Sep|Sept|Oct|Okt|Nov|Dec|Des"
_MONTH = rf"(?:{_MONTHS_ID}|{_MONTHS_EN}|(?:{_MONTHS_ABBR})\.?)"
_MONTH_NUMBER = {
    **{m.lower(): i + 1 for i, m in enumerate(_MONTHS_ID.replace("|Pebruari", "").split("|"))},
    **{m.lower(): i + 1 for i, m in enumerate(_MONTHS_EN.split("|"))},
    "pebruari": 2,
}
_WEEKDAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6,
    "ahad": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_YEAR = r"(?:19|20)\d\d"

_ISO = re.compile(rf"\b{_YEAR}-\d\d-\d\d\b")
_DAY_MONTH_YEAR = re.compile(rf"\b\d{{1,2}}\s+{_MONTH}\s*,?\s+{_YEAR}\b")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b")
_NUMERIC = re.compile(rf"(?<![\d/])\d{{1,2}}/\d{{1,2}}/{_YEAR}\b")
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}\s+{_MONTH}\b(?!\s*,?\s*{_YEAR})")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\d|,?\s+{_YEAR})")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_MONTH_ONLY = re.compile(
    rf"(?:\b(?:pada\s+)?bulan\s+({_MONTHS_ID})|\b(?:in|since|early|late|mid-?|during|of)\s+({_MONTHS_EN}))"
    rf"\b(?!\s+\d)(?:\s+(?:lalu|ini|tahun\s+ini|this\s+year))?"
    rf"|\b({_MONTHS_ID}|{_MONTHS_EN})\s+(?:lalu|kemarin)\b"
)
_MONTH_YEAR = re.compile(rf"\b(?:{_MONTHS_ID}|{_MONTHS_EN})\s+({_YEAR})\b")
_YESTERDAY = re.compile(r"\b(kemarin|yesterday)\b", re.IGNORECASE)
_TODAY = re.compile(r"\b(hari ini|today|this morning|pagi ini)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A date found in a text: where it is, what it resolves to, and how precise it is."""

    start: int
    end: int
    value: date
    precision: str


def _parse(text: str, language: str | None, order: str = "DMY") -> date | None:
    """Parse one explicit date string with dateparser, or None."""
    languages = [language] if language in ("id", "en") else ["id", "en"]
    settings = {"DATE_ORDER": order, "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month"]}
    try:
        parsed = dateparser.parse(text, languages=languages, settings=settings)
    except (ValueError, OverflowError, TypeError, KeyError):
        return None
    return parsed.date() if parsed else None


def _numeric_order(text: str, language: str | None) -> str:
    """Day/month order of a numeric date: day first except in English text where month first fits."""
    first, second = (int(x) for x in text.split("/")[:2])
    if language == "en" and first <= 12 and second > 12:
        return "MDY"
    return "DMY"


def _absolute(text: str, language: str | None) -> list[DateMention]:
    """Explicit dates with a year in a text."""
    found: list[DateMention] = []
    for pattern in (_ISO, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _NUMERIC):
        for m in pattern.finditer(text):
            order = _numeric_order(m.group(), language) if pattern is _NUMERIC else "DMY"
            value = _parse(m.group().replace(",", " "), language, order)
            if value and not _overlaps(found, m.start(), m.end()):
                found.append(DateMention(m.start(), m.end(), value, "day"))
    return found


def find_absolute_date(text: str, language: str | None) -> date | None:
    """Return the first explicit absolute date (with day, month and year) in a text, or None."""
    found = sorted(_absolute(text or "", language), key=lambda d: d.start)
    return found[0].value if found else None


def _overlaps(found: list[DateMention], start: int, end: int) -> bool:
    """True when the span overlaps a date already found."""
    return any(d.start < end and start < d.end for d in found)


def _before_or_on(month: int, day: int, published: date) -> date | None:
    """The date with this month and day on or before the publication date (this year or last)."""
    for year in (published.year, published.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= published + timedelta(days=1):
            return candidate
    return None


def _month_number(word: str) -> int | None:
    """The month number of a month name or abbreviation in either language."""
    word = word.lower().rstrip(".")
    if word in _MONTH_NUMBER:
        return _MONTH_NUMBER[word]
    return next((n for name, n in _MONTH_NUMBER.items() if name.startswith(word[:3])), None)


def _day_month(text: str, published: date) -> list[DateMention]:
    """Day and month without a year ("4 Agustus", "August 4"), in the publication's year."""
    found: list[DateMention] = []
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(text):
            words = re.findall(r"[A-Za-z]+\.?", m.group())
            digits = re.findall(r"\d+", m.group())
            month = _month_number(words[0]) if words else None
            if month and digits:
                value = _before_or_on(month, int(digits[0]), published)
                if value:
                    found.append(DateMention(m.start(), m.end(), value, "day"))
    return found


def _weekday(text: str, published: date) -> list[DateMention]:
    """Weekday names: the latest such day on or before the publication date."""
    found = []
    for m in _WEEKDAY.finditer(text):
        if m.group()[0].islower() and m.group().lower() == "minggu":
            continue  # "minggu" in lower case is "week"
        if re.match(r"[\s,(]{1,3}\d", text[m.end() : m.end() + 4]):
            continue  # "Sabtu, 1 Februari 2020": the explicit date that follows says it
        back = (published.weekday() - _WEEKDAYS[m.group().lower()]) % 7
        found.append(DateMention(m.start(), m.end(), published - timedelta(days=back), "day"))
    return found


def _month_only(text: str, published: date) -> list[DateMention]:
    """A month without a day ("pada bulan Juni", "in June"): the 1st of that month, precision month."""
    found = []
    for m in _MONTH_ONLY.finditer(text):
        month = _month_number(next(g for g in m.groups() if g))
        if month:
            year = published.year if month <= published.month else published.year - 1
            found.append(DateMention(m.start(), m.end(), date(year, month, 1), "month"))
    for m in _MONTH_YEAR.finditer(text):
        month = _month_number(m.group().split()[0])
        if month:
            found.append(DateMention(m.start(), m.end(), date(int(m.group(1)), month, 1), "month"))
    return found


def _relative_days(text: str, published: date) -> list[DateMention]:
    """ "Yesterday"/"kemarin" and "today"/"hari ini"."""
    found = [
        DateMention(m.start(), m.end(), published - timedelta(days=1), "day")
        for m in _YESTERDAY.finditer(text)
    ]
    found += [DateMention(m.start(), m.end(), published, "day") for m in _TODAY.finditer(text)]
    return found


def find_dates(text: str, language: str | None, published: date | None) -> list[DateMention]:
    """All dates in a text, resolved against the publication date, in text order, without overlaps."""
    found = _absolute(text, language)
    if published is not None:
        for finder in (_day_month, _weekday, _month_only, _relative_days):
            for mention in finder(text, published):
                if not _overlaps(found, mention.start, mention.end):
                    found.append(mention)
    return sorted(found, key=lambda d: d.start)
