"""Find date mentions in a text and resolve them against a publication date (Bahasa Indonesia and English).

Every pattern is bounded (no unbounded or nested repetition), so the work grows linearly with the text.
Month and weekday names come from dateparser's CLDR-based vocabularies; the resolution is plain calendar
arithmetic. Conventions:

- A bare weekday is the latest such day on or before publication; "last"/"lalu"/"kemarin" is strictly
  before it; "next"/"depan"/"mendatang", or a future cue ("akan", "will", "dijadwalkan") shortly before
  the weekday, resolves forward and the mention is marked ``future``.
- Numbers: "11/9/2023" is day first, except in English text where it is month first when the first
  number is at most 12. "(4/8)" without a year is read (day first) outside English text only.
- A day and month without a year take the publication's year, or the year before when that would put
  them more than 60 days after publication.
- "last week"/"pekan lalu" has precision ``week`` and the Monday of that week as value; "this month",
  "bulan lalu", "late August" have precision ``month`` (value = the 1st); "in 2005", "tahun lalu" have
  precision ``year`` (value = 1 January).
- Days counted from the story's "then" carry ``offset`` (days from "then"): "tiga hari sebelumnya" and
  "two days later" count from ``anchor`` (the day the story is on, passed by the caller) or else from
  publication; "the same day", "malam harinya", "keesokan harinya" are found only when ``anchor`` is given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateparser.data.date_translation_data import en as _dp_en
from dateparser.data.date_translation_data import id as _dp_id

_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FULL_SHORT = {"may", "mei", "june", "juni", "july", "juli"}
_FUTURE_DAYS = 60  # a day-month without year may lie this far after publication before it means last year


def _vocabulary(keys: tuple[str, ...], keep: Callable[[str], bool]) -> dict[str, int]:
    """Lower-case names (from dateparser's English and Indonesian data) mapped to 1-based positions."""
    names: dict[str, int] = {}
    for number, key in enumerate(keys, start=1):
        for info in (_dp_en.info, _dp_id.info):
            names.update({word.lower(): number for word in info[key] if keep(word.lower())})
    return names


_MONTHS = _vocabulary(_MONTH_KEYS, lambda w: len(w) >= 3)
_FULL_MONTHS = {w: n for w, n in _MONTHS.items() if len(w) >= 5 or w in _FULL_SHORT}
_ABBREVIATIONS = {w: n for w, n in _MONTHS.items() if w not in _FULL_MONTHS}
_WEEKDAYS = {w: n - 1 for w, n in _vocabulary(_WEEKDAY_KEYS, lambda w: len(w) >= 4).items()}
_WEEKDAYS.update({"jum'at": 4, "ahad": 6})


def _trie(words: Iterable[str]) -> str:
    """A pattern matching any of the words, factored by common prefixes (longest match first); a space
    stands for 1-3 whitespace characters. Literal prefixes, not IGNORECASE, keep the scan fast."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _render(root)


def _render(node: dict) -> str:
    """The pattern of one node of a word trie."""
    branches = [(r"\s{1,3}" if c == " " else re.escape(c)) + _render(child) for c, child in node.items() if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"


def _cased(phrases: Iterable[str]) -> str:
    """A pattern for lower-case phrases in lower, Capitalised, Title and UPPER case."""
    phrases = list(phrases)
    titled = (" ".join(w[0].upper() + w[1:] for w in p.split()) for p in phrases)
    return _trie([f for p in phrases for f in (p, p[0].upper() + p[1:], p.upper())] + list(titled))


def _names(words: dict[str, int], dotted: Iterable[str] = ()) -> str:
    """An alternation of the names in Title Case and UPPER CASE (never lower case), longest first;
    `dotted` names also with a full stop ("Sept.")."""
    forms = {f for w in words for f in (w[0].upper() + w[1:], w.upper())}
    forms |= {f + "." for w in dotted for f in (w[0].upper() + w[1:], w.upper())}
    return _trie(forms)


_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10,
}  # fmt: skip
_UNITS = {
    "day": "day", "days": "day", "hari": "day", "week": "week", "weeks": "week", "pekan": "week",
    "minggu": "week", "month": "month", "months": "month", "bulan": "month", "year": "year",
    "years": "year", "tahun": "year",
}  # fmt: skip
_SE_UNITS = {"sehari": "day", "sepekan": "week", "seminggu": "week", "sebulan": "month", "setahun": "year"}

_S = r"\s{1,3}"
_MONTH = rf"(?P<month>{_names(_MONTHS, dotted=_ABBREVIATIONS)})"
_FULL_MONTH = rf"(?P<month>{_names(_FULL_MONTHS)})"
_WEEKDAY = rf"(?P<weekday>{_names(_WEEKDAYS)})"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_ORD = r"(?:st|nd|rd|th)?"
_RANGE = rf"(?:\s{{0,2}}(?:-|–|dan|and|to|hingga|sampai)\s{{0,2}}\d{{1,2}}{_ORD})?"
_NUMBER = rf"(?P<count>\d{{1,2}}|{_cased(_NUMBERS)})"
_PAST = r"(?P<past>lalu|yang\s{1,3}lalu|silam|ago|sebelumnya|earlier|kemudian|later)"
_STORY_SIGN = {"sebelumnya": -1, "earlier": -1, "kemudian": 1, "later": 1}
_UNIT = r"(?P<unit>hari|days?|pekan|minggu|weeks?|bulan|months?|tahun|years?)"
_END = r"(?!\w)"
_DAY_DIRECTION = "lalu|silam|kemarin|mendatang|depan|nanti"


@dataclass(frozen=True)
class DateMention:
    """A date found in a text: where it is, what it resolves to, how precise it is, and how it was read."""

    start: int
    end: int
    value: date
    precision: str  # day | week (value = Monday) | month (value = the 1st) | year (value = 1 January)
    text: str = ""
    rule: str = ""  # the construction that matched, e.g. "weekday", "numeric", "relative_day"
    relative: bool = False  # resolved against the publication date
    future: bool = False  # after the publication date (a plan or a schedule, not a past act)
    offset: int | None = None  # narrative forms: days from the story's "then" ("sehari sebelumnya" = -1)

    @property
    def narrative(self) -> bool:
        """True for a day counted from the story's "then" (the caller's anchor, else publication)."""
        return self.offset is not None


@dataclass(frozen=True)
class _Context:
    """What a resolver may look at: the whole text, its language and its publication date."""

    text: str
    language: str | None
    published: date | None
    anchor: date | None = None  # the day the story is on, for "the same day"; publication when None

    @property
    def then(self) -> date | None:
        """The day narrative forms count from."""
        return self.anchor or self.published


# What a resolver returns: value, precision, relative and, for days counted from the story, the offset.
_Resolved = tuple[date, str, bool] | tuple[date, str, bool, int] | None


# ---------------------------------------------------------------- calendar helpers


def _monday(day: date) -> date:
    """The Monday of the week holding a day."""
    return day - timedelta(days=day.weekday())


def _add_months(day: date, months: int) -> date:
    """The 1st of the month a number of months from a day's month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the numbers do not make one."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, published: date, direction: str = "") -> date | None:
    """A day and month without a year: in the publication's year unless that is well after publication
    (or at all after it, for "lalu"); the next such day on or after publication for "mendatang"."""
    if direction == "forward":
        years = (published.year, published.year + 1, published.year + 4)
        return next((v for y in years if (v := _safe_date(y, month, day)) and v >= published), None)
    latest = published + timedelta(days=0 if direction == "past" else _FUTURE_DAYS)
    years = (published.year, published.year - 1, published.year - 4)
    return next((v for y in years if (v := _safe_date(y, month, day)) and v <= latest), None)


