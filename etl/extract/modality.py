"""Modality stage: does a found trigger state a real, international aid act, and how surely (stated …)?

The rules are data (etl/rules/modality.toml): each names cue words, where they must stand relative to the
trigger (a window of tokens before, after or around it) and what they do (drop the trigger, or set the
event's certainty). This module is the small engine that reads and applies them; the extraction engine
calls `judge` once per trigger.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from etl.models import CERTAINTIES

RULES_PATH = Path(__file__).resolve().parents[1] / "rules" / "modality.toml"
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]")  # no nested quantifiers: linear
_REACH = 600  # characters read on each side of a trigger; every window is far shorter
_WINDOW_MAX = 40  # the longest window a rule may have, in tokens
_ARTICLE_REACH = 50_000  # characters of an article read by article rules (a long news report is ~10,000)
_SCOPES = ("before", "after", "around", "article")
_EFFECTS = ("drop", *(c for c in CERTAINTIES if c != "stated"))
_LANGUAGES = ("id", "en", "any")
_STEM = 3  # prefixed cues are indexed by the first letters of their stem ("deny*" under "den")

Cue = tuple[str, ...]


@dataclass(frozen=True)
class CueSet:
    """Cue phrases indexed by their first word (or its first letters for "deny*"), so each token is
    checked against the few cues that can start there, not all of them."""

    exact: dict[str, tuple[Cue, ...]]
    prefixed: dict[str, tuple[Cue, ...]]  # cues whose first word ends in *, by its first _STEM letters
    keys: frozenset[str] = frozenset()  # one word every cue needs (its longest plain word), for quick rejects
    stems: frozenset[str] = frozenset()  # the stems of cues made only of * words

    def may_occur(self, words: frozenset[str], stems: frozenset[str]) -> bool:
        """False when no cue can stand among these words (a set test, before any scanning)."""
        return not self.keys.isdisjoint(words) or not self.stems.isdisjoint(stems)

    def at(self, tokens: list[str], i: int, end: int) -> Iterator[Cue]:
        """The cues whose words stand at tokens[i:], ending at or before index `end`."""
        token = tokens[i]
        for cue in self.exact.get(token, ()):
            if len(cue) == 1 or _phrase_at(tokens, i, cue, end):
                yield cue
        for cue in self.prefixed.get(token[:_STEM], ()):
            if _phrase_at(tokens, i, cue, end):
                yield cue

    def __bool__(self) -> bool:
        """True when the set holds any cue."""
        return bool(self.exact or self.prefixed)


@dataclass(frozen=True)
class Modality:
    """The verdict on one trigger: keep it or not, its certainty, and the rule that decided."""

    keep: bool  # False: this trigger produces no event
    certainty: str  # "stated" | "reported" | "alleged" | "hinted" | "conditional"
    rule: str  # name of the rule that decided (printed by `--explain`), "" if none


STATED = Modality(keep=True, certainty="stated", rule="")


@dataclass(frozen=True)
class Window:
    """Where cues are looked for: before, after or around the trigger, `size` tokens, never past a stop."""

    scope: str
    size: int
    stops: frozenset[str]
    inside: bool = False  # a cue may also lie wholly inside the trigger ("dukungan" for "dukungan")


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a rules tuple can key a cache
class Rule:
    """One named modality rule, as read from the rules file."""

    name: str
    language: str
    effect: str
    cues: CueSet
    window: Window
    gap: frozenset[str] | None = None
    unless: CueSet = CueSet({}, {})
    with_cues: CueSet = CueSet({}, {})
    with_window: Window | None = None
    with_follows: bool = False  # the `with` cue must follow the cue itself ("if" ... "asks")
    without_cues: CueSet = CueSet({}, {})  # none of these may stand in `without_window`
    without_window: Window | None = None
    types: frozenset[str] = frozenset()
    except_types: frozenset[str] = frozenset()
    triggers: tuple[str, ...] = ()
    except_triggers: tuple[str, ...] = ()
    min_distinct: int = 1  # article rules: how many different cues the article must hold


def tokenize(text: str) -> list[str]:
    """Lower-case word and punctuation tokens of a text, curly apostrophes made straight."""
    return [m.group().lower().replace("’", "'") for m in _TOKEN.finditer(text)]


def _cues(phrases: list[str]) -> CueSet:
    """Cue phrases as token tuples ("turn* down" -> ("turn*", "down")), indexed by first word."""
    exact: dict[str, list[Cue]] = {}
    prefixed: dict[str, list[Cue]] = {}
    keys: set[str] = set()
    stems: set[str] = set()
    for phrase in phrases:
        cue = tuple(phrase.lower().replace("’", "'").split())
        plain = [w for w in cue if not w.endswith("*")]
        if plain:
            keys.add(max(plain, key=len))
        else:
            stems.add(cue[0][:_STEM])
        if not cue[0].endswith("*"):
            exact.setdefault(cue[0], []).append(cue)
        elif len(cue[0]) > _STEM:
            prefixed.setdefault(cue[0][:_STEM], []).append(cue)
        else:
            raise ValueError(f"modality cue {phrase!r}: a word ending in * needs {_STEM} letters before it")
    return CueSet(
        {k: tuple(v) for k, v in exact.items()},
        {k: tuple(v) for k, v in prefixed.items()},
        frozenset(keys),
        frozenset(stems),
    )


def _window(entry: dict, stopsets: dict[str, list[str]], prefix: str = "") -> Window:
    """The window of a rule (or of its `with` cue, given the prefix "with_")."""
    scope = entry.get(f"{prefix}scope", entry["scope"])
    if scope not in _SCOPES:
        raise ValueError(f"modality rule {entry['name']!r}: scope {scope!r} is not one of {_SCOPES}")
    stops = stopsets[entry.get(f"{prefix}stops", entry.get("stops", "clause"))]
    size = int(entry.get(f"{prefix}window", entry.get("window", 0)))
    if size > _WINDOW_MAX:
        raise ValueError(f"modality rule {entry['name']!r}: a window is at most {_WINDOW_MAX} tokens")
    return Window(scope, size, frozenset(stops), inside=bool(entry.get(f"{prefix}inside", False)))


def _rule(entry: dict, stopsets: dict[str, list[str]], gaps: dict[str, list[str]]) -> Rule:
    """Build one rule from its TOML table, checking the values a typo would break."""
    name = entry["name"]
    if entry["effect"] not in _EFFECTS or entry["language"] not in _LANGUAGES:
        raise ValueError(
            f"modality rule {name!r}: effect must be one of {_EFFECTS}, language of {_LANGUAGES}"
        )
    if entry["scope"] == "article" and entry["effect"] != "drop":
        raise ValueError(f"modality rule {name!r}: an article rule can only drop")
    with_cues, without_cues = _cues(entry.get("with", [])), _cues(entry.get("without", []))
    return Rule(
        name=name,
        language=entry["language"],
        effect=entry["effect"],
        cues=_cues(entry["cues"]),
        window=_window(entry, stopsets),
        gap=frozenset(gaps[entry["gap"]]) if "gap" in entry else None,
        unless=_cues(entry.get("unless", [])),
        with_cues=with_cues,
        with_window=_window(entry, stopsets, "with_") if with_cues else None,
        with_follows=bool(entry.get("with_follows", False)),
        without_cues=without_cues,
        without_window=_window(entry, stopsets, "without_") if without_cues else None,
        types=frozenset(entry.get("types", [])),
        except_types=frozenset(entry.get("except_types", [])),
        triggers=tuple(entry.get("triggers", [])),
        except_triggers=tuple(entry.get("except_triggers", [])),
        min_distinct=int(entry.get("min_distinct", 1)),
    )


def load_rules(path: Path = RULES_PATH) -> tuple[Rule, ...]:
    """Read and check the modality rules of a TOML file, in file order."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    stopsets, gaps = data.get("stops", {}), data.get("gaps", {})
    return tuple(_rule(entry, stopsets, gaps) for entry in data["rule"])


