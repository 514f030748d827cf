"""Stage 6: the date of each act: the date in its clause, else its sentence, else the article's context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from etl.actors import REPORTER, Mention
from etl.dates import DateMention

_I = re.IGNORECASE
# A date right after one of these is when something was reported, not when it happened.
_REPORT_CUE = re.compile(
    r"(?:melaporkan|melapor|lapor|diwartakan|dilansir|memberitakan|menurut|reported|reports|according to"
    r"|said|says|told|kata|ujar|katanya|~R)[^.;]{0,25}$",
    _I,
)
_DAY_EARLIER = re.compile(r"\b(?:a day earlier|the day before|the previous day|sehari sebelumnya)\b", _I)
_SAME_DAY = re.compile(
    r"\b(?:the same day|that same day|that day|that evening|that night|later that day"
    r"|(?:pada )?hari yang sama|hari itu juga|(?:pada )?hari itu|malam itu|sore itu"
    r"|(?:malam|sore|siang|pagi) harinya)\b",
    _I,
)
_DAYS_NEWS = timedelta(days=3)
# "grateful for the gift as soon as it was pledged": the act is dated by the pledge named before.
_WHEN_TOLD = re.compile(
    r"\b(?:when|as soon as) (?:it|they|this|that|these|the \w+) (?:was|were|had been)"
    r" (?:announced|pledged|offered|promised)\b"
    r"|\b(?:saat|ketika|begitu) (?:\w+ )?(?:diumumkan|dijanjikan|ditawarkan)\b",
    _I,
)
ANNOUNCED = "the day it was announced"
_PLEDGED = (
    r"(?:announc|pledg|offer|promis|mengumumkan|menjanjikan|menawarkan|diumumkan|dijanjikan|ditawarkan)"
)
_PLEDGE_BEFORE = re.compile(_PLEDGED + r"\w*\W+(?:\w+\W+){0,2}$", _I)
_PLEDGE_AFTER = re.compile(r"^\W*(?:\w+\W+){0,5}?" + _PLEDGED, _I)
_EXACTNESS = {"day": 4, "week": 3, "month": 2, "year": 1}
# A date that names a disaster ("Friday's earthquake", "gempa 28 September 2018") is not an act's date.
_DISASTER_BEFORE = re.compile(
    r"(?:quake|earthquake|gempa|tsunami|banjir|flood|floods|explosion|blast|ledakan|eruption|letusan|storm"
    r"|badai|hurricane|topan|bencana|disaster)\W{1,3}(?:bumi\W{1,3})?(?:hari\W{1,3})?$",
    _I,
)
_SINCE = re.compile(r"\b(?:since|sejak)\s+\S{0,6}$", _I)
# ", while Britain pledged": a contrastive clause is a separate act; a date across it is not the act's.
_CONTRAST = re.compile(r",\s*(?:while|whereas|sedangkan|sementara|padahal)\b", _I)
_NAMES_A_THING = re.compile(
    r"^(?:'s|’s|\s+(?:quake|earthquake|gempa|tsunami|flood|floods|explosion|blast|eruption|storm|disaster)\b)",
    _I,
)


@dataclass(frozen=True)
class Dated:
    """A date chosen for an event, and how it was chosen (for --explain)."""

    mention: DateMention | None
    how: str


def _marked(sentence: str, mentions: list[Mention]) -> str:
    """The sentence with news-agency names replaced by a marker the report cue knows."""
    for m in mentions:
        if m.code == REPORTER:
            sentence = sentence[: m.start] + "~R".ljust(m.end - m.start) + sentence[m.end :]
    return sentence


def _names_a_disaster(sentence: str, d: DateMention) -> bool:
    """True for "Friday's earthquake" or "gempa Jumat": the date belongs to the disaster, not the act."""
    before = sentence[max(0, d.start - 30) : d.start]
    since = _SINCE.search(before + sentence[d.start : d.start + 6])  # "shut since 2021": a state's start
    return bool(
        _NAMES_A_THING.match(sentence[d.end : d.end + 12]) or _DISASTER_BEFORE.search(before) or since
    )


def _contrast_part(sentence: str, at: int) -> tuple[int, int]:
    """The stretch of the sentence between contrast cuts (", while", ", sedangkan") holding position at."""
    cuts = [0, *(m.start() for m in _CONTRAST.finditer(sentence)), len(sentence) + 1]
    return next((a, b) for a, b in pairwise(cuts) if a <= at < b)


def date_for(
    sentence: str,
    span: tuple[int, int],
    clause: tuple[int, int],
    dates: list[DateMention],
    mentions: list[Mention],
) -> Dated:
    """The date of a trigger at char span: in its clause nearest to it, else the sentence's first act date
    not across a contrast (", while"), else a report date ("KCNA reported on Sunday")."""
    if not dates:
        return Dated(None, "")
    marked = _marked(sentence, mentions)
    dates = [d for d in dates if not _names_a_disaster(sentence, d)]
    if not dates:
        return Dated(None, "")
    action = [d for d in dates if not _REPORT_CUE.search(marked[max(0, d.start - 40) : d.start])]
    in_clause = [d for d in action if clause[0] <= d.start < clause[1]]
    if in_clause:
        best = min(in_clause, key=lambda d: abs(d.start - span[0]))
        return Dated(best, "in the trigger's clause")
    part = _contrast_part(sentence, span[0])
    same_part = [d for d in action if part[0] <= d.start < part[1]]
    if same_part:
        return Dated(same_part[0], "in the sentence")
    if action:  # the sentence's act dates all belong to a contrasted clause
        return Dated(None, "")
    return Dated(dates[0], "report date of the sentence")


def exactness(mention: DateMention | None) -> int:
    """How closely a date mention pins its day: a named day, then a weekend (two days), week, month, year."""
    if mention is None:
        return 0
    rank = _EXACTNESS.get(mention.precision, 0) * 2
    return rank - (mention.precision == "day" and mention.rule == "relative_period")


def relative_day(sentence: str, last_day: DateMention | None) -> Dated | None:
    """ "the same day" and "the day before", resolved against the last day the article named."""
    if last_day is None:
        return None
    if _SAME_DAY.search(sentence):
        return Dated(DateMention(0, 0, last_day.value, "day"), "the same day as the last date")
    if _DAY_EARLIER.search(sentence):
        return Dated(
            DateMention(0, 0, last_day.value - timedelta(days=1), "day"), "the day before the last date"
        )
    return None


def pledge_day(sentence: str, dates: list[DateMention]) -> DateMention | None:
    """The last day named right at a pledge or announcement ("had pledged on Jan. 4", "Kamis (4/1), X
    mengumumkan"), or None."""
    near = [
        d
        for d in dates
        if d.precision == "day"
        and (
            _PLEDGE_BEFORE.search(sentence[max(0, d.start - 40) : d.start])
            or _PLEDGE_AFTER.match(sentence[d.end :])
        )
    ]
    return near[-1] if near else None


def told_day(sentence: str, pledged: DateMention | None) -> Dated | None:
    """ "when it was announced": the day of the last pledge or announcement the article named."""
    if pledged is None or not _WHEN_TOLD.search(sentence):
        return None
    return Dated(DateMention(0, 0, pledged.value, "day"), ANNOUNCED)


def gift_date(thanks: Dated) -> Dated:
    """The date a thanked-for gift takes from its thank-you: not the day the gift was announced."""
    return Dated(None, "") if thanks.how == ANNOUNCED else thanks


def is_days_news(dates: list[DateMention], published: date | None) -> bool:
    """True when the article reports the day's news: a day within three days before publication, or only
    month dates in the publication month."""
    if published is None or not dates:
        return False
    if any(d.precision == "day" and timedelta(0) <= published - d.value <= _DAYS_NEWS for d in dates):
        return True
    return all(d.precision == "month" and d.value == published.replace(day=1) for d in dates)