def _month_year(month: int, published: date, direction: str) -> date:
    """The 1st of a named month without a year: past ("lalu"), strictly before ("last"), forward ("depan"),
    this year ("hingga"), or without a cue this year unless that is well after publication."""
    value = date(published.year, month, 1)
    if direction == "this_year":
        return value
    if direction in ("past", "before"):
        latest = published.month if direction == "past" else published.month - 1
        return value if month <= latest else date(published.year - 1, month, 1)
    if direction == "forward":
        return value if month > published.month else date(published.year + 1, month, 1)
    if value <= published + timedelta(days=_FUTURE_DAYS):
        return value
    return date(published.year - 1, month, 1)


def _weekday_date(weekday: int, published: date, mode: str) -> date:
    """Resolve a weekday relative to publication in one of the modes of `_weekday_mode`."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if mode == "before":
        return published - timedelta(days=back or 7)
    if mode == "after":
        return published + timedelta(days=ahead or 7)
    if mode == "onward":
        return published + timedelta(days=ahead)
    if mode == "this_week":
        return _monday(published) + timedelta(days=weekday)
    if mode == "last_week":
        return _monday(published) - timedelta(days=7 - weekday)
    if mode == "next_week":
        return _monday(published) + timedelta(days=7 + weekday)
    return published - timedelta(days=back)


def _shift(published: date, unit: str, count: int) -> tuple[date, str]:
    """The period a number of units from publication (negative = earlier), at that unit's precision."""
    if unit == "day":
        return published + timedelta(days=count), "day"
    if unit == "week":
        return _monday(published + timedelta(days=7 * count)), "week"
    if unit == "month":
        return _add_months(published, count), "month"
    return date(published.year + count, 1, 1), "year"