@cache
def default_rules() -> tuple[Rule, ...]:
    """The project's modality rules, read once."""
    return load_rules()


def _word_matches(pattern: str, token: str) -> bool:
    """A token matches a cue word exactly, or by prefix when the word ends in *."""
    if pattern.endswith("*") and len(pattern) > 1:
        return token.startswith(pattern[:-1])
    return token == pattern


def _phrase_at(tokens: list[str], i: int, cue: Cue, end: int) -> bool:
    """True when the cue's words stand at tokens[i:] without passing index `end`."""
    if i + len(cue) > end:
        return False
    return all(_word_matches(word, tokens[i + k]) for k, word in enumerate(cue))


def _span(tokens: list[str], t0: int, t1: int, window: Window) -> tuple[int, int]:
    """Token range of a window around the trigger tokens [t0, t1), cut at the first stop token."""
    lo, hi = t0, t1
    if window.scope in ("before", "around"):
        while lo > 0 and t0 - lo < window.size and tokens[lo - 1] not in window.stops:
            lo -= 1
    if window.scope in ("after", "around"):
        while hi < len(tokens) and hi - t1 < window.size and tokens[hi] not in window.stops:
            hi += 1
    return lo, hi


def _occurrences(
    tokens: list[str], t0: int, t1: int, window: Window, cues: CueSet
) -> Iterator[tuple[int, Cue]]:
    """Each (position, cue) of a cue in the window. A cue may overlap the trigger ("bantuan sosial" for
    "bantuan") but, unless the window says `inside`, not lie wholly inside it ("assist" is no football
    cue for the trigger "assist")."""
    lo, hi = _span(tokens, t0, t1, window)
    for i in range(lo, hi):
        for cue in cues.at(tokens, i, hi):
            if window.inside or i < t0 or i + len(cue) > t1:
                yield i, cue


