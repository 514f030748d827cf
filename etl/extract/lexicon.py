"""The rule data of the extraction engine: word classes and trigger rules read from etl/rules/*.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"


@dataclass(frozen=True)
class TriggerRule:
    """One named trigger: the words that fire it, the event type and how its roles are read."""

    name: str
    event_type: str
    phrases: tuple[tuple[str, ...], ...]
    forms: frozenset[str]
    needs: str
    scheme: str
    response: str | None
    as_form: str | None
    unless_next: frozenset[str]


@dataclass(frozen=True)
class Shift:
    """A named change of event type when a marker word stands just before the trigger."""

    name: str
    source: str
    target: str
    response: str | None
    before: frozenset[str]
    sentence: frozenset[str]
    window: int


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything the engine reads from the rule files."""

    words: dict[str, frozenset[str]]
    roles: dict[str, frozenset[str]]
    aid_types: dict[str, frozenset[str]]
    rules: tuple[TriggerRule, ...]
    shifts: tuple[Shift, ...]
    schemes: dict[str, tuple[str, ...]]
    nearest: frozenset[str]  # schemes whose recipient is the nearest of their roles
    swapped: frozenset[str]  # schemes whose subject receives ("received aid from")

    def has(self, kind: str, keys: frozenset[str]) -> bool:
        """True when one of a token's keys is in the word class `kind`."""
        return not self.words[kind].isdisjoint(keys)


def _rule(entry: dict) -> TriggerRule:
    """A trigger rule from its TOML table."""
    phrases = [(w,) for w in entry.get("words", [])] + [tuple(p.split()) for p in entry.get("phrases", [])]
    return TriggerRule(
        name=entry["name"],
        event_type=entry["type"],
        phrases=tuple(phrases),
        forms=frozenset(entry.get("forms", ["active"])),
        needs=entry.get("needs", ""),
        scheme=entry.get("scheme", "giving"),
        response=entry.get("response") or None,
        as_form=entry.get("as_form") or None,
        unless_next=frozenset(entry.get("unless_next", [])),
    )


def _shift(entry: dict) -> Shift:
    """A type shift from its TOML table."""
    return Shift(
        name=entry["name"],
        source=entry["from"],
        target=entry["to"],
        response=entry.get("response") or None,
        before=frozenset(entry.get("before", [])),
        sentence=frozenset(entry.get("sentence", [])),
        window=int(entry.get("window", 3)),
    )


@cache
def lexicon(rules_dir: Path = RULES_DIR) -> Lexicon:
    """Read the rule files once."""
    words = tomllib.loads((rules_dir / "lexicon.toml").read_text(encoding="utf-8"))
    triggers = tomllib.loads((rules_dir / "triggers.toml").read_text(encoding="utf-8"))
    return Lexicon(
        words={k: frozenset(v) for k, v in {**words["words"], **words["roles"]}.items()},
        roles={k: frozenset(v) for k, v in words["roles"].items()},
        aid_types={k: frozenset(v) for k, v in words["aid_types"].items()},
        rules=tuple(_rule(e) for e in triggers["rule"]),
        shifts=tuple(_shift(e) for e in triggers.get("shift", [])),
        schemes={k: tuple(v["recipient"]) for k, v in triggers["scheme"].items()},
        nearest=frozenset(k for k, v in triggers["scheme"].items() if v.get("nearest")),
        swapped=frozenset(k for k, v in triggers["scheme"].items() if v.get("swap")),
    )