# ---------------------------------------------------------------- explicit dates


def _month_of(m: re.Match[str]) -> int:
    """The month number of a match's month name."""
    return _MONTHS[m.group("month").lower().rstrip(".")]


def _iso(m: re.Match[str], ctx: _Context, pre: str) -> _Resolved:
    """2023-09-11."""
    value = _safe_date(int(m.group("year")), int(m.group("m")), int(m.group("d")))
    return (value, "day", False) if value else None


def _numeric(m: re.Match[str], ctx: _Context, pre: str) -> _Resolved:
    """11/9/2023: day first, month first in English text when the first number can be a month."""
    first, second, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
    orders = ((first, second), (second, first))
    if ctx.language != "en" or first > 12:
        orders = orders[::-1]
    value = _safe_date(year, *orders[0]) or _safe_date(year, *orders[1])
    return (value, "day", False) if value else None


def _numeric_paren(m: re.Match[str], ctx: _Context, pre: str) -> _Resolved:
    """(4/8) or (4/8/24) in Indonesian text: day first; the year from publication when absent."""
    if ctx.language == "en":
        return None
    day, month, year = int(m.group("a")), int(m.group("b")), m.group("yy")
    if year:
        value = _safe_date(2000 + int(year), month, day)
        return (value, "day", False) if value else None
    if ctx.published is None or not 1 <= month <= 12:
        return None
    value = _infer_year(month, day, ctx.published)
    return (value, "day", True) if value else None


def _day_month(m: re.Match[str], ctx: _Context, pre: str) -> _Resolved:
    """3 Agustus (2023), Aug. 3(rd)(, 2023), 13-14 September: the first day."""
    month, day = _month_of(m), int(m.group("day"))
    if m.group("year"):
        value = _safe_date(int(m.group("year")), month, day)
        return (value, "day", False) if value else None
    if ctx.published is None:
        return None
    direction = _MONTH_DIRECTION.get((m.group("dir") or "").lower(), "")
    value = _infer_year(month, day, ctx.published, direction)
    return (value, "day", True) if value else None


def _month_with_year(m: re.Match[str], ctx: _Context, pre: str) -> _Resolved:
    """September 2023, Sept. 2023."""
    return date(int(m.group("year")), _month_of(m), 1), "month", False


# ---------------------------------------------------------------- weekdays