def _cue_positions(rule: Rule, tokens: list[str], t0: int, t1: int) -> Iterator[int]:
    """Token index just after each cue of the rule found in its window where the gap and `unless` hold."""
    for i, cue in _occurrences(tokens, t0, t1, rule.window, rule.cues):
        if next(rule.unless.at(tokens, i, len(tokens)), None) is not None:
            continue
        between = tokens[i + len(cue) : t0]
        if rule.gap is not None and (i >= t0 or any(t not in rule.gap for t in between)):
            continue
        yield i + len(cue)


def _speaks(rule: Rule, language: str | None) -> bool:
    """True when the rule is for the text's language (every rule runs when the language is unknown)."""
    return language is None or rule.language in ("any", language)


def _applies(rule: Rule, language: str | None, event_type: str | None, trigger: list[str]) -> bool:
    """True when the rule is for this language, event type and trigger word."""
    if not _speaks(rule, language):
        return False
    if event_type in rule.except_types or (rule.types and event_type not in (None, *rule.types)):
        return False
    if rule.triggers and not any(_word_matches(p, t) for p in rule.triggers for t in trigger):
        return False
    return not any(_word_matches(p, t) for p in rule.except_triggers for t in trigger)


@dataclass(frozen=True)
class Around:
    """The tokens near one trigger, the trigger's token range, and the words and stems within reach."""

    tokens: list[str]
    t0: int
    t1: int
    words: frozenset[str]
    stems: frozenset[str]


def _fires(rule: Rule, near: Around) -> bool:
    """True when the rule's cue and its `with` cue (if any) are found, and none of its `without` cues."""
    if not rule.cues.may_occur(near.words, near.stems):
        return False
    tokens, t0, t1 = near.tokens, near.t0, near.t1
    blocker = rule.without_window
    if blocker is not None and next(_occurrences(tokens, t0, t1, blocker, rule.without_cues), None):
        return False
    return _found(rule, tokens, t0, t1)


def _found(rule: Rule, tokens: list[str], t0: int, t1: int) -> bool:
    """True when the rule's cue, and its `with` cue if it has one, are found."""
    window = rule.with_window
    for after in _cue_positions(rule, tokens, t0, t1):
        if window is None:
            return True
        if not rule.with_follows:
            return next(_occurrences(tokens, t0, t1, window, rule.with_cues), None) is not None
        following = Window("after", window.size, window.stops)  # the tokens after this cue
        if next(_occurrences(tokens, after, after, following, rule.with_cues), None) is not None:
            return True
    return False


def _around(sentence: str, start: int, end: int) -> Around:
    """Tokens near the trigger (at most _REACH characters each side) and the trigger's token range."""
    lo, hi = max(0, start - _REACH), min(len(sentence), end + _REACH)
    found = list(_TOKEN.finditer(sentence, lo, hi))
    if lo > 0 and found:
        found = found[1:]  # may be a word cut in half
    if hi < len(sentence) and found:
        found = found[:-1]
    tokens = [m.group().lower().replace("’", "'") for m in found]
    t0 = next((k for k, m in enumerate(found) if m.end() > start), len(found))
    t1 = next((k for k in range(t0, len(found)) if found[k].start() >= max(end, start + 1)), len(found))
    reach = tokens[max(0, t0 - _WINDOW_MAX) : t1 + _WINDOW_MAX]
    return Around(tokens, t0, t1, frozenset(reach), frozenset(t[:_STEM] for t in reach))


@lru_cache(maxsize=8)
def _article_sense(article: str, language: str | None, rules: tuple[Rule, ...]) -> str:
    """The first article rule whose distinct cues the article holds often enough, or "" (once per article)."""
    tokens = tokenize(article[:_ARTICLE_REACH])
    for rule in rules:
        if rule.window.scope != "article" or not _speaks(rule, language):
            continue
        found = {cue for i in range(len(tokens)) for cue in rule.cues.at(tokens, i, len(tokens))}
        if len(found) >= rule.min_distinct:
            return rule.name
    return ""


def judge(
    sentence: str,
    start: int,
    end: int,
    language: str | None,
    *,
    event_type: str | None = None,
    article: str | None = None,
    rules: tuple[Rule, ...] | None = None,
) -> Modality:
    """Judge the trigger at sentence[start:end]: a drop wins, else the first certainty rule, else stated.

    Give `article` (the whole text) to let article rules drop every trigger of a football report, a
    welfare or court story or a fact-check; it is read once per article.
    """
    rules = default_rules() if rules is None else rules
    sense = _article_sense(article, language, rules) if article else ""
    if sense:
        return Modality(keep=False, certainty="stated", rule=sense)
    near = _around(sentence, start, end)
    trigger = near.tokens[near.t0 : near.t1]
    verdict = STATED
    for rule in rules:
        if rule.window.scope == "article" or (verdict.rule and rule.effect != "drop"):
            continue
        if not _applies(rule, language, event_type, trigger) or not _fires(rule, near):
            continue
        if rule.effect == "drop":
            return Modality(keep=False, certainty=verdict.certainty, rule=rule.name)
        verdict = Modality(keep=True, certainty=rule.effect, rule=rule.name)
    return verdict