_NAME_BEFORE = re.compile(r"(?i:good|black|super|ash|bloody|palm|easter|holy|cyber|maundy|pasar)\s{1,3}$")
_NAME_AFTER = re.compile(
    r"\s{1,3}(?:Agung|Putih|Suci|Palma|Times|Telegraph|Post|Mirror|Express|Herald|Night)\b"
)
_FUTURE_CUE = re.compile(
    r"(?i:\b(?:akan|dijadwalkan|rencananya|direncanakan|berencana|will|shall|scheduled|is\s+due|are\s+due"
    r"|is\s+set\s+to|are\s+set\s+to|plans?\s+to|planned\s+to|expected\s+to)\b)"
)
_REPORT_VERB = re.compile(
    r"(?i:\b(?:said|says|told|announced|stated|added|kata|ujar|ujarnya|katanya|mengatakan|menyatakan"
    r"|menyebut|menjelaskan|menurut|tutur)\b)"
)
_ASIDE = re.compile(r"(?i:,\s{0,3}(?:yang|which|who)\s{1,3})$")
_WEEK_MODES = {"lalu": "last_week", "kemarin": "last_week", "depan": "next_week", "mendatang": "next_week"}
_WEEKDAY_MODES = {
    "last": "before", "past": "before", "lalu": "before", "kemarin": "before", "next": "after",
    "coming": "after", "depan": "after", "mendatang": "after", "this": "this_week", "ini": "this_week",
}  # fmt: skip


def _sentence_initial(text: str, start: int) -> bool:
    """True when only spaces separate a position from the start of its sentence or line."""
    before = text[max(0, start - 6) : start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n:"


def _is_name(m: re.Match[str], ctx: _Context) -> bool:
    """A weekday inside a name or a holiday: Pasar Minggu, Good Friday, Jumat Agung, Sunday Times."""
    start, end = m.start("weekday"), m.end("weekday")
    before = ctx.text[max(0, start - 10) : start]
    return bool(_NAME_BEFORE.search(before) or _NAME_AFTER.match(ctx.text, end, end + 12))


def _future_cue(text: str, start: int) -> bool:
    """True when a future cue ("akan", "will", "dijadwalkan") comes shortly before, in the same clause:
    not in an aside that closed before the weekday (", which will host the talks, sent ...") and not
    followed by a reporting verb."""
    window = re.split(r"[.!?;\n]", text[max(0, start - 80) : start])[-1]
    cues = list(_FUTURE_CUE.finditer(window))
    if not cues:
        return False
    cue = cues[-1]
    if _ASIDE.search(window, 0, cue.start()) and "," in window[cue.end() :]:
        return False
    return not _REPORT_VERB.search(window, cue.end())


def _weekday_mode(m: re.Match[str], ctx: _Context, pre: str) -> str:
    """How a weekday resolves, from its modifier ("last", "lalu", "pekan lalu") or a future cue."""
    modifier = (pre or m.group("post") or "").lower().split()
    if m.group("weekunit"):
        return _WEEK_MODES.get(modifier[-1], "this_week")
    if modifier:
        return _WEEKDAY_MODES[modifier[-1]]
    return "onward" if _future_cue(ctx.text, m.start()) else "on_or_before"


def _weekday(m: re.Match[str], ctx: _Context, pre: str) -> _Resolved:
    """Senin, on Tuesday, last Tuesday, Senin lalu, Selasa depan, Rabu pekan lalu; not week "Minggu lalu"."""
    name = m.group("weekday")
    week_reading = name.lower() == "minggu" and m.group("post") and not m.group("weekunit")
    if ctx.published is None or _is_name(m, ctx) or (week_reading and _sentence_initial(ctx.text, m.start())):
        return None
    value = _weekday_date(_WEEKDAYS[name.lower()], ctx.published, _weekday_mode(m, ctx, pre))
    return value, "day", True


# ---------------------------------------------------------------- relative phrases

_DAY_PHRASES = {
    -2: "kemarin lusa|the day before yesterday",
    -1: "kemarin|yesterday|semalam|tadi malam|malam tadi|kemarin malam|last night",
    0: "hari ini|today|tonight|malam ini|pagi ini|siang ini|sore ini|tadi pagi|tadi siang|tadi sore"
    "|dini hari tadi|pagi tadi|siang tadi|sore tadi"
    "|this morning|this afternoon|this evening|earlier today|later today",
    1: "besok|esok|esok hari|tomorrow",
    2: "lusa|the day after tomorrow",
}
_PERIOD_PHRASES = {
    ("week", -1): "pekan lalu|minggu lalu|pekan kemarin|minggu kemarin|last week|earlier last week"
    "|this past week",
    ("week", 0): "pekan ini|minggu ini|this week|earlier this week|awal pekan ini|later this week",
    ("week", 1): "pekan depan|minggu depan|pekan mendatang|minggu mendatang|next week",
    ("month", -1): "bulan lalu|bulan kemarin|last month|earlier last month|late last month|akhir bulan lalu"
    "|awal bulan lalu|pertengahan bulan lalu",
    ("month", 0): "bulan ini|this month|earlier this month|later this month|awal bulan ini|akhir bulan ini"
    "|pertengahan bulan ini|earlier in the month",
    ("month", 1): "bulan depan|bulan mendatang|next month",
    ("year", -1): "tahun lalu|tahun kemarin|last year|earlier last year",
    ("year", 0): "tahun ini|this year|earlier this year|awal tahun ini|later this year",
    ("year", 1): "tahun depan|tahun mendatang|next year",
    ("weekend", -1): "akhir pekan lalu|akhir minggu lalu|last weekend|akhir pekan kemarin|this past weekend",
    ("weekend", 0): "akhir pekan ini|this weekend",
    ("recent_weekend", 0): "over the weekend|at the weekend|during the weekend|pada akhir pekan",
}


def _phrase_table(table: dict[object, str]) -> tuple[re.Pattern[str], dict[str, object]]:
    """A pattern for the '|'-separated phrases of a table (each phrase in lower, Capitalised and UPPER
    case, spaces as 1-3 whitespace characters, longest first), and a lookup from phrase to entry."""
    lookup = {phrase.lower(): key for key, phrases in table.items() for phrase in phrases.split("|")}
    return re.compile(rf"(?:{_cased(lookup)}){_END}"), lookup


def _entry(m: re.Match[str], lookup: dict[str, object]) -> object:
    """The table entry of a phrase as matched (any case and spacing)."""
    return lookup[" ".join(m.group().lower().split())]


_STORY_PHRASES = {
    -1: "the previous day|the day prior",
    0: "the same day|that same day|that day|later that day|earlier that day|hari itu|hari yang sama"
    "|malam harinya|pagi harinya|siang harinya|sore harinya|malam itu|pagi itu|siang itu|sore itu"
    "|that night|that morning|that afternoon|that evening",
    1: "the next day|the following day|keesokan harinya|keesokan hari|esok harinya",
}
_DAY_RE, _DAY_KEYS = _phrase_table(_DAY_PHRASES)
_STORY_RE, _STORY_KEYS = _phrase_table(_STORY_PHRASES)
_PERIOD_RE, _PERIOD_KEYS = _phrase_table(_PERIOD_PHRASES)


def _relative_day(m: re.Match[str], ctx: _Context, pre: str) -> _Resolved:
    """kemarin, yesterday, hari ini, tonight, besok, lusa, kemarin lusa, sehari sebelumnya."""
    if ctx.published is None:
        return None
    return ctx.published + timedelta(days=_entry(m, _DAY_KEYS)), "day", True  # type: ignore[operator]


def _story_day(m: re.Match[str], ctx: _Context, pre: str) -> _Resolved:
    """the same day, malam harinya, keesokan harinya, the previous day: only with the story's day (anchor),
    as publication is a poor guess for them."""
    if ctx.anchor is None:
        return None
    offset: int = _entry(m, _STORY_KEYS)  # type: ignore[assignment]
    return ctx.anchor + timedelta(days=offset), "day", True, offset


def _relative_period(m: re.Match[str], ctx: _Context, pre: str) -> _Resolved:
    """pekan lalu, last month, tahun ini, akhir pekan lalu (the Saturday), earlier this month."""
    if ctx.published is None or _capital_minggu(m):
        return None
    unit, count = _entry(m, _PERIOD_KEYS)  # type: ignore[misc]
    if unit == "weekend":
        return _monday(ctx.published) + timedelta(days=5 + 7 * count), "day", True
    if unit == "recent_weekend":
        return _weekday_date(5, ctx.published, "on_or_before"), "day", True
    value, precision = _shift(ctx.published, unit, count)
    return value, precision, True


def _capital_minggu(m: re.Match[str]) -> bool:
    """True for "Minggu lalu" inside a sentence: capitalised, "Minggu" is Sunday, not "week"."""
    text = m.group()
    return text.startswith("Minggu") and not _sentence_initial(m.string, m.start())


def _count_ago(m: re.Match[str], ctx: _Context, pre: str) -> _Resolved:
    """dua hari lalu, tiga hari yang lalu, two days ago, 3 weeks ago, sebulan lalu, sehari sebelumnya."""
    if ctx.published is None:
        return None
    if m.group("se"):
        unit, count = _SE_UNITS[m.group("se").lower()], 1
    else:
        unit, word = _UNITS[m.group("unit").lower()], m.group("count").lower()
        count = int(word) if word.isdigit() else _NUMBERS[word]
    sign = _STORY_SIGN.get(m.group("past").lower())
    if sign is None:
        value, precision = _shift(ctx.published, unit, -count)
        return value, precision, True
    if unit != "day" or ctx.then is None:
        return None  # "a week earlier" is too loose to count from the story's day
    return ctx.then + timedelta(days=sign * count), "day", True, sign * count


# ---------------------------------------------------------------- months, years, holidays

_MONTH_CUES = (
    r"in|since|until|by|during|early|late|mid|through|throughout|of|pada|bulan|sejak|hingga|sampai|awal"
    r"|pertengahan|akhir|medio|selama|sepanjang|mulai|jelang|menjelang|per|last|next|this"
)
_MONTH_DIRECTION = {
    "lalu": "past", "silam": "past", "kemarin": "past", "depan": "forward", "mendatang": "forward",
    "nanti": "forward",
    "until": "this_year", "hingga": "this_year", "sampai": "this_year", "jelang": "this_year",
    "menjelang": "this_year", "this": "this_year", "last": "before", "next": "forward",
}  # fmt: skip
_YEAR_CUES = (
    "in", "since", "until", "by", "during", "early", "late", "mid", "pada", "sejak", "hingga", "sampai",
    "tahun", "awal", "akhir", "pertengahan", "sepanjang", "selama",
)  # fmt: skip
_DISASTERS = (
    "gempa", "tsunami", "banjir", "bencana", "erupsi", "letusan", "krisis", "perang", "pandemi", "tragedi",
    "kebakaran", "topan", "badai",
)  # fmt: skip
_HOLIDAYS = {
    (1, 1): "New Year's Day|New Year’s Day|hari Tahun Baru",
    (12, 31): "New Year's Eve|New Year’s Eve|malam Tahun Baru|malam pergantian tahun",
    (12, 25): "Christmas Day|Hari Natal",
    (12, 24): "Christmas Eve|malam Natal",
}
_HOLIDAY_RE, _HOLIDAY_KEYS = _phrase_table(_HOLIDAYS)


def _named_month(m: re.Match[str], ctx: _Context, pre: str) -> _Resolved:
    """in September, pada September lalu, late August, awal Oktober, Oktober mendatang, since June 2023."""
    if m.group("year"):
        return date(int(m.group("year")), _month_of(m), 1), "month", False
    if ctx.published is None or not (pre or m.group("dir")):
        return None
    cue = (pre.lower().replace("-", " ").split() or [""])[0]
    direction = _MONTH_DIRECTION.get((m.group("dir") or "").lower()) or _MONTH_DIRECTION.get(cue, "")
    return _month_year(_month_of(m), ctx.published, direction), "month", True


def _year(m: re.Match[str], ctx: _Context, pre: str) -> _Resolved:
    """in 2005, pada tahun 2005, the 2011 earthquake, banjir besar 2010."""
    return date(int(m.group("year")), 1, 1), "year", False


def _holiday(m: re.Match[str], ctx: _Context, pre: str) -> _Resolved:
    """New Year's Day, Hari Natal: the latest such day on or before publication."""
    if ctx.published is None:
        return None
    month, day = _entry(m, _HOLIDAY_KEYS)  # type: ignore[misc]
    value = date(ctx.published.year, month, day)
    if value > ctx.published:
        value = date(ctx.published.year - 1, month, day)
    return value, "day", True


# ---------------------------------------------------------------- the rules, in order of preference

_Resolver = Callable[[re.Match[str], _Context, str], _Resolved]
_Rule = tuple[str, re.Pattern[str], _Resolver, re.Pattern[str] | None]
_WEEKDAY_PRE = re.compile(rf"(?i:\b(?:last|next|past|this(?:{_S}coming)?|coming)){_S}$")
_MONTH_PRE = re.compile(rf"(?i:\b(?:{_MONTH_CUES}))(?:-|{_S})(?i:bulan{_S})?$")
_RULES: list[_Rule] = [
    ("iso", re.compile(rf"{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d)(?![\d])"), _iso, None),
    (
        "numeric",
        re.compile(rf"(?P<a>\d{{1,2}})(?P<sep>[/-])(?P<b>\d{{1,2}})(?P=sep){_YEAR}(?![\w/-])"),
        _numeric,
        None,
    ),
    (
        "numeric_paren",
        re.compile(r"\(\s{0,2}(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<yy>\d\d))?\s{0,2}\)"),
        _numeric_paren,
        None,
    ),
    (
        "day_month",
        re.compile(
            rf"(?P<day>\d{{1,2}}){_ORD}{_RANGE}{_S}(?:of{_S})?{_MONTH}(?![\w])"
            rf"(?:,?{_S}{_YEAR}(?!\d)|{_S}(?P<dir>{_DAY_DIRECTION}){_END})?"
        ),
        _day_month,
        None,
    ),
    (
        "month_day",
        re.compile(
            rf"{_MONTH}{_S}(?P<day>\d{{1,2}}){_ORD}{_RANGE}(?![\d:.,]\d|\w)"
            rf"(?:,?{_S}{_YEAR}(?!\d)|{_S}(?P<dir>{_DAY_DIRECTION}){_END})?"
        ),
        _day_month,
        None,
    ),
    ("month_year", re.compile(rf"{_MONTH},?{_S}{_YEAR}(?![\d])"), _month_with_year, None),
    (
        "weekday",
        re.compile(
            rf"{_WEEKDAY}{_END}"
            rf"(?:{_S}(?P<post>(?i:(?P<weekunit>pekan|minggu){_S})?(?i:lalu|kemarin|depan|mendatang|ini)){_END})?"
        ),
        _weekday,
        _WEEKDAY_PRE,
    ),
    ("relative_day", _DAY_RE, _relative_day, None),
    ("story_day", _STORY_RE, _story_day, None),
    ("relative_period", _PERIOD_RE, _relative_period, None),
    (
        "count_ago",
        re.compile(rf"(?:(?P<se>{_cased(_SE_UNITS)})|{_NUMBER}{_S}{_UNIT}){_S}{_PAST}{_END}"),
        _count_ago,
        None,
    ),
    (
        "month_name",
        re.compile(
            rf"{_FULL_MONTH}{_END}(?:{_S}(?P<dir>(?i:lalu|silam|kemarin|depan|mendatang|nanti|ini)){_END}"
            rf"|,?{_S}{_YEAR}(?!\d))?"
        ),
        _named_month,
        _MONTH_PRE,
    ),
    (
        "year",
        re.compile(
            rf"(?:(?:{_cased(_YEAR_CUES)})(?:-|{_S})|(?:{_cased(['the'])}){_S}(?=(?:19|20)\d\d{_S}[a-z])"
            rf"|(?:{_cased(_DISASTERS)})(?:{_S}[a-z]{{2,12}})?{_S}){_YEAR}(?![\w-])"
        ),
        _year,
        None,
    ),
    ("holiday", _HOLIDAY_RE, _holiday, None),
]
_EXPLICIT = ("iso", "numeric", "numeric_paren", "day_month", "month_day")
_RANK = {rule[0]: rank for rank, rule in enumerate(_RULES)}
_NOT_BEFORE = frozenset("_-/.,'’")


def _glued(char: str) -> bool:
    """True when a mention may not start right after this character (inside a word or a number)."""
    return char.isalnum() or char in _NOT_BEFORE


_JOIN = re.compile(
    r"[\s,(]{0,3}(?i:(?:pagi|siang|sore|petang|malam|dini\s{1,3}hari|morning|afternoon|evening|night)\s{0,3})?"
    r"[\s,(]{0,3}$"
)


def _hits(rule: _Rule, text: str) -> Iterator[tuple[re.Match[str], int, str]]:
    """A rule's matches that start a word, each with its start and the modifier or cue just before it."""
    name, pattern, _, prefix = rule
    for m in pattern.finditer(text):
        start = m.start()
        found = prefix.search(text, max(0, start - 30), start) if prefix else None
        if found:
            yield m, found.start(), found.group()
        elif not start or name == "numeric_paren" or not _glued(text[start - 1]):
            yield m, start, ""


def _candidates(ctx: _Context) -> list[DateMention]:
    """Every resolvable match of every rule, overlapping or not."""
    found = []
    for rule in _RULES:
        for m, start, pre in _hits(rule, ctx.text):
            resolved = rule[2](m, ctx, pre)
            if resolved is None:
                continue
            value, precision, relative, *offset = resolved
            future = ctx.published is not None and value > ctx.published and not offset
            text = ctx.text[start : m.end()]
            found.append(
                DateMention(start, m.end(), value, precision, text, rule[0], relative, future, *offset)
            )
    return found


def _select(candidates: list[DateMention], size: int) -> list[DateMention]:
    """Keep the longest mention where they overlap (rule order breaks ties), in text order."""
    taken = bytearray(size)
    kept = []
    for d in sorted(candidates, key=lambda d: (d.start - d.end, _RANK[d.rule], d.start)):
        if 1 not in taken[d.start : d.end]:
            taken[d.start : d.end] = b"\x01" * (d.end - d.start)
            kept.append(d)
    return sorted(kept, key=lambda d: d.start)


def _joins(prev: DateMention, d: DateMention, text: str) -> bool:
    """True when a weekday or relative day is followed closely by an explicit date that names it."""
    if prev.rule not in ("weekday", "relative_day") or d.rule not in _EXPLICIT:
        return False
    return d.start - prev.end <= 25 and bool(_JOIN.match(text, prev.end, d.start))


def _merge_weekdays(mentions: list[DateMention], text: str) -> list[DateMention]:
    """Join a weekday or relative day to the explicit date right after it ("Senin (4/8)", "Rabu, 13 ...")."""
    merged: list[DateMention] = []
    for d in mentions:
        prev = merged[-1] if merged else None
        if prev is None or not _joins(prev, d, text):
            merged.append(d)
            continue
        end = d.end
        if "(" in text[prev.end : d.start] and text.startswith(")", end):
            end += 1
        merged[-1] = replace(d, start=prev.start, end=end, text=text[prev.start : end])
    return merged


def find_dates(
    text: str, language: str | None, published: date | None, anchor: date | None = None
) -> list[DateMention]:
    """All date mentions in a text, resolved against the publication date, in text order, without overlaps;
    days counted from the story ("the same day", "dua hari sebelumnya") count from `anchor` if given."""
    ctx = _Context(text or "", language, published, anchor)
    return _merge_weekdays(_select(_candidates(ctx), len(ctx.text)), ctx.text)


def find_absolute_date(text: str, language: str | None) -> date | None:
    """Return the first explicit date with day, month and year in a text, or None."""
    found = [d for d in find_dates(text, language, None) if d.precision == "day"]
    return found[0].value if found else None
